//go:build linux

package linux

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// ptrace, kcmp, process_vm_readv/writev, set_tid_address, the robust list, rseq,
// membarrier.

// TestPtraceTracemeExec: a child made with ExecArgs.Ptrace stops at its exec; the locked
// thread that created it, its tracer, steps it to a system call entry, reads it with
// PTRACE_GET_SYSCALL_INFO, and lets it finish.
func TestPtraceTracemeExec(t *testing.T) {
	onThread(t, func() error {
		pid, err := Fork(&ExecArgs{Path: "/bin/true", Ptrace: true})
		if e := unsupported("ptrace", err); e != nil {
			return e
		}
		must(t, "fork with PTRACE_TRACEME", err)
		st := waitExit(t, pid)
		if st.Exited() && qemuUser() {
			return skipError("ptrace: the child ran to its end under qemu-user (PTRACE_TRACEME is not emulated)")
		}
		if !st.Stopped() || st.StopSignal() != SIGTRAP {
			t.Fatalf("after exec: status %#x, want a SIGTRAP stop", uint32(st))
		}
		_, err = Ptrace(PTRACE_SETOPTIONS, pid, 0, uintptr(PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL))
		must(t, "PTRACE_SETOPTIONS", err)
		_, err = Ptrace(PTRACE_SYSCALL, pid, 0, 0)
		must(t, "PTRACE_SYSCALL", err)
		st = waitExit(t, pid)
		if !st.Stopped() || st.StopSignal() != SIGTRAP|0x80 {
			t.Fatalf("at a system call: status %#x, want SIGTRAP|0x80", uint32(st))
		}
		info, n, err := PtraceGetSyscallInfo(pid)
		must(t, "PTRACE_GET_SYSCALL_INFO", err)
		if info.Op != PTRACE_SYSCALL_INFO_ENTRY || info.Arch == 0 || info.InstructionPointer == 0 || n < int(unsafe.Offsetof(info.Seccomp)) {
			t.Errorf("syscall info: op %d arch %#x ip %#x size %d", info.Op, info.Arch, info.InstructionPointer, n)
		}
		if sp := uintptr(info.StackPointer); uint64(sp) == info.StackPointer {
			var word uintptr
			_, err = Ptrace(PTRACE_PEEKDATA, pid, sp, uintptr(unsafe.Pointer(&word)))
			must(t, "PTRACE_PEEKDATA at the tracee's stack pointer", err)
		} else {
			// A 32-bit test binary on a 64-bit kernel traces the host's 64-bit /bin/true.
			t.Logf("the tracee's stack pointer %#x does not fit this arch's word: no PEEKDATA", info.StackPointer)
		}
		_, err = Ptrace(PTRACE_CONT, pid, 0, 0)
		must(t, "PTRACE_CONT", err)
		wantExit(t, "traced true", waitExit(t, pid), 0)
		_, err = Ptrace(PTRACE_CONT, pid, 0, 0)
		wantErrno(t, "PTRACE_CONT of a reaped tracee", err, ESRCH)
		return nil
	})
}

// TestKcmp: duplicated descriptors are the same open file; two opens are not.
func TestKcmp(t *testing.T) {
	fd, err := Openat(AT_FDCWD, "/dev/null", O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	dup, err := Dup(fd)
	dup = mustFD(t, "dup", dup, err)
	other, err := Openat(AT_FDCWD, "/dev/null", O_RDONLY|O_CLOEXEC, 0)
	other = mustFD(t, "open again", other, err)
	self := Getpid()
	r, err := Kcmp(self, self, KCMP_FILE, uintptr(fd), uintptr(dup))
	skipUnsupported(t, "kcmp", err)
	must(t, "kcmp", err)
	if r != 0 {
		t.Errorf("kcmp of a descriptor and its dup: %d, want 0", r)
	}
	if r, _ := Kcmp(self, self, KCMP_FILE, uintptr(fd), uintptr(other)); r == 0 || r > 3 {
		t.Errorf("kcmp of two opens: %d, want 1, 2 or 3", r)
	}
	if r, _ := Kcmp(self, self, KCMP_VM, 0, 0); r != 0 {
		t.Errorf("kcmp of our own memory: %d", r)
	}
	_, err = Kcmp(self, self, KCMP_FILE, uintptr(fd), 1<<20)
	wantErrno(t, "kcmp of a closed descriptor", err, EBADF)
}

// TestProcessVmReadWrite reads and writes a buffer in a child's memory (this binary as a
// child, which reports the buffer's address and prints it back).
func TestProcessVmReadWrite(t *testing.T) {
	if childMode(t.Name()) {
		buf := []byte("the child's own bytes")
		fmt.Printf("%#x %d\n", uintptr(unsafe.Pointer(&buf[0])), len(buf))
		bufio.NewReader(os.Stdin).ReadString('\n')
		fmt.Printf("%s\n", buf)
		runtime.KeepAlive(buf)
		childExit("", 0)
	}
	cmd := selfCmd(t, t.Name())
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	must(t, "start", cmd.Start())
	defer cmd.Wait()
	defer in.Close()
	rd := bufio.NewReader(out)
	var addr uintptr
	var n int
	for {
		line, err := rd.ReadString('\n')
		must(t, "read the child's address", err)
		if _, err := fmt.Sscanf(line, "%v %d", &addr, &n); err == nil {
			break
		}
	}
	pid := PID(cmd.Process.Pid)
	local := make([]byte, n)
	got, err := ProcessVmReadv(pid, []Iovec{IovecOf(local)}, []RemoteIovec{{Base: addr, Len: uint(n)}}, 0)
	if err != nil {
		in.Write([]byte("\n"))
	}
	skipUnsupported(t, "process_vm_readv", err)
	must(t, "process_vm_readv", err)
	if got != n || string(local) != "the child's own bytes" {
		t.Fatalf("process_vm_readv: %d bytes %q", got, local)
	}
	msg := []byte("THE")
	got, err = ProcessVmWritev(pid, []Iovec{IovecOf(msg)}, []RemoteIovec{{Base: addr, Len: 3}}, 0)
	must(t, "process_vm_writev", err)
	in.Write([]byte("\n"))
	line, _ := rd.ReadString('\n')
	if got != 3 || strings.TrimSpace(line) != "THE child's own bytes" {
		t.Fatalf("after process_vm_writev the child prints %q", line)
	}
	_, err = ProcessVmReadv(pid, []Iovec{IovecOf(local)}, []RemoteIovec{{Base: addr, Len: uint(n)}}, 1)
	wantErrno(t, "process_vm_readv with flags", err, EINVAL)
}

// TestSetTidAddressRobustList: set_tid_address(nil) returns the thread id (the runtime sets
// none); a robust list registered on a locked thread reads back.
func TestSetTidAddressRobustList(t *testing.T) {
	onThread(t, func() error {
		if tid := SetTidAddress(nil); tid != Gettid() {
			t.Errorf("set_tid_address returned %d, gettid %d", tid, Gettid())
		}
		head, size, err := GetRobustList(0)
		if e := unsupported("get_robust_list", err); e != nil {
			return e
		}
		must(t, "get_robust_list", err)
		if head != 0 && !cgoEnabled {
			t.Logf("a robust list at %#x of %d bytes before any was set", head, size)
		}
		h := robustHead // reachable for good: the kernel may read it while the thread lives
		h.List.Next = &h.List
		must(t, "set_robust_list", SetRobustList(h))
		got, size, err := GetRobustList(0)
		must(t, "get_robust_list", err)
		if got != uintptr(unsafe.Pointer(h)) || size != uint(unsafe.Sizeof(*h)) {
			t.Errorf("get_robust_list: %#x %d, set %p %d", got, size, h, unsafe.Sizeof(*h))
		}
		if _, _, err := GetRobustList(1<<22 + 4321); err != ESRCH {
			t.Errorf("get_robust_list of a missing thread: %v", err)
		}
		return nil
	})
}

// robustHead is the robust list head of TestSetTidAddressRobustList: a package variable,
// never freed, as SetRobustList requires.
var robustHead = new(RobustListHead)

// cgoEnabled reports a cgo binary (the test binary is not one).
var cgoEnabled = func() bool { return cgoInUse() }()

// TestRseqRegister registers an rseq area on a locked thread: the kernel fills in the CPU
// the thread runs on; a second registration is EBUSY, unregistering with another signature
// EPERM.
func TestRseqRegister(t *testing.T) {
	onThread(t, func() error {
		a := NewRseqArea()
		if uintptr(unsafe.Pointer(a.Rseq()))%32 != 0 || a.Len() < 32 {
			t.Fatalf("area at %p of %d bytes", a.Rseq(), a.Len())
		}
		if a.CPUID() != ^uint32(0) {
			t.Errorf("cpu_id %d before registration, want RSEQ_CPU_ID_UNINITIALIZED", a.CPUID())
		}
		const sig = 0x53053053
		err := Rseq(a, 0, sig)
		if e := unsupported("rseq", err); e != nil {
			return e
		}
		if err == EINVAL && cgoEnabled {
			// A cgo binary (-race links one): glibc registered its own area on the thread,
			// and a second area is EINVAL (the same one again would be EBUSY).
			t.Log("rseq: EINVAL in a cgo binary: glibc's area is registered on this thread")
			return nil
		}
		must(t, "rseq register", err)
		var set CPUSet
		if aff, _ := SchedGetaffinity(0); true {
			set = aff
		}
		if cpu := a.CPUID(); cpu >= 1024 || !set.IsSet(int(cpu)) {
			t.Errorf("rseq cpu_id %d, not in the thread's affinity", cpu)
		}
		wantErrno(t, "a second registration", Rseq(a, 0, sig), EBUSY)
		wantErrno(t, "unregistering with another signature", Rseq(a, RSEQ_FLAG_UNREGISTER, sig+1), EPERM)
		must(t, "rseq unregister", Rseq(a, RSEQ_FLAG_UNREGISTER, sig))
		if _, ok := rseqRegistered.Load(a); ok {
			t.Error("the unregistered area is still kept")
		}
		wantErrno(t, "unregistering twice", Rseq(a, RSEQ_FLAG_UNREGISTER, sig), EINVAL)
		return nil
	})
	r, err := RseqSliceYield()
	skipUnsupported(t, "rseq_slice_yield", err)
	if !hostLacks(t, "rseq_slice_yield", err) {
		must(t, "rseq_slice_yield", err)
		if r != 0 {
			t.Errorf("rseq_slice_yield without a granted extension: %d", r)
		}
	}
}

// TestMembarrier: CMD_QUERY lists the commands, the private expedited barrier needs its
// registration first.
func TestMembarrier(t *testing.T) {
	cmds, err := Membarrier(MEMBARRIER_CMD_QUERY, 0, 0)
	skipUnsupported(t, "membarrier", err)
	must(t, "MEMBARRIER_CMD_QUERY", err)
	if cmds&int(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0 || cmds&int(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0 {
		t.Fatalf("membarrier commands %#x", cmds)
	}
	_, err = Membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0)
	must(t, "REGISTER_PRIVATE_EXPEDITED", err)
	_, err = Membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0)
	must(t, "PRIVATE_EXPEDITED", err)
	_, err = Membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 0)
	wantErrno(t, "MEMBARRIER_CMD_FLAG_CPU outside PRIVATE_EXPEDITED_RSEQ", err, EINVAL)
	_, err = Membarrier(MembarrierCmd(1<<20), 0, 0)
	wantErrno(t, "an unknown command", err, EINVAL)
}
