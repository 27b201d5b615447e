//go:build linux && (amd64 || 386 || arm64 || riscv64 || s390x || mips || mipsle || mips64 || mips64le)

package linux

import "testing"

// The getrlimit row, where the table has an implemented one.
func TestGetrlimitOld(t *testing.T) {
	old, err := GetrlimitOld(RLIMIT_NOFILE)
	skipUnsupported(t, "getrlimit", err)
	must(t, "getrlimit", err)
	lim, _ := Getrlimit(RLIMIT_NOFILE)
	if uint64(old.Cur) != lim.Cur {
		t.Errorf("getrlimit %+v, prlimit64 %+v", old, lim)
	}
}
