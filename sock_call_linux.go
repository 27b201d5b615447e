//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The socket calls that take or return an address, or an in-out length: written by hand
// (spec/net.spec declares them). An address goes to the kernel from a SockaddrAny on the
// caller's stack; one comes back in a SockaddrAny the caller receives by value, whose Len
// the kernel sets.

// Bind gives socket fd the local address addr (bind(2)).
//
// https://man7.org/linux/man-pages/man2/bind.2.html
func Bind(fd FD, addr Sockaddr) error {
	var a SockaddrAny
	if err := putSockaddr(addr, &a); err != nil {
		return err
	}
	_, _, errno := raw.Syscall(SYS_BIND, uintptr(fd), uintptr(unsafe.Pointer(&a.Raw)), uintptr(a.Len))
	if errno != 0 {
		return errno
	}
	return nil
}

// Connect connects socket fd to addr (connect(2)); for a datagram socket it sets the
// default destination, and an address of family AF_UNSPEC dissolves the association. On
// a non-blocking socket EINPROGRESS means the connection continues: wait for writability
// and read SO_ERROR.
//
// https://man7.org/linux/man-pages/man2/connect.2.html
func Connect(fd FD, addr Sockaddr) error {
	var a SockaddrAny
	if err := putSockaddr(addr, &a); err != nil {
		return err
	}
	_, _, errno := raw.Syscall(SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&a.Raw)), uintptr(a.Len))
	if errno != 0 {
		return errno
	}
	return nil
}

// Accept4 takes the next connection of listening socket fd (accept4(2)) and returns its
// descriptor and the peer's address; flags are SOCK_NONBLOCK and SOCK_CLOEXEC for the new
// descriptor. Nothing is allocated.
//
// https://man7.org/linux/man-pages/man2/accept4.2.html
func Accept4(fd FD, flags SockType) (nfd FD, from SockaddrAny, err error) {
	from.Len = uint32(unsafe.Sizeof(from.Raw))
	r, _, errno := raw.Syscall6(SYS_ACCEPT4, uintptr(fd), uintptr(unsafe.Pointer(&from.Raw)), uintptr(unsafe.Pointer(&from.Len)), uintptr(flags), 0, 0)
	if errno != 0 {
		return -1, SockaddrAny{}, errno
	}
	return FD(r), from, nil
}

// Getsockname returns the local address of socket fd (getsockname(2)).
//
// https://man7.org/linux/man-pages/man2/getsockname.2.html
func Getsockname(fd FD) (SockaddrAny, error) {
	return sockname(SYS_GETSOCKNAME, fd)
}

// Getpeername returns the address of the peer connected to socket fd (getpeername(2));
// ENOTCONN when there is none.
//
// https://man7.org/linux/man-pages/man2/getpeername.2.html
func Getpeername(fd FD) (SockaddrAny, error) {
	return sockname(SYS_GETPEERNAME, fd)
}

func sockname(sys uintptr, fd FD) (SockaddrAny, error) {
	var a SockaddrAny
	a.Len = uint32(unsafe.Sizeof(a.Raw))
	_, _, errno := raw.Syscall(sys, uintptr(fd), uintptr(unsafe.Pointer(&a.Raw)), uintptr(unsafe.Pointer(&a.Len)))
	if errno != 0 {
		return SockaddrAny{}, errno
	}
	return a, nil
}

// Sendto sends buf on socket fd to address to (sendto(2); nil: the connected peer) and
// returns how many bytes the kernel took. The address is converted on the stack: nothing
// is allocated.
//
// https://man7.org/linux/man-pages/man2/sendto.2.html
func Sendto(fd FD, buf []byte, flags MsgFlags, to Sockaddr) (int, error) {
	var a SockaddrAny
	if err := putSockaddr(to, &a); err != nil {
		return 0, err
	}
	var ap unsafe.Pointer
	if a.Len > 0 {
		ap = unsafe.Pointer(&a.Raw)
	}
	r, _, errno := raw.Syscall6(SYS_SENDTO, uintptr(fd), uintptr(sliceData(buf)), uintptr(len(buf)), uintptr(flags),
		uintptr(ap), uintptr(a.Len))
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}

// Recvfrom receives a message from socket fd into buf (recvfrom(2)) and returns its length
// (with MSG_TRUNC on a datagram socket: the datagram's whole length, which may exceed
// len(buf)) and the sender's address (Len 0 for a connected stream). Nothing is allocated.
//
// https://man7.org/linux/man-pages/man2/recvfrom.2.html
func Recvfrom(fd FD, buf []byte, flags MsgFlags) (n int, from SockaddrAny, err error) {
	from.Len = uint32(unsafe.Sizeof(from.Raw))
	r, _, errno := raw.Syscall6(SYS_RECVFROM, uintptr(fd), uintptr(sliceData(buf)), uintptr(len(buf)), uintptr(flags),
		uintptr(unsafe.Pointer(&from.Raw)), uintptr(unsafe.Pointer(&from.Len)))
	if errno != 0 {
		return 0, SockaddrAny{}, errno
	}
	return int(r), from, nil
}

// Getsockopt reads option name of level level of socket fd into val (getsockopt(2)) and
// returns the option's length, at most len(val): the kernel is told len(val) and
// truncates. GetsockoptInt and the other helpers decode the common types.
//
// https://man7.org/linux/man-pages/man2/getsockopt.2.html
func Getsockopt(fd FD, level SockLevel, name int, val []byte) (int, error) {
	if len(val) > 1<<31-1 {
		return 0, raw.EINVAL
	}
	n := int32(len(val))
	_, _, errno := raw.Syscall6(SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(name), uintptr(sliceData(val)),
		uintptr(unsafe.Pointer(&n)), 0)
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
