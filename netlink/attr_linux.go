//go:build linux

package netlink

import (
	"encoding/binary"
	"fmt"
	"iter"
	"strings"
	"unsafe"

	"github.com/rawlinux/linux"
)

// attrHeaderLen is the size of struct nlattr (and of struct rtattr, its rtnetlink twin).
const attrHeaderLen = int(unsafe.Sizeof(linux.Nlattr{}))

// An Attr is one attribute (struct nlattr, struct rtattr): its type with the NLA_F_NESTED
// and NLA_F_NET_BYTEORDER flags, and its payload (without padding).
type Attr struct {
	Type uint16
	Data []byte
}

// Kind is the attribute's type without the flags.
func (a Attr) Kind() uint16 { return a.Type &^ (linux.NLA_F_NESTED | linux.NLA_F_NET_BYTEORDER) }

// IsNested reports whether the attribute says it holds attributes (NLA_F_NESTED; many
// older attributes hold them without saying so).
func (a Attr) IsNested() bool { return a.Type&linux.NLA_F_NESTED != 0 }

// NetByteOrder reports whether the payload is in network byte order (NLA_F_NET_BYTEORDER).
func (a Attr) NetByteOrder() bool { return a.Type&linux.NLA_F_NET_BYTEORDER != 0 }

func (a Attr) size(n int) error {
	if len(a.Data) != n {
		return fmt.Errorf("%w: attribute %d has %d bytes, want %d", ErrMalformed, a.Kind(), len(a.Data), n)
	}
	return nil
}

// Uint8 is the payload as a u8.
func (a Attr) Uint8() (uint8, error) {
	if err := a.size(1); err != nil {
		return 0, err
	}
	return a.Data[0], nil
}

// Uint16 is the payload as a u16 in host byte order (network order if the attribute says
// NLA_F_NET_BYTEORDER).
func (a Attr) Uint16() (uint16, error) {
	if err := a.size(2); err != nil {
		return 0, err
	}
	return a.order().Uint16(a.Data), nil
}

// Uint32 is the payload as a u32 in host byte order (network order if the attribute says
// NLA_F_NET_BYTEORDER).
func (a Attr) Uint32() (uint32, error) {
	if err := a.size(4); err != nil {
		return 0, err
	}
	return a.order().Uint32(a.Data), nil
}

// Uint64 is the payload as a u64 in host byte order (network order if the attribute says
// NLA_F_NET_BYTEORDER).
func (a Attr) Uint64() (uint64, error) {
	if err := a.size(8); err != nil {
		return 0, err
	}
	return a.order().Uint64(a.Data), nil
}

// Int32 is the payload as an s32 in host byte order.
func (a Attr) Int32() (int32, error) {
	v, err := a.Uint32()
	return int32(v), err
}

// Uint16BE is the payload as a __be16 (a port: the families flag few of them
// NLA_F_NET_BYTEORDER).
func (a Attr) Uint16BE() (uint16, error) {
	if err := a.size(2); err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint16(a.Data), nil
}

// Uint32BE is the payload as a __be32.
func (a Attr) Uint32BE() (uint32, error) {
	if err := a.size(4); err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(a.Data), nil
}

// Text is the payload as a string, up to its first NUL (NLA_NUL_STRING, NLA_STRING).
func (a Attr) Text() string {
	s := string(a.Data)
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return s
}

// Attrs parses the payload as attributes (a nested attribute).
func (a Attr) Attrs() ([]Attr, error) { return ParseAttrs(a.Data) }

func (a Attr) order() binary.ByteOrder {
	if a.NetByteOrder() {
		return binary.BigEndian
	}
	return native
}

// ParseAttrs parses b as a sequence of attributes. Data slices alias b. An attribute whose
// length is shorter than its header or longer than what is left is ErrMalformed (with the
// attributes before it).
func ParseAttrs(b []byte) ([]Attr, error) {
	var out []Attr
	for a, err := range Attrs(b) {
		if err != nil {
			return out, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Attrs iterates over the attributes in b; after a malformed one it yields the error and
// stops.
func Attrs(b []byte) iter.Seq2[Attr, error] {
	return func(yield func(Attr, error) bool) {
		for len(b) > 0 {
			if len(b) < attrHeaderLen {
				yield(Attr{}, fmt.Errorf("%w: %d bytes left, an attribute header is %d", ErrMalformed, len(b), attrHeaderLen))
				return
			}
			n := int(native.Uint16(b[0:]))
			if n < attrHeaderLen || n > len(b) {
				yield(Attr{}, fmt.Errorf("%w: attribute length %d, %d bytes left", ErrMalformed, n, len(b)))
				return
			}
			if !yield(Attr{Type: native.Uint16(b[2:]), Data: b[attrHeaderLen:n:n]}, nil) {
				return
			}
			b = b[min(alignUp(n), len(b)):]
		}
	}
}

// A Builder writes one netlink message: the header, a family's fixed header (Put), and
// attributes, nested to any depth. The zero Builder is not ready: use NewMessage.
type Builder struct {
	buf   []byte
	nests []int // offsets of the open nested attributes
	err   error
}

// NewMessage starts a message of type typ (a linux.RtmType such as linux.RTM_GETLINK, a
// generic family's id, linux.SOCK_DIAG_BY_FAMILY...) with flags (NLM_F_DUMP,
// NLM_F_CREATE|NLM_F_EXCL...; Conn.Execute adds NLM_F_REQUEST and NLM_F_ACK).
func NewMessage[T ~uint16 | ~int](typ T, flags uint16) *Builder {
	b := &Builder{buf: make([]byte, HeaderLen, 256)}
	if uint64(typ) > 0xffff {
		b.fail(fmt.Errorf("netlink: message type %d", typ))
	}
	native.PutUint16(b.buf[4:], uint16(typ))
	native.PutUint16(b.buf[6:], flags)
	return b
}

// Put appends the fixed struct v (linux.Ifinfomsg, linux.Rtmsg, linux.Genlmsghdr,
// linux.InetDiagReqV2...: integers and arrays only) and pads to the alignment.
func Put[T any](b *Builder, v *T) {
	b.raw(unsafe.Slice((*byte)(unsafe.Pointer(v)), unsafe.Sizeof(*v)))
}

// Bytes appends p as it is (a payload the family defines) and pads to the alignment.
func (b *Builder) Bytes(p []byte) { b.raw(p) }

func (b *Builder) raw(p []byte) {
	b.buf = append(b.buf, p...)
	b.pad()
}

func (b *Builder) pad() {
	for len(b.buf)%align != 0 {
		b.buf = append(b.buf, 0)
	}
}

// Attr appends an attribute of type typ with payload p.
func (b *Builder) Attr(typ uint16, p []byte) {
	n := attrHeaderLen + len(p)
	if n > 0xffff {
		b.fail(fmt.Errorf("netlink: attribute %d of %d bytes (at most 65535)", typ, n))
		return
	}
	var h [4]byte
	native.PutUint16(h[0:], uint16(n))
	native.PutUint16(h[2:], typ)
	b.buf = append(b.buf, h[:]...)
	b.buf = append(b.buf, p...)
	b.pad()
}

// Flag appends an attribute without payload (NLA_FLAG).
func (b *Builder) Flag(typ uint16) { b.Attr(typ, nil) }

// Uint8 appends a u8 attribute.
func (b *Builder) Uint8(typ uint16, v uint8) { b.Attr(typ, []byte{v}) }

// Uint16 appends a u16 attribute in host byte order.
func (b *Builder) Uint16(typ uint16, v uint16) { b.Attr(typ, native.AppendUint16(nil, v)) }

// Uint32 appends a u32 attribute in host byte order.
func (b *Builder) Uint32(typ uint16, v uint32) { b.Attr(typ, native.AppendUint32(nil, v)) }

// Uint64 appends a u64 attribute in host byte order.
func (b *Builder) Uint64(typ uint16, v uint64) { b.Attr(typ, native.AppendUint64(nil, v)) }

// Int32 appends an s32 attribute in host byte order.
func (b *Builder) Int32(typ uint16, v int32) { b.Uint32(typ, uint32(v)) }

// Uint16BE appends a __be16 attribute flagged NLA_F_NET_BYTEORDER.
func (b *Builder) Uint16BE(typ uint16, v uint16) {
	b.Attr(typ|linux.NLA_F_NET_BYTEORDER, binary.BigEndian.AppendUint16(nil, v))
}

// Uint32BE appends a __be32 attribute flagged NLA_F_NET_BYTEORDER.
func (b *Builder) Uint32BE(typ uint16, v uint32) {
	b.Attr(typ|linux.NLA_F_NET_BYTEORDER, binary.BigEndian.AppendUint32(nil, v))
}

// String appends a NUL-terminated string attribute (NLA_NUL_STRING; the kernel's
// NLA_STRING accepts it too).
func (b *Builder) String(typ uint16, s string) {
	p := make([]byte, len(s)+1)
	copy(p, s)
	b.Attr(typ, p)
}

// Begin opens a nested attribute of type typ, flagged NLA_F_NESTED: the attributes up to
// the matching End are its payload.
func (b *Builder) Begin(typ uint16) {
	b.nests = append(b.nests, len(b.buf))
	b.Attr(typ|linux.NLA_F_NESTED, nil)
}

// End closes the innermost nested attribute.
func (b *Builder) End() {
	if len(b.nests) == 0 {
		b.fail(fmt.Errorf("netlink: End without Begin"))
		return
	}
	at := b.nests[len(b.nests)-1]
	b.nests = b.nests[:len(b.nests)-1]
	n := len(b.buf) - at
	if n > 0xffff {
		b.fail(fmt.Errorf("netlink: nested attribute of %d bytes (at most 65535)", n))
		return
	}
	native.PutUint16(b.buf[at:], uint16(n))
}

func (b *Builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// Message returns the message built so far (its Data aliases the builder's buffer), or the
// first error of the building: an attribute too long, End without Begin, a nest left open.
func (b *Builder) Message() (Message, error) {
	if b.err != nil {
		return Message{}, b.err
	}
	if len(b.nests) > 0 {
		return Message{}, fmt.Errorf("netlink: %d nested attributes not ended", len(b.nests))
	}
	native.PutUint32(b.buf[0:], uint32(len(b.buf)))
	ms, err := ParseMessages(b.buf)
	if err != nil || len(ms) != 1 {
		return Message{}, fmt.Errorf("netlink: built message does not parse: %v", err)
	}
	return ms[0], nil
}

// wire returns the message's bytes with seq and port id set.
func (b *Builder) wire(flags uint16, seq, pid uint32) ([]byte, error) {
	if _, err := b.Message(); err != nil {
		return nil, err
	}
	native.PutUint16(b.buf[6:], native.Uint16(b.buf[6:])|flags)
	native.PutUint32(b.buf[8:], seq)
	native.PutUint32(b.buf[12:], pid)
	return b.buf, nil
}
