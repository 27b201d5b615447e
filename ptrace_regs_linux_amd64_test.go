//go:build linux

package linux

import (
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// checkPtraceRegs: at the exec stop the system call that was made is execve (orig_ax), and
// PTRACE_GETREGS fills the same registers.
func checkPtraceRegs(t *testing.T, pid int, r *PtraceRegs) {
	if r.OrigAx != SYS_EXECVE {
		t.Errorf("orig_ax %d at the exec stop, want execve's %d", r.OrigAx, SYS_EXECVE)
	}
	var g PtraceRegs
	if _, _, errno := raw.RawSyscall6(SYS_PTRACE, uintptr(PTRACE_GETREGS), uintptr(pid), 0, uintptr(unsafe.Pointer(&g)), 0, 0); errno != 0 {
		t.Fatalf("PTRACE_GETREGS: %v", errno)
	}
	if g != *r {
		t.Errorf("PTRACE_GETREGS %+v, PTRACE_GETREGSET %+v", g, *r)
	}
	t.Logf("at the exec stop: ip %#x sp %#x orig_ax %d", r.IP, r.Sp, r.OrigAx)
}
