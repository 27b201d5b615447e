//go:build linux

package linux

import (
	"strings"
	"unsafe"
)

// Typed helpers for the network-device requests (linux/sockios.h, linux/if.h: netdevice(7))
// through Ifreq, and for tun and tap devices (linux/if_tun.h), over Ioctl. The SIOC*
// requests go to any socket (an AF_INET datagram socket, an AF_NETLINK one...).

// NewIfreq returns an Ifreq for the device named name (at most IFNAMSIZ-1 bytes, no NUL:
// EINVAL otherwise).
func NewIfreq(name string) (*Ifreq, error) {
	r := new(Ifreq)
	if err := r.SetName(name); err != nil {
		return nil, err
	}
	return r, nil
}

// Name returns the device name of r (ifr_name).
func (r *Ifreq) Name() string {
	b := r.Ifrn.IfrnName()[:]
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// SetName sets the device name of r (ifr_name); it is EINVAL for a name of IFNAMSIZ bytes
// or more or with a NUL byte.
func (r *Ifreq) SetName(name string) error {
	if len(name) >= IFNAMSIZ || strings.IndexByte(name, 0) >= 0 {
		return EINVAL
	}
	b := r.Ifrn.IfrnName()
	*b = [IFNAMSIZ]byte{}
	copy(b[:], name)
	return nil
}

// Flags returns the device flags (ifr_flags: the low 16 IFF_* bits; SIOCGIFFLAGS).
func (r *Ifreq) Flags() IfFlags { return IfFlags(uint16(r.Ifru.Flags())) }

// SetFlags sets the device flags (ifr_flags; SIOCSIFFLAGS). Only the low 16 bits fit.
func (r *Ifreq) SetFlags(f IfFlags) { r.Ifru.SetFlags(int16(uint16(f))) }

// MTU returns the device's MTU (ifr_mtu; SIOCGIFMTU).
func (r *Ifreq) MTU() int { return int(r.Ifru.Mtu()) }

// SetMTU sets the device's MTU (ifr_mtu; SIOCSIFMTU).
func (r *Ifreq) SetMTU(mtu int) { r.Ifru.SetMtu(int32(mtu)) }

// Index returns the device's interface index (ifr_ifindex; SIOCGIFINDEX).
func (r *Ifreq) Index() int { return int(r.Ifru.Ivalue()) }

// SetIndex sets the interface index (ifr_ifindex: SIOCGIFNAME looks the name up by it).
func (r *Ifreq) SetIndex(i int) { r.Ifru.SetIvalue(int32(i)) }

// hwAddrLen is the hardware address length of the common device types (the kernel's
// dev->addr_len); others get all 14 bytes of sa_data. A switch, not a map: no init work.
func hwAddrLen(t ArphrdType) int {
	switch t {
	case ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_IEEE802, ARPHRD_IEEE80211, ARPHRD_IEEE80211_RADIOTAP:
		return 6
	case ARPHRD_NONE:
		return 0
	}
	return 14 // ARPHRD_INFINIBAND and the rest
}

// HardwareAddr returns the device's hardware type and address (ifr_hwaddr; SIOCGIFHWADDR):
// 6 bytes for Ethernet, loopback and Wi-Fi, none for ARPHRD_NONE (tun), all 14 bytes of
// sa_data for other types.
func (r *Ifreq) HardwareAddr() (ArphrdType, []byte) {
	p := unsafe.Pointer(r.Ifru.Hwaddr())
	t := ArphrdType(*(*uint16)(p)) // sa_family: the device type
	sa := unsafe.Slice((*byte)(p), 16)
	return t, append([]byte(nil), sa[2:2+hwAddrLen(t)]...)
}

// SetHardwareAddr sets the hardware type and address (ifr_hwaddr; SIOCSIFHWADDR); addr is
// at most 14 bytes (EINVAL).
func (r *Ifreq) SetHardwareAddr(t ArphrdType, addr []byte) error {
	if len(addr) > 14 {
		return EINVAL
	}
	p := unsafe.Pointer(r.Ifru.Hwaddr())
	*(*uint16)(p) = uint16(t)
	sa := unsafe.Slice((*byte)(p), 16)
	clear(sa[2:])
	copy(sa[2:], addr)
	return nil
}

// Inet4Addr returns the IPv4 address of an AF_INET ifr_addr (SIOCGIFADDR, SIOCGIFNETMASK,
// SIOCGIFBRDADDR fill it), in network byte order, and whether the address is AF_INET.
func (r *Ifreq) Inet4Addr() ([4]byte, bool) {
	sin := (*SockaddrIn)(unsafe.Pointer(r.Ifru.Addr()))
	return *(*[4]byte)(unsafe.Pointer(&sin.Addr)), sin.Family == AF_INET
}

// SetInet4Addr makes ifr_addr the AF_INET address a (network byte order), for
// SIOCSIFADDR, SIOCSIFNETMASK, SIOCSIFBRDADDR.
func (r *Ifreq) SetInet4Addr(a [4]byte) {
	sin := (*SockaddrIn)(unsafe.Pointer(r.Ifru.Addr()))
	*sin = SockaddrIn{Family: AF_INET}
	*(*[4]byte)(unsafe.Pointer(&sin.Addr)) = a
}

// IoctlIfreq performs the network-device request req (SIOCGIFINDEX, SIOCGIFFLAGS,
// SIOCSIFFLAGS, SIOCGIFMTU, SIOCGIFHWADDR, SIOCGIFNAME, SIOCSIFADDR...) on socket fd with r,
// which the kernel reads and, for the SIOCG* requests, fills.
func IoctlIfreq(fd FD, req IoctlCmd, r *Ifreq) error {
	_, err := Ioctl(fd, req, unsafe.Pointer(r))
	return err
}

// OpenTun opens /dev/net/tun and attaches the descriptor to the tun or tap device name
// (created if missing; a name with %d, or "", lets the kernel number it) with flags: IFF_TUN
// or IFF_TAP, and IFF_NO_PI, IFF_MULTI_QUEUE, IFF_VNET_HDR... (TUNSETIFF). It returns the
// descriptor and the device's name. The device lasts while the descriptor is open, unless
// IoctlTunSetPersist makes it persistent.
func OpenTun(name string, flags uint16) (FD, string, error) {
	r, err := NewIfreq(name)
	if err != nil {
		return -1, "", err
	}
	fd, err := Openat(AT_FDCWD, "/dev/net/tun", O_RDWR|O_CLOEXEC, 0)
	if err != nil {
		return -1, "", err
	}
	r.Ifru.SetFlags(int16(flags))
	if err := IoctlTunSetIff(fd, r); err != nil {
		Close(fd)
		return -1, "", err
	}
	return fd, r.Name(), nil
}

// IoctlTunSetIff attaches tun descriptor fd to the device r names, with the tun flags of
// r's ifr_flags (TUNSETIFF); the kernel writes the device's name back into r.
func IoctlTunSetIff(fd FD, r *Ifreq) error {
	_, err := Ioctl(fd, TUNSETIFF, unsafe.Pointer(r))
	return err
}

// IoctlTunGetIff returns the name and the tun flags of the device fd is attached to
// (TUNGETIFF; the flags are in ifr_flags: r.Ifru.Flags()).
func IoctlTunGetIff(fd FD) (*Ifreq, error) {
	r := new(Ifreq)
	_, err := Ioctl(fd, TUNGETIFF, unsafe.Pointer(r))
	return r, err
}

// IoctlTunGetFeatures returns the tun flags this kernel supports (TUNGETFEATURES).
func IoctlTunGetFeatures(fd FD) (uint32, error) {
	var v uint32
	_, err := Ioctl(fd, TUNGETFEATURES, unsafe.Pointer(&v))
	return v, err
}

// IoctlTunSetPersist makes fd's device outlive the descriptor, or not (TUNSETPERSIST).
func IoctlTunSetPersist(fd FD, persist bool) error {
	var v uintptr
	if persist {
		v = 1
	}
	_, err := IoctlInt(fd, TUNSETPERSIST, v)
	return err
}

// IoctlTunSetOwner lets user uid use fd's persistent device (TUNSETOWNER).
func IoctlTunSetOwner(fd FD, uid UID) error {
	_, err := IoctlInt(fd, TUNSETOWNER, uintptr(uid))
	return err
}
