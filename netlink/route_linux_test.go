//go:build linux

package netlink

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux"
)

// A link, an address and a route as the tests read them from rtnetlink dumps.
type link struct {
	index int32
	name  string
	flags linux.IfFlags
	mtu   uint32
}

type addr struct {
	index     uint32
	prefixlen uint8
	local     [4]byte
	label     string
}

type route struct {
	dst    [4]byte
	dstLen uint8
	oif    uint32
	table  uint8
}

func dumpLinks(t *testing.T, c *Conn) []link {
	t.Helper()
	b := NewMessage(linux.RTM_GETLINK, linux.NLM_F_DUMP)
	Put(b, &linux.Ifinfomsg{Family: uint8(linux.AF_UNSPEC)})
	msgs, err := c.Execute(b)
	if err != nil {
		t.Fatalf("RTM_GETLINK dump: %v", err)
	}
	var out []link
	for _, m := range msgs {
		if linux.RtmType(m.Header.Type) != linux.RTM_NEWLINK {
			t.Fatalf("a %v in a link dump", linux.RtmType(m.Header.Type))
		}
		info, rest, err := Unmarshal[linux.Ifinfomsg](m.Data)
		if err != nil {
			t.Fatal(err)
		}
		l := link{index: info.Index, flags: info.Flags}
		for a, err := range Attrs(rest) {
			if err != nil {
				t.Fatal(err)
			}
			switch linux.IflaAttr(a.Kind()) {
			case linux.IFLA_IFNAME:
				l.name = a.Text()
			case linux.IFLA_MTU:
				l.mtu, _ = a.Uint32()
			}
		}
		out = append(out, l)
	}
	return out
}

func dumpAddrs(t *testing.T, c *Conn) []addr {
	t.Helper()
	b := NewMessage(linux.RTM_GETADDR, linux.NLM_F_DUMP)
	Put(b, &linux.Ifaddrmsg{Family: uint8(linux.AF_INET)})
	msgs, err := c.Execute(b)
	if err != nil {
		t.Fatalf("RTM_GETADDR dump: %v", err)
	}
	var out []addr
	for _, m := range msgs {
		info, rest, err := Unmarshal[linux.Ifaddrmsg](m.Data)
		if err != nil {
			t.Fatal(err)
		}
		a := addr{index: info.Index, prefixlen: info.Prefixlen}
		for at, err := range Attrs(rest) {
			if err != nil {
				t.Fatal(err)
			}
			switch linux.IfaAttr(at.Kind()) {
			case linux.IFA_LOCAL:
				copy(a.local[:], at.Data)
			case linux.IFA_LABEL:
				a.label = at.Text()
			}
		}
		out = append(out, a)
	}
	return out
}

func dumpRoutes(t *testing.T, c *Conn) []route {
	t.Helper()
	b := NewMessage(linux.RTM_GETROUTE, linux.NLM_F_DUMP)
	Put(b, &linux.Rtmsg{Family: uint8(linux.AF_INET)})
	msgs, err := c.Execute(b)
	if err != nil {
		t.Fatalf("RTM_GETROUTE dump: %v", err)
	}
	var out []route
	for _, m := range msgs {
		rt, rest, err := Unmarshal[linux.Rtmsg](m.Data)
		if err != nil {
			t.Fatal(err)
		}
		r := route{dstLen: rt.DstLen, table: rt.Table}
		for a, err := range Attrs(rest) {
			if err != nil {
				t.Fatal(err)
			}
			switch linux.RtaAttr(a.Kind()) {
			case linux.RTA_DST:
				copy(r.dst[:], a.Data)
			case linux.RTA_OIF:
				r.oif, _ = a.Uint32()
			}
		}
		out = append(out, r)
	}
	return out
}

// TestDumpLinksAndAddrs dumps the links and the IPv4 addresses and finds lo and 127.0.0.1.
func TestDumpLinksAndAddrs(t *testing.T) {
	c := dial(t, linux.NETLINK_ROUTE)
	var lo *link
	links := dumpLinks(t, c)
	for i := range links {
		if links[i].name == "lo" {
			lo = &links[i]
		}
	}
	if lo == nil {
		t.Fatalf("no lo among %d links: %+v", len(links), links)
	}
	if lo.flags&linux.IFF_LOOPBACK == 0 || lo.mtu == 0 {
		t.Errorf("lo: %+v", *lo)
	}
	if b, err := os.ReadFile("/sys/class/net/lo/ifindex"); err == nil {
		if n, _ := strconv.Atoi(strings.TrimSpace(string(b))); n != int(lo.index) {
			t.Errorf("lo's index %d, sysfs says %d", lo.index, n)
		}
	}
	t.Logf("%d links; lo: index %d, %v, MTU %d", len(links), lo.index, lo.flags, lo.mtu)
	found := false
	for _, a := range dumpAddrs(t, c) {
		if a.local == [4]byte{127, 0, 0, 1} && a.index == uint32(lo.index) && a.prefixlen == 8 {
			found = true
		}
	}
	if !found {
		t.Errorf("no 127.0.0.1/8 on lo: %+v", dumpAddrs(t, c))
	}
}

// TestChangesInNetns brings lo up in a new network namespace, adds an address and a route,
// sees them in dumps, sees adding the address again fail with EEXIST, and deletes both.
func TestChangesInNetns(t *testing.T) {
	if !inNewNetns(t, "TestChangesInNetns") {
		return
	}
	c := dial(t, linux.NETLINK_ROUTE)
	links := dumpLinks(t, c)
	if len(links) != 1 || links[0].name != "lo" || links[0].flags&linux.IFF_UP != 0 {
		t.Fatalf("a new namespace's links: %+v", links)
	}
	lo := links[0].index
	up := NewMessage(linux.RTM_NEWLINK, 0)
	Put(up, &linux.Ifinfomsg{Family: uint8(linux.AF_UNSPEC), Index: lo, Flags: linux.IFF_UP, Change: linux.IFF_UP})
	if _, err := c.Execute(up); err != nil {
		t.Fatalf("RTM_NEWLINK up: %v", err)
	}
	if l := dumpLinks(t, c); l[0].flags&linux.IFF_UP == 0 {
		t.Fatalf("lo not up: %v", l[0].flags)
	}

	ip := [4]byte{192, 0, 2, 1}
	newAddr := func() *Builder {
		b := NewMessage(linux.RTM_NEWADDR, linux.NLM_F_CREATE|linux.NLM_F_EXCL)
		Put(b, &linux.Ifaddrmsg{Family: uint8(linux.AF_INET), Prefixlen: 24, Index: uint32(lo)})
		b.Attr(uint16(linux.IFA_LOCAL), ip[:])
		b.Attr(uint16(linux.IFA_ADDRESS), ip[:])
		b.String(uint16(linux.IFA_LABEL), "lo:test")
		return b
	}
	if _, err := c.Execute(newAddr()); err != nil {
		t.Fatalf("RTM_NEWADDR: %v", err)
	}
	hasAddr := func() bool {
		for _, a := range dumpAddrs(t, c) {
			if a.local == ip && a.prefixlen == 24 && a.index == uint32(lo) && a.label == "lo:test" {
				return true
			}
		}
		return false
	}
	if !hasAddr() {
		t.Fatalf("192.0.2.1/24 not in the dump: %+v", dumpAddrs(t, c))
	}
	_, err := c.Execute(newAddr())
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, linux.EEXIST) || linux.RtmType(e.Request.Type) != linux.RTM_NEWADDR {
		t.Errorf("adding the address again: %v", err)
	} else {
		t.Logf("adding the address again: %v", err)
	}

	dst := [4]byte{198, 51, 100, 0}
	routeMsg := func(typ linux.RtmType, flags uint16) *Builder {
		b := NewMessage(typ, flags)
		Put(b, &linux.Rtmsg{Family: uint8(linux.AF_INET), DstLen: 24, Table: linux.RT_TABLE_MAIN,
			Protocol: linux.RTPROT_STATIC, Scope: linux.RT_SCOPE_LINK, Type: linux.RTN_UNICAST})
		b.Attr(uint16(linux.RTA_DST), dst[:])
		b.Uint32(uint16(linux.RTA_OIF), uint32(lo))
		return b
	}
	if _, err := c.Execute(routeMsg(linux.RTM_NEWROUTE, linux.NLM_F_CREATE|linux.NLM_F_EXCL)); err != nil {
		t.Fatalf("RTM_NEWROUTE: %v", err)
	}
	hasRoute := func() bool {
		for _, r := range dumpRoutes(t, c) {
			if r.dst == dst && r.dstLen == 24 && r.oif == uint32(lo) && r.table == linux.RT_TABLE_MAIN {
				return true
			}
		}
		return false
	}
	if !hasRoute() {
		t.Fatalf("198.51.100.0/24 not in the dump: %+v", dumpRoutes(t, c))
	}
	if _, err := c.Execute(routeMsg(linux.RTM_DELROUTE, 0)); err != nil {
		t.Fatalf("RTM_DELROUTE: %v", err)
	}
	if hasRoute() {
		t.Error("the route is still there")
	}
	del := NewMessage(linux.RTM_DELADDR, 0)
	Put(del, &linux.Ifaddrmsg{Family: uint8(linux.AF_INET), Prefixlen: 24, Index: uint32(lo)})
	del.Attr(uint16(linux.IFA_LOCAL), ip[:])
	if _, err := c.Execute(del); err != nil {
		t.Fatalf("RTM_DELADDR: %v", err)
	}
	if hasAddr() {
		t.Error("the address is still there")
	}
	// A route to a missing device: ENODEV, with the kernel's message where it gives one.
	bad := routeMsg(linux.RTM_NEWROUTE, linux.NLM_F_CREATE)
	bad.Uint32(uint16(linux.RTA_OIF), 12345)
	if _, err := c.Execute(bad); err == nil {
		t.Error("a route through device 12345 was added")
	} else {
		t.Logf("a route through device 12345: %v", err)
	}
}
