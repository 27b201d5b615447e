//go:build linux && (386 || arm || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import "testing"

// uselib of a missing library (ENOSYS where the kernel has no CONFIG_USELIB).
func TestUselib(t *testing.T) {
	err := Uselib("/nonexistent/lib.so")
	skipUnsupported(t, "uselib", err)
	if !hostLacks(t, "uselib", err) {
		wantErrno(t, "uselib of a missing file", err, ENOENT)
	}
}
