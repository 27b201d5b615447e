//go:build linux

package linux

import (
	"testing"
	"unsafe"
)

// The helpers the other tests do not reach: a batch's control messages, a struct-valued
// option, IPv6 packet info, CMSG_LEN.

func TestBatchOobAndValueOption(t *testing.T) {
	a, _ := udpSocket(t)
	b, bAddr := udpSocket(t)
	// SetsockoptValue with an int's bytes, read back with GetsockoptValue.
	v := int32(1)
	must(t, "IP_PKTINFO", SetsockoptValue(b, SOL_IP, IP_PKTINFO, &v))
	if got, n, err := GetsockoptValue[int32](b, SOL_IP, IP_PKTINFO); err != nil || n != 4 || got != 1 {
		t.Fatalf("IP_PKTINFO = %d (%d bytes), %v", got, n, err)
	}
	out := NewMsgBatch(1)
	must(t, "set", out.Set(0, []byte("with pktinfo"), nil, &bAddr))
	if _, err := out.Sendmmsg(a, 1, 0); err != nil {
		t.Fatal(err)
	}
	in := NewMsgBatch(1)
	buf := make([]byte, 64)
	oob := make([]byte, CmsgSpace(int(unsafe.Sizeof(InPktinfo{})))+CmsgSpace(4))
	must(t, "set", in.Set(0, buf, oob, nil))
	n, err := in.Recvmmsg(b, 1, 0, nil)
	skipUnsupported(t, "recvmmsg", err)
	if err != nil || n != 1 || in.Oob(0) == 0 || in.Flags(0)&MSG_CTRUNC != 0 {
		t.Fatalf("recvmmsg: %d %v, %d control bytes, flags %v", n, err, in.Oob(0), in.Flags(0))
	}
	for c, err := range Cmsgs(oob[:in.Oob(0)]) {
		must(t, "cmsgs", err)
		if _, err := c.Inet4Pktinfo(); err != nil {
			t.Fatalf("control message %+v: %v", c, err)
		}
		if len(c.Data) != CmsgLen(len(c.Data))-CmsgLen(0) || CmsgLen(0) > CmsgSpace(0) {
			t.Fatal("CmsgLen")
		}
	}
	// The batch again, now with a second control message: Recvmmsg gives the kernel the
	// whole oob buffer again, not the length the first receive left in Controllen.
	must(t, "IP_RECVTTL", SetsockoptInt(b, SOL_IP, IP_RECVTTL, 1))
	if _, err := out.Sendmmsg(a, 1, 0); err != nil {
		t.Fatal(err)
	}
	first := in.Oob(0)
	n, err = in.Recvmmsg(b, 1, 0, nil)
	if err != nil || n != 1 || in.Oob(0) <= first || in.Flags(0)&MSG_CTRUNC != 0 {
		t.Fatalf("recvmmsg again: %d %v, %d control bytes (first %d), flags %v", n, err, in.Oob(0), first, in.Flags(0))
	}
	if CmsgLen(12) != CmsgSpace(0)+12 {
		t.Fatalf("CmsgLen(12) = %d, CmsgSpace(0) = %d", CmsgLen(12), CmsgSpace(0))
	}
}

func TestInet6Pktinfo(t *testing.T) {
	fd, err := Socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC, 0)
	if err == EAFNOSUPPORT {
		t.Skip("no IPv6")
	}
	fd = mustFD(t, "socket", fd, err)
	lo := [16]byte{15: 1}
	if err := Bind(fd, &SockaddrInet6{Addr: lo}); err == EADDRNOTAVAIL {
		t.Skip("no ::1")
	}
	must(t, "IPV6_RECVPKTINFO", SetsockoptInt(fd, SOL_IPV6, IPV6_RECVPKTINFO, 1))
	sa, _ := Getsockname(fd)
	to, _ := sa.Inet6()
	var pi In6Pktinfo
	pi.Ifindex = 1
	if _, err := SendmsgBuffers(fd, [][]byte{[]byte("v6")}, AppendInet6Pktinfo(nil, pi), &to, 0); err != nil {
		skipUnsupported(t, "sendmsg IPV6_PKTINFO", err)
		if err == ENODEV && qemuUser() {
			t.Skip("qemu-user passes IPV6_PKTINFO on without converting its byte order (the kernel sees another interface)")
		}
		t.Fatalf("sendmsg with IPV6_PKTINFO: %v", err)
	}
	buf := make([]byte, 8)
	oob := make([]byte, 128)
	_, oobn, _, _, err := RecvmsgBuffers(fd, [][]byte{buf}, oob, 0)
	must(t, "recvmsg", err)
	for c, err := range Cmsgs(oob[:oobn]) {
		must(t, "cmsgs", err)
		got, err := c.Inet6Pktinfo()
		must(t, "IPV6_PKTINFO", err)
		if got.Ifindex != 1 || *(*[16]byte)(unsafe.Pointer(&got.Addr)) != lo {
			t.Fatalf("received pktinfo %+v", got)
		}
		return
	}
	if qemuUser() {
		t.Skip("qemu-user does not pass IPV6_PKTINFO on")
	}
	t.Fatal("no IPV6_PKTINFO message")
}

func TestSigsetDel(t *testing.T) {
	s := SigsetOf(SIGUSR1, SIGUSR2, SIGHUP)
	s.Del(SIGUSR2)
	if !s.Has(SIGUSR1) || s.Has(SIGUSR2) || !s.Has(SIGHUP) {
		t.Fatal("Del")
	}
	s.Del(SIGUSR1)
	s.Del(SIGHUP)
	s.Add(0)
	s.Add(Signal(8 * unsafe.Sizeof(s) * 2))
	if s != (Sigset{}) {
		t.Fatalf("after deleting all: %+v", s)
	}
	// The kernel's numbering: bit n-1 for signal n.
	one := SigsetOf(1)
	if *(*byte)(unsafe.Pointer(&one)) != 1 && !bigEndianHost() {
		t.Fatalf("signal 1 is not bit 0: %+v", one)
	}
}

func bigEndianHost() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 0
}
