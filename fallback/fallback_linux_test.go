package fallback

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/internal/emulation"
	"github.com/rawlinux/linux/seccomp"
	"github.com/rawlinux/linux/systab"
)

// Each fallback is proven under the conditions it exists for: a child process runs a
// scenario of calls once without a filter ("none"), once under a seccomp filter that
// makes the new calls fail with ENOSYS ("enosys") and once with EPERM ("eperm"); the
// scenario's results must be the same, the filtered children must have used the
// fallback, and must have tried the new call once only.

const (
	childVar = "RAWLINUX_FALLBACK_CHILD"
	dirVar   = "RAWLINUX_FALLBACK_DIR"
)

// result is one line of a scenario: compared across modes, or checked per mode.
type result struct {
	key, val string
	// perMode: the value differs by design (a request no fallback can serve, a field only
	// the new call has); want gives it for the new call and for the fallback.
	perMode   bool
	new, fall string
}

type scenario struct {
	name     string
	calls    []string // the new calls the filter refuses
	features []*feature
	run      func(t *scenarioT) // fills t.res
	mountNS  bool               // run in a new mount namespace (root)
	modes    []string           // extra modes (besides none, enosys, eperm)
}

type scenarioT struct {
	dir string
	res []result
}

func (s *scenarioT) add(key string, format string, args ...any) {
	s.res = append(s.res, result{key: key, val: fmt.Sprintf(format, args...)})
}

func (s *scenarioT) err(key string, err error) { s.add(key, "%s", errString(err)) }

// differs records a result that depends on whether the new call was used.
func (s *scenarioT) differs(key, got, whenNew, whenFallback string) {
	s.res = append(s.res, result{key: key, val: got, perMode: true, new: whenNew, fall: whenFallback})
}

func errString(err error) string {
	if err == nil {
		return "ok"
	}
	if errors.Is(err, ErrNotAvailable) {
		return "not available"
	}
	var e linux.Errno
	if errors.As(err, &e) {
		return e.Name()
	}
	return err.Error()
}

func (s *scenarioT) path(name string) string { return filepath.Join(s.dir, name) }

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func write(path, content string, mode os.FileMode) {
	must(os.WriteFile(path, []byte(content), mode))
	must(os.Chmod(path, mode))
}

func fdFlags(fd linux.FD) string {
	fdf, err := linux.Fcntl(fd, linux.F_GETFD, 0)
	if err != nil {
		return errString(err)
	}
	fl, _ := linux.Fcntl(fd, linux.F_GETFL, 0)
	return fmt.Sprintf("cloexec=%v nonblock=%v", fdf&linux.FD_CLOEXEC != 0, linux.OpenFlags(fl)&linux.O_NONBLOCK != 0)
}

var scenarios = []scenario{
	{name: "openat2", calls: []string{"openat2"}, features: []*feature{featOpenat2}, run: func(s *scenarioT) {
		write(s.path("f"), "hello", 0o644)
		fd, err := Openat2(linux.AT_FDCWD, s.path("f"), &linux.OpenHow{Flags: uint64(linux.O_RDONLY | linux.O_CLOEXEC)})
		s.err("open", err)
		if err == nil {
			b := make([]byte, 16)
			n, _ := linux.Read(fd, b)
			s.add("content", "%q %s", b[:n], fdFlags(fd))
			linux.Close(fd)
		}
		_, err = Openat2(linux.AT_FDCWD, s.path("f"), &linux.OpenHow{Flags: uint64(linux.O_RDONLY), Mode: 0o644})
		s.err("mode without O_CREAT", err)
		_, err = Openat2(linux.AT_FDCWD, s.path("missing"), &linux.OpenHow{Flags: uint64(linux.O_RDONLY)})
		s.err("missing", err)
		fd, err = Openat2(linux.AT_FDCWD, s.path("g"), &linux.OpenHow{Flags: uint64(linux.O_CREAT | linux.O_WRONLY | linux.O_CLOEXEC), Mode: 0o640})
		s.err("create", err)
		if err == nil {
			st, _ := linux.Fstat(fd)
			s.add("created mode", "%o", st.Mode&0o7777)
			linux.Close(fd)
		}
		_, err = Openat2(linux.AT_FDCWD, s.path("f"), &linux.OpenHow{Flags: 1 << 40})
		s.err("flags above 32 bits", err)
		dir, _ := linux.Openat(linux.AT_FDCWD, s.dir, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
		fd, err = Openat2(dir, "f", &linux.OpenHow{Flags: uint64(linux.O_RDONLY | linux.O_CLOEXEC), Resolve: linux.RESOLVE_BENEATH})
		s.differs("RESOLVE_BENEATH", errString(err), "ok", "not available")
		if err == nil {
			linux.Close(fd)
		}
		linux.Close(dir)
	}},
	{name: "statx", calls: []string{"statx"}, features: []*feature{featStatx}, run: func(s *scenarioT) {
		write(s.path("s"), strings.Repeat("x", 5000), 0o640)
		must(os.Symlink("s", s.path("l")))
		for _, c := range []struct {
			name  string
			flags linux.AtFlags
		}{{"s", 0}, {"l", 0}, {"l", linux.AT_SYMLINK_NOFOLLOW}, {"s", linux.AT_STATX_DONT_SYNC}} {
			stx, err := Statx(linux.AT_FDCWD, s.path(c.name), c.flags, linux.STATX_BASIC_STATS|linux.STATX_BTIME)
			key := fmt.Sprintf("%s %s", c.name, c.flags)
			s.err(key, err)
			if err != nil {
				continue
			}
			s.add(key+" fields", "mask&basic=%#x mode=%o size=%d nlink=%d uid=%d gid=%d blocks=%d blksize=%d dev=%d:%d rdev=%d:%d",
				uint32(stx.Mask&linux.STATX_BASIC_STATS), stx.Mode, stx.Size, stx.Nlink, stx.UID, stx.GID, stx.Blocks, stx.Blksize,
				stx.DevMajor, stx.DevMinor, stx.RdevMajor, stx.RdevMinor)
			// The fields that differ between the children's files: against stat in the same child.
			var st syscall.Stat_t
			if c.flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
				syscall.Lstat(s.path(c.name), &st)
			} else {
				syscall.Stat(s.path(c.name), &st)
			}
			same := func(a linux.StatxTimestamp, b syscall.Timespec) bool {
				return a.Sec == int64(b.Sec) && int64(a.Nsec) == int64(b.Nsec)
			}
			s.add(key+" as stat", "ino=%v mtime=%v ctime=%v atime=%v", stx.Ino == uint64(st.Ino),
				same(stx.Mtime, st.Mtim), same(stx.Ctime, st.Ctim), same(stx.Atime, st.Atim))
			s.differs(key+" btime in mask", fmt.Sprint(stx.Mask&linux.STATX_BTIME != 0), fmt.Sprint(hasBtime(s.dir)), "false")
		}
		_, err := Statx(linux.AT_FDCWD, s.path("missing"), 0, linux.STATX_BASIC_STATS)
		s.err("missing", err)
		_, err = Statx(linux.AT_FDCWD, s.path("s"), linux.AT_STATX_SYNC_TYPE, linux.STATX_BASIC_STATS)
		s.err("both sync hints", err)
		_, err = Statx(linux.AT_FDCWD, s.path("s"), 0x1, linux.STATX_BASIC_STATS)
		s.err("unknown flag", err)
	}},
	{name: "renameat2", calls: []string{"renameat2"}, features: []*feature{featRename2}, run: func(s *scenarioT) {
		write(s.path("a"), "a", 0o644)
		write(s.path("c"), "c", 0o644)
		s.err("a to b", Renameat2(linux.AT_FDCWD, s.path("a"), linux.AT_FDCWD, s.path("b"), 0))
		_, err := os.Stat(s.path("b"))
		s.add("b exists", "%v", err == nil)
		s.err("missing", Renameat2(linux.AT_FDCWD, s.path("a"), linux.AT_FDCWD, s.path("x"), 0))
		err = Renameat2(linux.AT_FDCWD, s.path("b"), linux.AT_FDCWD, s.path("c"), linux.RENAME_NOREPLACE)
		s.differs("NOREPLACE onto c", errString(err), "EEXIST", "not available")
	}},
	{name: "faccessat2", calls: []string{"faccessat2"}, features: []*feature{featAccess2}, run: func(s *scenarioT) {
		write(s.path("rw"), "", 0o644)
		write(s.path("x"), "", 0o755)
		write(s.path("secret"), "", 0o640)
		write(s.path("none"), "", 0o000)
		must(os.Symlink("missing", s.path("dangling")))
		modes := []linux.AccessMode{linux.F_OK, linux.R_OK, linux.W_OK, linux.X_OK, linux.R_OK | linux.W_OK}
		check := func(who string) {
			for _, f := range []string{"rw", "x", "secret", "none", "dangling", "missing"} {
				for _, m := range modes {
					for _, fl := range []linux.AtFlags{0, linux.AT_EACCESS, linux.AT_SYMLINK_NOFOLLOW, linux.AT_EACCESS | linux.AT_SYMLINK_NOFOLLOW} {
						s.err(fmt.Sprintf("%s %s mode %d flags %s", who, f, m, fl), Faccessat2(linux.AT_FDCWD, s.path(f), m, fl))
					}
				}
			}
			s.err(who+" bad mode", Faccessat2(linux.AT_FDCWD, s.path("rw"), 8, 0))
			s.err(who+" bad flag", Faccessat2(linux.AT_FDCWD, s.path("rw"), 0, 1))
			fd, _ := linux.Openat(linux.AT_FDCWD, s.path("x"), linux.O_PATH|linux.O_CLOEXEC, 0)
			s.err(who+" empty path", Faccessat2(fd, "", linux.X_OK, linux.AT_EMPTY_PATH))
			linux.Close(fd)
		}
		check("root")
		// Real uid root, effective nobody: AT_EACCESS tells them apart.
		runtime.LockOSThread()
		must(syscall.Setresuid(0, 65534, 0))
		check("euid 65534")
	}},
	{name: "fchmodat2", calls: []string{"fchmodat2"}, features: []*feature{featChmod2}, run: func(s *scenarioT) {
		write(s.path("f"), "", 0o644)
		must(os.Symlink("f", s.path("l")))
		mode := func(p string) string {
			st, err := os.Lstat(p)
			if err != nil {
				return errString(err)
			}
			return fmt.Sprintf("%o", st.Mode().Perm())
		}
		s.err("chmod 600", Fchmodat2(linux.AT_FDCWD, s.path("f"), 0o600, 0))
		s.add("mode", "%s", mode(s.path("f")))
		s.err("nofollow on a file", Fchmodat2(linux.AT_FDCWD, s.path("f"), 0o640, linux.AT_SYMLINK_NOFOLLOW))
		s.add("mode 2", "%s", mode(s.path("f")))
		s.err("nofollow on a symlink", Fchmodat2(linux.AT_FDCWD, s.path("l"), 0o600, linux.AT_SYMLINK_NOFOLLOW))
		s.add("mode 3", "%s %s", mode(s.path("f")), mode(s.path("l")))
		s.err("follow a symlink", Fchmodat2(linux.AT_FDCWD, s.path("l"), 0o604, 0))
		s.add("mode 4", "%s", mode(s.path("f")))
		fd, _ := linux.Openat(linux.AT_FDCWD, s.path("f"), linux.O_RDONLY|linux.O_CLOEXEC, 0)
		s.err("empty path", Fchmodat2(fd, "", 0o611, linux.AT_EMPTY_PATH))
		linux.Close(fd)
		s.add("mode 5", "%s", mode(s.path("f")))
		s.err("missing", Fchmodat2(linux.AT_FDCWD, s.path("missing"), 0o600, linux.AT_SYMLINK_NOFOLLOW))
		s.err("bad flag", Fchmodat2(linux.AT_FDCWD, s.path("f"), 0o600, 1))
	}},
	{name: "close_range", calls: []string{"close_range"}, features: []*feature{featCloseR, featCloseRC}, modes: []string{"einval-cloexec"}, run: func(s *scenarioT) {
		p, err := Pipe2(linux.O_CLOEXEC)
		must(err)
		var fds []linux.FD
		for i := 0; i < 6; i++ {
			fd, err := linux.Fcntl(p[0], linux.F_DUPFD, 900)
			must(err)
			fds = append(fds, linux.FD(fd))
		}
		state := func() string {
			var l []string
			for _, fd := range fds {
				l = append(l, fmt.Sprintf("%d:%s", fd, fdFlags(fd)))
			}
			return strings.Join(l, " ")
		}
		s.add("fds", "%s", state())
		s.err("close 901-903", CloseRange(uint32(fds[1]), uint32(fds[3]), 0))
		s.add("after close", "%s", state())
		s.err("cloexec 904-905", CloseRange(uint32(fds[4]), uint32(fds[5]), linux.CLOSE_RANGE_CLOEXEC))
		s.add("after cloexec", "%s", state())
		s.err("first > last", CloseRange(10, 5, 0))
		s.err("bad flag", CloseRange(uint32(fds[0]), uint32(fds[0]), 1))
		s.err("close the rest", CloseRange(uint32(fds[0]), ^uint32(0), 0))
		s.add("after all", "%s", state())
	}},
	{name: "dup3", calls: []string{"dup3"}, features: []*feature{featDup3}, run: func(s *scenarioT) {
		p, err := Pipe2(0)
		must(err)
		fd, err := Dup3(p[0], 950, linux.O_CLOEXEC)
		s.add("dup3 cloexec", "%d %s %s", fd, errString(err), fdFlags(950))
		fd, err = Dup3(p[1], 950, 0)
		s.add("dup3 over it", "%d %s %s", fd, errString(err), fdFlags(950))
		_, err = Dup3(p[0], p[0], 0)
		s.err("same fd", err)
		_, err = Dup3(p[0], 951, linux.O_NONBLOCK)
		s.err("bad flag", err)
		_, err = Dup3(12345, 952, 0)
		s.err("bad fd", err)
	}},
	{name: "pipe2", calls: []string{"pipe2"}, features: []*feature{featPipe2}, run: func(s *scenarioT) {
		for _, fl := range []linux.OpenFlags{0, linux.O_CLOEXEC, linux.O_NONBLOCK, linux.O_CLOEXEC | linux.O_NONBLOCK} {
			p, err := Pipe2(fl)
			s.err("pipe2 "+fl.String(), err)
			if err != nil {
				continue
			}
			s.add("flags "+fl.String(), "%s / %s", fdFlags(p[0]), fdFlags(p[1]))
			linux.Write(p[1], []byte("ab"))
			b := make([]byte, 4)
			n, _ := linux.Read(p[0], b)
			s.add("through "+fl.String(), "%q", b[:n])
			linux.Close(p[0])
			linux.Close(p[1])
		}
		_, err := Pipe2(linux.O_DIRECT)
		s.differs("O_DIRECT", errString(err), "ok", "not available")
		_, err = Pipe2(linux.O_APPEND)
		s.err("bad flag", err)
	}},
	{name: "accept4", calls: []string{"accept4"}, features: []*feature{featAccept4}, run: func(s *scenarioT) {
		ln, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
		must(err)
		addr := &syscall.SockaddrUnix{Name: s.path("sock")}
		must(syscall.Bind(ln, addr))
		must(syscall.Listen(ln, 4))
		for _, fl := range []linux.SockType{0, linux.SOCK_CLOEXEC, linux.SOCK_NONBLOCK, linux.SOCK_CLOEXEC | linux.SOCK_NONBLOCK} {
			c, _ := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
			must(syscall.Connect(c, addr))
			fd, sa, err := Accept4(linux.FD(ln), fl)
			s.err(fmt.Sprintf("accept4 %#x", uint32(fl)), err)
			if err == nil {
				s.add(fmt.Sprintf("accepted %#x", uint32(fl)), "%s family=%d len=%d", fdFlags(fd), sa.Family(), sa.Len)
				linux.Close(fd)
			}
			syscall.Close(c)
		}
		_, _, err = Accept4(linux.FD(ln), 1)
		s.err("bad flag", err)
		f, _ := linux.Openat(linux.AT_FDCWD, s.dir, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
		_, _, err = Accept4(f, 0)
		s.err("not a socket", err)
	}},
	{name: "getrandom", calls: []string{"getrandom"}, features: []*feature{featRandom, featInsecure}, run: func(s *scenarioT) {
		for _, fl := range []linux.GrndFlags{0, linux.GRND_NONBLOCK, linux.GRND_INSECURE, linux.GRND_RANDOM | linux.GRND_NONBLOCK} {
			b := make([]byte, 64)
			n, err := Getrandom(b, fl)
			s.add(fmt.Sprintf("getrandom %#x", uint32(fl)), "%d %s nonzero=%v", n, errString(err), !bytes.Equal(b, make([]byte, 64)))
		}
		n, err := Getrandom(nil, 0)
		s.add("empty", "%d %s", n, errString(err))
		_, err = Getrandom(make([]byte, 4), 0x100)
		s.err("bad flag", err)
		_, err = Getrandom(make([]byte, 4), linux.GRND_RANDOM|linux.GRND_INSECURE)
		s.err("random and insecure", err)
	}},
	{name: "clone3", calls: []string{"clone3"}, features: []*feature{featClone3}, run: func(s *scenarioT) {
		exit42 := &linux.ExecArgs{Path: "/bin/sh", Argv: []string{"sh", "-c", "exit 42"}}
		wait := func(pid linux.PID) string {
			var ws syscall.WaitStatus
			_, err := syscall.Wait4(int(pid), &ws, 0, nil)
			return fmt.Sprintf("%s exit=%d", errString(err), ws.ExitStatus())
		}
		pid, pidfd, err := Clone3(&linux.CloneArgs{Flags: linux.CLONE_PIDFD}, exit42)
		s.err("clone3 CLONE_PIDFD", err)
		if err == nil {
			s.add("child", "%s pidfd>=0=%v pidfd %s", wait(pid), pidfd >= 0, fdFlags(pidfd))
			linux.Close(pidfd)
		}
		var stored int32 = -1
		pid, pidfd, err = Clone3(&linux.CloneArgs{Flags: linux.CLONE_PIDFD, Pidfd: uint64(uintptr(unsafe.Pointer(&stored))), ExitSignal: uint64(syscall.SIGCHLD)}, exit42)
		s.differs("clone3 pidfd stored", errString(err), "ok", "not available")
		child2 := ""
		if err == nil {
			child2 = fmt.Sprintf("%s returned=%d stored>=0=%v", wait(pid), pidfd, stored >= 0)
			linux.Close(linux.FD(stored))
		}
		s.differs("child 2", child2, "ok exit=42 returned=-1 stored>=0=true", "")
		_, _, err = Clone3(&linux.CloneArgs{}, &linux.ExecArgs{Path: s.path("missing")})
		s.err("missing program", err)
		_, _, err = Clone3(&linux.CloneArgs{Flags: linux.CloneFlags(syscall.SIGCHLD)}, exit42)
		s.err("signal in the flags", err)
		_, _, err = Clone3(&linux.CloneArgs{Flags: linux.CLONE_CLEAR_SIGHAND}, exit42)
		s.differs("CLONE_CLEAR_SIGHAND", errString(err), "ok", "not available")
	}},
	{name: "epoll_pwait2", calls: []string{"epoll_pwait2"}, features: []*feature{featPwait2}, run: func(s *scenarioT) {
		ep, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
		must(err)
		p, err := Pipe2(linux.O_CLOEXEC)
		must(err)
		must(syscall.EpollCtl(ep, syscall.EPOLL_CTL_ADD, int(p[0]), &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(p[0])}))
		ev := make([]linux.EpollEvent, 4)
		start := time.Now()
		n, err := EpollPwait2(linux.FD(ep), ev, &linux.Timespec{Nsec: 2500000}, nil)
		waited := time.Since(start)
		s.add("nothing ready", "%d %s waited>=2.5ms=%v", n, errString(err), waited >= 2500*time.Microsecond)
		linux.Write(p[1], []byte("x"))
		n, err = EpollPwait2(linux.FD(ep), ev, &linux.Timespec{}, nil)
		s.add("ready", "%d %s events=%s", n, errString(err), ev[0].Events)
		var mask linux.Sigset
		n, err = EpollPwait2(linux.FD(ep), ev, nil, &mask)
		s.add("no timeout, a mask", "%d %s", n, errString(err))
		_, err = EpollPwait2(linux.FD(ep), ev, &linux.Timespec{Nsec: 1e9}, nil)
		s.err("bad timespec", err)
		_, err = EpollPwait2(linux.FD(ep), nil, nil, nil)
		s.err("no room", err)
		_, err = EpollPwait2(p[0], ev, &linux.Timespec{}, nil)
		s.err("not an epoll", err)
	}},
	{name: "copy_file_range", calls: []string{"copy_file_range"}, features: []*feature{featCopy}, modes: []string{"enosys+sendfile"}, run: func(s *scenarioT) {
		data := bytes.Repeat([]byte("0123456789abcdef"), 20000)
		must(os.WriteFile(s.path("src"), data, 0o644))
		in, _ := linux.Openat(linux.AT_FDCWD, s.path("src"), linux.O_RDONLY|linux.O_CLOEXEC, 0)
		out, _ := linux.Openat(linux.AT_FDCWD, s.path("dst"), linux.O_RDWR|linux.O_CREAT|linux.O_CLOEXEC, 0o644)
		off := int64(10)
		n, err := CopyFileRange(in, &off, out, nil, 100000, 0)
		pos, _ := linux.Seek(out, 0, linux.SEEK_CUR)
		s.add("to the position", "%d %s off=%d pos=%d", n, errString(err), off, pos)
		offOut := int64(300000)
		n, err = CopyFileRange(in, nil, out, &offOut, 50000, 0)
		inPos, _ := linux.Seek(in, 0, linux.SEEK_CUR)
		s.add("at an offset", "%d %s offOut=%d inPos=%d", n, errString(err), offOut, inPos)
		off = int64(len(data) - 5)
		n, err = CopyFileRange(in, &off, out, nil, 100, 0)
		s.add("past the end", "%d %s off=%d", n, errString(err), off)
		b, _ := os.ReadFile(s.path("dst"))
		s.add("dst", "len=%d crc=%08x", len(b), crc32.ChecksumIEEE(b))
		_, err = CopyFileRange(in, nil, out, nil, 10, 1)
		s.err("bad flag", err)
		_, err = CopyFileRange(12345, nil, out, nil, 10, 0)
		s.err("bad fd", err)
	}},
	{name: "preadv2", calls: []string{"preadv2", "pwritev2"}, features: []*feature{featPreadv2, featPwritev2}, run: func(s *scenarioT) {
		fd, _ := linux.Openat(linux.AT_FDCWD, s.path("f"), linux.O_RDWR|linux.O_CREAT|linux.O_CLOEXEC, 0o644)
		a, b := []byte("hello "), []byte("world")
		n, err := Pwritev2(fd, []linux.Iovec{linux.IovecOf(a), linux.IovecOf(b)}, 3, 0)
		s.add("pwritev2 at 3", "%d %s", n, errString(err))
		n, err = Pwritev2(fd, []linux.Iovec{linux.IovecOf(b)}, -1, 0)
		pos, _ := linux.Seek(fd, 0, linux.SEEK_CUR)
		s.add("pwritev2 at the position", "%d %s pos=%d", n, errString(err), pos)
		x, y := make([]byte, 4), make([]byte, 20)
		n, err = Preadv2(fd, []linux.Iovec{linux.IovecOf(x), linux.IovecOf(y)}, 1, 0)
		s.add("preadv2 at 1", "%d %s %q %q", n, errString(err), x, y[:max(0, n-4)])
		linux.Seek(fd, 2, linux.SEEK_SET)
		n, err = Preadv2(fd, []linux.Iovec{linux.IovecOf(x)}, -1, 0)
		s.add("preadv2 at the position", "%d %s %q", n, errString(err), x)
		_, err = Preadv2(fd, []linux.Iovec{linux.IovecOf(x)}, 0, linux.RWF_NOWAIT)
		s.differs("RWF_NOWAIT", errString(err), "ok", "not available")
		_, err = Preadv2(12345, []linux.Iovec{linux.IovecOf(x)}, 0, 0)
		s.err("bad fd", err)
	}},
	{name: "mount", calls: []string{"fsopen", "fsconfig", "fsmount", "move_mount", "open_tree"}, features: []*feature{featMountAPI, featOpenTree}, mountNS: true, run: func(s *scenarioT) {
		must(os.Mkdir(s.path("m"), 0o755))
		err := Mount("tmpfs", "rawlinux-test", s.path("m"), linux.MOUNT_ATTR_NOSUID|linux.MOUNT_ATTR_NODEV|linux.MOUNT_ATTR_NOEXEC,
			MountOption{"size", "1m"}, MountOption{"mode", "0700"})
		s.err("tmpfs", err)
		s.add("mountinfo", "%s", mountinfo(s.path("m")))
		st, err := os.Stat(s.path("m"))
		if err == nil {
			s.add("root mode", "%o", st.Mode().Perm())
		}
		s.err("ro tmpfs", Mount("tmpfs", "", s.path("m"), linux.MOUNT_ATTR_RDONLY|linux.MOUNT_ATTR_NOATIME))
		s.add("mountinfo ro", "%s", mountinfo(s.path("m")))
		s.err("unknown fs", Mount("no-such-fs", "", s.path("m"), 0))
		s.err("missing target", Mount("tmpfs", "", s.path("missing"), 0))
		must(os.Mkdir(s.path("src"), 0o755))
		write(s.path("src/file"), "bound", 0o644)
		must(os.Mkdir(s.path("b"), 0o755))
		s.err("bind", BindMount(s.path("src"), s.path("b"), false))
		c, err := os.ReadFile(s.path("b/file"))
		s.add("through the bind", "%q %s", c, errString(err))
		s.err("bind a missing source", BindMount(s.path("nothing"), s.path("b"), true))
		err = Mount("tmpfs", "", s.path("m"), linux.MOUNT_ATTR_RDONLY, MountOption{"size", "1m,2"})
		s.differs("an option with a comma", errString(err), "EINVAL", "not available") // tmpfs refuses it; mount(2) cannot say it
	}},
}

// hasBtime reports whether the directory's file system records birth times (for what
// statx answers without a filter).
func hasBtime(dir string) bool {
	stx, err := linux.Statx(linux.AT_FDCWD, dir, 0, linux.STATX_BTIME)
	return err == nil && stx.Mask&linux.STATX_BTIME != 0
}

// mountinfo returns the options of the topmost mount at path.
func mountinfo(path string) string {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return errString(err)
	}
	last := "not mounted"
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[4] != path {
			continue
		}
		i := 6
		for i < len(f) && f[i] != "-" {
			i++
		}
		if i+3 < len(f) {
			last = fmt.Sprintf("%s %s %s %s", f[5], f[i+1], f[i+2], f[i+3])
		}
	}
	return last
}

// filterFor makes the policy of a mode: the scenario's new calls refused with ENOSYS or
// EPERM; "einval-cloexec" refuses close_range's CLOSE_RANGE_CLOEXEC with EINVAL as 5.9
// and 5.10 do; "enosys+sendfile" refuses sendfile too.
func filterFor(sc *scenario, mode string) *seccomp.Policy {
	arch := systab.Arch(runtime.GOARCH)
	enosys, _ := seccomp.ErrnoNamed(arch, "ENOSYS")
	// BadArch Allow: a program the scenario execs may use another convention (the x86-64
	// /bin/sh of a 386 test binary on an x86-64 kernel).
	p := &seccomp.Policy{Arch: arch, Default: seccomp.Allow, BadArch: seccomp.Allow, SkipUnknown: true}
	switch mode {
	case "enosys", "enosys+sendfile":
		p.AddAll(seccomp.Errno(enosys), sc.calls...)
		if mode == "enosys+sendfile" {
			p.AddAll(seccomp.Errno(enosys), "sendfile", "sendfile64")
		}
	case "eperm":
		p.AddAll(seccomp.Errno(1), sc.calls...)
	case "einval-cloexec":
		p.Add(seccomp.Errno(22), "close_range", seccomp.Arg(2).MaskedEq(uint64(linux.CLOSE_RANGE_CLOEXEC), uint64(linux.CLOSE_RANGE_CLOEXEC)))
	}
	return p
}

// childScenario runs in the child: install the mode's filter, run the scenario twice (the
// second run must not make the refused call again), print results and choices.
func childScenario(spec string) {
	name, mode, _ := strings.Cut(spec, ":")
	var sc *scenario
	for i := range scenarios {
		if scenarios[i].name == name {
			sc = &scenarios[i]
		}
	}
	syscall.Umask(0)
	if mode != "none" {
		prog, err := filterFor(sc, mode).Compile()
		if err == nil {
			_, err = prog.Install(seccomp.TSync)
		}
		if err != nil {
			fmt.Println("filter:", err)
			os.Exit(3)
		}
	}
	var outs [2][]result
	top := os.Getenv(dirVar)
	os.Chmod(filepath.Dir(top), 0o755) // for the faccessat2 scenario's other user
	os.Chmod(top, 0o755)
	for i := range outs {
		if i == 1 && sc.name == "faccessat2" {
			break // the first run dropped privileges
		}
		dir := filepath.Join(top, fmt.Sprint(i))
		must(os.MkdirAll(dir, 0o755))
		t := &scenarioT{dir: dir}
		sc.run(t)
		outs[i] = t.res
	}
	for _, r := range outs[0] {
		fmt.Printf("result\t%s\t%s\t%v\t%s\t%s\n", r.key, r.val, r.perMode, r.new, r.fall)
	}
	if sc.name != "faccessat2" && len(outs[1]) != len(outs[0]) {
		fmt.Println("second run differs")
	}
	for _, f := range sc.features {
		for _, c := range Choices() {
			if c.Call == f.name {
				fmt.Printf("choice\t%s\t%s\t%d\t%s\n", c.Call, c.Uses, c.Attempts, c.Reason)
			}
		}
	}
	os.Exit(0)
}

type childOut struct {
	results map[string]result
	order   []string
	choices map[string][2]string // uses, attempts
	raw     string
}

func runChild(t *testing.T, sc *scenario, mode string) childOut {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFallbacks$", "-test.count=1")
	cmd.Env = append(os.Environ(), childVar+"="+sc.name+":"+mode, dirVar+"="+dir, "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	if sc.mountNS {
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: child: %v\n%s", sc.name, mode, err, out)
	}
	co := childOut{results: map[string]result{}, choices: map[string][2]string{}, raw: string(out)}
	sc2 := bufio.NewScanner(bytes.NewReader(out))
	for sc2.Scan() {
		f := strings.Split(sc2.Text(), "\t")
		switch {
		case f[0] == "result" && len(f) == 6:
			co.results[f[1]] = result{key: f[1], val: f[2], perMode: f[3] == "true", new: f[4], fall: f[5]}
			co.order = append(co.order, f[1])
		case f[0] == "choice" && len(f) >= 4:
			co.choices[f[1]] = [2]string{f[2], f[3]}
		case strings.HasPrefix(f[0], "second run differs"):
			t.Errorf("%s %s: the second run differs", sc.name, mode)
		}
	}
	if len(co.results) == 0 {
		t.Fatalf("%s %s: no results\n%s", sc.name, mode, out)
	}
	return co
}

func skipNoFilters(t *testing.T) {
	t.Helper()
	if os.Getenv("RAWLINUX_QEMU") != "" || qemuArch() {
		t.Skip("qemu-user cannot install seccomp filters (they would filter the emulator's host calls: it refuses PR_SET_SECCOMP and has no seccomp(2))")
	}
	if ok, err := seccomp.ActionAvailable(seccomp.Allow); !ok || err != nil {
		t.Skipf("no seccomp filters here: %v", err)
	}
}

// qemuArch: the test runs under qemu-user (package emulation).
func qemuArch() bool { return emulation.QemuUser("") }

func TestFallbacks(t *testing.T) {
	if spec := os.Getenv(childVar); spec != "" {
		childScenario(spec)
	}
	skipNoFilters(t)
	for i := range scenarios {
		sc := &scenarios[i]
		t.Run(sc.name, func(t *testing.T) {
			if sc.mountNS && os.Geteuid() != 0 {
				t.Skip("the mount scenario needs root (a mount namespace of its own)")
			}
			if sc.name == "faccessat2" && os.Geteuid() != 0 {
				t.Skip("the faccessat2 scenario changes its effective uid: it needs root")
			}
			base := runChild(t, sc, "none")
			for _, f := range sc.features {
				if f == featCloseRC || f == featInsecure {
					continue // used, but decided by the flag's first use
				}
				if c := base.choices[f.name]; c[0] != "new" {
					t.Errorf("without a filter %s uses %q (attempts %s)\n%s", f.name, c[0], c[1], base.raw)
				}
			}
			for _, k := range base.order {
				if r := base.results[k]; r.perMode && r.val != r.new {
					t.Errorf("without a filter: %s: %s, want %s", k, r.val, r.new)
				}
			}
			for _, mode := range append([]string{"enosys", "eperm"}, sc.modes...) {
				got := runChild(t, sc, mode)
				bad := 0
				for _, k := range base.order {
					b, g := base.results[k], got.results[k]
					switch {
					case b.perMode && mode != "einval-cloexec":
						if g.val != b.fall {
							t.Errorf("%s: %s: %s, want %s", mode, k, g.val, b.fall)
						}
					case g.val != b.val:
						if bad++; bad < 8 {
							t.Errorf("%s: %s: the fallback gives %q, the new call %q", mode, k, g.val, b.val)
						}
					}
				}
				if len(got.results) != len(base.results) {
					t.Errorf("%s: %d results, %d without a filter", mode, len(got.results), len(base.results))
				}
				want := sc.features
				if mode == "einval-cloexec" {
					want = []*feature{featCloseRC}
				} else if sc.name == "close_range" || sc.name == "getrandom" {
					want = sc.features[:1]
				}
				for _, f := range want {
					c := got.choices[f.name]
					if c[0] != "fallback" || c[1] != "1" {
						t.Errorf("%s: %s uses %q after %s attempts, want the fallback after 1\n%s", mode, f.name, c[0], c[1], got.raw)
					}
				}
			}
			keys := make([]string, 0, len(base.results))
			for k := range base.results {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			t.Logf("%d results agree under ENOSYS and EPERM (%s)", len(keys), strings.Join(append([]string{"enosys", "eperm"}, sc.modes...), ", "))
		})
	}
}

// The choices without a filter, and Probe's answers, on this kernel.
func TestProbe(t *testing.T) {
	for _, c := range Probe() {
		t.Logf("%-50s %-8s %s", c.Call, c.Uses, c.Reason)
		if c.Uses == "fallback" && !qemuArch() && os.Getenv("RAWLINUX_QEMU") == "" {
			if st, err := seccomp.Status(); err == nil && st.Mode == 0 {
				t.Errorf("%s: the fallback on an unfiltered 6.x kernel: %s", c.Call, c.Reason)
			}
		}
	}
}

func TestMillisUp(t *testing.T) {
	for _, c := range []struct {
		ts   *linux.Timespec
		want int32
	}{
		{nil, -1}, {&linux.Timespec{}, 0}, {&linux.Timespec{Nsec: 1}, 1}, {&linux.Timespec{Nsec: 1000000}, 1},
		{&linux.Timespec{Nsec: 1000001}, 2}, {&linux.Timespec{Sec: 2, Nsec: 999999999}, 3000}, {&linux.Timespec{Sec: 1 << 40}, 1<<31 - 1},
	} {
		if got, err := millisUp(c.ts); err != nil || got != c.want {
			t.Errorf("%+v: %d %v, want %d", c.ts, got, err, c.want)
		}
	}
	if _, err := millisUp(&linux.Timespec{Sec: -1}); err == nil {
		t.Error("a negative timeout")
	}
}
