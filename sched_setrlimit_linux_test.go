//go:build linux && !loong64

package linux

import "testing"

// The setrlimit row (every arch but loong64, whose table has none).
func TestSetrlimitOld(t *testing.T) {
	core, err := Getrlimit(RLIMIT_CORE)
	must(t, "getrlimit", err)
	// Lower the soft limit only: the hard one stays (raising it back would need
	// CAP_SYS_RESOURCE), as the arch's unsigned-long infinity where it is infinite.
	var lim Rlimit
	setUlong(&lim.Max, core.Max)
	if core.Max == RLIM64_INFINITY {
		setUlong(&lim.Max, RLIM_INFINITY)
	}
	err = SetrlimitOld(RLIMIT_CORE, &lim)
	skipUnsupported(t, "setrlimit", err)
	must(t, "setrlimit", err)
	if now, _ := Getrlimit(RLIMIT_CORE); now.Cur != 0 {
		t.Errorf("RLIMIT_CORE %+v after setrlimit", now)
	}
	must(t, "restore", Setrlimit(RLIMIT_CORE, &core))
}

// setUlong stores v into an unsigned long field of the arch's width.
func setUlong[T ~uint32 | ~uint64](p *T, v uint64) { *p = T(v) }
