//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"os"
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
}
