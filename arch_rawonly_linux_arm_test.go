//go:build linux

package linux

import "testing"

func TestRawOnlyArm(t *testing.T) {
	wantErrno(t, "Breakpoint", Breakpoint(), EPERM)
	wantErrno(t, "Usr26", Usr26(), EPERM)
	wantErrno(t, "Usr32", Usr32(), EPERM)
}
