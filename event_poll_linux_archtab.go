//go:build linux && (amd64 || 386 || arm || ppc64 || ppc64le || s390x || mips || mipsle || mips64 || mips64le)

package linux

import "github.com/rawlinux/linux/raw"

// Poll waits up to timeout milliseconds (-1: forever, 0: not at all) until one of fds is
// ready (poll(2)), sets each one's Revents and returns how many are ready. On arm64,
// riscv64 and loong64, which have no poll row, it makes ppoll with the timeout as a
// Timespec.
//
// https://man7.org/linux/man-pages/man2/poll.2.html
func Poll(fds []Pollfd, timeout int) (int, error) {
	r, _, errno := raw.Syscall(SYS_POLL, uintptr(sliceData(fds)), uintptr(len(fds)), uintptr(timeout))
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
