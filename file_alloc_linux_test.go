//go:build linux

package linux

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrapperAllocs measures the conversion layer's promise: paths up to 255 bytes and the
// error path (errnos below 256) allocate nothing; a longer path allocates once.
func TestWrapperAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("-race instruments allocations")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, []byte("x"), 0o644)
	missing := filepath.Join(dir, strings.Repeat("m", 255-len(dir)-1))
	if len(missing) != 255 {
		t.Fatalf("path of %d bytes", len(missing))
	}
	long := missing + "/longer"
	missing2 := missing[:254] + "y"
	buf := make([]byte, 16)
	cases := []struct {
		name string
		want float64
		fn   func()
	}{
		{"openat+close of a short path", 0, func() {
			fd, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
			if err != nil {
				panic(err)
			}
			Close(fd)
		}},
		{"openat ENOENT of a 255-byte path", 0, func() {
			if _, err := Openat(AT_FDCWD, missing, O_RDONLY, 0); err != ENOENT {
				panic(err)
			}
		}},
		{"openat of a 262-byte path", 1, func() { Openat(AT_FDCWD, long, O_RDONLY, 0) }},
		{"stat", 0, func() { Stat(p) }},
		{"statx", 0, func() { Statx(AT_FDCWD, p, 0, STATX_BASIC_STATS) }},
		{"readlinkat EINVAL", 0, func() { Readlinkat(AT_FDCWD, p, buf) }},
		{"read EBADF", 0, func() { Read(-1, buf) }},
		{"NUL in path: EINVAL", 0, func() { Openat(AT_FDCWD, "a\x00b", O_RDONLY, 0) }},
		{"renameat2 ENOENT, two 255-byte paths", 0, func() { Renameat2(AT_FDCWD, missing, AT_FDCWD, missing2, RENAME_NOREPLACE) }},
	}
	for _, c := range cases {
		if got := testing.AllocsPerRun(100, c.fn); got != c.want {
			t.Errorf("%s: %v allocations per call, want %v", c.name, got, c.want)
		}
	}
}

// FuzzCString drives the string conversion with every length and content: the kernel must
// see exactly the string, or EINVAL for one with a NUL byte.
func FuzzCString(f *testing.F) {
	for _, n := range []int{0, 1, 254, 255, 256, 4095, 4096, 5000} {
		f.Add(strings.Repeat("p", n))
	}
	f.Add("a\x00b")
	f.Add("\x00")
	f.Fuzz(func(t *testing.T, s string) {
		var b cbuf
		p, err := cstring(s, &b)
		if strings.IndexByte(s, 0) >= 0 {
			if err != EINVAL || p != nil {
				t.Fatalf("string with NUL: %v %v", p, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got := unsafeCString(p, len(s)+1)
		if got != s+"\x00" {
			t.Fatalf("cstring(%q) = %q", s, got)
		}
		if len(s) < cbufLen != (p == unsafePtr(&b[0])) {
			t.Fatalf("len %d: in the stack buffer = %v", len(s), p == unsafePtr(&b[0]))
		}
		// The kernel's view: faccessat with the string as a path. It must not answer
		// EFAULT (a bad pointer) and a path that long must be ENAMETOOLONG.
		err = Faccessat(AT_FDCWD, s, F_OK)
		if err == EFAULT {
			t.Fatalf("faccessat(%q): EFAULT", s)
		}
		if len(s) >= 4096 && err != ENAMETOOLONG {
			t.Fatalf("faccessat of %d bytes: %v", len(s), err)
		}
	})
}

// TestChroot changes root in a child process (chroot changes the whole process's root):
// the child re-runs this test binary with RAWLINUX_TEST_CHROOT set.
func TestChroot(t *testing.T) {
	if dir := os.Getenv("RAWLINUX_TEST_CHROOT"); dir != "" {
		if err := Chroot(dir); err != nil {
			os.Stdout.WriteString("chroot: " + err.Error() + "\n")
			os.Exit(3)
		}
		if _, err := Stat("/inside"); err != nil {
			os.Stdout.WriteString("stat /inside after chroot: " + err.Error() + "\n")
			os.Exit(4)
		}
		os.Exit(0)
	}
	if os.Geteuid() != 0 {
		t.Skip("chroot needs CAP_SYS_CHROOT: not root")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "inside"), nil, 0o644)
	// Under qemu-user the child is the emulator running this binary (no binfmt_misc here).
	cmd := exec.Command(os.Args[0], "-test.run=^TestChroot$")
	if q := os.Getenv("RAWLINUX_QEMU"); q != "" {
		cmd = exec.Command(q, os.Args[0], "-test.run=^TestChroot$")
	} else if qemuUser() {
		t.Skip("under qemu-user without RAWLINUX_QEMU (the emulator's path, set by test.sh) this binary cannot re-run itself")
	}
	cmd.Env = append(os.Environ(), "RAWLINUX_TEST_CHROOT="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	wantErrno(t, "chroot of a missing directory", Chroot(filepath.Join(dir, "missing")), ENOENT)
}
