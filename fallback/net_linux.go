package fallback

import (
	"github.com/rawlinux/linux"
)

var featAccept4 = newFeature(&feature{name: "accept4", fallback: "accept and fcntl", probe: errProbe("accept4(-1, addr, len, -1)", probeAccept4)})

// accept4 on descriptor -1 with every flag: EBADF (or EINVAL: kernels have checked the
// flags and the descriptor in either order) where the call exists; nothing is accepted.
func probeAccept4() error {
	_, _, err := linux.Accept4(-1, -1)
	return err
}

// Accept4 is linux.Accept4: it accepts a connection on fd with flags SOCK_CLOEXEC and
// SOCK_NONBLOCK and returns the new socket and the peer's address. Where accept4 is not
// available it calls accept (through socketcall on 386 and s390x, whose tables have no
// accept row) and sets the flags with fcntl (not atomic: another thread's exec may see
// the socket before its close-on-exec flag).
func Accept4(fd linux.FD, flags linux.SockType) (linux.FD, linux.SockaddrAny, error) {
	if featAccept4.use() {
		nfd, from, err := linux.Accept4(fd, flags)
		if !featAccept4.refused(err) {
			return nfd, from, err
		}
	}
	if flags&^(linux.SOCK_CLOEXEC|linux.SOCK_NONBLOCK) != 0 {
		return -1, linux.SockaddrAny{}, linux.EINVAL
	}
	nfd, from, err := accept(fd)
	if err != nil {
		return -1, linux.SockaddrAny{}, err
	}
	if flags&linux.SOCK_CLOEXEC != 0 {
		linux.Fcntl(nfd, linux.F_SETFD, linux.FD_CLOEXEC)
	}
	if flags&linux.SOCK_NONBLOCK != 0 {
		fl, _ := linux.Fcntl(nfd, linux.F_GETFL, 0)
		linux.Fcntl(nfd, linux.F_SETFL, uintptr(fl)|uintptr(linux.O_NONBLOCK))
	}
	return nfd, from, nil
}
