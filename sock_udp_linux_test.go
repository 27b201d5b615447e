//go:build linux

package linux

import (
	"bytes"
	"fmt"
	"testing"
	"unsafe"
)

// UDP on loopback: sendto/recvfrom, batches with sendmmsg/recvmmsg, control messages
// (IP_PKTINFO, UDP_SEGMENT), no allocation on the send path.

// udpSocket returns a UDP socket bound to 127.0.0.1 and its address.
func udpSocket(t *testing.T) (FD, SockaddrInet4) {
	t.Helper()
	fd, err := Socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_UDP)
	fd = mustFD(t, "socket", fd, err)
	must(t, "bind", Bind(fd, &SockaddrInet4{Addr: loopback4}))
	sa, err := Getsockname(fd)
	must(t, "getsockname", err)
	in4, _ := sa.Inet4()
	return fd, in4
}

func TestUDPSendtoRecvfrom(t *testing.T) {
	a, aAddr := udpSocket(t)
	b, bAddr := udpSocket(t)
	if n, err := Sendto(a, []byte("datagram"), 0, &bAddr); err != nil || n != 8 {
		t.Fatalf("sendto: %d, %v", n, err)
	}
	buf := make([]byte, 4)
	// A short buffer with MSG_TRUNC: the datagram's length, and the sender's address.
	n, from, err := Recvfrom(b, buf, MSG_TRUNC)
	if err != nil || n != 8 || string(buf) != "data" {
		t.Fatalf("recvfrom MSG_TRUNC: %d %q %v", n, buf, err)
	}
	if in4, ok := from.Inet4(); !ok || in4 != aAddr {
		t.Fatalf("from %s, want %+v", from.String(), aAddr)
	}
	// Replying to the address as received, a SockaddrAny.
	if _, err := Sendto(b, []byte("reply"), 0, &from); err != nil {
		t.Fatalf("sendto the SockaddrAny: %v", err)
	}
	n, from, err = Recvfrom(a, buf[:4], 0)
	if err != nil || n != 4 || string(buf) != "repl" || from.String() != fmt.Sprintf("127.0.0.1:%d", bAddr.Port) {
		t.Fatalf("recvfrom: %d %q %s %v", n, buf, from.String(), err)
	}
	// Sendto without an address on an unconnected datagram socket.
	_, err = Sendto(a, []byte("x"), 0, nil)
	wantErrno(t, "sendto without an address", err, EDESTADDRREQ)
	// Connect sets the default destination: Send works then.
	must(t, "connect", Connect(a, &bAddr))
	if _, err := Send(a, []byte("connected"), 0); err != nil {
		t.Fatalf("send on a connected datagram socket: %v", err)
	}
	buf = make([]byte, 64)
	if n, err := Recv(b, buf, 0); err != nil || string(buf[:n]) != "connected" {
		t.Fatalf("recv: %q %v", buf[:n], err)
	}
}

// TestSendtoNoAlloc: the send path converts the address without allocating (x/sys/unix's
// Sendto allocates for it).
func TestSendtoNoAlloc(t *testing.T) {
	a, _ := udpSocket(t)
	b, bAddr := udpSocket(t)
	msg := []byte("x")
	buf := make([]byte, 8)
	allocs := testing.AllocsPerRun(50, func() {
		to := SockaddrInet4{Port: bAddr.Port, Addr: loopback4}
		if _, err := Sendto(a, msg, 0, &to); err != nil {
			panic(err)
		}
		if _, from, err := Recvfrom(b, buf, 0); err != nil || from.Len == 0 {
			panic(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("sendto+recvfrom: %v allocations", allocs)
	}
}

func TestSendmmsgRecvmmsg(t *testing.T) {
	a, aAddr := udpSocket(t)
	b, bAddr := udpSocket(t)
	const n = 5
	out := NewMsgBatch(n)
	for i := 0; i < n; i++ {
		must(t, "set", out.Set(i, []byte(fmt.Sprintf("message %d", i)), nil, &bAddr))
	}
	sent, err := out.Sendmmsg(a, n, 0)
	if err != nil || sent != n {
		t.Fatalf("sendmmsg: %d, %v", sent, err)
	}
	for i := 0; i < n; i++ {
		if out.Len(i) != len(fmt.Sprintf("message %d", i)) {
			t.Fatalf("message %d: %d bytes sent", i, out.Len(i))
		}
	}
	in := NewMsgBatch(n + 2)
	bufs := make([][]byte, n+2)
	for i := range bufs {
		bufs[i] = make([]byte, 64)
		must(t, "set", in.Set(i, bufs[i], nil, nil))
	}
	got, err := in.Recvmmsg(b, n+2, MSG_DONTWAIT, nil)
	skipUnsupported(t, "recvmmsg", err)
	if err != nil || got != n {
		t.Fatalf("recvmmsg: %d, %v", got, err)
	}
	for i := 0; i < got; i++ {
		if string(bufs[i][:in.Len(i)]) != fmt.Sprintf("message %d", i) {
			t.Fatalf("message %d: %q", i, bufs[i][:in.Len(i)])
		}
		if s, ok := in.Addr(i).Inet4(); !ok || s != aAddr {
			t.Fatalf("message %d from %s", i, in.Addr(i).String())
		}
	}
	// Nothing left: a timeout of zero returns at once.
	_, err = in.Recvmmsg(b, 1, MSG_DONTWAIT, &Timespec{})
	wantErrno(t, "recvmmsg of an empty socket", err, EAGAIN)
	// The raw wrappers on the batch's headers, with the time64 and time32 rows on
	// 32-bit arches.
	if _, err := Sendmmsg(a, out.Msgs[:2], 0); err != nil {
		t.Fatal(err)
	}
	if k, err := recvmmsgTime64Or(b, in.Msgs[:1], 0, &Timespec{Sec: 1}); err != nil || k != 1 {
		t.Fatalf("recvmmsg (time64 row on 32-bit arches): %d, %v", k, err)
	}
	if k, err := recvmmsgTime32Or(b, in.Msgs[:1]); err != nil || k != 1 {
		t.Fatalf("recvmmsg (the time32 row on 32-bit arches): %d, %v", k, err)
	}
}

func TestSendmsgRecvmsgBuffers(t *testing.T) {
	a, aAddr := udpSocket(t)
	b, bAddr := udpSocket(t)
	must(t, "IP_PKTINFO", SetsockoptInt(b, SOL_IP, IP_PKTINFO, 1))
	n, err := SendmsgBuffers(a, [][]byte{[]byte("scat"), []byte("ter"), nil, []byte("-gather")}, nil, &bAddr, 0)
	if err != nil || n != 14 {
		t.Fatalf("sendmsg: %d, %v", n, err)
	}
	p1, p2 := make([]byte, 5), make([]byte, 20)
	oob := make([]byte, CmsgSpace(int(unsafe.Sizeof(InPktinfo{}))))
	n, oobn, flags, from, err := RecvmsgBuffers(b, [][]byte{p1, p2}, oob, 0)
	if err != nil || n != 14 || string(p1)+string(p2[:n-5]) != "scatter-gather" || flags&MSG_CTRUNC != 0 {
		t.Fatalf("recvmsg: %d %q %q %v %v", n, p1, p2, flags, err)
	}
	if s, ok := from.Inet4(); !ok || s != aAddr {
		t.Fatalf("from %s", from.String())
	}
	found := false
	for c, err := range Cmsgs(oob[:oobn]) {
		must(t, "cmsgs", err)
		pi, err := c.Inet4Pktinfo()
		must(t, "IP_PKTINFO message", err)
		if pi.Ifindex != 1 || *(*[4]byte)(unsafe.Pointer(&pi.Addr)) != loopback4 {
			t.Fatalf("pktinfo %+v: want lo (index 1) and 127.0.0.1", pi)
		}
		found = true
	}
	if !found {
		t.Fatal("no IP_PKTINFO control message")
	}
	// A control buffer too small for the message: the kernel drops it and says so.
	n, oobn, flags, _, err = RecvmsgBuffers(b, [][]byte{p1}, nil, MSG_DONTWAIT)
	wantErrno(t, "recvmsg of an empty socket", err, EAGAIN)
	SendmsgBuffers(a, [][]byte{[]byte("again")}, nil, &bAddr, 0)
	n, oobn, flags, _, err = RecvmsgBuffers(b, [][]byte{p1}, oob[:4], 0)
	if err != nil || n != 5 || oobn != 0 || flags&MSG_CTRUNC == 0 {
		t.Fatalf("recvmsg with a short control buffer: %d %d %v %v", n, oobn, flags, err)
	}
	// The raw Sendmsg with a Msghdr built by hand and UDP_SEGMENT: 3000 bytes as
	// datagrams of 1000 (generic segmentation offload); the receiver, without UDP_GRO,
	// reads three.
	data := bytes.Repeat([]byte("g"), 3000)
	iov := IovecOf(data)
	ctl := AppendUDPSegment(nil, 1000)
	var m Msghdr
	in4 := SockaddrAny{}
	putSockaddr(&bAddr, &in4)
	m.Name, m.Namelen = (*byte)(unsafe.Pointer(&in4.Raw)), int32(in4.Len)
	m.Iov = &iov
	setUint(&m.Iovlen, 1)
	m.Control = &ctl[0]
	setUint(&m.Controllen, uint64(len(ctl)))
	n, err = Sendmsg(a, &m, 0)
	skipUnsupported(t, "sendmsg UDP_SEGMENT", err)
	if err != nil || n != 3000 {
		t.Fatalf("sendmsg with UDP_SEGMENT: %d, %v", n, err)
	}
	for i := 0; i < 3; i++ {
		buf := make([]byte, 2000)
		var rm Msghdr
		riov := IovecOf(buf)
		rm.Iov = &riov
		setUint(&rm.Iovlen, 1)
		k, err := Recvmsg(b, &rm, MSG_DONTWAIT)
		if i == 0 && err == nil && k != 1000 && qemuUser() {
			t.Skipf("qemu-user passes UDP_SEGMENT's value on unconverted (a %d-byte datagram arrived)", k)
		}
		if err != nil || k != 1000 {
			t.Fatalf("segment %d: %d, %v", i, k, err)
		}
	}
}

func TestCmsgBuild(t *testing.T) {
	b := AppendRights(nil, 3, 4)
	b = AppendCredentials(b, Ucred{PID: 1, UID: 2, GID: 3})
	ttl := int32(64)
	b = AppendCmsg(b, SOL_IP, IP_TTL, valueBytes(&ttl))
	if len(b) != CmsgSpace(8)+CmsgSpace(12)+CmsgSpace(4) {
		t.Fatalf("%d bytes for three messages", len(b))
	}
	var got []Cmsg
	for c, err := range Cmsgs(b) {
		must(t, "cmsgs", err)
		got = append(got, c)
	}
	if len(got) != 3 {
		t.Fatalf("%d messages", len(got))
	}
	if fds, err := got[0].Rights(nil); err != nil || len(fds) != 2 || fds[0] != 3 || fds[1] != 4 {
		t.Fatalf("rights %v %v", fds, err)
	}
	if u, err := got[1].Credentials(); err != nil || u != (Ucred{PID: 1, UID: 2, GID: 3}) {
		t.Fatalf("credentials %+v %v", u, err)
	}
	if v, err := got[2].Int(); err != nil || v != 64 || got[2].Level != SOL_IP || got[2].Type != IP_TTL {
		t.Fatalf("ttl %d %v", v, err)
	}
	if _, err := got[0].Credentials(); err != EINVAL {
		t.Fatalf("credentials of an SCM_RIGHTS message: %v", err)
	}
	// A length that runs past the buffer ends the iteration with EINVAL.
	bad := append([]byte(nil), b[:CmsgSpace(8)]...)
	bad[0] = 0xff
	for _, err := range Cmsgs(bad) {
		if err != EINVAL {
			t.Fatalf("a bad length: %v", err)
		}
	}
}

// FuzzCmsgs decodes arbitrary control-message buffers: never a panic or a slice past the
// buffer; what decodes re-encodes to the same messages.
func FuzzCmsgs(f *testing.F) {
	f.Add(AppendRights(nil, 1, 2, 3))
	f.Add(AppendCredentials(AppendUDPSegment(nil, 1400), Ucred{PID: 7}))
	f.Add(AppendInet4Pktinfo(nil, InPktinfo{Ifindex: 1}))
	f.Fuzz(func(t *testing.T, b []byte) {
		var again []byte
		var msgs []Cmsg
		for c, err := range Cmsgs(b) {
			if err != nil {
				return
			}
			msgs = append(msgs, c)
			again = AppendCmsg(again, c.Level, c.Type, c.Data)
			c.Rights(nil)
			c.Credentials()
			c.Pidfd()
			c.Inet4Pktinfo()
			c.Inet6Pktinfo()
			c.Int()
		}
		i := 0
		for c, err := range Cmsgs(again) {
			if err != nil || i >= len(msgs) || c.Level != msgs[i].Level || c.Type != msgs[i].Type || !bytes.Equal(c.Data, msgs[i].Data) {
				t.Fatalf("message %d does not survive re-encoding: %+v %v", i, c, err)
			}
			i++
		}
		if i != len(msgs) {
			t.Fatalf("%d messages re-encoded as %d", len(msgs), i)
		}
	})
}
