//go:build linux

package linux

import (
	"bytes"
	"testing"
)

// TestPacketSocketOnLoopback: an AF_PACKET socket bound to lo sees a UDP datagram go by.
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
