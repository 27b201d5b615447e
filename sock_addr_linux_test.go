//go:build linux

package linux

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
	"unsafe"
)

// The address conversions, without the kernel: the bytes each type becomes (as the C
// structs lay them out, in network byte order where the kernel wants it), back again, and
// the refusals.

func TestSockaddrInet4Bytes(t *testing.T) {
	var a SockaddrAny
	must(t, "put", putSockaddr(&SockaddrInet4{Port: 0x1234, Addr: [4]byte{127, 0, 0, 1}}, &a))
	b := a.Bytes()
	if len(b) != 16 || b[2] != 0x12 || b[3] != 0x34 || !bytes.Equal(b[4:8], []byte{127, 0, 0, 1}) || !bytes.Equal(b[8:], make([]byte, 8)) {
		t.Fatalf("sockaddr_in bytes % x", b)
	}
	if a.Family() != AF_INET || *(*uint16)(unsafe.Pointer(&b[0])) != uint16(AF_INET) {
		t.Fatalf("family %v", a.Family())
	}
	s, ok := a.Inet4()
	if !ok || s.Port != 0x1234 || s.Addr != [4]byte{127, 0, 0, 1} {
		t.Fatalf("Inet4 = %+v, %v", s, ok)
	}
	if _, ok := a.Inet6(); ok {
		t.Fatal("an AF_INET address decodes as AF_INET6")
	}
	if a.String() != "127.0.0.1:4660" {
		t.Fatalf("String = %s", a.String())
	}
}

func TestSockaddrInet6Bytes(t *testing.T) {
	var a SockaddrAny
	ip := netip.MustParseAddr("fe80::1")
	must(t, "put", putSockaddr(&SockaddrInet6{Port: 443, Addr: ip.As16(), ZoneID: 7, Flowinfo: 0x01020304}, &a))
	b := a.Bytes()
	if len(b) != 28 || b[2] != 0x01 || b[3] != 0xbb || !bytes.Equal(b[8:24], ip.AsSlice()) {
		t.Fatalf("sockaddr_in6 bytes % x", b)
	}
	s, ok := a.Inet6()
	if !ok || s.Port != 443 || s.ZoneID != 7 || s.Flowinfo != 0x01020304 || s.Addr != ip.As16() {
		t.Fatalf("Inet6 = %+v", s)
	}
	if ap, ok := a.AddrPort(); !ok || ap.String() != "[fe80::1%7]:443" {
		t.Fatalf("AddrPort = %v", ap)
	}
	sa, err := SockaddrOf(netip.MustParseAddrPort("[fe80::1%7]:443"))
	if err != nil || *sa.(*SockaddrInet6) != (SockaddrInet6{Port: 443, Addr: ip.As16(), ZoneID: 7}) {
		t.Fatalf("SockaddrOf = %+v, %v", sa, err)
	}
	if _, err := SockaddrOf(netip.MustParseAddrPort("[fe80::1%eth0]:443")); err != EINVAL {
		t.Fatalf("a named zone: %v", err)
	}
	if sa, err := SockaddrOf(netip.MustParseAddrPort("10.0.0.1:53")); err != nil || *sa.(*SockaddrInet4) != (SockaddrInet4{Port: 53, Addr: [4]byte{10, 0, 0, 1}}) {
		t.Fatalf("SockaddrOf IPv4 = %+v, %v", sa, err)
	}
}

func TestSockaddrUnixBytes(t *testing.T) {
	for _, c := range []struct {
		name string
		want string // sun_path's bytes the kernel is told
	}{
		{"/tmp/sock", "/tmp/sock\x00"},
		{"@abstract", "\x00abstract"},
		{"\x00abstract", "\x00abstract"},
		{"", ""},
		{strings.Repeat("p", 107), strings.Repeat("p", 107) + "\x00"},
		{strings.Repeat("p", 108), strings.Repeat("p", 108)},
		{"@" + strings.Repeat("a", 107), "\x00" + strings.Repeat("a", 107)},
	} {
		var a SockaddrAny
		must(t, "put "+c.name, putSockaddr(&SockaddrUnix{Name: c.name}, &a))
		b := a.Bytes()
		if string(b[2:]) != c.want {
			t.Errorf("%q: sun_path %q, want %q", c.name, b[2:], c.want)
		}
		back, ok := a.Unix()
		want := c.name
		if strings.HasPrefix(want, "\x00") {
			want = "@" + want[1:]
		}
		if !ok || back.Name != want {
			t.Errorf("%q: back as %q, %v", c.name, back.Name, ok)
		}
	}
	for _, bad := range []string{strings.Repeat("p", 109), "@" + strings.Repeat("a", 108), "/tmp/a\x00b"} {
		var a SockaddrAny
		wantErrno(t, "put "+bad[:4], putSockaddr(&SockaddrUnix{Name: bad}, &a), EINVAL)
	}
}

func TestSockaddrOtherFamilies(t *testing.T) {
	var a SockaddrAny
	must(t, "netlink", putSockaddr(&SockaddrNetlink{PID: 42, Groups: 0x11}, &a))
	if n, ok := a.Netlink(); !ok || n != (SockaddrNetlink{PID: 42, Groups: 0x11}) || a.Len != 12 {
		t.Fatalf("Netlink = %+v, %v (%d bytes)", n, ok, a.Len)
	}
	ll := SockaddrLinklayer{Protocol: ETH_P_ALL, Ifindex: 1, Halen: 6, Addr: [8]byte{1, 2, 3, 4, 5, 6}}
	must(t, "packet", putSockaddr(&ll, &a))
	if b := a.Bytes(); b[2] != 0 || b[3] != byte(ETH_P_ALL) {
		t.Fatalf("sll_protocol bytes % x: not in network byte order", b[2:4])
	}
	if got, ok := a.Linklayer(); !ok || got != ll {
		t.Fatalf("Linklayer = %+v", got)
	}
	vm := SockaddrVM{CID: VMADDR_CID_LOCAL, Port: 1234}
	must(t, "vsock", putSockaddr(&vm, &a))
	if got, ok := a.VM(); !ok || got != vm || a.String() != "vsock:1:1234" {
		t.Fatalf("VM = %+v (%s)", got, a.String())
	}
	// A SockaddrAny passes itself on; one that claims more than its bytes does not.
	var b SockaddrAny
	must(t, "any", putSockaddr(&a, &b))
	if b != a {
		t.Fatal("SockaddrAny copy")
	}
	b.Len = 200
	wantErrno(t, "oversize", putSockaddr(&b, &a), EINVAL)
	wantErrno(t, "nil pointer", putSockaddr((*SockaddrInet4)(nil), &a), EINVAL)
	must(t, "nil", putSockaddr(nil, &a))
	if a.Len != 0 || a.Family() != AF_UNSPEC || a.String() != "(none)" {
		t.Fatalf("nil address: %d bytes, %v", a.Len, a.Family())
	}
	if _, err := a.Sockaddr(); err != EAFNOSUPPORT {
		t.Fatalf("Sockaddr of nothing: %v", err)
	}
}

func TestHtons(t *testing.T) {
	v := Htons(0x1234)
	b := (*[2]byte)(unsafe.Pointer(&v))
	if b[0] != 0x12 || b[1] != 0x34 || Ntohs(v) != 0x1234 {
		t.Fatalf("Htons(0x1234) has bytes % x", b[:])
	}
}

// TestSockaddrNoAlloc: converting an address for the kernel allocates nothing, whether the
// caller's address is on its stack or not.
func TestSockaddrNoAlloc(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		var a SockaddrAny
		sa := SockaddrInet6{Port: 1, Addr: [16]byte{15: 1}}
		putSockaddr(&sa, &a)
		if _, ok := a.Inet6(); !ok {
			panic("decode")
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations per conversion", n)
	}
}

// FuzzSockaddrAny decodes arbitrary kernel bytes with every method: never a panic, never
// a read past Len, and what decodes converts back to the same bytes' meaning.
func FuzzSockaddrAny(f *testing.F) {
	for _, sa := range []Sockaddr{&SockaddrInet4{Port: 80}, &SockaddrInet6{ZoneID: 3}, &SockaddrUnix{Name: "@x"},
		&SockaddrUnix{Name: "/p"}, &SockaddrNetlink{PID: 1}, &SockaddrLinklayer{Halen: 6}, &SockaddrVM{CID: 2}} {
		var a SockaddrAny
		putSockaddr(sa, &a)
		f.Add(a.Bytes())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a SockaddrAny
		n := copy(a.raw()[:], b)
		a.Len = uint32(len(b))
		_ = a.String()
		sa, err := a.Sockaddr()
		if err != nil {
			return
		}
		var back SockaddrAny
		if err := putSockaddr(sa, &back); err != nil {
			if _, unix := sa.(*SockaddrUnix); unix {
				return // a path with a NUL inside, or too long, is refused on the way back
			}
			t.Fatalf("%T %+v from % x does not convert back: %v", sa, sa, b[:n], err)
		}
		if back.Family() != a.Family() {
			t.Fatalf("family %v -> %v", a.Family(), back.Family())
		}
		again, err := back.Sockaddr()
		if err != nil || again.Family() != sa.Family() {
			t.Fatalf("round trip: %+v, %v", again, err)
		}
	})
}
