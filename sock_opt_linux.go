//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Typed helpers over Setsockopt and Getsockopt (setsockopt(2), socket(7), tcp(7), ip(7)):
// the value's bytes are the caller's variable, on its stack, and the kernel is told its
// size.

// valueBytes returns the bytes of *v.
func valueBytes[T any](v *T) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(v)), unsafe.Sizeof(*v))
}

// SetsockoptValue sets option name of level level of socket fd to the bytes of *v, a
// value of the option's C type (IPMreqn, Linger, TcpInfo...; it must hold no Go
// pointers).
func SetsockoptValue[T any](fd FD, level SockLevel, name int, v *T) error {
	return Setsockopt(fd, level, name, valueBytes(v))
}

// GetsockoptValue reads option name of level level of socket fd into a T and returns it
// with the length the kernel wrote (less than T's size for an older kernel's shorter
// struct; the rest is zero).
func GetsockoptValue[T any](fd FD, level SockLevel, name int) (T, int, error) {
	var v T
	n, err := Getsockopt(fd, level, name, valueBytes(&v))
	return v, n, err
}

// SetsockoptInt sets an int option (SO_REUSEADDR, SO_RCVBUF, TCP_NODELAY, IP_TTL...).
func SetsockoptInt(fd FD, level SockLevel, name int, v int) error {
	x := int32(v)
	_, _, errno := raw.Syscall6(SYS_SETSOCKOPT, uintptr(fd), uintptr(level), uintptr(name), uintptr(unsafe.Pointer(&x)), 4, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// GetsockoptInt reads an int option (SO_ERROR, SO_TYPE, SO_RCVBUF...). A shorter value,
// as a few options write (one byte for IP_TOS-like options on some paths), is read in
// the arch's byte order from the bytes written.
func GetsockoptInt(fd FD, level SockLevel, name int) (int, error) {
	var x int32
	n := int32(4)
	_, _, errno := raw.Syscall6(SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(name), uintptr(unsafe.Pointer(&x)),
		uintptr(unsafe.Pointer(&n)), 0)
	if errno != 0 {
		return 0, errno
	}
	switch n {
	case 4:
		return int(x), nil
	case 1:
		return int(*(*uint8)(unsafe.Pointer(&x))), nil
	case 2:
		return int(*(*uint16)(unsafe.Pointer(&x))), nil
	}
	return 0, raw.EINVAL
}

// SetsockoptTimeval sets a timeval option: SO_RCVTIMEO or SO_SNDTIMEO (on 32-bit arches
// their _OLD numbers, which take this package's Timeval; a timeout needs no 64-bit
// seconds).
func SetsockoptTimeval(fd FD, level SockLevel, name int, tv *Timeval) error {
	return Setsockopt(fd, level, name, valueBytes(tv))
}

// GetsockoptTimeval reads a timeval option (SO_RCVTIMEO, SO_SNDTIMEO).
func GetsockoptTimeval(fd FD, level SockLevel, name int) (Timeval, error) {
	v, _, err := GetsockoptValue[Timeval](fd, level, name)
	return v, err
}

// SetsockoptLinger sets SO_LINGER: with l.Onoff 1, Close waits up to l.Linger seconds for
// unsent data (0: resets the connection).
func SetsockoptLinger(fd FD, level SockLevel, name int, l *Linger) error {
	return Setsockopt(fd, level, name, valueBytes(l))
}

// GetsockoptLinger reads SO_LINGER.
func GetsockoptLinger(fd FD, level SockLevel, name int) (Linger, error) {
	v, _, err := GetsockoptValue[Linger](fd, level, name)
	return v, err
}

// GetsockoptUcred reads SO_PEERCRED: the process id and credentials of the peer of a
// Unix-domain socket when it connected (or of socketpair's creator).
func GetsockoptUcred(fd FD, level SockLevel, name int) (Ucred, error) {
	v, _, err := GetsockoptValue[Ucred](fd, level, name)
	return v, err
}

// GetsockoptTCPInfo reads TCP_INFO of a TCP socket (SOL_TCP): its state, timers,
// windows and counters.
func GetsockoptTCPInfo(fd FD) (TcpInfo, error) {
	v, _, err := GetsockoptValue[TcpInfo](fd, SOL_TCP, TCP_INFO)
	return v, err
}

// SetsockoptString sets an option whose value is a string (SO_BINDTODEVICE,
// TCP_CONGESTION); the kernel is told its length, without a NUL.
func SetsockoptString(fd FD, level SockLevel, name int, s string) error {
	return Setsockopt(fd, level, name, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// GetsockoptString reads an option whose value is a string, up to its NUL.
func GetsockoptString(fd FD, level SockLevel, name int) (string, error) {
	var buf [256]byte
	n, err := Getsockopt(fd, level, name, buf[:])
	if err != nil {
		return "", err
	}
	b := buf[:n]
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
	}
	return string(b), nil
}
