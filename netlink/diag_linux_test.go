//go:build linux

package netlink

import (
	"errors"
	"net"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux"
)

// TestSockDiagFindsListener dumps the IPv4 TCP listeners through sock_diag
// (SOCK_DIAG_BY_FAMILY with an inet_diag_req_v2) and finds the test's own, by port and by
// socket inode.
func TestSockDiagFindsListener(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := uint16(l.Addr().(*net.TCPAddr).Port)
	f, err := l.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := linux.Fstat(linux.FD(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}

	c := dial(t, linux.NETLINK_SOCK_DIAG)
	b := NewMessage(linux.SOCK_DIAG_BY_FAMILY, linux.NLM_F_DUMP)
	Put(b, &linux.InetDiagReqV2{SdiagFamily: uint8(linux.AF_INET), SdiagProtocol: uint8(linux.IPPROTO_TCP),
		IdiagStates: 1 << linux.BPF_TCP_LISTEN}) // bpf.h's BPF_TCP_* are the kernel's TCP states
	msgs, err := c.Execute(b)
	if err != nil {
		t.Fatalf("sock_diag dump: %v", err)
	}
	found := false
	for _, m := range msgs {
		d, _, err := Unmarshal[linux.InetDiagMsg](m.Data)
		if err != nil {
			t.Fatal(err)
		}
		if d.IdiagState != linux.BPF_TCP_LISTEN {
			t.Errorf("a socket in state %d in a dump of listeners", d.IdiagState)
		}
		// Ports and addresses are __be16 and __be32: the bytes as they are in memory.
		sport := linux.Ntohs(d.ID.Sport)
		if sport == port {
			found = true
			src := *(*[4]byte)(unsafe.Pointer(&d.ID.Src[0]))
			if uint64(d.IdiagInode) != st.Ino || src != [4]byte{127, 0, 0, 1} {
				t.Errorf("the listener on port %d: inode %d (fstat %d), address %v", port, d.IdiagInode, st.Ino, src)
			}
		}
	}
	if !found {
		t.Errorf("port %d not among %d listeners", port, len(msgs))
	}
	t.Logf("%d TCP listeners, ours on port %d", len(msgs), port)

	// A request for an unknown family is an error the kernel explains.
	bad := NewMessage(linux.SOCK_DIAG_BY_FAMILY, linux.NLM_F_DUMP)
	Put(bad, &linux.InetDiagReqV2{SdiagFamily: 200, SdiagProtocol: uint8(linux.IPPROTO_TCP)})
	if _, err := c.Execute(bad); err == nil {
		t.Error("a dump of address family 200 succeeded")
	} else if !errors.Is(err, linux.EINVAL) && !errors.Is(err, linux.ENOENT) {
		t.Logf("family 200: %v", err)
	}
}
