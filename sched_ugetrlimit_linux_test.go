//go:build linux && (386 || arm || ppc64 || ppc64le)

package linux

import "testing"

// ugetrlimit (386, arm, ppc).
func TestUgetrlimit(t *testing.T) {
	u, err := Ugetrlimit(RLIMIT_STACK)
	skipUnsupported(t, "ugetrlimit", err)
	must(t, "ugetrlimit", err)
	lim, _ := Getrlimit(RLIMIT_STACK)
	if uint64(u.Cur) != lim.Cur && !(lim.Cur == RLIM64_INFINITY && ^u.Cur == 0) {
		t.Errorf("ugetrlimit %+v, prlimit64 %+v", u, lim)
	}
}
