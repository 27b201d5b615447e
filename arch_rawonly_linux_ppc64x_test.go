//go:build linux && (ppc64 || ppc64le)

package linux

import "testing"

func TestRawOnlyPowerpc(t *testing.T) {
	wantErrno(t, "Swapcontext", Swapcontext(), ENOSYS)
	wantErrno(t, "SwitchEndian", SwitchEndian(), ENOSYS)
}
