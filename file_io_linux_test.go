//go:build linux

package linux

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestOpenReadWriteClose(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data")
	fd, err := Openat(AT_FDCWD, path, O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0o600)
	must(t, "openat O_CREAT", err)
	n, err := Write(fd, []byte("hello, kernel"))
	if err != nil || n != 13 {
		t.Fatalf("write: %d, %v", n, err)
	}
	buf := make([]byte, 5)
	if n, err := Pread64(fd, buf, 7); err != nil || n != 5 || string(buf) != "kerne" {
		t.Fatalf("pread64 at 7: %d %q %v", n, buf[:n], err)
	}
	if off, err := Seek(fd, 0, SEEK_CUR); err != nil || off != 13 {
		t.Fatalf("pread64 moved the offset: %d, %v", off, err)
	}
	if _, err := Openat(AT_FDCWD, path, O_RDWR|O_CREAT|O_EXCL, 0o600); err == nil {
		t.Fatal("O_EXCL on an existing file succeeded")
	} else {
		wantErrno(t, "openat O_EXCL", err, EEXIST)
	}
	if off, err := Seek(fd, 0, SEEK_SET); err != nil || off != 0 {
		t.Fatalf("seek: %d %v", off, err)
	}
	all := make([]byte, 64)
	if n, err := Read(fd, all); err != nil || string(all[:n]) != "hello, kernel" {
		t.Fatalf("read: %q %v", all[:n], err)
	}
	if n, err := Read(fd, all); err != nil || n != 0 {
		t.Fatalf("read at EOF: %d %v", n, err)
	}
	// The bytes are really in the file.
	if b, _ := os.ReadFile(path); string(b) != "hello, kernel" {
		t.Fatalf("file holds %q", b)
	}
	must(t, "close", Close(fd))
	wantErrno(t, "close twice", Close(fd), EBADF)
	_, err = Read(fd, all)
	wantErrno(t, "read of a closed fd", err, EBADF)
}

func TestOpenENOENTAndBadPath(t *testing.T) {
	_, err := Openat(AT_FDCWD, "/nonexistent/rawlinux", O_RDONLY, 0)
	wantErrno(t, "openat missing", err, ENOENT)
	// A NUL inside the path is refused before the kernel would see a shorter path.
	p := tempFile(t, "x")
	_, err = Openat(AT_FDCWD, p+"\x00ignored", O_RDONLY, 0)
	wantErrno(t, "openat with NUL", err, EINVAL)
	_, err = Openat(AT_FDCWD, strings.Repeat("a/", 3000)+"x", O_RDONLY, 0)
	wantErrno(t, "openat with a 6000-byte path", err, ENAMETOOLONG)
}

func TestPathLengths(t *testing.T) {
	// Paths of every length around the stack buffer's size reach the kernel whole.
	dir := t.TempDir()
	dfd := openDir(t, dir)
	for _, n := range []int{1, 254, 255} {
		name := strings.Repeat("n", n)
		fd, err := Openat(dfd, name, O_WRONLY|O_CREAT|O_CLOEXEC, 0o600)
		must(t, "create name of "+itoa(n)+" bytes", err)
		Close(fd)
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("name of %d bytes: %v", n, err)
		}
	}
	// 256 bytes is above NAME_MAX: the kernel's answer, for the whole name.
	_, err := Openat(dfd, strings.Repeat("n", 256), O_WRONLY|O_CREAT, 0o600)
	wantErrno(t, "create a 256-byte name", err, ENAMETOOLONG)
	// Long paths (above the stack buffer) through nested directories.
	deep := dir
	for len(deep) < 4000 {
		deep = filepath.Join(deep, strings.Repeat("d", 200))
		must(t, "mkdir", Mkdirat(AT_FDCWD, deep, 0o700))
	}
	fd, err := Openat(AT_FDCWD, filepath.Join(deep, "f"), O_WRONLY|O_CREAT|O_CLOEXEC, 0o600)
	must(t, "create at a "+itoa(len(deep))+"-byte path", err)
	Close(fd)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func TestReadvWritevPreadvPwritev(t *testing.T) {
	fd, err := Openat(AT_FDCWD, filepath.Join(t.TempDir(), "v"), O_RDWR|O_CREAT|O_CLOEXEC, 0o600)
	fd = mustFD(t, "create", fd, err)
	a, b := []byte("abc"), []byte("defgh")
	iov := []Iovec{{Base: &a[0]}, {Base: &b[0]}}
	iov[0].SetLen(len(a))
	iov[1].SetLen(len(b))
	if n, err := Writev(fd, iov); err != nil || n != 8 {
		t.Fatalf("writev: %d %v", n, err)
	}
	if n, err := Pwritev(fd, iov[:1], 100); err != nil || n != 3 {
		t.Fatalf("pwritev: %d %v", n, err)
	}
	x, y := make([]byte, 2), make([]byte, 6)
	riov := []Iovec{{Base: &x[0]}, {Base: &y[0]}}
	riov[0].SetLen(2)
	riov[1].SetLen(6)
	if n, err := Preadv(fd, riov, 0); err != nil || n != 8 || string(x)+string(y) != "abcdefgh" {
		t.Fatalf("preadv: %d %q %q %v", n, x, y, err)
	}
	z := make([]byte, 3)
	ziov := []Iovec{{Base: &z[0]}}
	ziov[0].SetLen(3)
	n, err := Preadv2(fd, ziov, 100, RWF_HIPRI)
	skipUnsupported(t, "preadv2", err)
	if err != nil || n != 3 || string(z) != "abc" {
		t.Fatalf("preadv2 at 100: %d %q %v", n, z, err)
	}
	if n, err := Pwritev2(fd, iov[1:], -1, RWF_APPEND); err != nil || n != 5 {
		t.Fatalf("pwritev2 RWF_APPEND: %d %v", n, err)
	}
	if st, _ := Fstat(fd); int64(st.Size) != 108 {
		t.Fatalf("size after the append: %d, want 108", st.Size)
	}
	if _, err := Readv(fd, riov); err != nil {
		t.Fatalf("readv: %v", err)
	}
}

func TestDupFamily(t *testing.T) {
	p := tempFile(t, "0123456789")
	fd, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	d, err := Dup(fd)
	d = mustFD(t, "dup", d, err)
	// A duplicate shares the file offset.
	if _, err := Seek(fd, 4, SEEK_SET); err != nil {
		t.Fatal(err)
	}
	if off, _ := Seek(d, 0, SEEK_CUR); off != 4 {
		t.Fatalf("dup does not share the offset: %d", off)
	}
	target := d + 10
	got, err := Dup3(fd, target, O_CLOEXEC)
	mustFD(t, "dup3", got, err)
	if got != target {
		t.Fatalf("dup3 returned %d, want %d", got, target)
	}
	if fl, err := Fcntl(target, F_GETFD, 0); err != nil || fl&FD_CLOEXEC == 0 {
		t.Fatalf("dup3 O_CLOEXEC: flags %#x %v", fl, err)
	}
	_, err = Dup3(fd, fd, 0)
	wantErrno(t, "dup3 onto itself", err, EINVAL)
	if fl, err := Fcntl(d, F_GETFD, 0); err != nil || fl&FD_CLOEXEC != 0 {
		t.Fatalf("dup: flags %#x %v (dup never sets FD_CLOEXEC)", fl, err)
	}
	if _, err := Fcntl(d, F_SETFD, FD_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	if fl, _ := Fcntl(d, F_GETFD, 0); fl&FD_CLOEXEC == 0 {
		t.Fatal("F_SETFD did not set FD_CLOEXEC")
	}
	if fl, err := Fcntl(fd, F_GETFL, 0); err != nil || OpenFlags(fl)&O_ACCMODE != O_RDONLY {
		t.Fatalf("F_GETFL: %#x %v", fl, err)
	}
}

func TestCloseRange(t *testing.T) {
	p := tempFile(t, "x")
	base, err := Openat(AT_FDCWD, p, O_RDONLY, 0)
	base = mustFD(t, "open", base, err)
	var fds []FD
	for i := 0; i < 4; i++ {
		d, err := Dup(base)
		fds = append(fds, mustFD(t, "dup", d, err))
	}
	lo, hi := fds[0], fds[len(fds)-1]
	err = CloseRange(uint32(lo), uint32(hi), CLOSE_RANGE_CLOEXEC)
	skipUnsupported(t, "close_range", err)
	must(t, "close_range CLOEXEC", err)
	for _, d := range fds {
		if d < lo || d > hi {
			continue
		}
		if fl, err := Fcntl(d, F_GETFD, 0); err != nil || fl&FD_CLOEXEC == 0 {
			t.Fatalf("fd %d after CLOSE_RANGE_CLOEXEC: %#x %v", d, fl, err)
		}
	}
	if fl, _ := Fcntl(base, F_GETFD, 0); base < lo && fl&FD_CLOEXEC != 0 {
		t.Fatal("close_range touched a descriptor below the range")
	}
	must(t, "close_range", CloseRange(uint32(lo), uint32(hi), 0))
	for _, d := range fds {
		if _, err := Fcntl(d, F_GETFD, 0); err == nil {
			t.Fatalf("fd %d still open after close_range", d)
		}
	}
}

func TestFlock(t *testing.T) {
	p := tempFile(t, "lock")
	a, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	a = mustFD(t, "open a", a, err)
	b, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	b = mustFD(t, "open b", b, err)
	must(t, "flock a LOCK_EX", Flock(a, LOCK_EX|LOCK_NB))
	wantErrno(t, "flock b while a holds it", Flock(b, LOCK_SH|LOCK_NB), EWOULDBLOCK)
	must(t, "unlock a", Flock(a, LOCK_UN))
	must(t, "flock b after a unlocked", Flock(b, LOCK_SH|LOCK_NB))
	must(t, "flock a shared too", Flock(a, LOCK_SH|LOCK_NB))
}

func TestSyncCalls(t *testing.T) {
	p := tempFile(t, "sync me")
	fd, err := Openat(AT_FDCWD, p, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	must(t, "fsync", Fsync(fd))
	must(t, "fdatasync", Fdatasync(fd))
	must(t, "syncfs", Syncfs(fd))
	err = SyncFileRange(fd, 0, 7, SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER)
	skipUnsupported(t, "sync_file_range", err)
	must(t, "sync_file_range", err)
	Sync()
	wantErrno(t, "fsync of a bad fd", Fsync(-1), EBADF)
	wantErrno(t, "sync_file_range with bad flags", SyncFileRange(fd, 0, 7, 0x100), EINVAL)
}

func TestIoctlFileHelpers(t *testing.T) {
	p := tempFile(t, "0123456789")
	fd, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	if _, err := Seek(fd, 3, SEEK_SET); err != nil {
		t.Fatal(err)
	}
	if n, err := IoctlFionread(fd); err != nil || n != 7 {
		t.Fatalf("FIONREAD: %d %v, want 7", n, err)
	}
	must(t, "FIONCLEX", IoctlFionclex(fd))
	if fl, _ := Fcntl(fd, F_GETFD, 0); fl&FD_CLOEXEC != 0 {
		t.Fatal("FIONCLEX left FD_CLOEXEC")
	}
	must(t, "FIOCLEX", IoctlFioclex(fd))
	if fl, _ := Fcntl(fd, F_GETFD, 0); fl&FD_CLOEXEC == 0 {
		t.Fatal("FIOCLEX did not set FD_CLOEXEC")
	}
	bs, err := IoctlFigetbsz(fd)
	skipUnsupported(t, "FIGETBSZ", err)
	if st, _ := Fstat(fd); err != nil || bs <= 0 || int64(bs) != int64(st.Blksize) && bs != 4096 {
		t.Fatalf("FIGETBSZ: %d %v (st_blksize %d)", bs, err, st.Blksize)
	}
	if _, err := IoctlGetFlags(fd); err != nil && !qemuUser() {
		t.Fatalf("FS_IOC_GETFLAGS on ext4/tmpfs: %v", err)
	}
	// A request the file does not know.
	_, err = IoctlInt(fd, 0x1234, 0)
	wantErrno(t, "unknown ioctl", err, ENOTTY)
}

var _ = bytes.Equal
var _ = unsafe.Pointer(nil)

// TestEmptyBuffers: nil and empty buffers reach the kernel as a valid address and a zero
// length, and the kernel's answer for a zero length comes back.
func TestEmptyBuffers(t *testing.T) {
	p := tempFile(t, "x")
	fd, err := Openat(AT_FDCWD, p, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	for _, b := range [][]byte{nil, {}, make([]byte, 0, 8)} {
		if n, err := Read(fd, b); n != 0 || err != nil {
			t.Fatalf("read of %d bytes (cap %d): %d %v", len(b), cap(b), n, err)
		}
		if n, err := Write(fd, b); n != 0 || err != nil {
			t.Fatalf("write of %d bytes: %d %v", len(b), n, err)
		}
		if n, err := Pread64(fd, b, 0); n != 0 || err != nil {
			t.Fatalf("pread64 of 0 bytes: %d %v", n, err)
		}
		_, err = Readlinkat(AT_FDCWD, p, b)
		wantErrno(t, "readlinkat into an empty buffer", err, EINVAL)
		_, err = Getdents64(openDir(t, filepath.Dir(p)), b)
		if err == ENOMEM && qemuUser() {
			t.Log("getdents64 into an empty buffer: ENOMEM from qemu-user (the kernel answers EINVAL)")
		} else {
			wantErrno(t, "getdents64 into an empty buffer", err, EINVAL)
		}
		_, err = Getcwd(b)
		wantErrno(t, "getcwd into an empty buffer", err, ERANGE)
	}
	if n, err := Readv(fd, nil); n != 0 || err != nil {
		t.Fatalf("readv of no iovecs: %d %v", n, err)
	}
}

func TestFcntlLocks(t *testing.T) {
	p := tempFile(t, "record locks")
	a, err := Openat(AT_FDCWD, p, O_RDWR|O_CLOEXEC, 0)
	a = mustFD(t, "open a", a, err)
	b, err := Openat(AT_FDCWD, p, O_RDWR|O_CLOEXEC, 0)
	b = mustFD(t, "open b", b, err)
	// An OFD write lock on bytes [5, 10) of a's open file description.
	lk := Flock_t{Type: F_WRLCK, Whence: int16(SEEK_SET), Start: 5, Len: 5}
	err = FcntlFlock(a, F_OFD_SETLK, &lk)
	skipUnsupported(t, "F_OFD_SETLK", err)
	if err == EINVAL && qemuUser() {
		t.Skip("qemu-user does not translate the OFD lock commands (EINVAL)")
	}
	must(t, "F_OFD_SETLK on a", err)
	// b's description conflicts on an overlapping range, not on a disjoint one.
	try := Flock_t{Type: F_RDLCK, Whence: int16(SEEK_SET), Start: 8, Len: 1}
	wantErrno(t, "F_OFD_SETLK on b over a's lock", FcntlFlock(b, F_OFD_SETLK, &try), EAGAIN)
	q := Flock_t{Type: F_RDLCK, Whence: int16(SEEK_SET), Start: 0, Len: 100}
	must(t, "F_OFD_GETLK on b", FcntlFlock(b, F_OFD_GETLK, &q))
	if q.Type != F_WRLCK || q.Start != 5 || q.Len != 5 || q.PID != -1 {
		t.Fatalf("F_OFD_GETLK reports %+v, want a's write lock on [5,10) with pid -1", q)
	}
	free := Flock_t{Type: F_RDLCK, Whence: int16(SEEK_SET), Start: 20, Len: 1}
	must(t, "F_OFD_SETLK on b elsewhere", FcntlFlock(b, F_OFD_SETLK, &free))
	// An offset above 4 GiB goes through the 64-bit struct on 32-bit arches too.
	far := Flock_t{Type: F_WRLCK, Whence: int16(SEEK_SET), Start: 6 << 30, Len: 1}
	must(t, "F_OFD_SETLK above 4 GiB", FcntlFlock(a, F_OFD_SETLK, &far))
	probe := Flock_t{Type: F_WRLCK, Whence: int16(SEEK_SET), Start: 6<<30 - 1, Len: 4}
	must(t, "F_OFD_GETLK above 4 GiB", FcntlFlock(b, F_OFD_GETLK, &probe))
	if probe.Type != F_WRLCK || probe.Start != 6<<30 {
		t.Fatalf("the lock above 4 GiB reads back as %+v", probe)
	}
	unlock := Flock_t{Type: F_UNLCK, Whence: int16(SEEK_SET), Start: 0, Len: 0}
	must(t, "F_OFD_SETLK unlock a", FcntlFlock(a, F_OFD_SETLK, &unlock))
	must(t, "F_OFD_SETLK on b after a unlocked", FcntlFlock(b, F_OFD_SETLK, &try))
	// Process-owned locks: this process holds them through either descriptor.
	plk := Flock_t{Type: F_WRLCK, Whence: int16(SEEK_SET), Start: 0, Len: 1}
	must(t, "F_SETLK", FcntlFlock(a, F_SETLK, &plk))
	pq := Flock_t{Type: F_WRLCK, Whence: int16(SEEK_SET), Start: 0, Len: 1}
	must(t, "F_GETLK", FcntlFlock(b, F_GETLK, &pq))
	if pq.Type != F_UNLCK {
		t.Fatalf("F_GETLK sees the process's own lock as a conflict: %+v", pq)
	}
	bad := Flock_t{Type: 99}
	wantErrno(t, "F_SETLK with a bad type", FcntlFlock(a, F_SETLK, &bad), EINVAL)
}

func TestIoctlFileRequests(t *testing.T) {
	src, srcPath := newFile(t, "src")
	Write(src, bytes.Repeat([]byte("z"), 8192))
	dst, _ := newFile(t, "dst")
	// ext4 (the test directory here) shares no extents: the kernel's answer is EOPNOTSUPP;
	// a file system that does (btrfs, XFS) clones. Either way the request reached it.
	err := IoctlFileClone(dst, src)
	switch {
	case err == nil:
		if st, _ := Fstat(dst); st.Size != 8192 {
			t.Fatalf("FICLONE succeeded but dst has %d bytes", st.Size)
		}
	case err == EOPNOTSUPP || err == EXDEV || err == EINVAL:
		t.Logf("FICLONE: %v on this file system", err)
	default:
		skipUnsupported(t, "FICLONE", err)
		t.Fatalf("FICLONE: %v", err)
	}
	r := FileCloneRange{SrcFD: int64(src), SrcOffset: 0, SrcLength: 4096, DestOffset: 0}
	if err := IoctlFileCloneRange(dst, &r); err != nil && err != EOPNOTSUPP && err != EXDEV && err != EINVAL {
		t.Fatalf("FICLONERANGE: %v", err)
	}
	dests := []FileDedupe{{FD: dst, Offset: 0}}
	if err := IoctlFileDedupeRange(src, 0, 4096, dests); err == ENOTTY && qemuUser() {
		t.Log("FIDEDUPERANGE: ENOTTY from qemu-user, which does not translate it")
	} else if err != nil && err != EOPNOTSUPP && err != EINVAL {
		t.Fatalf("FIDEDUPERANGE: %v", err)
	} else if err == nil && dests[0].Status < 0 && Errno(-dests[0].Status) != EOPNOTSUPP && Errno(-dests[0].Status) != EINVAL {
		t.Fatalf("FIDEDUPERANGE status %d", dests[0].Status)
	}
	wantErrno(t, "FIDEDUPERANGE with more than 65535 destinations", IoctlFileDedupeRange(src, 0, 1, make([]FileDedupe, 1<<16)), EINVAL)
	x, err := IoctlFsGetXattr(src)
	if err == ENOTTY || err == EOPNOTSUPP || qemuUser() && err != nil {
		t.Skipf("FS_IOC_FSGETXATTR: %v", err)
	}
	must(t, "FS_IOC_FSGETXATTR", err)
	must(t, "FS_IOC_FSSETXATTR of what it read", IoctlFsSetXattr(src, &x))
	if fl, err := IoctlGetFlags(src); err == nil {
		must(t, "FS_IOC_SETFLAGS of what it read", IoctlSetFlags(src, fl))
	}
	_ = srcPath
}

func TestIoctlBlkGetSize64(t *testing.T) {
	// A loop device backed by a file of a known size (losetup from util-linux, as root).
	losetup, err := exec.LookPath("losetup")
	if err != nil || os.Geteuid() != 0 {
		t.Skipf("needs root and losetup (util-linux) to attach a loop device: %v", err)
	}
	backing := filepath.Join(t.TempDir(), "disk")
	const size = 3 << 20
	must(t, "create the backing file", os.WriteFile(backing, make([]byte, size), 0o600))
	out, err := exec.Command(losetup, "--find", "--show", backing).Output()
	if err != nil {
		t.Skipf("losetup --find --show: %v (no free loop device, or the sandbox forbids it)", err)
	}
	dev := strings.TrimSpace(string(out))
	t.Cleanup(func() { exec.Command(losetup, "-d", dev).Run() })
	fd, err := Openat(AT_FDCWD, dev, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open "+dev, fd, err)
	n, err := IoctlBlkGetSize64(fd)
	skipUnsupported(t, "BLKGETSIZE64", err)
	must(t, "BLKGETSIZE64", err)
	if n != size {
		t.Fatalf("BLKGETSIZE64 of %s backed by a %d-byte file: %d", dev, size, n)
	}
	b, _ := os.ReadFile("/sys/block/" + filepath.Base(dev) + "/size")
	if sectors, _ := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); sectors*512 != n {
		t.Fatalf("BLKGETSIZE64 %d, /sys/block says %d sectors", n, sectors)
	}
	p := tempFile(t, "x")
	f, _ := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	defer Close(f)
	_, err = IoctlBlkGetSize64(f)
	wantErrno(t, "BLKGETSIZE64 of a regular file", err, ENOTTY)
}
