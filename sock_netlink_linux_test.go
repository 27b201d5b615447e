//go:build linux

package linux

import (
	"bytes"
	"testing"
	"unsafe"
)

// A route netlink socket dumping the links (lo is there), the netlink encoders and
// decoders, and an AF_PACKET socket on lo seeing a datagram go by.

func TestNetlinkRouteDump(t *testing.T) {
	fd, err := Socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE)
	skipUnsupported(t, "socket(AF_NETLINK)", err)
	fd = mustFD(t, "socket", fd, err)
	must(t, "bind", Bind(fd, &SockaddrNetlink{}))
	sa, err := Getsockname(fd)
	must(t, "getsockname", err)
	me, ok := sa.Netlink()
	if !ok || me.PID == 0 {
		t.Fatalf("the kernel assigned port id %+v", me)
	}
	var ifi Ifinfomsg // AF_UNSPEC: every family
	req, _ := AppendNetlinkMessage(nil, uint16(RTM_GETLINK), NLM_F_REQUEST|NLM_F_DUMP, 1, 0, valueBytes(&ifi))
	if _, err := Sendto(fd, req, 0, &SockaddrNetlink{}); err != nil {
		t.Fatalf("sendto the kernel: %v", err)
	}
	names := map[string]int32{}
	buf := make([]byte, 32<<10)
dump:
	for {
		n, from, err := Recvfrom(fd, buf, 0)
		must(t, "recvfrom", err)
		if nl, _ := from.Netlink(); nl.PID != 0 {
			t.Fatalf("a message from port %d, not the kernel", nl.PID)
		}
		for m, err := range NetlinkMessages(buf[:n]) {
			must(t, "messages", err)
			if m.Header.Seq != 1 || m.Header.PID != me.PID {
				t.Fatalf("message seq %d pid %d, want 1 and %d", m.Header.Seq, m.Header.PID, me.PID)
			}
			switch m.Header.Type {
			case NLMSG_DONE:
				break dump
			case NLMSG_ERROR:
				t.Fatalf("dump: %v", m.Err())
			case uint16(RTM_NEWLINK):
				if len(m.Data) < int(unsafe.Sizeof(Ifinfomsg{})) {
					t.Fatalf("short RTM_NEWLINK: %d bytes", len(m.Data))
				}
				info := (*Ifinfomsg)(unsafe.Pointer(&m.Data[0]))
				for a, err := range NetlinkAttrs(m.Data[unsafe.Sizeof(Ifinfomsg{}):]) {
					must(t, "attrs", err)
					if a.Type == uint16(IFLA_IFNAME) {
						names[a.String()] = info.Index
					}
				}
			}
		}
	}
	idx, ok := names["lo"]
	if !ok {
		t.Fatalf("the dump has no lo: %v", names)
	}
	if idx != 1 {
		t.Fatalf("lo has index %d, want 1", idx)
	}
	t.Logf("links: %v", names)
	// An unknown request type is answered with an error message.
	var tv Timeval
	setInt(&tv.Sec, 2)
	must(t, "SO_RCVTIMEO", SetsockoptTimeval(fd, SOL_SOCKET, SO_RCVTIMEO, &tv))
	req, _ = AppendNetlinkMessage(nil, 0x3fff, NLM_F_REQUEST|NLM_F_ACK, 2, 0, nil)
	Sendto(fd, req, 0, &SockaddrNetlink{})
	n, _, err := Recvfrom(fd, buf, 0)
	if err == EAGAIN && qemuUser() {
		t.Skip("qemu-user does not pass on a route netlink message of a type it cannot convert")
	}
	must(t, "recvfrom", err)
	for m, err := range NetlinkMessages(buf[:n]) {
		must(t, "messages", err)
		if m.Header.Type != NLMSG_ERROR || m.Err() == nil {
			t.Fatalf("an unknown request: type %d, %v", m.Header.Type, m.Err())
		}
	}
}

func TestNetlinkEncoding(t *testing.T) {
	b, start := AppendNetlinkMessage(nil, uint16(RTM_NEWLINK), NLM_F_REQUEST, 9, 0, []byte{1, 2, 3})
	b = AppendNetlinkAttr(b, uint16(IFLA_IFNAME), []byte("eth0\x00"))
	b = AppendNetlinkAttr(b, 7|NLA_F_NESTED, AppendNetlinkAttr(nil, 1, []byte{42}))
	SetNetlinkLen(b, start)
	var msgs []NetlinkMessage
	for m, err := range NetlinkMessages(b) {
		must(t, "messages", err)
		msgs = append(msgs, m)
	}
	if len(msgs) != 1 || msgs[0].Header.Len != uint32(len(b)) || msgs[0].Header.Seq != 9 || !bytes.Equal(msgs[0].Data[:3], []byte{1, 2, 3}) {
		t.Fatalf("messages %+v", msgs)
	}
	var attrs []NetlinkAttr
	for a, err := range NetlinkAttrs(msgs[0].Data[4:]) {
		must(t, "attrs", err)
		attrs = append(attrs, a)
	}
	if len(attrs) != 2 || attrs[0].String() != "eth0" || attrs[1].Type != 7 || !attrs[1].Nested {
		t.Fatalf("attrs %+v", attrs)
	}
	for a, err := range NetlinkAttrs(attrs[1].Data) {
		if err != nil || a.Type != 1 || !bytes.Equal(a.Data, []byte{42}) {
			t.Fatalf("nested %+v %v", a, err)
		}
	}
	// Lengths that run past the buffer.
	bad := append([]byte(nil), b...)
	bad[0] = 0xff
	for _, err := range NetlinkMessages(bad) {
		if err != EINVAL {
			t.Fatalf("a long message: %v", err)
		}
	}
	e := int32(-2)
	if err := (NetlinkMessage{Header: Nlmsghdr{Type: NLMSG_ERROR}, Data: valueBytes(&e)}).Err(); err != ENOENT {
		t.Fatalf("NLMSG_ERROR -2: %v", err)
	}
	e = 0
	if err := (NetlinkMessage{Header: Nlmsghdr{Type: NLMSG_ERROR}, Data: valueBytes(&e)}).Err(); err != nil {
		t.Fatalf("an acknowledgement: %v", err)
	}
}

// FuzzNetlink decodes arbitrary datagrams: messages and their attributes, nests
// included; never a panic, and every slice within the datagram.
func FuzzNetlink(f *testing.F) {
	b, s := AppendNetlinkMessage(nil, uint16(RTM_NEWLINK), 0, 1, 0, make([]byte, 16))
	b = AppendNetlinkAttr(b, uint16(IFLA_IFNAME), []byte("lo\x00"))
	SetNetlinkLen(b, s)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var walk func([]byte, int)
		walk = func(d []byte, depth int) {
			for a, err := range NetlinkAttrs(d) {
				if err != nil {
					return
				}
				_ = a.String()
				if a.Nested && depth < 8 {
					walk(a.Data, depth+1)
				}
			}
		}
		total := 0
		for m, err := range NetlinkMessages(b) {
			if err != nil {
				return
			}
			total += nlAlign(int(m.Header.Len))
			_ = m.Err()
			walk(m.Data, 0)
		}
		if total > nlAlign(len(b)) {
			t.Fatalf("messages of %d bytes in %d", total, len(b))
		}
	})
}

func TestPacketSocketOnLoopback(t *testing.T) {
	p, err := Socket(AF_PACKET, SOCK_DGRAM|SOCK_CLOEXEC, PacketProtocol(ETH_P_IP))
	skipUnsupported(t, "socket(AF_PACKET)", err)
	if err == EPERM {
		t.Skip("AF_PACKET needs CAP_NET_RAW")
	}
	p = mustFD(t, "socket", p, err)
	must(t, "bind lo", Bind(p, &SockaddrLinklayer{Protocol: ETH_P_IP, Ifindex: 1}))
	sa, err := Getsockname(p)
	must(t, "getsockname", err)
	if ll, ok := sa.Linklayer(); !ok || ll.Ifindex != 1 || ll.Protocol != ETH_P_IP {
		t.Fatalf("bound to %s", sa.String())
	}
	// A UDP datagram on lo goes by the packet socket (once outgoing, once incoming).
	a, _ := udpSocket(t)
	b, bAddr := udpSocket(t)
	marker := []byte("rawlinux-packet-" + itoa(int(bAddr.Port)))
	if _, err := Sendto(a, marker, 0, &bAddr); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 2048)
	var tv Timeval
	setInt(&tv.Sec, 2)
	must(t, "SO_RCVTIMEO", SetsockoptTimeval(p, SOL_SOCKET, SO_RCVTIMEO, &tv))
	for i := 0; i < 256; i++ {
		n, from, err := Recvfrom(p, buf, 0)
		if err == EAGAIN {
			break
		}
		must(t, "recvfrom packet", err)
		ll, ok := from.Linklayer()
		if !ok || ll.Ifindex != 1 || ll.Protocol != ETH_P_IP {
			t.Fatalf("a packet from %s", from.String())
		}
		if bytes.Contains(buf[:n], marker) {
			if n < 20 || buf[0]>>4 != 4 { // an IPv4 header first: SOCK_DGRAM strips the link layer
				t.Fatalf("not an IPv4 packet: % x", buf[:min(n, 20)])
			}
			return
		}
	}
	_ = b
	t.Fatal("the packet socket did not see the datagram within 2 s")
}
