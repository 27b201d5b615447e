//go:build linux

package netlink

import (
	"bytes"
	"testing"

	"github.com/rawlinux/linux"
)

// walk parses everything in msgs the way a reader would: every message's attributes after
// a 16-byte family header, nested ones to a depth of 8, each value accessor, the errors.
func walk(t *testing.T, msgs []Message) {
	var attrs func(b []byte, depth int)
	attrs = func(b []byte, depth int) {
		for a, err := range Attrs(b) {
			if err != nil {
				return
			}
			a.Uint8()
			a.Uint16()
			a.Uint32()
			a.Uint64()
			a.Uint16BE()
			a.Uint32BE()
			_ = a.Text()
			if len(a.Data) > attrHeaderLen+len(b) {
				t.Fatalf("attribute longer than its buffer")
			}
			if depth < 8 {
				attrs(a.Data, depth+1)
			}
		}
	}
	for _, m := range msgs {
		switch m.Header.Type {
		case linux.NLMSG_ERROR:
			parseError(m)
		case linux.NLMSG_DONE:
			parseDone(m)
		}
		if _, rest, err := Unmarshal[linux.Ifinfomsg](m.Data); err == nil {
			attrs(rest, 0)
		}
		attrs(m.Data, 0)
		ParseFamily(m)
	}
}

// FuzzParse feeds arbitrary datagrams to the parsers: they must not panic or read out of
// bounds, and what parses must marshal back to the same bytes.
func FuzzParse(f *testing.F) {
	b := NewMessage(linux.RTM_NEWLINK, linux.NLM_F_MULTI)
	Put(b, &linux.Ifinfomsg{Index: 1})
	b.String(uint16(linux.IFLA_IFNAME), "lo")
	b.Begin(uint16(linux.IFLA_AF_SPEC))
	b.Uint32(1, 2)
	b.End()
	seed, _ := b.wire(0, 1, 2)
	f.Add(append([]byte(nil), seed...))
	e := NewMessage(linux.NLMSG_ERROR, linux.NLM_F_ACK_TLVS|linux.NLM_F_CAPPED)
	e.Bytes([]byte{0xef, 0xff, 0xff, 0xff})
	e.buf = append(e.buf, seed[:HeaderLen]...)
	e.String(linux.NLMSGERR_ATTR_MSG, "x")
	es, _ := e.wire(0, 1, 2)
	f.Add(append([]byte(nil), es...))
	f.Add([]byte{})
	f.Add([]byte{16, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, _ := ParseMessages(data)
		walk(t, msgs)
		for _, m := range msgs {
			out, err := m.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out[4:], append(headerBytes(m.Header)[4:], m.Data...)) {
				t.Fatalf("MarshalBinary changed the message")
			}
		}
	})
}

func headerBytes(h linux.Nlmsghdr) []byte {
	b := make([]byte, HeaderLen)
	putHeader(b, h)
	return b
}

// FuzzBuild builds a message of fuzzed attributes, nested or not, and parses it back.
func FuzzBuild(f *testing.F) {
	f.Add(uint16(1), []byte("abc"), uint16(2), []byte{}, true)
	f.Add(uint16(0x7fff), make([]byte, 300), uint16(3), []byte{1}, false)
	f.Fuzz(func(t *testing.T, t1 uint16, p1 []byte, t2 uint16, p2 []byte, nest bool) {
		t1 &^= linux.NLA_F_NESTED | linux.NLA_F_NET_BYTEORDER
		t2 &^= linux.NLA_F_NESTED | linux.NLA_F_NET_BYTEORDER
		if len(p1) > 60000 || len(p2) > 60000 {
			return
		}
		b := NewMessage(linux.RTM_NEWLINK, 0)
		b.Attr(t1, p1)
		if nest {
			b.Begin(t2)
			b.Attr(t1, p2)
			b.End()
		} else {
			b.Attr(t2, p2)
		}
		m, err := b.Message()
		if err != nil {
			return // too long together
		}
		as, err := ParseAttrs(m.Data)
		if err != nil || len(as) != 2 || as[0].Type != t1 || !bytes.Equal(as[0].Data, p1) {
			t.Fatalf("round trip: %v %+v", err, as)
		}
		second := as[1].Data
		if nest {
			in, err := as[1].Attrs()
			if err != nil || len(in) != 1 || !as[1].IsNested() || as[1].Kind() != t2 {
				t.Fatalf("nest: %v %+v", err, in)
			}
			second = in[0].Data
		}
		if !bytes.Equal(second, p2) {
			t.Fatalf("second payload")
		}
	})
}
