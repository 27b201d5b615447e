package fallback

import (
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

var featAccept4 = newFeature(&feature{name: "accept4", fallback: "accept and fcntl", probe: rawProbe("accept4(-1, NULL, NULL, -1)", linux.SYS_ACCEPT4, ^uintptr(0), 0, 0, 0xffffffff)})

// Accept4 accepts a connection on fd as accept4 does, with flags SOCK_CLOEXEC and
// SOCK_NONBLOCK, and returns the new socket and the peer's address (the bytes of its
// struct sockaddr, as long as the kernel made it). Where accept4 is not available it
// calls accept (through socketcall on 386 and s390x) and sets the flags with fcntl (not
// atomic: another thread's exec may see the socket before its close-on-exec flag).
func Accept4(fd linux.FD, flags int) (linux.FD, []byte, error) {
	var sa linux.SockaddrStorage
	n := uint32(unsafe.Sizeof(sa))
	if featAccept4.use() {
		r, _, e := raw.Syscall6(linux.SYS_ACCEPT4, uintptr(fd), uintptr(unsafe.Pointer(&sa)), uintptr(unsafe.Pointer(&n)), uintptr(flags), 0, 0)
		var err error
		if e != 0 {
			err = e
		}
		if !featAccept4.refused(err) {
			if err != nil {
				return -1, nil, err
			}
			return linux.FD(r), addrBytes(&sa, n), nil
		}
	}
	if flags&^(linux.SOCK_CLOEXEC|linux.SOCK_NONBLOCK) != 0 {
		return -1, nil, linux.EINVAL
	}
	nfd, err := accept(fd, unsafe.Pointer(&sa), &n)
	if err != nil {
		return -1, nil, err
	}
	if flags&linux.SOCK_CLOEXEC != 0 {
		linux.Fcntl(nfd, linux.F_SETFD, linux.FD_CLOEXEC)
	}
	if flags&linux.SOCK_NONBLOCK != 0 {
		fl, _ := linux.Fcntl(nfd, linux.F_GETFL, 0)
		linux.Fcntl(nfd, linux.F_SETFL, uintptr(fl)|uintptr(linux.O_NONBLOCK))
	}
	return nfd, addrBytes(&sa, n), nil
}

func addrBytes(sa *linux.SockaddrStorage, n uint32) []byte {
	b := unsafe.Slice((*byte)(unsafe.Pointer(sa)), unsafe.Sizeof(*sa))
	return append([]byte(nil), b[:min(int(n), len(b))]...)
}
