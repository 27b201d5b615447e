//go:build linux

// Package netlink speaks the kernel's netlink protocol (netlink(7)) over package linux's
// socket calls, with its constants and structs: building messages and their
// attributes (nested, network byte order), parsing what the kernel sends (bounds-checked,
// fuzzed), and a connection that numbers requests, gathers multipart dumps and turns
// NLMSG_ERROR, with its extended acknowledgement, into a Go error.
//
//	c, err := netlink.Dial(linux.NETLINK_ROUTE, 0)
//	b := netlink.NewMessage(linux.RTM_GETLINK, linux.NLM_F_DUMP)
//	netlink.Put(b, &linux.Ifinfomsg{})
//	msgs, err := c.Execute(b)
//	for _, m := range msgs {
//		info, rest, _ := netlink.Unmarshal[linux.Ifinfomsg](m.Data)
//		for a, err := range netlink.Attrs(rest) { ... a.Type == linux.IFLA_IFNAME ... }
//	}
//
// Generic netlink families are found by name through the nlctrl family (ResolveFamily).
// Everything is in the host's byte order except what the protocol puts in network order
// (attributes flagged NLA_F_NET_BYTEORDER, and what each family documents as __be16 or
// __be32: ports, addresses).
package netlink

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"

	"github.com/rawlinux/linux"
)

// Alignment: messages (NLMSG_ALIGNTO) and attributes (NLA_ALIGNTO) start on 4-byte
// boundaries.
const align = 4

func alignUp(n int) int { return (n + align - 1) &^ (align - 1) }

// HeaderLen is the size of struct nlmsghdr.
const HeaderLen = int(unsafe.Sizeof(linux.Nlmsghdr{}))

var native = binary.NativeEndian

// A Message is one netlink message: its header and its payload (the family's fixed header,
// such as an Ifinfomsg, then attributes).
type Message struct {
	Header linux.Nlmsghdr
	Data   []byte
}

// ErrMalformed is the error (wrapped) of a message or attribute whose length does not fit
// the buffer holding it.
var ErrMalformed = errors.New("netlink: malformed message")

// ParseMessages splits buf, the bytes of one datagram, into its messages. Data slices alias
// buf. A message whose length is shorter than its header or longer than what is left is
// ErrMalformed (with the messages before it).
func ParseMessages(buf []byte) ([]Message, error) {
	var out []Message
	for len(buf) > 0 {
		if len(buf) < HeaderLen {
			return out, fmt.Errorf("%w: %d bytes left, a header is %d", ErrMalformed, len(buf), HeaderLen)
		}
		h := getHeader(buf)
		if h.Len < uint32(HeaderLen) || uint64(h.Len) > uint64(len(buf)) {
			return out, fmt.Errorf("%w: message length %d, %d bytes left", ErrMalformed, h.Len, len(buf))
		}
		out = append(out, Message{Header: h, Data: buf[HeaderLen:h.Len:h.Len]})
		next := alignUp(int(h.Len))
		if next > len(buf) {
			next = len(buf) // the last message's padding may be missing
		}
		buf = buf[next:]
	}
	return out, nil
}

// MarshalBinary returns the message as the kernel takes it: the header, with Len set, and
// the payload.
func (m Message) MarshalBinary() ([]byte, error) {
	n := HeaderLen + len(m.Data)
	if uint64(n) > 1<<32-1 {
		return nil, fmt.Errorf("netlink: a message of %d bytes", n)
	}
	b := make([]byte, n)
	h := m.Header
	h.Len = uint32(n)
	putHeader(b, h)
	copy(b[HeaderLen:], m.Data)
	return b, nil
}

// getHeader reads the nlmsghdr at the start of b (at least HeaderLen bytes).
func getHeader(b []byte) linux.Nlmsghdr {
	return linux.Nlmsghdr{Len: native.Uint32(b[0:]), Type: native.Uint16(b[4:]), Flags: native.Uint16(b[6:]),
		Seq: native.Uint32(b[8:]), PID: native.Uint32(b[12:])}
}

func putHeader(b []byte, h linux.Nlmsghdr) {
	native.PutUint32(b[0:], h.Len)
	native.PutUint16(b[4:], h.Type)
	native.PutUint16(b[6:], h.Flags)
	native.PutUint32(b[8:], h.Seq)
	native.PutUint32(b[12:], h.PID)
}

// Unmarshal reads the fixed struct T (a family header such as linux.Ifinfomsg,
// linux.Rtmsg, linux.Genlmsghdr, linux.InetDiagMsg) from the start of data, by copy, and
// returns it with the rest of data after it and its alignment padding (the attributes).
// T must be a struct of integers and arrays, as the generated ones are; data shorter than
// T is ErrMalformed.
func Unmarshal[T any](data []byte) (T, []byte, error) {
	var v T
	n := int(unsafe.Sizeof(v))
	if len(data) < n {
		return v, nil, fmt.Errorf("%w: %d bytes for a %d-byte %T", ErrMalformed, len(data), n, v)
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), n), data)
	return v, data[min(alignUp(n), len(data)):], nil
}
