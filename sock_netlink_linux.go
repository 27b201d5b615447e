//go:build linux

package linux

import (
	"encoding/binary"
	"iter"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Netlink messages (netlink(7), rtnetlink(7)): a datagram holds messages, each a
// Nlmsghdr and its payload padded to 4 bytes; a payload often ends in attributes, each
// an Nlattr (or the route family's rtattr, the same layout) and its data, padded to 4
// bytes. The Append* functions build them on a caller's buffer; NetlinkMessages and
// NetlinkAttrs decode what the kernel sent, checking every length.

const (
	nlmsgHdrLen = int(unsafe.Sizeof(Nlmsghdr{}))
	nlaHdrLen   = int(unsafe.Sizeof(Nlattr{}))
)

func nlAlign(n int) int { return (n + NLMSG_ALIGNTO - 1) &^ (NLMSG_ALIGNTO - 1) }

// NetlinkMessage is one decoded netlink message: Data is its payload, a slice of the
// datagram.
type NetlinkMessage struct {
	Header Nlmsghdr
	Data   []byte
}

// Err returns the error of an NLMSG_ERROR message (nil for an acknowledgement, error 0),
// EINVAL for a short one, nil for other messages.
func (m NetlinkMessage) Err() error {
	if m.Header.Type != NLMSG_ERROR {
		return nil
	}
	if len(m.Data) < 4 {
		return raw.EINVAL
	}
	if e := int32(binary.NativeEndian.Uint32(m.Data)); e < 0 {
		return raw.Errno(-e)
	}
	return nil
}

// AppendNetlinkMessage appends a message of type typ and flags (NLM_F_*) with sequence
// number seq and port id pid (0: the kernel fills in the sender's) and payload to b, and
// returns the buffer and the offset of its header (for AppendNetlinkAttr's callers, who
// fix up the length with SetNetlinkLen).
func AppendNetlinkMessage(b []byte, typ, flags uint16, seq, pid uint32, payload []byte) ([]byte, int) {
	start := len(b)
	b = append(b, make([]byte, nlAlign(nlmsgHdrLen+len(payload)))...)
	h := b[start:]
	binary.NativeEndian.PutUint32(h, uint32(nlmsgHdrLen+len(payload)))
	binary.NativeEndian.PutUint16(h[4:], typ)
	binary.NativeEndian.PutUint16(h[6:], flags)
	binary.NativeEndian.PutUint32(h[8:], seq)
	binary.NativeEndian.PutUint32(h[12:], pid)
	copy(h[nlmsgHdrLen:], payload)
	return b, start
}

// SetNetlinkLen sets the length of the message at offset start of b to what follows it
// (after attributes were appended to it).
func SetNetlinkLen(b []byte, start int) {
	binary.NativeEndian.PutUint32(b[start:], uint32(len(b)-start))
}

// AppendNetlinkAttr appends an attribute of type typ (with NLA_F_NESTED for a nest) and
// data to b.
func AppendNetlinkAttr(b []byte, typ uint16, data []byte) []byte {
	start := len(b)
	b = append(b, make([]byte, nlAlign(nlaHdrLen+len(data)))...)
	binary.NativeEndian.PutUint16(b[start:], uint16(nlaHdrLen+len(data)))
	binary.NativeEndian.PutUint16(b[start+2:], typ)
	copy(b[start+nlaHdrLen:], data)
	return b
}

// NetlinkMessages iterates over the messages of datagram b. A message whose length does
// not fit ends the iteration with EINVAL.
func NetlinkMessages(b []byte) iter.Seq2[NetlinkMessage, error] {
	return func(yield func(NetlinkMessage, error) bool) {
		for len(b) >= nlmsgHdrLen {
			var m NetlinkMessage
			m.Header.Len = binary.NativeEndian.Uint32(b)
			m.Header.Type = binary.NativeEndian.Uint16(b[4:])
			m.Header.Flags = binary.NativeEndian.Uint16(b[6:])
			m.Header.Seq = binary.NativeEndian.Uint32(b[8:])
			m.Header.PID = binary.NativeEndian.Uint32(b[12:])
			n := m.Header.Len
			if n < uint32(nlmsgHdrLen) || n > uint32(len(b)) {
				yield(NetlinkMessage{}, raw.EINVAL)
				return
			}
			m.Data = b[nlmsgHdrLen:n:n]
			if !yield(m, nil) {
				return
			}
			next := nlAlign(int(n))
			if next >= len(b) {
				return
			}
			b = b[next:]
		}
	}
}

// NetlinkAttr is one decoded attribute: Type without the NLA_F_NESTED and
// NLA_F_NET_BYTEORDER flags, which Nested and NetByteorder report; Data is a slice of the
// message.
type NetlinkAttr struct {
	Type                 uint16
	Nested, NetByteorder bool
	Data                 []byte
}

// NetlinkAttrs iterates over the attributes in b (a message's payload after its fixed
// header: Data[unsafe.Sizeof(Ifinfomsg{}):] for RTM_NEWLINK, or a nest's Data). An
// attribute whose length does not fit ends the iteration with EINVAL.
func NetlinkAttrs(b []byte) iter.Seq2[NetlinkAttr, error] {
	return func(yield func(NetlinkAttr, error) bool) {
		for len(b) >= nlaHdrLen {
			n := int(binary.NativeEndian.Uint16(b))
			t := binary.NativeEndian.Uint16(b[2:])
			if n < nlaHdrLen || n > len(b) {
				yield(NetlinkAttr{}, raw.EINVAL)
				return
			}
			a := NetlinkAttr{Type: t &^ (NLA_F_NESTED | NLA_F_NET_BYTEORDER), Nested: t&NLA_F_NESTED != 0,
				NetByteorder: t&NLA_F_NET_BYTEORDER != 0, Data: b[nlaHdrLen:n:n]}
			if !yield(a, nil) {
				return
			}
			next := nlAlign(n)
			if next >= len(b) {
				return
			}
			b = b[next:]
		}
	}
}

// String returns the attribute's data up to its NUL (IFLA_IFNAME and the other string
// attributes carry one).
func (a NetlinkAttr) String() string {
	d := a.Data
	for i, c := range d {
		if c == 0 {
			d = d[:i]
			break
		}
	}
	return string(d)
}
