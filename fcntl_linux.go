//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// FcntlFlock performs a record-lock command on fd with lk: F_GETLK, F_SETLK, F_SETLKW (locks
// owned by the process), or F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW (locks owned by the open
// file description: two descriptors from two opens conflict, threads do not share them by
// accident). lk.Type is F_RDLCK, F_WRLCK or F_UNLCK; F_GETLK writes the conflicting lock back,
// or F_UNLCK. Flock_t has 64-bit offsets on every arch: on 32-bit arches this makes fcntl64
// with the 64-bit commands (F_SETLK64...), as glibc does with large-file support.
//
// See [fcntl(2)].
//
// [fcntl(2)]: https://man7.org/linux/man-pages/man2/fcntl.2.html
func FcntlFlock(fd FD, cmd FcntlCmd, lk *Flock_t) error {
	_, _, errno := raw.Syscall(sysFcntlLock, uintptr(fd), uintptr(flockCmd(cmd)), uintptr(unsafe.Pointer(lk)))
	if errno != 0 {
		return errno
	}
	return nil
}
