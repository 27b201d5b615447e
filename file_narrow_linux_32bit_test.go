//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"os"
	"strings"
	"testing"
)

// The narrow rows of 32-bit arches, through their own wrappers.
func TestNarrowRows(t *testing.T) {
	p := tempFile(t, "0123456789")
	st, err := Stat(p)
	must(t, "Stat", err)
	n, err := Stat32(p)
	must(t, "Stat32", err)
	if int64(n.Size) != int64(st.Size) || uint64(n.Ino) != uint64(st.Ino)&0xffffffff || uint32(n.Mode)&0xffff != uint32(st.Mode)&0xffff {
		t.Fatalf("Stat32 %+v, Stat %+v", n, st)
	}
	fd, err := Openat(AT_FDCWD, p, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	if f, err := Fstat32(fd); err != nil || int64(f.Size) != 10 {
		t.Fatalf("Fstat32: %+v %v", f, err)
	}
	if l, err := Lstat32(p); err != nil || int64(l.Size) != 10 {
		t.Fatalf("Lstat32: %+v %v", l, err)
	}
	if fs, err := Statfs32(p); err != nil || fs.Bsize == 0 {
		t.Fatalf("Statfs32: %+v %v", fs, err)
	}
	if fs, err := Fstatfs32(fd); err != nil || fs.Bsize == 0 {
		t.Fatalf("Fstatfs32: %+v %v", fs, err)
	}
	must(t, "Ftruncate32", Ftruncate32(fd, 4))
	must(t, "Truncate32", Truncate32(p, 6))
	if st, _ := Fstat(fd); st.Size != 6 {
		t.Fatalf("after Truncate32: %d", st.Size)
	}
	if fl, err := Fcntl32(fd, F_GETFD, 0); err != nil || fl&FD_CLOEXEC == 0 {
		t.Fatalf("Fcntl32 F_GETFD: %#x %v", fl, err)
	}
	out, err := Openat(AT_FDCWD, p+".out", O_WRONLY|O_CREAT|O_CLOEXEC, 0o600)
	out = mustFD(t, "create", out, err)
	off := int32(2)
	if n, err := Sendfile32(out, fd, &off, 3); err != nil || n != 3 || off != 5 {
		t.Fatalf("Sendfile32: %d off=%d %v", n, off, err)
	}
	times := [2]OldTimespec32{{Sec: 1000000000}, {Sec: 1200000000}}
	err = UtimensatTime32(AT_FDCWD, p, &times, 0)
	skipUnsupported(t, "utimensat (time32)", err)
	must(t, "UtimensatTime32", err)
	if st, _ := Stat(p); int64(st.Mtime) != 1200000000 {
		t.Fatalf("after UtimensatTime32: mtime %d", st.Mtime)
	}
	// A size above 4 GiB does not fit the narrow struct stat: the kernel says EOVERFLOW
	// (qemu-user converts the host's stat itself and truncates instead).
	must(t, "Truncate to 5 GiB", Truncate(p, 5<<30))
	if _, err = Stat32(p); qemuUser() {
		t.Logf("Stat32 of a 5 GiB file under qemu-user: %v (qemu truncates st_size; the kernel answers EOVERFLOW)", err)
	} else {
		wantErrno(t, "Stat32 of a 5 GiB file", err, EOVERFLOW)
	}
	if os.Getuid() == 0 {
		testChown16(t, p)
	}
	testLargeFileFlags(t, p)
}

// testLargeFileFlags: Openat adds O_LARGEFILE (a 64-bit kernel's compat openat does not,
// and answers EOVERFLOW for a 5 GiB file without it), Creat makes a large file, and
// Creat32's file is one only where the kernel forces it: a 64-bit kernel does in its creat,
// compat mode included (force_o_largefile), and so does qemu's host call; a 32-bit kernel
// refuses the write past 2 GiB (EFBIG).
func testLargeFileFlags(t *testing.T, big string) {
	fd, err := Openat(AT_FDCWD, big, O_RDONLY|O_CLOEXEC, 0) // 5 GiB: EOVERFLOW without O_LARGEFILE
	fd = mustFD(t, "Openat of a 5 GiB file", fd, err)
	if fl, err := Fcntl(fd, F_GETFL, 0); err != nil || OpenFlags(fl)&O_LARGEFILE == 0 {
		t.Errorf("Openat: F_GETFL %#x %v, no O_LARGEFILE", fl, err)
	}
	for _, c := range []struct {
		name  string
		creat func(string, Mode) (FD, error)
		large bool
	}{{"Creat", Creat, true}, {"Creat32", Creat32, false}} {
		fd, err := c.creat(big+"."+c.name, 0o600)
		fd = mustFD(t, c.name, fd, err)
		_, err = Pwrite(fd, []byte("x"), 3<<30)
		switch {
		case c.large || qemuUser() || kernel64():
			must(t, c.name+": write at 3 GiB", err)
		default:
			wantErrno(t, c.name+": write at 3 GiB", err, EFBIG)
		}
	}
}

// kernel64 reports whether the kernel is a 64-bit one (this 32-bit process runs in its
// compat mode): its machine name (/proc/sys/kernel/arch) says so.
func kernel64() bool {
	b, _ := os.ReadFile("/proc/sys/kernel/arch")
	switch m := strings.TrimSpace(string(b)); {
	case m == "x86_64", m == "aarch64", strings.HasPrefix(m, "mips64"):
		return true
	}
	return false
}
