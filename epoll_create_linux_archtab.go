//go:build linux && (amd64 || 386 || arm || ppc64 || ppc64le || s390x || mips || mipsle || mips64 || mips64le)

package linux

import "github.com/rawlinux/linux/raw"

// EpollCreate creates an epoll instance (epoll_create(2)); size, a hint older kernels
// used, must be positive. On arm64, riscv64 and loong64, which have no epoll_create row,
// it checks size and makes epoll_create1 without flags.
//
// https://man7.org/linux/man-pages/man2/epoll_create.2.html
func EpollCreate(size int) (FD, error) {
	r, _, errno := raw.Syscall(SYS_EPOLL_CREATE, uintptr(size), 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return FD(r), nil
}
