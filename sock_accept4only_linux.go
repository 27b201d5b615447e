//go:build linux && (386 || s390x)

package linux

// Accept takes the next connection of listening socket fd and returns its descriptor and
// the peer's address: accept4 without flags, since this arch's table has no accept row
// (accept(2), accept4(2)). Nothing is allocated.
//
// https://man7.org/linux/man-pages/man2/accept.2.html
func Accept(fd FD) (nfd FD, from SockaddrAny, err error) {
	return Accept4(fd, 0)
}
