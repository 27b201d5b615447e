//go:build linux && (ppc64 || ppc64le)

package linux

import "testing"

func TestRawOnlyPowerpc(t *testing.T) {
	wantErrno(t, "Swapcontext", Swapcontext(nil, nil, 0), EPERM)
	wantErrno(t, "SwitchEndian", SwitchEndian(), EPERM)
}
