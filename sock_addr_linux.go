//go:build linux

package linux

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Socket addresses. The calls that take an address (Bind, Connect, Sendto, SendmsgBuffers)
// take a Sockaddr: one of the address types below, which they write in the kernel's form
// into a buffer on their stack (no allocation); the calls that return one (Accept4,
// Recvfrom, Getsockname, RecvmsgBuffers) return a SockaddrAny, the kernel's bytes by value,
// which the methods Inet4, Inet6, Unix... decode (again without allocating, except Unix's
// string and Sockaddr's interface value).

// Sockaddr is a socket address: *SockaddrInet4, *SockaddrInet6, *SockaddrUnix,
// *SockaddrNetlink, *SockaddrLinklayer, *SockaddrVM, or *SockaddrAny (any family, as kernel
// bytes). The set is closed: the calls convert each type by a type switch, which keeps the
// address on the caller's stack.
type Sockaddr interface {
	// Family returns the address family (AF_INET...).
	Family() AddressFamily
	sockaddr()
}

// SockaddrInet4 is an IPv4 address and port (struct sockaddr_in).
type SockaddrInet4 struct {
	Port uint16  // in host byte order (the kernel's is network order: the conversion converts)
	Addr [4]byte // in network order, as written: {127, 0, 0, 1}
}

// SockaddrInet6 is an IPv6 address and port (struct sockaddr_in6).
type SockaddrInet6 struct {
	Port     uint16   // in host byte order
	Flowinfo uint32   // the flow information, in network byte order as the kernel keeps it
	Addr     [16]byte // in network order
	ZoneID   uint32   // the scope: an interface index for link-local addresses
}

// SockaddrUnix is a Unix-domain address (struct sockaddr_un). Name is a path (at most 108
// bytes), or "@" followed by an abstract name (the kernel's leading NUL; at most 107
// bytes after it), or "" for an unnamed socket: binding "" makes the kernel choose an
// abstract name (autobind).
type SockaddrUnix struct {
	Name string
}

// SockaddrNetlink is a netlink address (struct sockaddr_nl).
type SockaddrNetlink struct {
	PID    uint32 // the port id: 0 is the kernel (and, in Bind, "assign one")
	Groups uint32 // the multicast groups bit mask (the first 32 groups)
}

// SockaddrLinklayer is a packet-socket address (struct sockaddr_ll).
type SockaddrLinklayer struct {
	Protocol EthProto   // the ethertype (ETH_P_*) in host byte order (converted)
	Ifindex  int32      // the interface index (0: any, in Bind)
	Hatype   ArphrdType // the hardware type (filled in on receive)
	Pkttype  uint8      // PACKET_* (filled in on receive)
	Halen    uint8      // the length of Addr's valid part
	Addr     [8]byte    // the hardware address
}

// SockaddrVM is a vsock address (struct sockaddr_vm).
type SockaddrVM struct {
	CID   uint32 // the context id: VMADDR_CID_HOST, VMADDR_CID_LOCAL, VMADDR_CID_ANY...
	Port  uint32 // VMADDR_PORT_ANY in Bind: any
	Flags uint8  // VMADDR_FLAG_TO_HOST
}

// SockaddrAny is a socket address of any family as the kernel wrote it (or as a caller
// built it): Len bytes of Raw. A Len of 0 means no address (a connected stream's
// Recvfrom); a Len larger than Raw means the kernel's address was truncated.
type SockaddrAny struct {
	Raw SockaddrStorage
	Len uint32
}

func (*SockaddrInet4) sockaddr()     {}
func (*SockaddrInet6) sockaddr()     {}
func (*SockaddrUnix) sockaddr()      {}
func (*SockaddrNetlink) sockaddr()   {}
func (*SockaddrLinklayer) sockaddr() {}
func (*SockaddrVM) sockaddr()        {}
func (*SockaddrAny) sockaddr()       {}

// Family returns AF_INET.
func (*SockaddrInet4) Family() AddressFamily { return AF_INET }

// Family returns AF_INET6.
func (*SockaddrInet6) Family() AddressFamily { return AF_INET6 }

// Family returns AF_UNIX.
func (*SockaddrUnix) Family() AddressFamily { return AF_UNIX }

// Family returns AF_NETLINK.
func (*SockaddrNetlink) Family() AddressFamily { return AF_NETLINK }

// Family returns AF_PACKET.
func (*SockaddrLinklayer) Family() AddressFamily { return AF_PACKET }

// Family returns AF_VSOCK.
func (*SockaddrVM) Family() AddressFamily { return AF_VSOCK }

// Family returns the family of the address's bytes, AF_UNSPEC when it has none.
func (a *SockaddrAny) Family() AddressFamily {
	if a.Len < 2 {
		return AF_UNSPEC
	}
	return AddressFamily(a.Raw.SsFamily)
}

// Bytes returns the address's bytes as the kernel has them (a slice of a.Raw).
func (a *SockaddrAny) Bytes() []byte {
	return a.raw()[:min(int(a.Len), int(unsafe.Sizeof(a.Raw)))]
}

func (a *SockaddrAny) raw() *[unsafe.Sizeof(SockaddrStorage{})]byte {
	return (*[unsafe.Sizeof(SockaddrStorage{})]byte)(unsafe.Pointer(&a.Raw))
}

// Htons returns v in network byte order (big-endian), as sin_port, sll_protocol and the
// protocol argument of an AF_PACKET socket want it; Ntohs is the same conversion back.
func Htons(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return binary.NativeEndian.Uint16(b[:])
}

// Ntohs returns v, in network byte order, in host byte order.
func Ntohs(v uint16) uint16 { return Htons(v) }

// PacketProtocol is the protocol argument of an AF_PACKET socket for ethertype p (which the
// kernel takes in network byte order): Socket(AF_PACKET, SOCK_RAW, PacketProtocol(ETH_P_ALL)).
func PacketProtocol(p EthProto) Protocol { return Protocol(Htons(uint16(p))) }

// Bytes of the kernel's structs used here (the layouts come from the generated types).
var (
	offInPort    = unsafe.Offsetof(SockaddrIn{}.Port)
	offInAddr    = unsafe.Offsetof(SockaddrIn{}.Addr)
	offIn6Port   = unsafe.Offsetof(SockaddrIn6{}.Port)
	offIn6Flow   = unsafe.Offsetof(SockaddrIn6{}.Flowinfo)
	offIn6Addr   = unsafe.Offsetof(SockaddrIn6{}.Addr)
	offIn6Scope  = unsafe.Offsetof(SockaddrIn6{}.ScopeID)
	offUnPath    = unsafe.Offsetof(SockaddrUn{}.Path)
	sizeofUnPath = unsafe.Sizeof(SockaddrUn{}.Path)
)

// putSockaddr writes sa in the kernel's form into a and sets a.Len; a nil sa is no address
// (Len 0). The type switch lets the compiler see every conversion, so sa stays where the
// caller put it.
func putSockaddr(sa Sockaddr, a *SockaddrAny) error {
	b := a.raw()
	switch s := sa.(type) {
	case nil:
		a.Len = 0
	case *SockaddrInet4:
		if s == nil {
			return raw.EINVAL
		}
		p := (*SockaddrIn)(unsafe.Pointer(&a.Raw))
		*p = SockaddrIn{Family: AF_INET}
		binary.BigEndian.PutUint16(b[offInPort:], s.Port)
		copy(b[offInAddr:offInAddr+4], s.Addr[:])
		a.Len = uint32(unsafe.Sizeof(SockaddrIn{}))
	case *SockaddrInet6:
		if s == nil {
			return raw.EINVAL
		}
		p := (*SockaddrIn6)(unsafe.Pointer(&a.Raw))
		*p = SockaddrIn6{Family: AF_INET6, Flowinfo: s.Flowinfo, ScopeID: s.ZoneID}
		binary.BigEndian.PutUint16(b[offIn6Port:], s.Port)
		copy(b[offIn6Addr:offIn6Addr+16], s.Addr[:])
		a.Len = uint32(unsafe.Sizeof(SockaddrIn6{}))
	case *SockaddrUnix:
		if s == nil {
			return raw.EINVAL
		}
		return putUnix(s.Name, a)
	case *SockaddrNetlink:
		if s == nil {
			return raw.EINVAL
		}
		p := (*SockaddrNl)(unsafe.Pointer(&a.Raw))
		*p = SockaddrNl{Family: AF_NETLINK, PID: s.PID, Groups: s.Groups}
		a.Len = uint32(unsafe.Sizeof(SockaddrNl{}))
	case *SockaddrLinklayer:
		if s == nil {
			return raw.EINVAL
		}
		p := (*SockaddrLl)(unsafe.Pointer(&a.Raw))
		*p = SockaddrLl{Family: AF_PACKET, Protocol: Htons(uint16(s.Protocol)), Ifindex: s.Ifindex, Hatype: uint16(s.Hatype),
			Pkttype: s.Pkttype, Halen: s.Halen, Addr: s.Addr}
		a.Len = uint32(unsafe.Sizeof(SockaddrLl{}))
	case *SockaddrVM:
		if s == nil {
			return raw.EINVAL
		}
		p := (*SockaddrVm)(unsafe.Pointer(&a.Raw))
		*p = SockaddrVm{Family: AF_VSOCK, Port: s.Port, Cid: s.CID, Flags: s.Flags}
		a.Len = uint32(unsafe.Sizeof(SockaddrVm{}))
	case *SockaddrAny:
		if s == nil || s.Len > uint32(unsafe.Sizeof(s.Raw)) {
			return raw.EINVAL
		}
		if s != a {
			*a = *s
		}
	default:
		return raw.EAFNOSUPPORT
	}
	return nil
}

// putUnix writes a Unix-domain address: a path NUL-terminated where it fits (the kernel
// accepts a full 108-byte sun_path without one), an abstract name ("@...") without the
// terminating NUL (every byte of its length is part of the name), "" as the bare family
// (autobind).
func putUnix(name string, a *SockaddrAny) error {
	b := a.raw()
	*(*uint16)(unsafe.Pointer(&a.Raw)) = uint16(AF_UNIX)
	path := b[offUnPath : offUnPath+sizeofUnPath]
	n := len(name)
	switch {
	case n == 0:
		a.Len = uint32(offUnPath)
		return nil
	case name[0] == '@' || name[0] == 0:
		if n > len(path) {
			return raw.EINVAL
		}
		path[0] = 0
		copy(path[1:], name[1:])
		a.Len = uint32(int(offUnPath) + n)
		return nil
	case n > len(path):
		return raw.EINVAL
	}
	for i := 0; i < n; i++ {
		if name[i] == 0 {
			return raw.EINVAL // a NUL inside a path: the kernel would see a shorter one
		}
	}
	copy(path, name)
	if n < len(path) {
		path[n] = 0
		n++
	}
	a.Len = uint32(int(offUnPath) + n)
	return nil
}

// Inet4 decodes an AF_INET address.
func (a *SockaddrAny) Inet4() (SockaddrInet4, bool) {
	if a.Family() != AF_INET || a.Len < uint32(offInAddr+4) {
		return SockaddrInet4{}, false
	}
	b := a.raw()
	var s SockaddrInet4
	s.Port = binary.BigEndian.Uint16(b[offInPort:])
	copy(s.Addr[:], b[offInAddr:offInAddr+4])
	return s, true
}

// Inet6 decodes an AF_INET6 address.
func (a *SockaddrAny) Inet6() (SockaddrInet6, bool) {
	if a.Family() != AF_INET6 || a.Len < uint32(offIn6Addr+16) {
		return SockaddrInet6{}, false
	}
	b := a.raw()
	p := (*SockaddrIn6)(unsafe.Pointer(&a.Raw))
	s := SockaddrInet6{Port: binary.BigEndian.Uint16(b[offIn6Port:]), Flowinfo: p.Flowinfo}
	copy(s.Addr[:], b[offIn6Addr:offIn6Addr+16])
	if a.Len >= uint32(offIn6Scope+4) {
		s.ZoneID = p.ScopeID
	}
	return s, true
}

// Unix decodes an AF_UNIX address: a path (up to its NUL), "@" and an abstract name, or
// "" for an unnamed socket. The name is a new string (one allocation when not empty).
func (a *SockaddrAny) Unix() (SockaddrUnix, bool) {
	if a.Family() != AF_UNIX {
		return SockaddrUnix{}, false
	}
	n := min(int(a.Len), int(offUnPath+sizeofUnPath)) - int(offUnPath)
	if n <= 0 {
		return SockaddrUnix{}, true
	}
	path := a.raw()[offUnPath : int(offUnPath)+n]
	if path[0] == 0 {
		b := make([]byte, n)
		b[0] = '@'
		copy(b[1:], path[1:])
		return SockaddrUnix{Name: string(b)}, true
	}
	for i, c := range path {
		if c == 0 {
			path = path[:i]
			break
		}
	}
	return SockaddrUnix{Name: string(path)}, true
}

// Netlink decodes an AF_NETLINK address.
func (a *SockaddrAny) Netlink() (SockaddrNetlink, bool) {
	if a.Family() != AF_NETLINK || a.Len < uint32(unsafe.Sizeof(SockaddrNl{})) {
		return SockaddrNetlink{}, false
	}
	p := (*SockaddrNl)(unsafe.Pointer(&a.Raw))
	return SockaddrNetlink{PID: p.PID, Groups: p.Groups}, true
}

// Linklayer decodes an AF_PACKET address.
func (a *SockaddrAny) Linklayer() (SockaddrLinklayer, bool) {
	if a.Family() != AF_PACKET || a.Len < uint32(unsafe.Offsetof(SockaddrLl{}.Addr)) {
		return SockaddrLinklayer{}, false
	}
	p := (*SockaddrLl)(unsafe.Pointer(&a.Raw))
	s := SockaddrLinklayer{Protocol: EthProto(Ntohs(p.Protocol)), Ifindex: p.Ifindex, Hatype: ArphrdType(p.Hatype), Pkttype: p.Pkttype, Halen: p.Halen}
	n := min(int(a.Len)-int(unsafe.Offsetof(SockaddrLl{}.Addr)), len(s.Addr))
	copy(s.Addr[:n], p.Addr[:n])
	return s, true
}

// VM decodes an AF_VSOCK address.
func (a *SockaddrAny) VM() (SockaddrVM, bool) {
	if a.Family() != AF_VSOCK || a.Len < uint32(unsafe.Sizeof(SockaddrVm{})) {
		return SockaddrVM{}, false
	}
	p := (*SockaddrVm)(unsafe.Pointer(&a.Raw))
	return SockaddrVM{CID: p.Cid, Port: p.Port, Flags: p.Flags}, true
}

// Sockaddr returns the address as a new value of its family's type (*SockaddrInet4...),
// and EAFNOSUPPORT for a family without one. It allocates; the typed methods do not.
func (a *SockaddrAny) Sockaddr() (Sockaddr, error) {
	switch a.Family() {
	case AF_INET:
		if s, ok := a.Inet4(); ok {
			return &s, nil
		}
	case AF_INET6:
		if s, ok := a.Inet6(); ok {
			return &s, nil
		}
	case AF_UNIX:
		s, _ := a.Unix()
		return &s, nil
	case AF_NETLINK:
		if s, ok := a.Netlink(); ok {
			return &s, nil
		}
	case AF_PACKET:
		if s, ok := a.Linklayer(); ok {
			return &s, nil
		}
	case AF_VSOCK:
		if s, ok := a.VM(); ok {
			return &s, nil
		}
	case AF_UNSPEC:
		return nil, raw.EAFNOSUPPORT
	default:
		return nil, raw.EAFNOSUPPORT
	}
	return nil, raw.EINVAL // a known family with too few bytes
}

// AddrPort returns an AF_INET or AF_INET6 address as a netip.AddrPort (an IPv6 zone
// becomes its index in decimal).
func (a *SockaddrAny) AddrPort() (netip.AddrPort, bool) {
	if s, ok := a.Inet4(); ok {
		return s.AddrPort(), true
	}
	if s, ok := a.Inet6(); ok {
		return s.AddrPort(), true
	}
	return netip.AddrPort{}, false
}

// AddrPort returns s as a netip.AddrPort.
func (s *SockaddrInet4) AddrPort() netip.AddrPort {
	return netip.AddrPortFrom(netip.AddrFrom4(s.Addr), s.Port)
}

// AddrPort returns s as a netip.AddrPort; a non-zero ZoneID becomes the zone, in decimal.
func (s *SockaddrInet6) AddrPort() netip.AddrPort {
	ip := netip.AddrFrom16(s.Addr)
	if s.ZoneID != 0 {
		ip = ip.WithZone(strconv.FormatUint(uint64(s.ZoneID), 10))
	}
	return netip.AddrPortFrom(ip, s.Port)
}

// SockaddrOf returns ap as a *SockaddrInet4 (for an IPv4 or IPv4-mapped address) or a
// *SockaddrInet6; a zone must be an interface index in decimal (else EINVAL).
func SockaddrOf(ap netip.AddrPort) (Sockaddr, error) {
	ip := ap.Addr()
	switch {
	case !ip.IsValid():
		return nil, raw.EINVAL
	case ip.Is4():
		return &SockaddrInet4{Port: ap.Port(), Addr: ip.As4()}, nil
	}
	s := &SockaddrInet6{Port: ap.Port(), Addr: ip.As16()}
	if z := ip.Zone(); z != "" {
		n, err := strconv.ParseUint(z, 10, 32)
		if err != nil {
			return nil, raw.EINVAL
		}
		s.ZoneID = uint32(n)
	}
	return s, nil
}

// String formats the address for people: "1.2.3.4:80", "[::1]:80", a Unix name,
// "netlink:PID/GROUPS", "packet:IFINDEX/PROTOCOL", "vsock:CID:PORT", or the family and
// bytes.
func (a *SockaddrAny) String() string {
	if ap, ok := a.AddrPort(); ok {
		return ap.String()
	}
	switch a.Family() {
	case AF_UNIX:
		s, _ := a.Unix()
		if s.Name == "" {
			return "unix:(unnamed)"
		}
		return "unix:" + s.Name
	case AF_NETLINK:
		if s, ok := a.Netlink(); ok {
			return "netlink:" + strconv.FormatUint(uint64(s.PID), 10) + "/" + strconv.FormatUint(uint64(s.Groups), 16)
		}
	case AF_PACKET:
		if s, ok := a.Linklayer(); ok {
			return "packet:" + strconv.Itoa(int(s.Ifindex)) + "/0x" + strconv.FormatUint(uint64(s.Protocol), 16)
		}
	case AF_VSOCK:
		if s, ok := a.VM(); ok {
			return "vsock:" + strconv.FormatUint(uint64(s.CID), 10) + ":" + strconv.FormatUint(uint64(s.Port), 10)
		}
	case AF_UNSPEC:
		if a.Len == 0 {
			return "(none)"
		}
	}
	return "family " + strconv.Itoa(int(a.Family())) + " " + strconv.Quote(string(a.Bytes()))
}
