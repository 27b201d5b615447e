//go:build linux && !amd64

package linux

import "testing"

// checkPtraceRegs has nothing arch-specific to check off amd64 (the other arches run under
// qemu-user here, which has no ptrace).
func checkPtraceRegs(t *testing.T, pid int, r *PtraceRegs) {}
