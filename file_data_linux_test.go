//go:build linux

package linux

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// newFile creates an empty file for reading and writing and returns its descriptor.
func newFile(t *testing.T, name string) (FD, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	fd, err := Openat(AT_FDCWD, p, O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0o600)
	return mustFD(t, "create "+name, fd, err), p
}

func pipe(t *testing.T) (r, w FD) {
	t.Helper()
	pr, pw, err := os.Pipe()
	must(t, "pipe", err)
	t.Cleanup(func() { pr.Close(); pw.Close() })
	rfd, _ := FileFD(pr)
	wfd, _ := FileFD(pw)
	// os.Pipe's descriptors are non-blocking for the poller; these tests use them directly.
	Fcntl(rfd, F_SETFL, 0)
	Fcntl(wfd, F_SETFL, 0)
	return rfd, wfd
}

func TestCopyFileRangeSendfile(t *testing.T) {
	src, _ := newFile(t, "src")
	content := bytes.Repeat([]byte("0123456789abcdef"), 1024) // 16 KiB
	if n, err := Write(src, content); err != nil || n != len(content) {
		t.Fatal(n, err)
	}
	dst, dstPath := newFile(t, "dst")
	offIn, offOut := int64(1000), int64(0)
	n, err := CopyFileRange(src, &offIn, dst, &offOut, 5000, 0)
	skipUnsupported(t, "copy_file_range", err)
	if err != nil || n != 5000 || offIn != 6000 || offOut != 5000 {
		t.Fatalf("copy_file_range: n=%d offIn=%d offOut=%d %v", n, offIn, offOut, err)
	}
	if got, _ := os.ReadFile(dstPath); !bytes.Equal(got, content[1000:6000]) {
		t.Fatal("copy_file_range copied other bytes")
	}
	_, err = CopyFileRange(src, nil, dst, nil, 10, 1)
	wantErrno(t, "copy_file_range with flags", err, EINVAL)

	out, outPath := newFile(t, "out")
	off := int64(100)
	if n, err := Sendfile(out, src, &off, 200); err != nil || n != 200 || off != 300 {
		t.Fatalf("sendfile: %d off=%d %v", n, off, err)
	}
	if cur, _ := Seek(src, 0, SEEK_CUR); cur != int64(len(content)) {
		t.Fatalf("sendfile with an offset moved src's offset to %d", cur)
	}
	if got, _ := os.ReadFile(outPath); !bytes.Equal(got, content[100:300]) {
		t.Fatal("sendfile wrote other bytes")
	}
}

func TestSpliceTeeVmsplice(t *testing.T) {
	r1, w1 := pipe(t)
	r2, w2 := pipe(t)
	msg := []byte("through two pipes without a copy")
	iov := []Iovec{IovecOf(msg)}
	n, err := Vmsplice(w1, iov, 0)
	skipUnsupported(t, "vmsplice", err)
	if err != nil || n != len(msg) {
		t.Fatalf("vmsplice: %d %v", n, err)
	}
	n, err = Tee(r1, w2, len(msg), 0)
	skipUnsupported(t, "tee", err)
	if err != nil || n != len(msg) {
		t.Fatalf("tee: %d %v", n, err)
	}
	// tee left the data in pipe 1: splice it into a file.
	f, p := newFile(t, "spliced")
	off := int64(7)
	n, err = Splice(r1, nil, f, &off, len(msg), SPLICE_F_MOVE)
	if err != nil || n != len(msg) || off != int64(7+len(msg)) {
		t.Fatalf("splice: %d off=%d %v", n, off, err)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got[7:], msg) {
		t.Fatalf("splice wrote %q", got)
	}
	buf := make([]byte, 64)
	if n, err := Read(r2, buf); err != nil || !bytes.Equal(buf[:n], msg) {
		t.Fatalf("pipe 2 after tee: %q %v", buf[:n], err)
	}
	_, err = Splice(f, nil, f, nil, 1, 0)
	wantErrno(t, "splice between two files", err, EINVAL)
}

func TestFallocateHoles(t *testing.T) {
	fd, _ := newFile(t, "sparse")
	const size = 1 << 20
	err := Fallocate(fd, 0, 0, size)
	skipUnsupported(t, "fallocate", err)
	must(t, "fallocate", err)
	if st, _ := Fstat(fd); int64(st.Size) != size || int64(st.Blocks)*512 < size {
		t.Fatalf("after fallocate: size %d blocks %d", st.Size, st.Blocks)
	}
	Pwrite64(fd, bytes.Repeat([]byte{1}, size), 0)
	err = Fallocate(fd, FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE, 256<<10, 256<<10)
	must(t, "punch a hole", err)
	hole, err := Seek(fd, 0, SEEK_HOLE)
	skipUnsupported(t, "SEEK_HOLE", err)
	must(t, "SEEK_HOLE", err)
	if hole != 256<<10 {
		t.Fatalf("SEEK_HOLE from 0: %d, want %d", hole, 256<<10)
	}
	data, err := Seek(fd, hole, SEEK_DATA)
	if err != nil || data != 512<<10 {
		t.Fatalf("SEEK_DATA from the hole: %d %v, want %d", data, err, 512<<10)
	}
	b := make([]byte, 4)
	Pread64(fd, b, 300<<10)
	if !bytes.Equal(b, make([]byte, 4)) {
		t.Fatalf("the hole reads %v", b)
	}
	if st, _ := Fstat(fd); int64(st.Size) != size {
		t.Fatalf("KEEP_SIZE changed the size to %d", st.Size)
	}
	wantErrno(t, "fallocate with a negative length", Fallocate(fd, 0, 0, -1), EINVAL)
}

// TestOffsetsAbove4G exercises every call with a 64-bit offset or length at values above
// 2^32, on a sparse file: on 32-bit arches these are the register pairs (and 386's split
// entry points), where a swapped or dropped half would land in the wrong place.
func TestOffsetsAbove4G(t *testing.T) {
	fd, p := newFile(t, "big")
	const off = int64(5)<<32 + 12345
	if n, err := Pwrite64(fd, []byte("far away"), off); err != nil || n != 8 {
		if err == EFBIG {
			t.Skip("the file system does not take files above 4 GiB")
		}
		t.Fatalf("pwrite64 at %d: %d %v", off, n, err)
	}
	if st, err := Fstat(fd); err != nil || int64(st.Size) != off+8 {
		t.Fatalf("size %d %v, want %d", st.Size, err, off+8)
	}
	b := make([]byte, 8)
	if n, err := Pread(fd, b, off); err != nil || n != 8 || string(b) != "far away" {
		t.Fatalf("pread at %d: %q %v", off, b, err)
	}
	if cur, err := Seek(fd, off+2, SEEK_SET); err != nil || cur != off+2 {
		t.Fatalf("seek to %d: %d %v", off+2, cur, err)
	}
	if n, _ := Read(fd, b[:3]); string(b[:n]) != "r a" {
		t.Fatalf("read after the seek: %q", b[:n])
	}
	if end, _ := Seek(fd, 0, SEEK_END); end != off+8 {
		t.Fatalf("SEEK_END: %d", end)
	}
	iov := []Iovec{IovecOf(b)}
	if n, err := Preadv(fd, iov, off); err != nil || n != 8 || string(b) != "far away" {
		t.Fatalf("preadv at %d: %q %v", off, b, err)
	}
	must(t, "ftruncate", Ftruncate(fd, off+4))
	if st, _ := Fstat(fd); int64(st.Size) != off+4 {
		t.Fatalf("after ftruncate: %d", st.Size)
	}
	must(t, "truncate", Truncate(p, off+6))
	if st, _ := Stat(p); int64(st.Size) != off+6 {
		t.Fatalf("after truncate: %d", st.Size)
	}
	err := Fallocate(fd, FALLOC_FL_KEEP_SIZE, off+(1<<20), 4096)
	skipUnsupported(t, "fallocate", err)
	must(t, "fallocate above 4 GiB", err)
	if st, _ := Fstat(fd); int64(st.Size) != off+6 || st.Blocks < 8 {
		t.Fatalf("fallocate KEEP_SIZE at %d: size %d blocks %d", off+(1<<20), st.Size, st.Blocks)
	}
	// Punching at the right place proves both halves of offset and length.
	must(t, "punch above 4 GiB", Fallocate(fd, FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE, off, 2))
	Pread(fd, b[:4], off)
	if string(b[:4]) != "\x00\x00r " {
		t.Fatalf("after punching 2 bytes at %d: %q", off, b[:4])
	}
	must(t, "fadvise", Fadvise(fd, off, 1<<33, POSIX_FADV_DONTNEED))
	wantErrno(t, "fadvise with a bad advice", Fadvise(fd, off, 1<<33, 99), EINVAL)
	err = SyncFileRange(fd, off, 1<<33, SYNC_FILE_RANGE_WRITE)
	skipUnsupported(t, "sync_file_range", err)
	must(t, "sync_file_range above 4 GiB", err)
	err = Readahead(fd, off, 4096)
	skipUnsupported(t, "readahead", err)
	must(t, "readahead above 4 GiB", err)
	wantErrno(t, "sync_file_range with a negative offset", SyncFileRange(fd, -1, 1, SYNC_FILE_RANGE_WRITE), EINVAL)
}

func TestXattrs(t *testing.T) {
	p := tempFile(t, "x")
	err := Setxattr(p, "user.rawlinux", []byte("value one"), XATTR_CREATE)
	skipUnsupported(t, "setxattr", err)
	if err == EOPNOTSUPP {
		t.Skip("the test directory's file system has no user xattrs")
	}
	must(t, "setxattr", err)
	wantErrno(t, "setxattr XATTR_CREATE again", Setxattr(p, "user.rawlinux", []byte("x"), XATTR_CREATE), EEXIST)
	must(t, "setxattr second", Setxattr(p, "user.second", nil, 0))
	v, err := GetxattrBytes(p, "user.rawlinux")
	if err != nil || string(v) != "value one" {
		t.Fatalf("GetxattrBytes: %q %v", v, err)
	}
	small := make([]byte, 3)
	_, err = Getxattr(p, "user.rawlinux", small)
	wantErrno(t, "getxattr into 3 bytes", err, ERANGE)
	if n, err := Getxattr(p, "user.rawlinux", nil); err != nil || n != 9 {
		t.Fatalf("getxattr size: %d %v", n, err)
	}
	names, err := ListxattrNames(p)
	must(t, "ListxattrNames", err)
	has := func(l []string, s string) bool {
		for _, x := range l {
			if x == s {
				return true
			}
		}
		return false
	}
	if !has(names, "user.rawlinux") || !has(names, "user.second") {
		t.Fatalf("ListxattrNames: %q", names)
	}
	fd, _ := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	defer Close(fd)
	if v, err := FgetxattrBytes(fd, "user.second"); err != nil || len(v) != 0 {
		t.Fatalf("FgetxattrBytes of an empty value: %q %v", v, err)
	}
	must(t, "fremovexattr", Fremovexattr(fd, "user.second"))
	_, err = Getxattr(p, "user.second", nil)
	wantErrno(t, "getxattr after remove", err, ENODATA)
	// The *at forms (Linux 6.13).
	val := []byte("via at")
	args := XattrArgs{Value: uint64(uintptr(unsafe.Pointer(&val[0]))), Size: uint32(len(val))}
	err = Setxattrat(AT_FDCWD, p, 0, "user.at", &args)
	skipUnsupported(t, "setxattrat", err)
	must(t, "setxattrat", err)
	got := make([]byte, 16)
	args = XattrArgs{Value: uint64(uintptr(unsafe.Pointer(&got[0]))), Size: uint32(len(got))}
	if n, err := Getxattrat(AT_FDCWD, p, 0, "user.at", &args); err != nil || string(got[:n]) != "via at" {
		t.Fatalf("getxattrat: %q %v", got[:n], err)
	}
	list := make([]byte, 256)
	n, err := Listxattrat(AT_FDCWD, p, 0, list)
	if err != nil || !has(XattrNames(list[:n]), "user.at") {
		t.Fatalf("listxattrat: %q %v", list[:n], err)
	}
	must(t, "removexattrat", Removexattrat(AT_FDCWD, p, 0, "user.at"))
	if XattrNames([]byte("a\x00bc\x00\x00d")) == nil || strings.Join(XattrNames([]byte("a\x00bc\x00\x00d")), ",") != "a,bc,d" {
		t.Fatal("XattrNames")
	}
}

func TestCachestat(t *testing.T) {
	fd, _ := newFile(t, "cached")
	Write(fd, bytes.Repeat([]byte("c"), 64<<10))
	rng := CachestatRange{Off: 0, Len: 0} // 0: to the end
	cs, err := Cachestat(fd, &rng, 0)
	skipUnsupported(t, "cachestat", err)
	must(t, "cachestat", err)
	if cs.Cache == 0 || cs.Cache > 16+1 {
		t.Fatalf("cachestat of 16 pages just written: %+v", cs)
	}
	_, err = Cachestat(fd, &rng, 1)
	wantErrno(t, "cachestat with flags", err, EINVAL)
}

func TestFileAttr(t *testing.T) {
	p := tempFile(t, "x")
	attr, err := FileGetattr(AT_FDCWD, p, 0)
	skipUnsupported(t, "file_getattr", err)
	if err == EOPNOTSUPP || err == ENOTTY {
		t.Skipf("file_getattr: %v on this file system", err)
	}
	must(t, "file_getattr", err)
	attr.Projid = 0
	err = FileSetattr(AT_FDCWD, p, &attr, 0)
	if err == EOPNOTSUPP || err == ENOTTY {
		t.Skipf("file_setattr: %v on this file system", err)
	}
	must(t, "file_setattr", err)
	_, err = FileGetattr(AT_FDCWD, p+"-missing", 0)
	wantErrno(t, "file_getattr of a missing file", err, ENOENT)
}

func TestStatfs(t *testing.T) {
	dir := t.TempDir()
	st, err := Statfs(dir)
	must(t, "statfs", err)
	fd := openDir(t, dir)
	fst, err := Fstatfs(fd)
	must(t, "fstatfs", err)
	if st.Type != fst.Type || st.Bsize == 0 || st.Blocks == 0 {
		t.Fatalf("statfs %+v fstatfs %+v", st, fst)
	}
}
