//go:build linux

package linux

import (
	"encoding/binary"
	"iter"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Control messages (cmsg(3), unix(7), ip(7), udp(7)): the ancillary data of Sendmsg and
// Recvmsg, a sequence of records, each a struct cmsghdr (length, level, type) and its
// data, padded to the alignment of a long. The Append* functions build them on a caller's
// buffer (append: no allocation once the buffer has room); Cmsgs and the Cmsg methods
// decode what the kernel wrote, checking every length against the buffer.

const (
	cmsgAlign   = int(unsafe.Sizeof(uintptr(0))) // CMSG_ALIGN: the size of a long
	cmsgHdrLen  = (int(unsafe.Sizeof(Cmsghdr{})) + cmsgAlign - 1) &^ (cmsgAlign - 1)
	cmsgLenSize = int(unsafe.Sizeof(Cmsghdr{}.Len)) // size_t
)

func cmsgAlignUp(n int) int { return (n + cmsgAlign - 1) &^ (cmsgAlign - 1) }

// CmsgLen is CMSG_LEN: the cmsg_len of a control message with n bytes of data.
func CmsgLen(n int) int { return cmsgHdrLen + n }

// CmsgSpace is CMSG_SPACE: the bytes a control message with n bytes of data takes in the
// buffer, padding included (what to allocate for it).
func CmsgSpace(n int) int { return cmsgHdrLen + cmsgAlignUp(n) }

// AppendCmsg appends a control message of level and type typ with data to b.
func AppendCmsg(b []byte, level SockLevel, typ int, data []byte) []byte {
	b, d := appendCmsgHeader(b, level, typ, len(data))
	copy(d, data)
	return b
}

// appendCmsgHeader appends a control message with n bytes of zeroed data and returns the
// buffer and the data's bytes in it.
func appendCmsgHeader(b []byte, level SockLevel, typ int, n int) ([]byte, []byte) {
	start := len(b)
	space := CmsgSpace(n)
	b = append(b, make([]byte, space)...) // no allocation when b has room: the compiler extends in place
	h := b[start:]
	if cmsgLenSize == 8 {
		binary.NativeEndian.PutUint64(h, uint64(CmsgLen(n)))
	} else {
		binary.NativeEndian.PutUint32(h, uint32(CmsgLen(n)))
	}
	binary.NativeEndian.PutUint32(h[cmsgLenSize:], uint32(level))
	binary.NativeEndian.PutUint32(h[cmsgLenSize+4:], uint32(int32(typ)))
	return b, h[cmsgHdrLen : cmsgHdrLen+n]
}

// AppendRights appends an SCM_RIGHTS message passing fds (unix(7)): the receiver gets new
// descriptors for the same open files.
func AppendRights(b []byte, fds ...FD) []byte {
	b, d := appendCmsgHeader(b, SOL_SOCKET, SCM_RIGHTS, 4*len(fds))
	for i, fd := range fds {
		binary.NativeEndian.PutUint32(d[4*i:], uint32(fd))
	}
	return b
}

// AppendCredentials appends an SCM_CREDENTIALS message (unix(7)): the sender's pid, uid
// and gid, which the kernel checks (a process may name only its own unless privileged).
func AppendCredentials(b []byte, c Ucred) []byte {
	return AppendCmsg(b, SOL_SOCKET, SCM_CREDENTIALS, valueBytes(&c))
}

// AppendInet4Pktinfo appends an IP_PKTINFO message (ip(7)): on send, the source address
// (SpecDst) and interface (Ifindex) to use.
func AppendInet4Pktinfo(b []byte, p InPktinfo) []byte {
	return AppendCmsg(b, SOL_IP, IP_PKTINFO, valueBytes(&p))
}

// AppendInet6Pktinfo appends an IPV6_PKTINFO message (ipv6(7)): the source address and
// interface to send from.
func AppendInet6Pktinfo(b []byte, p In6Pktinfo) []byte {
	return AppendCmsg(b, SOL_IPV6, IPV6_PKTINFO, valueBytes(&p))
}

// AppendUDPSegment appends a UDP_SEGMENT message (udp(7), generic segmentation offload):
// the send's data is sent as datagrams of size bytes each (the last may be shorter).
func AppendUDPSegment(b []byte, size uint16) []byte {
	return AppendCmsg(b, SOL_UDP, UDP_SEGMENT, valueBytes(&size))
}

// Cmsg is one control message decoded from a buffer: Data is a slice of that buffer.
type Cmsg struct {
	Level SockLevel
	Type  int
	Data  []byte
}

// Cmsgs iterates over the control messages in b (b[:oobn] after RecvmsgBuffers, or
// msg.Control's first msg.Controllen bytes after Recvmsg). A message whose length does
// not fit in b ends the iteration with EINVAL; the kernel never writes one, except
// that it drops whole messages that do not fit (and sets MSG_CTRUNC).
func Cmsgs(b []byte) iter.Seq2[Cmsg, error] {
	return func(yield func(Cmsg, error) bool) {
		for len(b) >= cmsgHdrLen {
			var n uint64
			if cmsgLenSize == 8 {
				n = binary.NativeEndian.Uint64(b)
			} else {
				n = uint64(binary.NativeEndian.Uint32(b))
			}
			if n < uint64(cmsgHdrLen) || n > uint64(len(b)) {
				yield(Cmsg{}, raw.EINVAL)
				return
			}
			c := Cmsg{Level: SockLevel(int32(binary.NativeEndian.Uint32(b[cmsgLenSize:]))),
				Type: int(int32(binary.NativeEndian.Uint32(b[cmsgLenSize+4:]))), Data: b[cmsgHdrLen:n:n]}
			if !yield(c, nil) {
				return
			}
			next := cmsgAlignUp(int(n))
			if next >= len(b) {
				return
			}
			b = b[next:]
		}
	}
}

// Rights returns the descriptors of an SCM_RIGHTS message, appended to fds (pass a
// buffer with room to avoid allocating). The receiver owns them: close them.
func (c Cmsg) Rights(fds []FD) ([]FD, error) {
	if c.Level != SOL_SOCKET || c.Type != SCM_RIGHTS || len(c.Data)%4 != 0 {
		return fds, raw.EINVAL
	}
	for i := 0; i+4 <= len(c.Data); i += 4 {
		fds = append(fds, FD(int32(binary.NativeEndian.Uint32(c.Data[i:]))))
	}
	return fds, nil
}

// Credentials returns the credentials of an SCM_CREDENTIALS message (with SO_PASSCRED set
// on the receiving socket, the kernel adds one to every message).
func (c Cmsg) Credentials() (Ucred, error) {
	var u Ucred
	if c.Level != SOL_SOCKET || c.Type != SCM_CREDENTIALS || len(c.Data) < int(unsafe.Sizeof(u)) {
		return u, raw.EINVAL
	}
	copy(valueBytes(&u), c.Data)
	return u, nil
}

// Pidfd returns the descriptor of an SCM_PIDFD message: a pidfd of the sending process
// (with SO_PASSPIDFD set on the receiving socket). The receiver owns it.
func (c Cmsg) Pidfd() (FD, error) {
	if c.Level != SOL_SOCKET || c.Type != SCM_PIDFD || len(c.Data) < 4 {
		return -1, raw.EINVAL
	}
	return FD(int32(binary.NativeEndian.Uint32(c.Data))), nil
}

// Inet4Pktinfo returns the data of an IP_PKTINFO message (with IP_PKTINFO set on the
// socket): the interface and the local and destination addresses of a received datagram.
func (c Cmsg) Inet4Pktinfo() (InPktinfo, error) {
	var p InPktinfo
	if c.Level != SOL_IP || c.Type != IP_PKTINFO || len(c.Data) < int(unsafe.Sizeof(p)) {
		return p, raw.EINVAL
	}
	copy(valueBytes(&p), c.Data)
	return p, nil
}

// Inet6Pktinfo returns the data of an IPV6_PKTINFO message (with IPV6_RECVPKTINFO set).
func (c Cmsg) Inet6Pktinfo() (In6Pktinfo, error) {
	var p In6Pktinfo
	if c.Level != SOL_IPV6 || c.Type != IPV6_PKTINFO || len(c.Data) < int(unsafe.Sizeof(p)) {
		return p, raw.EINVAL
	}
	copy(valueBytes(&p), c.Data)
	return p, nil
}

// Int returns the data of a message whose data is an int (UDP_GRO's segment size,
// IP_TTL, IP_TOS's byte...): 4 bytes in the arch's order, or a single byte.
func (c Cmsg) Int() (int, error) {
	switch len(c.Data) {
	case 4:
		return int(int32(binary.NativeEndian.Uint32(c.Data))), nil
	case 1:
		return int(c.Data[0]), nil
	case 2:
		return int(binary.NativeEndian.Uint16(c.Data)), nil
	}
	return 0, raw.EINVAL
}
