//go:build linux

package linux

import "os"

// FD is a file descriptor. The wrappers take and return FD; converting is one step each
// way: FD(n) and int(fd), FD(u) and uintptr(fd); fd.File(name) hands the descriptor to an
// *os.File, FileFD(f) borrows an *os.File's.
type FD int32

// File returns an *os.File that owns fd (os.NewFile): closing the file closes fd.
func (fd FD) File(name string) *os.File { return os.NewFile(uintptr(fd), name) }

// FileFD returns the descriptor of f without changing its blocking mode (f.Fd() would put
// it in blocking mode). It stays valid only while f is open: keep f alive (runtime.KeepAlive)
// while fd is in use.
func FileFD(f *os.File) (FD, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := FD(-1)
	if err := rc.Control(func(u uintptr) { fd = FD(u) }); err != nil {
		return -1, err
	}
	return fd, nil
}

// PID is a process or thread id (pid_t).
type PID int32

// UID is a user id (uid_t: 32 bits; the 16-bit calls of 386 and arm are not used).
type UID uint32

// GID is a group id (gid_t).
type GID uint32
