//go:build linux

package linux

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rawlinux/linux/internal/emulation"
)

// Helpers of the wrapper tests.

// qemuUser reports whether the test runs under qemu-user (package emulation).
func qemuUser() bool { return emulation.QemuUser("") }

// skipUnsupported skips the test with the reason when err is ENOSYS (or EOPNOTSUPP,
// EINVAL where the kernel or emulator predates a flag) under qemu-user, which lacks
// some system calls; natively, where the kernel (6.18) has them all, it does nothing.
func skipUnsupported(t *testing.T, call string, err error) {
	t.Helper()
	if err == nil || !qemuUser() {
		return
	}
	if errors.Is(err, ENOSYS) || errors.Is(err, EOPNOTSUPP) {
		t.Skipf("%s: %v under qemu-user (qemu does not implement it)", call, err)
	}
}

// must fails the test on err.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// mustFD is must for calls that return a descriptor, closing it at the end of the test.
func mustFD(t *testing.T, what string, fd FD, err error) FD {
	t.Helper()
	must(t, what, err)
	t.Cleanup(func() { Close(fd) })
	return fd
}

// wantErrno fails unless err is exactly the errno want.
func wantErrno(t *testing.T, what string, err error, want Errno) {
	t.Helper()
	var e Errno
	if !errors.As(err, &e) || e != want {
		t.Fatalf("%s: got %v, want %s", what, err, want.Name())
	}
}

// tempFile creates a file with content in a new temporary directory and returns its path.
func tempFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	must(t, "write "+p, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// openDir opens directory path with O_DIRECTORY|O_RDONLY|O_CLOEXEC.
func openDir(t *testing.T, path string) FD {
	t.Helper()
	fd, err := Openat(AT_FDCWD, path, O_DIRECTORY|O_RDONLY|O_CLOEXEC, 0)
	return mustFD(t, "open "+path, fd, err)
}

// statNsecKept reports whether stat's nanosecond fields reach the test: qemu-s390x drops
// them (Go's own syscall.Stat shows 0 there too), so the tests compare seconds only.
func statNsecKept(t *testing.T) bool {
	if runtime.GOARCH == "s390x" && qemuUser() {
		t.Log("qemu-s390x does not copy stat's nanosecond fields: comparing seconds only")
		return false
	}
	return true
}
