//go:build linux && (mips || mipsle || mips64 || mips64le)

package linux

import "github.com/rawlinux/linux/raw"

// Pipe creates a pipe (pipe(2)): fds[0] is the read end, fds[1] the write end. mips's pipe
// row takes no argument and returns the read end in v0, the write end in v1 (the second
// result register). Use Pipe2 for O_CLOEXEC.
//
// https://man7.org/linux/man-pages/man2/pipe.2.html
func Pipe() (fds [2]FD, err error) {
	r1, r2, errno := raw.Syscall(SYS_PIPE, 0, 0, 0)
	if errno != 0 {
		return [2]FD{}, errno
	}
	return [2]FD{FD(r1), FD(r2)}, nil
}
