package fallback

import (
	"errors"
	"os"
	"runtime"
	"strconv"

	"github.com/rawlinux/linux"
)

var (
	featOpenat2 = newFeature(&feature{name: "openat2", fallback: "openat (with how.Resolve 0)", sysno: linux.SYS_OPENAT2, legitEPERM: true})
	featStatx   = newFeature(&feature{name: "statx", fallback: "fstatat (the basic fields)", sysno: linux.SYS_STATX, legitEPERM: true})
	featRename2 = newFeature(&feature{name: "renameat2", fallback: "renameat (with flags 0)", sysno: linux.SYS_RENAMEAT2, legitEPERM: true})
	featAccess2 = newFeature(&feature{name: "faccessat2", fallback: "faccessat, and fstatat's mode bits for flags", sysno: linux.SYS_FACCESSAT2, legitEPERM: true})
	featChmod2  = newFeature(&feature{name: "fchmodat2", fallback: "fchmodat, through an O_PATH descriptor for AT_SYMLINK_NOFOLLOW", sysno: linux.SYS_FCHMODAT2, legitEPERM: true})
	featCloseR  = newFeature(&feature{name: "close_range", fallback: "close on each descriptor of /proc/self/fd", sysno: linux.SYS_CLOSE_RANGE})
	featCloseRC = newFeature(&feature{name: "close_range CLOSE_RANGE_CLOEXEC", fallback: "fcntl(F_SETFD, FD_CLOEXEC) on each descriptor", probe: probeCloseRangeCloexec})
	featDup3    = newFeature(&feature{name: "dup3", fallback: "dup2 and fcntl", probe: errProbe("dup3(-1, -1, -1)", probeDup3)})
	featPipe2   = newFeature(&feature{name: "pipe2", fallback: "pipe and fcntl", probe: errProbe("pipe2(fds, -1)", probePipe2)})
)

// dup3 checks its flags first: EINVAL where the call exists.
func probeDup3() error {
	_, err := linux.Dup3(-1, -1, -1)
	return err
}

// pipe2 checks its flags before it makes a pipe: EINVAL where the call exists.
func probePipe2() error {
	p, err := linux.Pipe2(-1)
	if err == nil {
		linux.Close(p[0])
		linux.Close(p[1])
	}
	return err
}

// close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC) touches descriptor 4294967295, which no
// process has: 0 where the flag is known (5.11), EINVAL where not.
func probeCloseRangeCloexec() (state, string) {
	var e linux.Errno
	errors.As(linux.CloseRange(^uint32(0), ^uint32(0), linux.CLOSE_RANGE_CLOEXEC), &e)
	switch e {
	case 0:
		return available, "the probe close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC) got an answer"
	case linux.EINVAL:
		return unavailable, "EINVAL to the probe close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC): the kernel does not know the flag"
	case linux.ENOSYS:
		return unavailable, "ENOSYS to the probe close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC)"
	case linux.EPERM:
		return unavailable, "EPERM from a seccomp filter to the probe close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC)"
	}
	return unknown, "close_range(~0U, ~0U, CLOSE_RANGE_CLOEXEC): " + e.Name()
}

// Openat2 is linux.Openat2, or openat where openat2 is not available. openat cannot
// resolve paths the way how.Resolve asks (RESOLVE_BENEATH, RESOLVE_IN_ROOT... cannot be
// emulated without races), so a request with Resolve flags fails then, with an error
// that wraps ErrNotAvailable. The checks openat2 makes and openat does not (a mode
// without O_CREAT or O_TMPFILE, flags above 32 bits) are made here.
func Openat2(dirfd linux.FD, path string, how *linux.OpenHow) (linux.FD, error) {
	if featOpenat2.use() {
		fd, err := linux.Openat2(dirfd, path, how)
		if !featOpenat2.refused(err) {
			if errors.Is(err, linux.EINVAL) && how.Resolve != 0 && linux.SupportsResolve(how.Resolve).State == linux.NotSupported {
				return -1, featOpenat2.notAvailableFlag("this kernel's openat2 does not know " + how.Resolve.String())
			}
			return fd, err
		}
	}
	flags := linux.OpenFlags(how.Flags)
	creates := flags&linux.O_CREAT != 0 || flags&linux.O_TMPFILE == linux.O_TMPFILE
	if how.Flags>>32 != 0 || how.Mode&^0o7777 != 0 || how.Mode != 0 && !creates {
		return -1, linux.EINVAL
	}
	if how.Resolve != 0 {
		return -1, featOpenat2.notAvailable("openat cannot resolve paths as " + how.Resolve.String() + " asks")
	}
	return linux.Openat(dirfd, path, flags, linux.Mode(how.Mode))
}

func (f *feature) notAvailableFlag(what string) error {
	return errors.Join(ErrNotAvailable, errors.New(what))
}

// Statx is linux.Statx, or fstatat where statx is not available: the result has the
// basic fields (STATX_BASIC_STATS in Mask, whatever mask asked), and leaves out what only
// statx has (STATX_BTIME, STATX_MNT_ID, the attributes, the direct-I/O and atomic-write
// limits: absent from Mask, their fields zero). AT_STATX_FORCE_SYNC and
// AT_STATX_DONT_SYNC are hints fstatat cannot take; they are dropped.
func Statx(dirfd linux.FD, path string, flags linux.AtFlags, mask linux.StatxMask) (linux.Statx_t, error) {
	if featStatx.use() {
		stx, err := linux.Statx(dirfd, path, flags, mask)
		if !featStatx.refused(err) {
			return stx, err
		}
	}
	if flags&^(linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH|linux.AT_NO_AUTOMOUNT|linux.AT_STATX_SYNC_TYPE) != 0 ||
		flags&linux.AT_STATX_SYNC_TYPE == linux.AT_STATX_SYNC_TYPE || mask&(1<<31) != 0 {
		return linux.Statx_t{}, linux.EINVAL // as statx: unknown flags, both sync hints, the reserved mask bit
	}
	st, err := linux.Fstatat(dirfd, path, flags&^linux.AT_STATX_SYNC_TYPE)
	if err != nil {
		return linux.Statx_t{}, err
	}
	return statxOf(&st), nil
}

// statxOf fills a Statx_t from a Stat_t: the fields stat has.
func statxOf(st *linux.Stat_t) linux.Statx_t {
	return linux.Statx_t{
		Mask:      linux.STATX_BASIC_STATS,
		Blksize:   uint32(st.Blksize),
		Nlink:     uint32(st.Nlink),
		UID:       uint32(st.UID),
		GID:       uint32(st.GID),
		Mode:      uint16(st.Mode),
		Ino:       uint64(st.Ino),
		Size:      uint64(st.Size),
		Blocks:    uint64(st.Blocks),
		Atime:     linux.StatxTimestamp{Sec: int64(st.Atime), Nsec: uint32(st.AtimeNsec)},
		Mtime:     linux.StatxTimestamp{Sec: int64(st.Mtime), Nsec: uint32(st.MtimeNsec)},
		Ctime:     linux.StatxTimestamp{Sec: int64(st.Ctime), Nsec: uint32(st.CtimeNsec)},
		RdevMajor: linux.Major(uint64(st.Rdev)),
		RdevMinor: linux.Minor(uint64(st.Rdev)),
		DevMajor:  linux.Major(uint64(st.Dev)),
		DevMinor:  linux.Minor(uint64(st.Dev)),
	}
}

// haveRenameat: riscv64 and loong64 were born with renameat2 alone (their linux.Renameat
// makes renameat2 with flags 0).
const haveRenameat = runtime.GOARCH != "riscv64" && runtime.GOARCH != "loong64"

// Renameat2 is linux.Renameat2, or renameat where renameat2 is not available and flags
// is 0. RENAME_NOREPLACE, RENAME_EXCHANGE and RENAME_WHITEOUT have no race-free
// emulation: with them the error wraps ErrNotAvailable.
func Renameat2(olddirfd linux.FD, oldpath string, newdirfd linux.FD, newpath string, flags linux.RenameFlags) error {
	if featRename2.use() {
		err := linux.Renameat2(olddirfd, oldpath, newdirfd, newpath, flags)
		if !featRename2.refused(err) {
			return err
		}
	}
	if flags != 0 {
		return featRename2.notAvailable("renameat cannot do " + flags.String())
	}
	if !haveRenameat {
		return featRename2.notAvailable(runtime.GOARCH + " has no renameat")
	}
	return linux.Renameat(olddirfd, oldpath, newdirfd, newpath)
}

// Faccessat2 is linux.Faccessat2, or where it is not available faccessat (which takes no
// flags: it checks the real ids and follows symbolic links) and, for AT_EACCESS or
// AT_SYMLINK_NOFOLLOW, a check of the mode bits that fstatat reports against the ids, as
// Go's os and syscall packages do: an approximation that knows the owner, the group, the
// supplementary groups and root (uid 0 may read and write anything and execute what has
// an execute bit), not ACLs, capabilities other than root's, LSMs or read-only mounts.
func Faccessat2(dirfd linux.FD, path string, mode linux.AccessMode, flags linux.AtFlags) error {
	if featAccess2.use() {
		err := linux.Faccessat2(dirfd, path, mode, flags)
		if !featAccess2.refused(err) {
			return err
		}
	}
	if flags&^(linux.AT_EACCESS|linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH) != 0 || mode&^7 != 0 {
		return linux.EINVAL
	}
	eaccess := flags&linux.AT_EACCESS != 0
	if flags&^linux.AT_EACCESS == 0 && (!eaccess || os.Getuid() == os.Geteuid() && os.Getgid() == os.Getegid()) {
		return linux.Faccessat(dirfd, path, mode) // the real ids are the effective ones
	}
	st, err := linux.Fstatat(dirfd, path, flags&(linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH))
	if err != nil {
		return err
	}
	if mode == linux.F_OK {
		return nil
	}
	uid, gid := os.Getuid(), os.Getgid()
	if eaccess {
		uid, gid = os.Geteuid(), os.Getegid()
	}
	m := uint32(st.Mode)
	if uid == 0 {
		if mode&linux.X_OK == 0 || m&0o111 != 0 {
			return nil
		}
		return linux.EACCES
	}
	var bits uint32
	switch {
	case uid == int(st.UID):
		bits = m >> 6 & 7
	case gid == int(st.GID) || inGroups(uint32(st.GID)):
		bits = m >> 3 & 7
	default:
		bits = m & 7
	}
	if bits&uint32(mode) == uint32(mode) {
		return nil
	}
	return linux.EACCES
}

func inGroups(g uint32) bool {
	gs, _ := os.Getgroups()
	for _, x := range gs {
		if uint32(x) == g {
			return true
		}
	}
	return false
}

// Fchmodat2 is linux.Fchmodat2, or where it is not available fchmodat (flags 0) or, for
// AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH, the O_PATH way: open the file with O_PATH (and
// O_NOFOLLOW), refuse a symbolic link with EOPNOTSUPP as the kernel does, and chmod
// /proc/self/fd/N (this needs /proc).
func Fchmodat2(dirfd linux.FD, path string, mode linux.Mode, flags linux.AtFlags) error {
	if featChmod2.use() {
		err := linux.Fchmodat2(dirfd, path, mode, flags)
		if !featChmod2.refused(err) {
			return err
		}
	}
	if flags&^(linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH) != 0 {
		return linux.EINVAL
	}
	if flags == 0 || flags == linux.AT_EMPTY_PATH && path != "" {
		return linux.Fchmodat(dirfd, path, mode)
	}
	fd := dirfd
	if flags&linux.AT_EMPTY_PATH == 0 || path != "" {
		of := linux.O_PATH | linux.O_CLOEXEC
		if flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
			of |= linux.O_NOFOLLOW
		}
		var err error
		if fd, err = linux.Openat(dirfd, path, of, 0); err != nil {
			return err
		}
		defer linux.Close(fd)
	}
	st, err := linux.Fstat(fd)
	if err != nil {
		return err
	}
	if st.Mode&linux.S_IFMT == linux.S_IFLNK {
		return linux.EOPNOTSUPP
	}
	return linux.Fchmodat(linux.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(fd)), mode)
}

// CloseRange is linux.CloseRange, or where close_range (or its CLOSE_RANGE_CLOEXEC flag,
// Linux 5.11) is not available, close (or fcntl FD_CLOEXEC) on every open descriptor in
// [first, last]: those listed in /proc/self/fd, or without /proc every number up to the
// descriptor limit. CLOSE_RANGE_UNSHARE unshares the descriptor table first
// (unshare(CLONE_FILES), for the calling thread).
//
// In a Go program, closing descriptors the runtime or other goroutines hold breaks
// them: it is meant for a range the caller owns, or for a child about to exec.
func CloseRange(first, last uint32, flags linux.CloseRangeFlags) error {
	cloexec := flags&linux.CLOSE_RANGE_CLOEXEC != 0
	if featCloseR.use() && (!cloexec || featCloseRC.use()) {
		err := linux.CloseRange(first, last, flags)
		switch {
		case cloexec && errors.Is(err, linux.EINVAL) && first <= last && flags&^(linux.CLOSE_RANGE_CLOEXEC|linux.CLOSE_RANGE_UNSHARE) == 0:
			featCloseRC.refusedFlag(err)
		case !featCloseR.refused(err):
			if cloexec && err == nil {
				featCloseRC.refused(nil)
			}
			return err
		}
	}
	if flags&^(linux.CLOSE_RANGE_CLOEXEC|linux.CLOSE_RANGE_UNSHARE) != 0 || first > last {
		return linux.EINVAL
	}
	if flags&linux.CLOSE_RANGE_UNSHARE != 0 {
		if err := linux.Unshare(linux.CLONE_FILES); err != nil {
			return err
		}
	}
	for _, fd := range openFDs(first, last) {
		if cloexec {
			linux.Fcntl(linux.FD(fd), linux.F_SETFD, linux.FD_CLOEXEC)
		} else {
			linux.Close(linux.FD(fd))
		}
	}
	return nil
}

// openFDs lists the open descriptors in [first, last].
func openFDs(first, last uint32) []uint32 {
	var fds []uint32
	dir, err := linux.Openat(linux.AT_FDCWD, "/proc/self/fd", linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
	if err == nil {
		for d, err := range linux.ReadDir(dir, nil) {
			if err != nil {
				break
			}
			n, err := strconv.ParseUint(d.Name(), 10, 32)
			if err == nil && uint32(n) >= first && uint32(n) <= last && linux.FD(n) != dir {
				fds = append(fds, uint32(n))
			}
		}
		linux.Close(dir)
		return fds
	}
	// No /proc: every number up to the limit (close of a closed one is EBADF, harmless).
	max := uint64(1 << 20)
	if lim, err := linux.Getrlimit(linux.RLIMIT_NOFILE); err == nil && lim.Max < max {
		max = lim.Max
	}
	for fd := uint64(first); fd <= uint64(last) && fd < max; fd++ {
		fds = append(fds, uint32(fd))
	}
	return fds
}

// Dup3 is linux.Dup3, or where dup3 is not available dup2 and fcntl (not atomic: another
// thread's exec may see the new descriptor before O_CLOEXEC is set). arm64, riscv64 and
// loong64 have no dup2: there the error wraps ErrNotAvailable.
func Dup3(oldfd, newfd linux.FD, flags linux.OpenFlags) (linux.FD, error) {
	if featDup3.use() {
		fd, err := linux.Dup3(oldfd, newfd, flags)
		if !featDup3.refused(err) {
			return fd, err
		}
	}
	if flags&^linux.O_CLOEXEC != 0 || oldfd == newfd {
		return -1, linux.EINVAL
	}
	fd, err := dup2(oldfd, newfd)
	if errors.Is(err, errNoOldCall) {
		return -1, featDup3.notAvailable(runtime.GOARCH + " has no dup2")
	}
	if err != nil {
		return -1, err
	}
	if flags&linux.O_CLOEXEC != 0 {
		linux.Fcntl(fd, linux.F_SETFD, linux.FD_CLOEXEC)
	}
	return fd, nil
}

// Pipe2 makes a pipe with flags (O_CLOEXEC, O_NONBLOCK, O_DIRECT), or where pipe2 is not
// available, pipe and fcntl (not atomic for O_CLOEXEC; packet-mode O_DIRECT pipes cannot be
// made so, and arm64, riscv64 and loong64 have no pipe: errors that wrap
// ErrNotAvailable).
func Pipe2(flags linux.OpenFlags) ([2]linux.FD, error) {
	if featPipe2.use() {
		p, err := linux.Pipe2(flags)
		if !featPipe2.refused(err) {
			if err != nil {
				return [2]linux.FD{-1, -1}, err
			}
			return p, nil
		}
	}
	if flags&linux.O_DIRECT != 0 {
		return [2]linux.FD{-1, -1}, featPipe2.notAvailable("pipe cannot make packet-mode (O_DIRECT) pipes")
	}
	if flags&^(linux.O_CLOEXEC|linux.O_NONBLOCK|oNotificationPipe) != 0 {
		return [2]linux.FD{-1, -1}, linux.EINVAL
	}
	if flags&oNotificationPipe != 0 {
		return [2]linux.FD{-1, -1}, featPipe2.notAvailable("pipe cannot make notification pipes")
	}
	p, err := pipe()
	if errors.Is(err, errNoOldCall) {
		return p, featPipe2.notAvailable(runtime.GOARCH + " has no pipe")
	}
	if err != nil {
		return p, err
	}
	for _, fd := range p {
		if flags&linux.O_CLOEXEC != 0 {
			linux.Fcntl(fd, linux.F_SETFD, linux.FD_CLOEXEC)
		}
		if flags&linux.O_NONBLOCK != 0 {
			fl, _ := linux.Fcntl(fd, linux.F_GETFL, 0)
			linux.Fcntl(fd, linux.F_SETFL, uintptr(fl)|uintptr(linux.O_NONBLOCK))
		}
	}
	return p, nil
}

// errNoOldCall: the arch has no such old call.
var errNoOldCall = errors.New("no such call on this arch")

// oNotificationPipe is O_NOTIFICATION_PIPE, O_EXCL (include/uapi/linux/watch_queue.h).
const oNotificationPipe = linux.O_EXCL
