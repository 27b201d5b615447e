//go:build linux

package linux

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

func TestMemfdCreateSeals(t *testing.T) {
	fd, err := MemfdCreate("rawlinux-seals", MFD_CLOEXEC|MFD_ALLOW_SEALING)
	fd = mustFD(t, "memfd_create", fd, err)
	if n, err := Write(fd, []byte("sealed data")); err != nil || n != 11 {
		t.Fatalf("write: %d %v", n, err)
	}
	if link, err := os.Readlink("/proc/self/fd/" + itoa(int(fd))); err != nil || !strings.Contains(link, "memfd:rawlinux-seals") {
		t.Errorf("/proc/self/fd link %q, %v", link, err)
	}
	_, err = Fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE)
	must(t, "F_ADD_SEALS", err)
	seals, err := Fcntl(fd, F_GET_SEALS, 0)
	if err != nil || seals != F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE {
		t.Fatalf("F_GET_SEALS: %#x %v", seals, err)
	}
	_, err = Pwrite(fd, []byte("x"), 0)
	wantErrno(t, "write to a write-sealed memfd", err, EPERM)
	wantErrno(t, "ftruncate of a shrink-sealed memfd", Ftruncate(fd, 1), EPERM)
	buf := make([]byte, 11)
	if n, err := Pread(fd, buf, 0); err != nil || string(buf[:n]) != "sealed data" {
		t.Fatalf("pread: %q %v", buf[:n], err)
	}
	// Without MFD_ALLOW_SEALING the file comes sealed against seals.
	fd2, err := MemfdCreate("rawlinux-unsealable", MFD_CLOEXEC)
	fd2 = mustFD(t, "memfd_create", fd2, err)
	_, err = Fcntl(fd2, F_ADD_SEALS, F_SEAL_WRITE)
	wantErrno(t, "F_ADD_SEALS without MFD_ALLOW_SEALING", err, EPERM)
	_, err = MemfdCreate(strings.Repeat("n", 250), MFD_CLOEXEC)
	wantErrno(t, "memfd_create with a 250-byte name", err, EINVAL)
	_, err = MemfdCreate("a\x00b", MFD_CLOEXEC)
	wantErrno(t, "memfd_create with a NUL in the name", err, EINVAL)
	_, err = MemfdCreate("x", MemfdFlags(0x1000))
	wantErrno(t, "memfd_create with an unknown flag", err, EINVAL)
}

// TestUserfaultfd serves a page fault of a goroutine (on its own locked thread) from the
// test's goroutine: UFFD_USER_MODE_ONLY, UFFDIO_API, UFFDIO_REGISTER, the fault message,
// UFFDIO_COPY.
func TestUserfaultfd(t *testing.T) {
	uffd, err := Userfaultfd(UFFD_USER_MODE_ONLY | UserfaultfdFlags(O_CLOEXEC))
	skipUnsupported(t, "userfaultfd", err)
	uffd = mustFD(t, "userfaultfd", uffd, err)
	api := UffdioApi{Api: UFFD_API}
	_, err = Ioctl(uffd, IoctlCmd(UFFDIO_API), unsafe.Pointer(&api))
	must(t, "UFFDIO_API", err)
	ps := pageSize
	b := mmapAnon(t, int(ps), PROT_READ|PROT_WRITE)
	addr := uint64(sliceAddr(b))
	reg := UffdioRegister{Range: UffdioRange{Start: addr, Len: uint64(ps)}, Mode: UFFDIO_REGISTER_MODE_MISSING}
	_, err = Ioctl(uffd, IoctlCmd(UFFDIO_REGISTER), unsafe.Pointer(&reg))
	must(t, "UFFDIO_REGISTER", err)

	got := make(chan byte, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		v := faultIn(&b[123]) // the thread waits in the kernel until the page is served
		got <- v
	}()
	var msg UffdMsg
	n, err := Read(uffd, unsafe.Slice((*byte)(unsafe.Pointer(&msg)), unsafe.Sizeof(msg)))
	if err != nil || n != int(unsafe.Sizeof(msg)) {
		t.Fatalf("read of the fault message: %d %v", n, err)
	}
	pf := msg.Arg.Pagefault()
	if msg.Event != UFFD_EVENT_PAGEFAULT || pf.Address&^uint64(ps-1) != addr {
		t.Fatalf("fault message: event %#x at %#x, want UFFD_EVENT_PAGEFAULT at %#x", msg.Event, pf.Address, addr)
	}
	src := goPages(t, 1)
	src[123] = 0xa7
	cp := UffdioCopy{Dst: addr, Src: uint64(sliceAddr(src)), Len: uint64(ps)}
	_, err = Ioctl(uffd, IoctlCmd(UFFDIO_COPY), unsafe.Pointer(&cp))
	runtime.KeepAlive(src)
	must(t, "UFFDIO_COPY", err)
	if v := <-got; v != 0xa7 || cp.Copy != int64(ps) {
		t.Fatalf("the faulting goroutine read %#x (want 0xa7); copied %d", v, cp.Copy)
	}
	_, err = Userfaultfd(UserfaultfdFlags(0x100))
	wantErrno(t, "userfaultfd with an unknown flag", err, EINVAL)
}

// faultIn reads *p in Go code (not in the runtime: a fault there would stop the whole
// runtime until it is served).
//
//go:noinline
func faultIn(p *byte) byte { return *p }

func TestProcessMrelease(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skipf("no sleep command: %v", err)
	}
	defer cmd.Wait()
	pidfd, err := pidfdOpen(PID(cmd.Process.Pid))
	if err != nil {
		cmd.Process.Kill()
	}
	skipUnsupported(t, "pidfd_open", err)
	pidfd = mustFD(t, "pidfd_open", pidfd, err)
	err = ProcessMrelease(pidfd, 0)
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, EOPNOTSUPP)) {
		cmd.Process.Kill()
		skipUnsupported(t, "process_mrelease", err)
	}
	wantErrno(t, "process_mrelease of a live process", err, EINVAL)
	wantErrno(t, "process_mrelease with flags", ProcessMrelease(pidfd, 1), EINVAL)
	must(t, "kill", cmd.Process.Kill())
	// Killed: its memory is released now, or already was (ESRCH: no mm left).
	if err := ProcessMrelease(pidfd, 0); err != nil && !errors.Is(err, ESRCH) {
		t.Fatalf("process_mrelease of a killed process: %v", err)
	}
}
