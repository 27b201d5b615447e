//go:build linux && (amd64 || 386 || arm || ppc64 || ppc64le || s390x)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Pipe creates a pipe (pipe(2)): fds[0] is the read end, fds[1] the write end. Use Pipe2
// for O_CLOEXEC. On arm64, riscv64 and loong64, which have no pipe row, it makes pipe2
// without flags; on mips, whose pipe returns the descriptors in two registers, it reads
// both.
//
// https://man7.org/linux/man-pages/man2/pipe.2.html
func Pipe() (fds [2]FD, err error) {
	_, _, errno := raw.Syscall(SYS_PIPE, uintptr(unsafe.Pointer(&fds)), 0, 0)
	if errno != 0 {
		return [2]FD{}, errno
	}
	return fds, nil
}
