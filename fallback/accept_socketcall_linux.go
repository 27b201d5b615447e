//go:build linux && (386 || s390x)

package fallback

import (
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

// socketcallAccept is SYS_ACCEPT of include/uapi/linux/net.h, socketcall's number for
// accept (386 and s390x have no direct accept call).
const socketcallAccept = 5

func accept(fd linux.FD, sa unsafe.Pointer, n *uint32) (linux.FD, error) {
	args := [3]uintptr{uintptr(fd), uintptr(sa), uintptr(unsafe.Pointer(n))}
	r, _, e := raw.Syscall(linux.SYS_SOCKETCALL, socketcallAccept, uintptr(unsafe.Pointer(&args)), 0)
	if e != 0 {
		return -1, e
	}
	return linux.FD(r), nil
}
