//go:build linux && !386 && !s390x

package fallback

import (
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

func accept(fd linux.FD, sa unsafe.Pointer, n *uint32) (linux.FD, error) {
	r, _, e := raw.Syscall(linux.SYS_ACCEPT, uintptr(fd), uintptr(sa), uintptr(unsafe.Pointer(n)))
	if e != 0 {
		return -1, e
	}
	return linux.FD(r), nil
}
