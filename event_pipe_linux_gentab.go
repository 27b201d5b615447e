//go:build linux && (arm64 || riscv64 || loong64)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Pipe creates a pipe: fds[0] is the read end, fds[1] the write end. This arch has no pipe
// row: it makes pipe2 without flags (pipe(2)). Use Pipe2 for O_CLOEXEC.
//
// https://man7.org/linux/man-pages/man2/pipe.2.html
func Pipe() (fds [2]FD, err error) {
	_, _, errno := raw.Syscall(SYS_PIPE2, uintptr(unsafe.Pointer(&fds)), 0, 0)
	if errno != 0 {
		return [2]FD{}, errno
	}
	return fds, nil
}
