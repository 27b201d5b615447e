//go:build linux && !386 && !s390x

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Accept takes the next connection of listening socket fd (accept(2)) and returns its
// descriptor and the peer's address; 386 and s390x, which have no accept row, make
// accept4 without flags. Nothing is allocated.
//
// https://man7.org/linux/man-pages/man2/accept.2.html
func Accept(fd FD) (nfd FD, from SockaddrAny, err error) {
	from.Len = uint32(unsafe.Sizeof(from.Raw))
	r, _, errno := raw.Syscall(SYS_ACCEPT, uintptr(fd), uintptr(unsafe.Pointer(&from.Raw)), uintptr(unsafe.Pointer(&from.Len)))
	if errno != 0 {
		return -1, SockaddrAny{}, errno
	}
	return FD(r), from, nil
}
