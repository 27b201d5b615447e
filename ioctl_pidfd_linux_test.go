//go:build linux

package linux

import (
	"errors"
	"os"
	"testing"

	"github.com/rawlinux/linux/raw"
)

// pidfdSelf opens a pidfd of this process (pidfd_open).
func pidfdSelf(t *testing.T) FD {
	t.Helper()
	fd, _, errno := raw.RawSyscall(SYS_PIDFD_OPEN, uintptr(Getpid()), 0, 0)
	if errno != 0 {
		skipUnsupported(t, "pidfd_open", errno)
		t.Fatalf("pidfd_open: %v", errno)
	}
	t.Cleanup(func() { Close(FD(fd)) })
	return FD(fd)
}

func TestPidfdGetInfo(t *testing.T) {
	pfd := pidfdSelf(t)
	info, err := IoctlPidfdGetInfo(pfd, PIDFD_INFO_PID|PIDFD_INFO_CREDS)
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, ENOTTY)) {
		t.Skipf("PIDFD_GET_INFO under qemu-user: %v (qemu does not translate it)", err)
	}
	must(t, "PIDFD_GET_INFO", err)
	if info.Mask&(PIDFD_INFO_PID|PIDFD_INFO_CREDS) != PIDFD_INFO_PID|PIDFD_INFO_CREDS {
		t.Errorf("mask %#x", info.Mask)
	}
	if int(info.PID) != os.Getpid() || int(info.Tgid) != os.Getpid() || int(info.Ppid) != os.Getppid() ||
		int(info.Ruid) != os.Getuid() || int(info.Egid) != os.Getegid() {
		t.Errorf("info %+v: pid %d ppid %d uid %d", info, os.Getpid(), os.Getppid(), os.Getuid())
	}
	// The network namespace through the pidfd is this process's.
	ns, err := IoctlPidfdGetNamespace(pfd, PIDFD_GET_NET_NAMESPACE)
	ns = mustFD(t, "PIDFD_GET_NET_NAMESPACE", ns, err)
	if typ, err := IoctlNsGetNstype(ns); err != nil || typ != CLONE_NEWNET {
		t.Errorf("PIDFD_GET_NET_NAMESPACE: a %v namespace (%v)", typ, err)
	}
	a, err := Fstat(ns)
	must(t, "fstat", err)
	b, err := Fstatat(AT_FDCWD, "/proc/self/ns/net", 0)
	must(t, "stat /proc/self/ns/net", err)
	if a.Ino != b.Ino {
		t.Errorf("PIDFD_GET_NET_NAMESPACE is inode %d, /proc/self/ns/net %d", a.Ino, b.Ino)
	}
}
