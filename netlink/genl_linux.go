//go:build linux

package netlink

import (
	"fmt"
	"unsafe"

	"github.com/rawlinux/linux"
)

// Generic netlink (linux/genetlink.h): families registered at run time (nl80211, ethtool,
// devlink, wireguard, taskstats...), found by name through the controller family nlctrl
// (GENL_ID_CTRL) on a NETLINK_GENERIC socket.

// GenlHeaderLen is the size of struct genlmsghdr.
const GenlHeaderLen = int(unsafe.Sizeof(linux.Genlmsghdr{}))

// NewGenlMessage starts a generic netlink message to family (its id) with command cmd of
// the family's version, and flags (see NewMessage).
func NewGenlMessage(family uint16, cmd, version uint8, flags uint16) *Builder {
	b := NewMessage(family, flags)
	Put(b, &linux.Genlmsghdr{Cmd: cmd, Version: version})
	return b
}

// A Family is a generic netlink family as nlctrl describes it.
type Family struct {
	ID      uint16
	Name    string
	Version uint32
	HdrSize uint32            // the family's own header after genlmsghdr
	MaxAttr uint32            // the highest attribute type
	Ops     map[uint32]uint32 // command -> GENL_* capability flags (GENL_CMD_CAP_DO...)
	Groups  map[string]uint32 // multicast group name -> group id (Conn.JoinGroup)
}

// ResolveFamily asks nlctrl for the generic family named name (CTRL_CMD_GETFAMILY) on c,
// a NETLINK_GENERIC connection. A family that does not exist is ENOENT.
func ResolveFamily(c *Conn, name string) (Family, error) {
	b := NewGenlMessage(linux.GENL_ID_CTRL, linux.CTRL_CMD_GETFAMILY, 1, 0)
	b.String(linux.CTRL_ATTR_FAMILY_NAME, name)
	msgs, err := c.Execute(b)
	if err != nil {
		return Family{}, err
	}
	if len(msgs) != 1 {
		return Family{}, fmt.Errorf("netlink: nlctrl answered %q with %d messages", name, len(msgs))
	}
	return ParseFamily(msgs[0])
}

// ListFamilies dumps every generic family the kernel has (CTRL_CMD_GETFAMILY with
// NLM_F_DUMP).
func ListFamilies(c *Conn) ([]Family, error) {
	msgs, err := c.Execute(NewGenlMessage(linux.GENL_ID_CTRL, linux.CTRL_CMD_GETFAMILY, 1, linux.NLM_F_DUMP))
	if err != nil {
		return nil, err
	}
	out := make([]Family, 0, len(msgs))
	for _, m := range msgs {
		f, err := ParseFamily(m)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// ParseFamily reads a CTRL_CMD_NEWFAMILY message of nlctrl.
func ParseFamily(m Message) (Family, error) {
	_, rest, err := Unmarshal[linux.Genlmsghdr](m.Data)
	if err != nil {
		return Family{}, err
	}
	f := Family{Ops: map[uint32]uint32{}, Groups: map[string]uint32{}}
	for a, err := range Attrs(rest) {
		if err != nil {
			return f, err
		}
		switch a.Kind() {
		case linux.CTRL_ATTR_FAMILY_ID:
			f.ID, err = a.Uint16()
		case linux.CTRL_ATTR_FAMILY_NAME:
			f.Name = a.Text()
		case linux.CTRL_ATTR_VERSION:
			f.Version, err = a.Uint32()
		case linux.CTRL_ATTR_HDRSIZE:
			f.HdrSize, err = a.Uint32()
		case linux.CTRL_ATTR_MAXATTR:
			f.MaxAttr, err = a.Uint32()
		case linux.CTRL_ATTR_OPS:
			err = eachNest(a, func(as []Attr) error {
				var id, flags uint32
				for _, x := range as {
					switch x.Kind() {
					case linux.CTRL_ATTR_OP_ID:
						id, _ = x.Uint32()
					case linux.CTRL_ATTR_OP_FLAGS:
						flags, _ = x.Uint32()
					}
				}
				f.Ops[id] = flags
				return nil
			})
		case linux.CTRL_ATTR_MCAST_GROUPS:
			err = eachNest(a, func(as []Attr) error {
				var name string
				var id uint32
				for _, x := range as {
					switch x.Kind() {
					case linux.CTRL_ATTR_MCAST_GRP_NAME:
						name = x.Text()
					case linux.CTRL_ATTR_MCAST_GRP_ID:
						id, _ = x.Uint32()
					}
				}
				f.Groups[name] = id
				return nil
			})
		}
		if err != nil {
			return f, err
		}
	}
	if f.ID == 0 {
		return f, fmt.Errorf("%w: a family without CTRL_ATTR_FAMILY_ID", ErrMalformed)
	}
	return f, nil
}

// eachNest calls fn with the attributes of each attribute nested in a (an array of nests,
// as nlctrl's CTRL_ATTR_OPS).
func eachNest(a Attr, fn func([]Attr) error) error {
	outer, err := a.Attrs()
	if err != nil {
		return err
	}
	for _, o := range outer {
		inner, err := o.Attrs()
		if err != nil {
			return err
		}
		if err := fn(inner); err != nil {
			return err
		}
	}
	return nil
}
