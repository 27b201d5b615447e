//go:build linux

package linux

import "testing"

func TestRawOnlyArm(t *testing.T) {
	wantErrno(t, "Breakpoint", Breakpoint(), ENOSYS)
	wantErrno(t, "Usr26", Usr26(), ENOSYS)
	wantErrno(t, "Usr32", Usr32(), ENOSYS)
}
