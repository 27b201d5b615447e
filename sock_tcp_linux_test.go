//go:build linux

package linux

import (
	"bytes"
	"testing"
	"time"
)

// The socket calls over TCP on loopback: a listener on an ephemeral port, a client that
// connects, an accepted connection, data both ways, the addresses each side sees, the
// options, shutdown.

var loopback4 = [4]byte{127, 0, 0, 1}

// tcpListener returns a listening TCP socket on 127.0.0.1 and its port.
func tcpListener(t *testing.T) (FD, uint16) {
	t.Helper()
	l, err := Socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)
	l = mustFD(t, "socket", l, err)
	must(t, "SO_REUSEADDR", SetsockoptInt(l, SOL_SOCKET, SO_REUSEADDR, 1))
	must(t, "bind", Bind(l, &SockaddrInet4{Addr: loopback4}))
	must(t, "listen", Listen(l, 8))
	sa, err := Getsockname(l)
	must(t, "getsockname", err)
	in4, ok := sa.Inet4()
	if !ok || in4.Port == 0 || in4.Addr != loopback4 {
		t.Fatalf("listener's address %s", sa.String())
	}
	return l, in4.Port
}

// tcpPair returns a connected client and the server's accepted end.
func tcpPair(t *testing.T) (client, server FD) {
	t.Helper()
	l, port := tcpListener(t)
	c, err := Socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP)
	c = mustFD(t, "socket", c, err)
	must(t, "connect", Connect(c, &SockaddrInet4{Port: port, Addr: loopback4}))
	s, from, err := Accept4(l, SOCK_CLOEXEC)
	s = mustFD(t, "accept4", s, err)
	local, err := Getsockname(c)
	must(t, "getsockname client", err)
	if from.String() != local.String() {
		t.Fatalf("accept4 says the peer is %s, the client is %s", from.String(), local.String())
	}
	return c, s
}

func TestTCPLoopback(t *testing.T) {
	c, s := tcpPair(t)
	peer, err := Getpeername(s)
	must(t, "getpeername", err)
	local, _ := Getsockname(c)
	if peer.String() != local.String() {
		t.Fatalf("getpeername %s, client %s", peer.String(), local.String())
	}
	if n, err := Send(c, []byte("ping"), 0); err != nil || n != 4 {
		t.Fatalf("send: %d, %v", n, err)
	}
	buf := make([]byte, 16)
	n, err := Recv(s, buf, 0)
	if err != nil || string(buf[:n]) != "ping" {
		t.Fatalf("recv: %q, %v", buf[:n], err)
	}
	// Sendto with no address on a connected stream, Recvfrom with MSG_PEEK then without.
	if n, err := Sendto(s, []byte("pong"), MSG_NOSIGNAL, nil); err != nil || n != 4 {
		t.Fatalf("sendto: %d, %v", n, err)
	}
	if n, from, err := Recvfrom(c, buf, MSG_PEEK); err != nil || string(buf[:n]) != "pong" || from.Len != 0 {
		t.Fatalf("recvfrom MSG_PEEK: %q, %s (%d bytes), %v", buf[:n], from.String(), from.Len, err)
	}
	if n, _, err := Recvfrom(c, buf, 0); err != nil || string(buf[:n]) != "pong" {
		t.Fatalf("recvfrom: %q, %v", buf[:n], err)
	}
	// Nothing left: MSG_DONTWAIT says EAGAIN rather than blocking.
	_, _, err = Recvfrom(c, buf, MSG_DONTWAIT)
	wantErrno(t, "recvfrom of an empty socket", err, EAGAIN)
	// The client shuts its send side: the server reads end of stream, can still send.
	must(t, "shutdown", Shutdown(c, SHUT_WR))
	if n, err := Recv(s, buf, 0); err != nil || n != 0 {
		t.Fatalf("recv after the peer's SHUT_WR: %d, %v", n, err)
	}
	if _, err := Send(s, []byte("late"), MSG_NOSIGNAL); err != nil {
		t.Fatalf("send after the peer's SHUT_WR: %v", err)
	}
	if n, err := Recv(c, buf, 0); err != nil || string(buf[:n]) != "late" {
		t.Fatalf("recv of the half-open side: %q, %v", buf[:n], err)
	}
	_, err = Send(c, []byte("x"), MSG_NOSIGNAL)
	wantErrno(t, "send after SHUT_WR", err, EPIPE)
	wantErrno(t, "shutdown of a non-socket", Shutdown(FD(0x7fff), SHUT_RDWR), EBADF)
}

func TestAccept(t *testing.T) {
	l, port := tcpListener(t)
	c, err := Socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)
	c = mustFD(t, "socket", c, err)
	must(t, "connect", Connect(c, &SockaddrInet4{Port: port, Addr: loopback4}))
	s, from, err := Accept(l)
	s = mustFD(t, "accept", s, err)
	if in4, ok := from.Inet4(); !ok || in4.Addr != loopback4 || in4.Port == 0 || in4.Port == port {
		t.Fatalf("accept: peer %s", from.String())
	}
	// accept's descriptor has no close-on-exec flag; accept4's can.
	if fl, err := Fcntl(s, F_GETFD, 0); err != nil || fl&FD_CLOEXEC != 0 {
		t.Fatalf("accept: F_GETFD %d, %v", fl, err)
	}
	// A non-blocking listener with nothing pending.
	must(t, "F_SETFL", func() error { _, err := Fcntl(l, F_SETFL, uintptr(O_NONBLOCK)); return err }())
	_, _, err = Accept4(l, SOCK_NONBLOCK)
	wantErrno(t, "accept4 with nothing pending", err, EAGAIN)
	_, _, err = Accept(c)
	wantErrno(t, "accept on a connected socket", err, EINVAL)
}

func TestConnectRefused(t *testing.T) {
	l, port := tcpListener(t)
	Close(l) // the port is free again: nobody listens
	c, err := Socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)
	c = mustFD(t, "socket", c, err)
	wantErrno(t, "connect to a closed port", Connect(c, &SockaddrInet4{Port: port, Addr: loopback4}), ECONNREFUSED)
	// (long enough for a sockaddr_in's size, or the length check answers EINVAL first)
	wantErrno(t, "connect to a unix address", Connect(c, &SockaddrUnix{Name: "/nonexistent/rawlinux.sock"}), EAFNOSUPPORT)
	_, err = Getpeername(c)
	wantErrno(t, "getpeername unconnected", err, ENOTCONN)
}

func TestSocketOptions(t *testing.T) {
	c, s := tcpPair(t)
	if v, err := GetsockoptInt(c, SOL_SOCKET, SO_TYPE); err != nil || v != int(SOCK_STREAM) {
		t.Fatalf("SO_TYPE = %d, %v", v, err)
	}
	if v, err := GetsockoptInt(c, SOL_SOCKET, SO_DOMAIN); err != nil || v != int(AF_INET) {
		t.Fatalf("SO_DOMAIN = %d, %v", v, err)
	}
	// SO_RCVBUF: the kernel doubles what it is given (for its bookkeeping).
	must(t, "SO_RCVBUF", SetsockoptInt(c, SOL_SOCKET, SO_RCVBUF, 65536))
	if v, err := GetsockoptInt(c, SOL_SOCKET, SO_RCVBUF); err != nil || v != 2*65536 {
		t.Fatalf("SO_RCVBUF = %d, %v; want %d", v, err, 2*65536)
	}
	must(t, "TCP_NODELAY", SetsockoptInt(c, SOL_TCP, TCP_NODELAY, 1))
	if v, err := GetsockoptInt(c, SOL_TCP, TCP_NODELAY); err != nil || v != 1 {
		t.Fatalf("TCP_NODELAY = %d, %v", v, err)
	}
	tv := Timeval{}
	setInt(&tv.Sec, 3)
	setInt(&tv.Usec, 250000)
	must(t, "SO_RCVTIMEO", SetsockoptTimeval(c, SOL_SOCKET, SO_RCVTIMEO, &tv))
	// The kernel keeps the timeout in jiffies: what comes back is rounded up to one.
	got, err := GetsockoptTimeval(c, SOL_SOCKET, SO_RCVTIMEO)
	switch {
	case err == nil && got.Sec == 0 && got.Usec == 0 && qemuUser():
		// (the receive below checks that the timeout is set)
		t.Log("qemu-user answers getsockopt(SO_RCVTIMEO) with zeros")
	case err != nil || int64(got.Sec) != 3 || int64(got.Usec) < 250000 || int64(got.Usec) > 260000:
		t.Fatalf("SO_RCVTIMEO = %+v, %v; want 3.25 s", got, err)
	}
	must(t, "SO_LINGER", SetsockoptLinger(s, SOL_SOCKET, SO_LINGER, &Linger{Onoff: 1, Linger: 5}))
	if l, err := GetsockoptLinger(s, SOL_SOCKET, SO_LINGER); err != nil || l != (Linger{Onoff: 1, Linger: 5}) {
		t.Fatalf("SO_LINGER = %+v, %v", l, err)
	}
	info, n, err := GetsockoptValue[TcpInfo](c, SOL_TCP, TCP_INFO)
	must(t, "TCP_INFO", err)
	if info2, err := GetsockoptTCPInfo(c); err != nil || info2.State != info.State {
		t.Fatalf("GetsockoptTCPInfo: %+v %v", info2, err)
	}
	if n == 4 && qemuUser() {
		t.Log("qemu-user reads SOL_TCP options as ints: TCP_INFO is 4 bytes")
	} else if info.State != 1 { // TCP_ESTABLISHED
		t.Fatalf("TCP_INFO state %d, want 1 (established)", info.State)
	}
	// The congestion control, a string option (qemu-user converts SOL_TCP options as ints).
	cc, err := GetsockoptString(c, SOL_TCP, TCP_CONGESTION)
	must(t, "TCP_CONGESTION", err)
	if err := SetsockoptString(c, SOL_TCP, TCP_CONGESTION, cc); qemuUser() && (cc == "" || err == EINVAL) {
		t.Logf("qemu-user converts SOL_TCP options as ints: TCP_CONGESTION %q, set: %v", cc, err)
	} else if cc == "" {
		t.Fatal("TCP_CONGESTION is empty")
	} else {
		must(t, "set TCP_CONGESTION", err)
	}
	// The raw calls: a too-short buffer is the kernel's truncation, never an overrun.
	var one [1]byte
	if n, err := Getsockopt(c, SOL_SOCKET, SO_RCVBUF, one[:]); err == nil && n > 1 {
		t.Fatalf("getsockopt wrote %d bytes into 1", n)
	}
	four := make([]byte, 4)
	wantErrno(t, "unknown option", Setsockopt(c, SOL_SOCKET, 0x7fff, four), ENOPROTOOPT)
	wantErrno(t, "a 1-byte int option", Setsockopt(c, SOL_SOCKET, SO_RCVBUF, one[:]), EINVAL)
	// SO_ERROR of a healthy socket is 0.
	if v, err := GetsockoptInt(c, SOL_SOCKET, SO_ERROR); err != nil || v != 0 {
		t.Fatalf("SO_ERROR = %d, %v", v, err)
	}
	// SO_RCVTIMEO works: a receive with nothing to read times out.
	setInt(&tv.Sec, 0)
	setInt(&tv.Usec, 20000)
	must(t, "SO_RCVTIMEO 20ms", SetsockoptTimeval(c, SOL_SOCKET, SO_RCVTIMEO, &tv))
	t0 := time.Now()
	_, err = Recv(c, one[:], 0)
	wantErrno(t, "recv with SO_RCVTIMEO", err, EAGAIN)
	if d := time.Since(t0); d < 15*time.Millisecond {
		t.Fatalf("recv returned after %v, before its 20 ms timeout", d)
	}
}

func TestTCPIPv6(t *testing.T) {
	l, err := Socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, 0)
	if err == EAFNOSUPPORT {
		t.Skip("no IPv6 in this kernel")
	}
	l = mustFD(t, "socket6", l, err)
	lo := [16]byte{15: 1}
	if err := Bind(l, &SockaddrInet6{Addr: lo}); err == EADDRNOTAVAIL {
		t.Skip("no ::1 on lo")
	} else {
		must(t, "bind ::1", err)
	}
	must(t, "listen", Listen(l, 1))
	sa, _ := Getsockname(l)
	in6, ok := sa.Inet6()
	if !ok || in6.Addr != lo || in6.Port == 0 {
		t.Fatalf("getsockname %s", sa.String())
	}
	c, err := Socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, 0)
	c = mustFD(t, "socket6", c, err)
	must(t, "connect ::1", Connect(c, &in6))
	s, from, err := Accept4(l, SOCK_CLOEXEC)
	s = mustFD(t, "accept4", s, err)
	if ap, ok := from.AddrPort(); !ok || !ap.Addr().IsLoopback() {
		t.Fatalf("peer %s", from.String())
	}
	data := bytes.Repeat([]byte("6"), 100)
	if n, err := Send(c, data, 0); err != nil || n != 100 {
		t.Fatalf("send: %d %v", n, err)
	}
	got := make([]byte, 200)
	n, err := Recv(s, got, 0)
	if err != nil || !bytes.Equal(got[:n], data[:n]) || n == 0 {
		t.Fatalf("recv: %d %v", n, err)
	}
}
