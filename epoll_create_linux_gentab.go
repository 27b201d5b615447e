//go:build linux && (arm64 || riscv64 || loong64)

package linux

import "github.com/rawlinux/linux/raw"

// EpollCreate creates an epoll instance: this arch has no epoll_create row, so it makes
// epoll_create1 without flags after the check epoll_create makes, that size is positive
// (EINVAL otherwise) (epoll_create(2)).
//
// https://man7.org/linux/man-pages/man2/epoll_create.2.html
func EpollCreate(size int) (FD, error) {
	if size <= 0 {
		return -1, raw.EINVAL
	}
	r, _, errno := raw.Syscall(SYS_EPOLL_CREATE1, 0, 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return FD(r), nil
}
