//go:build linux

package netlink

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/rawlinux/linux"
)

func TestBuildAndParse(t *testing.T) {
	b := NewMessage(linux.RTM_NEWLINK, linux.NLM_F_CREATE|linux.NLM_F_EXCL)
	Put(b, &linux.Ifinfomsg{Family: uint8(linux.AF_UNSPEC), Index: 7, Flags: linux.IFF_UP, Change: linux.IFF_UP})
	b.String(uint16(linux.IFLA_IFNAME), "dummy0") // 7 bytes: padded to 8
	b.Uint32(uint16(linux.IFLA_MTU), 1400)
	b.Begin(uint16(linux.IFLA_LINKINFO))
	b.String(linux.IFLA_INFO_KIND, "vlan")
	b.Begin(linux.IFLA_INFO_DATA)
	b.Uint16(linux.IFLA_VLAN_ID, 42)
	b.End()
	b.End()
	b.Uint16BE(99, 0x1234)
	b.Flag(100)
	b.Uint8(101, 0xab)
	b.Uint64(102, 1<<40)
	m, err := b.Message()
	if err != nil {
		t.Fatal(err)
	}
	if int(m.Header.Len) != HeaderLen+len(m.Data) || m.Header.Len%4 != 0 || linux.RtmType(m.Header.Type) != linux.RTM_NEWLINK {
		t.Fatalf("header %+v, %d bytes of payload", m.Header, len(m.Data))
	}
	info, rest, err := Unmarshal[linux.Ifinfomsg](m.Data)
	if err != nil || info.Index != 7 || info.Flags != linux.IFF_UP {
		t.Fatalf("Ifinfomsg %+v: %v", info, err)
	}
	as, err := ParseAttrs(rest)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 7 {
		t.Fatalf("%d attributes: %+v", len(as), as)
	}
	if linux.IflaAttr(as[0].Kind()) != linux.IFLA_IFNAME || as[0].Text() != "dummy0" || len(as[0].Data) != 7 {
		t.Errorf("IFLA_IFNAME %+v", as[0])
	}
	if v, err := as[1].Uint32(); err != nil || v != 1400 {
		t.Errorf("IFLA_MTU %d %v", v, err)
	}
	if !as[2].IsNested() || linux.IflaAttr(as[2].Kind()) != linux.IFLA_LINKINFO {
		t.Fatalf("IFLA_LINKINFO %+v", as[2])
	}
	info2, err := as[2].Attrs()
	if err != nil || len(info2) != 2 || info2[0].Text() != "vlan" || !info2[1].IsNested() {
		t.Fatalf("nested %+v %v", info2, err)
	}
	vlan, err := info2[1].Attrs()
	if id, _ := vlan[0].Uint16(); err != nil || id != 42 {
		t.Errorf("IFLA_VLAN_ID %+v %v", vlan, err)
	}
	if !as[3].NetByteOrder() || as[3].Kind() != 99 || !bytes.Equal(as[3].Data, []byte{0x12, 0x34}) {
		t.Errorf("BE attribute %+v", as[3])
	}
	if v, _ := as[3].Uint16(); v != 0x1234 {
		t.Errorf("Uint16 of a NLA_F_NET_BYTEORDER attribute: %#x", v)
	}
	if v, _ := as[3].Uint16BE(); v != 0x1234 {
		t.Errorf("Uint16BE %#x", v)
	}
	if len(as[4].Data) != 0 || as[4].Kind() != 100 {
		t.Errorf("flag %+v", as[4])
	}
	if v, _ := as[5].Uint8(); v != 0xab {
		t.Errorf("u8 %#x", v)
	}
	if v, _ := as[6].Uint64(); v != 1<<40 {
		t.Errorf("u64 %#x", v)
	}
	if _, err := as[1].Uint16(); !errors.Is(err, ErrMalformed) {
		t.Errorf("Uint16 of a 4-byte attribute: %v", err)
	}
	// Every attribute starts 4-aligned, a nest's length covers its contents.
	raw, _ := m.MarshalBinary()
	if int(binary.NativeEndian.Uint32(raw)) != len(raw) {
		t.Errorf("MarshalBinary length")
	}
	ms, err := ParseMessages(append(raw, raw...))
	if err != nil || len(ms) != 2 || !bytes.Equal(ms[1].Data, m.Data) {
		t.Errorf("two messages: %d, %v", len(ms), err)
	}
}

func TestBuilderErrors(t *testing.T) {
	b := NewMessage(linux.RTM_GETLINK, 0)
	b.Begin(1)
	if _, err := b.Message(); err == nil {
		t.Error("an open nest built")
	}
	b = NewMessage(linux.RTM_GETLINK, 0)
	b.End()
	if _, err := b.Message(); err == nil {
		t.Error("End without Begin built")
	}
	b = NewMessage(linux.RTM_GETLINK, 0)
	b.Attr(1, make([]byte, 70000))
	if _, err := b.Message(); err == nil {
		t.Error("a 70000-byte attribute built")
	}
	if _, err := NewMessage(-1, 0).Message(); err == nil {
		t.Error("message type -1 built")
	}
}

func TestParseMalformed(t *testing.T) {
	// A header of length n in n bytes of buffer (or size bytes).
	msg := func(n uint32, size int) []byte {
		b := make([]byte, size)
		native.PutUint32(b, n)
		return b
	}
	attr := func(n uint16, size int) []byte {
		b := make([]byte, size)
		native.PutUint16(b, n)
		return b
	}
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"short header", msg(20, 6)},
		{"length below the header", msg(8, 16)},
		{"length past the end", msg(32, 16)},
	} {
		if _, err := ParseMessages(c.b); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	for _, c := range [][]byte{attr(5, 2), attr(3, 4), attr(9, 8)} {
		if _, err := ParseAttrs(c); !errors.Is(err, ErrMalformed) {
			t.Errorf("attributes % x: %v", c, err)
		}
	}
	if _, _, err := Unmarshal[linux.Ifinfomsg](make([]byte, 15)); !errors.Is(err, ErrMalformed) {
		t.Errorf("Unmarshal of 15 bytes: %v", err)
	}
	// The last message's and attribute's padding may be missing.
	if as, err := ParseAttrs(append(attr(5, 4), 'x')); err != nil || len(as) != 1 {
		t.Errorf("unpadded last attribute: %v %v", as, err)
	}
}

// errorMessage builds an NLMSG_ERROR as the kernel sends it for request req: capped or
// with the request, and extended-ack attributes.
func errorMessage(t *testing.T, errno int32, req []byte, capped bool, tlv func(*Builder)) Message {
	t.Helper()
	b := NewMessage(linux.NLMSG_ERROR, 0)
	b.Bytes(binary.NativeEndian.AppendUint32(nil, uint32(errno)))
	flags := uint16(0)
	if capped {
		b.buf = append(b.buf, req[:HeaderLen]...)
		flags |= linux.NLM_F_CAPPED
	} else {
		b.Bytes(req)
	}
	if tlv != nil {
		tlv(b)
		flags |= linux.NLM_F_ACK_TLVS
	}
	native.PutUint16(b.buf[6:], flags)
	m, err := b.Message()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestErrorParsing(t *testing.T) {
	rb := NewMessage(linux.RTM_NEWADDR, linux.NLM_F_CREATE)
	Put(rb, &linux.Ifaddrmsg{Family: uint8(linux.AF_INET), Prefixlen: 24, Index: 1})
	rb.Uint32(uint16(linux.IFA_LOCAL), 0x0100007f)
	req, _ := rb.wire(linux.NLM_F_REQUEST|linux.NLM_F_ACK, 77, 1234)
	for _, capped := range []bool{false, true} {
		m := errorMessage(t, -int32(linux.EEXIST), req, capped, func(b *Builder) {
			b.String(linux.NLMSGERR_ATTR_MSG, "Address already assigned")
			b.Uint32(linux.NLMSGERR_ATTR_OFFS, 36)
		})
		err := parseError(m)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, linux.EEXIST) {
			t.Fatalf("capped %v: %v", capped, err)
		}
		if e.Message != "Address already assigned" || !e.HasOffset || e.Offset != 36 || e.Request.Seq != 77 ||
			linux.RtmType(e.Request.Type) != linux.RTM_NEWADDR || int(e.Request.Len) != len(req) {
			t.Errorf("capped %v: %+v", capped, e)
		}
		t.Logf("capped %v: %v", capped, err)
	}
	if err := parseError(errorMessage(t, 0, req, true, nil)); err != nil {
		t.Errorf("an acknowledgement is an error: %v", err)
	}
	if err := parseError(errorMessage(t, -int32(linux.EINVAL), req, false, nil)); !errors.Is(err, linux.EINVAL) {
		t.Errorf("plain error: %v", err)
	}
	done := NewMessage(linux.NLMSG_DONE, linux.NLM_F_MULTI)
	code := -int32(linux.EOPNOTSUPP)
	done.Bytes(binary.NativeEndian.AppendUint32(nil, uint32(code)))
	dm, _ := done.Message()
	if err := parseDone(dm); !errors.Is(err, linux.EOPNOTSUPP) {
		t.Errorf("NLMSG_DONE with an error: %v", err)
	}
}
