//go:build linux

package linux

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestStatFamilyAgrees(t *testing.T) {
	p := tempFile(t, "twelve bytes")
	var want syscall.Stat_t
	must(t, "syscall.Stat", syscall.Stat(p, &want))
	st, err := Stat(p)
	must(t, "Stat", err)
	fd, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	fst, err := Fstat(fd)
	must(t, "Fstat", err)
	lst, err := Lstat(p)
	must(t, "Lstat", err)
	at, err := Fstatat(AT_FDCWD, p, 0)
	must(t, "Fstatat", err)
	empty, err := Fstatat(fd, "", AT_EMPTY_PATH)
	must(t, "Fstatat AT_EMPTY_PATH", err)
	for name, s := range map[string]Stat_t{"Stat": st, "Fstat": fst, "Lstat": lst, "Fstatat": at, "Fstatat(fd, \"\")": empty} {
		if uint64(s.Ino) != uint64(want.Ino) || int64(s.Size) != 12 || uint32(s.Mode) != uint32(want.Mode) ||
			uint64(s.Nlink) != uint64(want.Nlink) || uint32(s.UID) != want.Uid || uint64(s.Dev) != uint64(want.Dev) {
			t.Errorf("%s: ino %d size %d mode %o nlink %d uid %d dev %d; syscall.Stat says ino %d size %d mode %o nlink %d uid %d dev %d",
				name, s.Ino, s.Size, s.Mode, s.Nlink, s.UID, s.Dev, want.Ino, want.Size, want.Mode, want.Nlink, want.Uid, want.Dev)
		}
	}
	stx, err := Statx(AT_FDCWD, p, 0, STATX_BASIC_STATS|STATX_BTIME)
	skipUnsupported(t, "statx", err)
	must(t, "Statx", err)
	if StatxMask(stx.Mask)&STATX_BASIC_STATS != STATX_BASIC_STATS {
		t.Fatalf("statx mask %#x lacks the basic stats", stx.Mask)
	}
	if uint64(stx.Ino) != uint64(st.Ino) || int64(stx.Size) != int64(st.Size) || uint32(stx.Mode) != uint32(st.Mode)&0xffff ||
		uint64(stx.Nlink) != uint64(st.Nlink) || uint32(stx.UID) != uint32(st.UID) || uint32(stx.GID) != uint32(st.GID) ||
		uint64(stx.Blocks) != uint64(st.Blocks) || uint64(stx.Blksize) != uint64(st.Blksize) ||
		int64(stx.Mtime.Sec) != int64(st.Mtime) || statNsecKept(t) && uint64(stx.Mtime.Nsec) != uint64(st.MtimeNsec) {
		t.Errorf("statx and stat disagree:\nstatx %+v\nstat  %+v", stx, st)
	}
	_, err = Stat(filepath.Join(p, "below-a-file"))
	wantErrno(t, "stat below a file", err, ENOTDIR)
}

func TestLinksAndNames(t *testing.T) {
	dir := t.TempDir()
	dfd := openDir(t, dir)
	fd, err := Openat(dfd, "a", O_WRONLY|O_CREAT|O_CLOEXEC, 0o644)
	must(t, "create a", err)
	Write(fd, []byte("AAAA"))
	Close(fd)
	fd, err = Openat(dfd, "b", O_WRONLY|O_CREAT|O_CLOEXEC, 0o644)
	must(t, "create b", err)
	Write(fd, []byte("BB"))
	Close(fd)
	read := func(name string) string { b, _ := os.ReadFile(filepath.Join(dir, name)); return string(b) }

	err = Renameat2(dfd, "a", dfd, "b", RENAME_NOREPLACE)
	skipUnsupported(t, "renameat2", err)
	wantErrno(t, "renameat2 RENAME_NOREPLACE onto b", err, EEXIST)
	must(t, "renameat2 RENAME_EXCHANGE", Renameat2(dfd, "a", dfd, "b", RENAME_EXCHANGE))
	if read("a") != "BB" || read("b") != "AAAA" {
		t.Fatalf("after RENAME_EXCHANGE a=%q b=%q", read("a"), read("b"))
	}
	must(t, "linkat", Linkat(dfd, "a", dfd, "hard", 0))
	if st, _ := Fstatat(dfd, "a", 0); st.Nlink != 2 {
		t.Fatalf("nlink after linkat: %d", st.Nlink)
	}
	must(t, "symlinkat", Symlinkat("b", dfd, "sym"))
	buf := make([]byte, 16)
	if n, err := Readlinkat(dfd, "sym", buf); err != nil || string(buf[:n]) != "b" {
		t.Fatalf("readlinkat: %q %v", buf[:n], err)
	}
	if s, err := ReadlinkatString(dfd, "sym"); err != nil || s != "b" {
		t.Fatalf("ReadlinkatString: %q %v", s, err)
	}
	long := filepath.Join(dir, string(make([]byte, 0))) + "/" + string(slices.Repeat([]byte("t"), 300))
	must(t, "symlink to a 300+-byte target", Symlinkat(long, dfd, "longsym"))
	if s, err := ReadlinkatString(dfd, "longsym"); err != nil || s != long {
		t.Fatalf("ReadlinkatString of a long target: %d bytes %v", len(s), err)
	}
	if lst, _ := Fstatat(dfd, "sym", AT_SYMLINK_NOFOLLOW); lst.Mode&S_IFMT != S_IFLNK {
		t.Fatalf("AT_SYMLINK_NOFOLLOW mode %o", lst.Mode)
	}
	must(t, "mkdirat", Mkdirat(dfd, "sub", 0o750))
	if st, _ := Fstatat(dfd, "sub", 0); st.Mode&S_IFMT != S_IFDIR {
		t.Fatal("mkdirat made no directory")
	}
	wantErrno(t, "unlinkat of a directory without AT_REMOVEDIR", Unlinkat(dfd, "sub", 0), EISDIR)
	must(t, "unlinkat AT_REMOVEDIR", Unlinkat(dfd, "sub", AT_REMOVEDIR))
	must(t, "renameat", Renameat(dfd, "hard", dfd, "renamed"))
	must(t, "unlinkat", Unlinkat(dfd, "renamed", 0))
	if _, err := Fstatat(dfd, "renamed", 0); err == nil {
		t.Fatal("unlinkat left the name")
	}
	must(t, "mknodat S_IFIFO", Mknodat(dfd, "fifo", S_IFIFO|0o600, 0))
	if st, _ := Fstatat(dfd, "fifo", 0); st.Mode&S_IFMT != S_IFIFO {
		t.Fatalf("mknodat FIFO: mode %o", st.Mode)
	}
	if Mkdev(8, 1) != 0x801 || Major(uint64(Mkdev(259, 70000))) != 259 || Minor(uint64(Mkdev(259, 70000))) != 70000 {
		t.Fatalf("Mkdev/Major/Minor: %#x", Mkdev(259, 70000))
	}
}

func TestGetdents64(t *testing.T) {
	dir := t.TempDir()
	want := []string{".", ".."}
	for i := 0; i < 150; i++ {
		name := "entry-" + itoa(i)
		if i%7 == 0 {
			name += string(slices.Repeat([]byte("x"), i))
		}
		must(t, "create", os.WriteFile(filepath.Join(dir, name), nil, 0o600))
		want = append(want, name)
	}
	must(t, "mkdir", os.Mkdir(filepath.Join(dir, "d"), 0o700))
	want = append(want, "d")
	dfd := openDir(t, dir)
	var got []string
	types := map[string]uint8{}
	// A small buffer makes several Getdents64 calls.
	for d, err := range ReadDir(dfd, make([]byte, 512)) {
		must(t, "ReadDir", err)
		got = append(got, d.Name())
		types[d.Name()] = d.Type
		if d.Ino == 0 {
			t.Errorf("%s: inode 0", d.Name())
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("ReadDir listed %d names, want %d:\n%v\n%v", len(got), len(want), got, want)
	}
	if types["d"] != DT_DIR || types["entry-1"] != DT_REG {
		t.Errorf("d_type: d=%d entry-1=%d", types["d"], types["entry-1"])
	}
	// Decoding is bounds-checked: a truncated record is EIO, not a panic.
	buf := make([]byte, 256)
	Lseek(dfd, 0, SEEK_SET)
	n, err := Getdents64(dfd, buf)
	must(t, "getdents64", err)
	first := int(binary.NativeEndian.Uint16(buf[16:18]))
	if first < 20 || first > n {
		t.Fatalf("first record's d_reclen %d (of %d bytes)", first, n)
	}
	for cut := 1; cut < first; cut++ {
		var last error
		for _, err := range Dirents(buf[:cut]) {
			last = err
		}
		if last != EIO {
			t.Fatalf("a record cut to %d of its %d bytes: %v, want EIO", cut, first, last)
		}
	}
	count := 0
	for _, err := range Dirents(buf[:first]) {
		must(t, "one whole record", err)
		count++
	}
	if count != 1 {
		t.Fatalf("one whole record decoded as %d", count)
	}
	_, err = Getdents64(-1, buf)
	wantErrno(t, "getdents64 of a bad fd", err, EBADF)
	p := tempFile(t, "x")
	fd, _ := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	defer Close(fd)
	_, err = Getdents64(fd, buf)
	wantErrno(t, "getdents64 of a file", err, ENOTDIR)
	_, err = Getdents64(dfd, buf[:8])
	wantErrno(t, "getdents64 into 8 bytes", err, EINVAL)
}

func TestGetcwdChdir(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	old, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(old) })
	must(t, "chdir", Chdir(dir))
	if s, err := GetcwdString(); err != nil || s != dir {
		t.Fatalf("GetcwdString: %q %v, want %q", s, err, dir)
	}
	buf := make([]byte, len(dir)+1)
	if n, err := Getcwd(buf); err != nil || n != len(dir)+1 || string(buf[:n-1]) != dir {
		t.Fatalf("Getcwd: %d %q %v", n, buf, err)
	}
	_, err := Getcwd(buf[:len(dir)])
	wantErrno(t, "getcwd into a buffer one byte short", err, ERANGE)
	fd := openDir(t, "/")
	must(t, "fchdir", Fchdir(fd))
	if s, _ := GetcwdString(); s != "/" {
		t.Fatalf("after fchdir(/): %q", s)
	}
}

func TestPermissions(t *testing.T) {
	p := tempFile(t, "x")
	must(t, "chmod", Fchmodat(AT_FDCWD, p, 0o640))
	if st, _ := Stat(p); st.Mode&0o777 != 0o640 {
		t.Fatalf("fchmodat: %o", st.Mode)
	}
	must(t, "access F_OK", Faccessat(AT_FDCWD, p, F_OK))
	must(t, "faccessat2 R_OK|W_OK", Faccessat2(AT_FDCWD, p, R_OK|W_OK, AT_EACCESS))
	if os.Geteuid() != 0 {
		wantErrno(t, "faccessat X_OK", Faccessat(AT_FDCWD, p, X_OK), EACCES)
	}
	err := Fchmodat2(AT_FDCWD, p, 0o600, AT_SYMLINK_NOFOLLOW)
	skipUnsupported(t, "fchmodat2", err)
	must(t, "fchmodat2", err)
	if st, _ := Stat(p); st.Mode&0o777 != 0o600 {
		t.Fatalf("fchmodat2: %o", st.Mode)
	}
	old := Umask(0o077)
	if again := Umask(old); again != 0o077 {
		t.Fatalf("umask returned %o, want 077", again)
	}
	must(t, "fchownat to ourselves", Fchownat(AT_FDCWD, p, UID(os.Getuid()), GID(os.Getgid()), 0))
	if os.Getuid() == 0 {
		must(t, "chown", Chown(p, 1234, 5678))
		if st, _ := Stat(p); st.UID != 1234 || st.GID != 5678 {
			t.Fatalf("chown: %d:%d", st.UID, st.GID)
		}
		// A 32-bit id that 16-bit calls would truncate.
		must(t, "lchown", Lchown(p, 100000, 200000))
		if st, _ := Stat(p); st.UID != 100000 || st.GID != 200000 {
			t.Fatalf("lchown with ids above 65535: %d:%d", st.UID, st.GID)
		}
	}
}

func TestUtimensat(t *testing.T) {
	p := tempFile(t, "x")
	times := [2]Timespec{{Sec: 1000000000, Nsec: 123456789}, {Sec: 1500000000, Nsec: 987654321}}
	must(t, "utimensat", Utimensat(AT_FDCWD, p, &times, 0))
	st, _ := Stat(p)
	if int64(st.Atime) != 1000000000 || int64(st.Mtime) != 1500000000 || statNsecKept(t) && int64(st.MtimeNsec) != 987654321 {
		t.Fatalf("times %d.%d %d.%d", st.Atime, st.AtimeNsec, st.Mtime, st.MtimeNsec)
	}
	// UTIME_OMIT leaves one time alone; a time after 2038 needs the 64-bit time ABI.
	times = [2]Timespec{{Sec: 4102444800, Nsec: 0}, {Nsec: UTIME_OMIT}}
	must(t, "utimensat with UTIME_OMIT", Utimensat(AT_FDCWD, p, &times, 0))
	st, _ = Stat(p)
	if int64(st.Mtime) != 1500000000 {
		t.Fatalf("UTIME_OMIT changed mtime to %d", st.Mtime)
	}
	if stx, err := Statx(AT_FDCWD, p, 0, STATX_ATIME); err == nil && stx.Atime.Sec != 4102444800 {
		t.Fatalf("atime after 2038 came back as %d", stx.Atime.Sec)
	}
	// Path "" is the descriptor itself (NULL to the kernel).
	fd, _ := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	defer Close(fd)
	must(t, "utimensat(fd, \"\", nil)", Utimensat(fd, "", nil, 0))
	if st, _ := Stat(p); int64(st.Mtime) < 1600000000 {
		t.Fatalf("utimensat(fd, nil) did not set now: %d", st.Mtime)
	}
}

func TestFileHandles(t *testing.T) {
	p := tempFile(t, "handle me")
	h, mnt, err := NameToHandleAt(AT_FDCWD, p, 0)
	skipUnsupported(t, "name_to_handle_at", err)
	if err == EOPNOTSUPP {
		t.Skip("the test directory's file system exports no handles")
	}
	must(t, "name_to_handle_at", err)
	if len(h.Bytes()) == 0 || len(h.Bytes()) > MAX_HANDLE_SZ {
		t.Fatalf("handle of %d bytes", len(h.Bytes()))
	}
	// The mount id is the one /proc/self/mountinfo shows for the file's mount.
	if mi, err := os.ReadFile("/proc/self/mountinfo"); err == nil && !strings.Contains(string(mi), "\n"+strconv.FormatUint(mnt, 10)+" ") && !strings.HasPrefix(string(mi), strconv.FormatUint(mnt, 10)+" ") {
		t.Errorf("mount id %d is not in /proc/self/mountinfo", mnt)
	}
	// With AT_HANDLE_MNT_ID_UNIQUE the 64-bit id that statx reports as STATX_MNT_ID_UNIQUE.
	if _, mnt64, err := NameToHandleAt(AT_FDCWD, p, AT_HANDLE_MNT_ID_UNIQUE); err == nil {
		stx, err := Statx(AT_FDCWD, p, 0, STATX_MNT_ID_UNIQUE)
		if err == nil && StatxMask(stx.Mask)&STATX_MNT_ID_UNIQUE != 0 && stx.MntID != mnt64 {
			t.Errorf("AT_HANDLE_MNT_ID_UNIQUE gave %d, statx STATX_MNT_ID_UNIQUE %d", mnt64, stx.MntID)
		}
	}
	// Reopen the file through the handle, from any descriptor on the same mount.
	dir := openDir(t, filepath.Dir(p))
	fd, err := OpenByHandleAt(dir, h, O_RDONLY|O_CLOEXEC)
	if err == EPERM && os.Geteuid() != 0 {
		t.Skip("open_by_handle_at needs CAP_DAC_READ_SEARCH")
	}
	fd = mustFD(t, "open_by_handle_at", fd, err)
	buf := make([]byte, 32)
	if n, _ := Read(fd, buf); string(buf[:n]) != "handle me" {
		t.Fatalf("the handle opened %q", buf[:n])
	}
	// A rebuilt handle works the same; a damaged one does not.
	again := NewFileHandle(h.Type(), h.Bytes())
	fd2, err := OpenByHandleAt(dir, again, O_RDONLY|O_CLOEXEC)
	mustFD(t, "open_by_handle_at of a rebuilt handle", fd2, err)
	bad := append([]byte(nil), h.Bytes()...)
	for i := range bad {
		bad[i] ^= 0xff
	}
	if fd3, err := OpenByHandleAt(dir, NewFileHandle(h.Type(), bad), O_RDONLY|O_CLOEXEC); err == nil {
		Close(fd3)
		t.Fatal("a damaged handle opened a file")
	}
	if _, err := OpenByHandleAt(dir, NewFileHandle(h.Type(), make([]byte, MAX_HANDLE_SZ+1)), O_RDONLY); err != EINVAL {
		t.Fatalf("a handle longer than MAX_HANDLE_SZ: %v, want EINVAL", err)
	}
}
