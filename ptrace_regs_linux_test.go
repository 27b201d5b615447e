//go:build linux

package linux

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// TestPtraceRegsSize: the kernel writes exactly sizeof(PtraceRegs) bytes of the
// general-purpose registers of a traced child (PTRACE_GETREGSET with NT_PRSTATUS reports
// the size it wrote), which says that PtraceRegs is this arch's register set.
func TestPtraceRegsSize(t *testing.T) {
	if qemuUser() {
		t.Skip("qemu-user does not implement ptrace")
	}
	runtime.LockOSThread() // the tracer is the thread that started the child
	defer runtime.UnlockOSThread()
	// The test binary itself, not /bin/true: the tracee must be of this arch (a 386 test
	// binary on an x86-64 kernel would trace a 64-bit /bin/true's registers).
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	if err := cmd.Start(); err != nil {
		t.Skipf("starting a traced child: %v", err)
	}
	pid := cmd.Process.Pid
	defer func() {
		raw.RawSyscall6(SYS_PTRACE, uintptr(PTRACE_KILL), uintptr(pid), 0, 0, 0, 0)
		cmd.Wait()
	}()
	var ws syscall.WaitStatus
	if _, err := syscall.Wait4(pid, &ws, 0, nil); err != nil || !ws.Stopped() {
		t.Fatalf("the child did not stop at exec: %v %v", ws, err)
	}
	var regs [2]PtraceRegs // room for a register set larger than ours: the kernel says how much it wrote
	iov := Iovec{Base: (*byte)(unsafe.Pointer(&regs[0]))}
	*(*uintptr)(unsafe.Pointer(&iov.Len)) = unsafe.Sizeof(regs) // a size_t on every arch
	if _, _, errno := raw.RawSyscall6(SYS_PTRACE, uintptr(PTRACE_GETREGSET), uintptr(pid), NT_PRSTATUS, uintptr(unsafe.Pointer(&iov)), 0, 0); errno != 0 {
		t.Fatalf("PTRACE_GETREGSET NT_PRSTATUS: %v", errno)
	}
	if uintptr(iov.Len) != unsafe.Sizeof(regs[0]) {
		t.Errorf("the kernel wrote %d bytes of registers, PtraceRegs is %d", iov.Len, unsafe.Sizeof(regs[0]))
	}
	checkPtraceRegs(t, pid, &regs[0])
}
