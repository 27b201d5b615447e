//go:build linux && (amd64 || 386 || ppc64 || ppc64le || mips || mipsle)

package linux

import (
	"testing"
	"time"
)

// time(2) exists on amd64, 386, ppc64 and mips o32.
func TestSysTime(t *testing.T) {
	s := SysTime()
	if d := time.Now().Unix() - int64(s); d < -2 || d > 2 {
		t.Errorf("time(2) = %d, time.Now %d", s, time.Now().Unix())
	}
	vt, err := Time()
	must(t, "Time (vDSO)", err)
	if vt < int64(s) || vt > int64(s)+2 {
		t.Errorf("vDSO time %d, system call %d", vt, s)
	}
}
