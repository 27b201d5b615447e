//go:build linux && (386 || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import (
	"testing"
	"unsafe"
)

// socketcall, the multiplexer: a socket, a socketpair and a send through it.
func TestSocketcall(t *testing.T) {
	r, err := Socketcall(SOCKETCALL_SOCKET, []uintptr{uintptr(AF_UNIX), uintptr(SOCK_DGRAM | SOCK_CLOEXEC), 0})
	skipUnsupported(t, "socketcall", err)
	fd := mustFD(t, "socketcall(SOCKET)", FD(r), err)
	if v, err := GetsockoptInt(fd, SOL_SOCKET, SO_TYPE); err != nil || v != int(SOCK_DGRAM) {
		t.Fatalf("the socket's type: %d %v", v, err)
	}
	var fds [2]int32
	if _, err := Socketcall(SOCKETCALL_SOCKETPAIR, []uintptr{uintptr(AF_UNIX), uintptr(SOCK_STREAM | SOCK_CLOEXEC), 0, uintptr(unsafe.Pointer(&fds))}); err != nil {
		t.Fatalf("socketcall(SOCKETPAIR): %v", err)
	}
	defer Close(FD(fds[0]))
	defer Close(FD(fds[1]))
	msg := []byte("multiplexed")
	if n, err := Socketcall(SOCKETCALL_SEND, []uintptr{uintptr(fds[0]), uintptr(unsafe.Pointer(&msg[0])), uintptr(len(msg)), 0}); err != nil || n != len(msg) {
		t.Fatalf("socketcall(SEND): %d %v", n, err)
	}
	buf := make([]byte, 32)
	if n, err := Recv(FD(fds[1]), buf, 0); err != nil || string(buf[:n]) != "multiplexed" {
		t.Fatalf("recv: %q %v", buf[:n], err)
	}
	// A short args slice is padded, never read past; a long one is refused.
	_, err = Socketcall(SOCKETCALL_LISTEN, []uintptr{uintptr(fds[0])})
	wantErrno(t, "listen on a connected socketpair", err, EINVAL)
	_, err = Socketcall(SOCKETCALL_SOCKET, make([]uintptr, 7))
	wantErrno(t, "seven arguments", err, EINVAL)
	_, err = Socketcall(0, nil)
	wantErrno(t, "call 0", err, EINVAL)
}
