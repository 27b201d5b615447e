//go:build linux

package netlink

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rawlinux/linux"
)

// A Conn is a netlink socket of one protocol (NETLINK_ROUTE, NETLINK_GENERIC,
// NETLINK_SOCK_DIAG...) bound to a port id the kernel chose. Execute may be called from
// several goroutines: requests are made one at a time.
type Conn struct {
	mu     sync.Mutex
	fd     linux.FD
	pid    uint32
	seq    uint32
	closed bool
}

// Dial opens a netlink socket of protocol proto (close-on-exec), bound to a port id of the
// kernel's choice and to the multicast groups of the groups bit mask (the RTMGRP_* style
// groups 1..32; JoinGroup joins any). It asks for extended acknowledgements
// (NETLINK_EXT_ACK) where the kernel has them, so that errors carry the kernel's message.
func Dial(proto int, groups uint32) (*Conn, error) {
	fd, err := linux.Socket(linux.AF_NETLINK, linux.SOCK_RAW|linux.SOCK_CLOEXEC, linux.Protocol(proto))
	if err != nil {
		return nil, fmt.Errorf("netlink: socket(AF_NETLINK, %d): %w", proto, err)
	}
	c := &Conn{fd: fd}
	if err := linux.Bind(fd, &linux.SockaddrNetlink{Groups: groups}); err != nil {
		linux.Close(fd)
		return nil, fmt.Errorf("netlink: bind: %w", err)
	}
	sa, err := linux.Getsockname(fd)
	if err != nil {
		linux.Close(fd)
		return nil, fmt.Errorf("netlink: getsockname: %w", err)
	}
	nl, ok := sa.Netlink()
	if !ok {
		linux.Close(fd)
		return nil, fmt.Errorf("netlink: getsockname: family %v, not AF_NETLINK", sa.Family())
	}
	c.pid = nl.PID
	c.SetOption(linux.NETLINK_EXT_ACK, true) // older kernels and qemu-user: plain errors
	return c, nil
}

// Close closes the socket.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	return linux.Close(c.fd)
}

// FD is the socket's descriptor.
func (c *Conn) FD() linux.FD { return c.fd }

// PortID is the port id the kernel bound the socket to (nl_pid).
func (c *Conn) PortID() uint32 { return c.pid }

// SetOption turns a SOL_NETLINK option on or off: NETLINK_EXT_ACK, NETLINK_CAP_ACK (errors
// without the request), NETLINK_GET_STRICT_CHK (dumps that honour their filters),
// NETLINK_LISTEN_ALL_NSID, NETLINK_NO_ENOBUFS...
func (c *Conn) SetOption(opt int, on bool) error {
	v := 0
	if on {
		v = 1
	}
	return linux.SetsockoptInt(c.fd, linux.SOL_NETLINK, opt, v)
}

// JoinGroup joins multicast group g (NETLINK_ADD_MEMBERSHIP: an RTNLGRP_*, a generic
// family's group id from ResolveFamily).
func (c *Conn) JoinGroup(g uint32) error {
	return linux.SetsockoptValue(c.fd, linux.SOL_NETLINK, linux.NETLINK_ADD_MEMBERSHIP, &g)
}

// LeaveGroup leaves multicast group g (NETLINK_DROP_MEMBERSHIP).
func (c *Conn) LeaveGroup(g uint32) error {
	return linux.SetsockoptValue(c.fd, linux.SOL_NETLINK, linux.NETLINK_DROP_MEMBERSHIP, &g)
}

// SetReadTimeout makes a receive that waits longer than d fail with EAGAIN (SO_RCVTIMEO; 0
// waits forever).
func (c *Conn) SetReadTimeout(d time.Duration) error {
	var tv linux.Timeval
	setTimeval(&tv.Sec, &tv.Usec, d)
	return linux.SetsockoptTimeval(c.fd, linux.SOL_SOCKET, linux.SO_RCVTIMEO_OLD, &tv)
}

// setTimeval fills a timeval's fields (C longs: int32 or int64 by arch) with d.
func setTimeval[T ~int32 | ~int64](sec, usec *T, d time.Duration) {
	*sec = T(d / time.Second)
	*usec = T(d % time.Second / time.Microsecond)
}

// Send sends the message b with flags added to its own (NLM_F_REQUEST, NLM_F_ACK...) and a
// new sequence number, which it returns.
func (c *Conn) Send(b *Builder, flags uint16) (uint32, error) {
	c.seq++
	if c.seq == 0 {
		c.seq = 1 // 0 is what the kernel's notifications carry
	}
	p, err := b.wire(flags, c.seq, c.pid)
	if err != nil {
		return 0, err
	}
	to := &linux.SockaddrNetlink{} // the kernel: port 0
	for {
		_, err := linux.Sendto(c.fd, p, 0, to)
		if err == linux.EINTR {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("netlink: sendto: %w", err)
		}
		return c.seq, nil
	}
}

// Receive receives one datagram and returns its messages (their Data alias a buffer of
// the datagram's size: the length is asked first with MSG_PEEK|MSG_TRUNC).
func (c *Conn) Receive() ([]Message, error) {
	var probe [1]byte
	n, err := c.recv(probe[:], linux.MSG_PEEK|linux.MSG_TRUNC)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, max(n, 1))
	if n, err = c.recv(buf, 0); err != nil {
		return nil, err
	}
	return ParseMessages(buf[:min(n, len(buf))])
}

func (c *Conn) recv(p []byte, flags linux.MsgFlags) (int, error) {
	for {
		n, from, err := linux.Recvfrom(c.fd, p, flags)
		if err == linux.EINTR {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("netlink: recvfrom: %w", err)
		}
		if nl, ok := from.Netlink(); ok && nl.PID != 0 {
			continue // not from the kernel: another process's message to this port
		}
		return n, nil
	}
}

// ErrDumpInterrupted is returned, with the messages, when the kernel marked a dump
// NLM_F_DUMP_INTR: what was dumped changed meanwhile and the dump may be inconsistent
// (repeat it).
var ErrDumpInterrupted = errors.New("netlink: dump interrupted (NLM_F_DUMP_INTR): the set changed during the dump")

// Execute sends the request b and returns the replies: for a dump (NLM_F_DUMP), every
// message of every part up to NLMSG_DONE; otherwise the replies before the kernel's
// acknowledgement (Execute asks for one with NLM_F_ACK), none for a request that only
// succeeds. An NLMSG_ERROR, or an NLMSG_DONE carrying an error, is an *Error. Messages of
// other sequence numbers (notifications of joined groups) are dropped.
func (c *Conn) Execute(b *Builder) ([]Message, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("netlink: Execute on a closed Conn")
	}
	flags := uint16(linux.NLM_F_REQUEST)
	m, err := b.Message()
	if err != nil {
		return nil, err
	}
	dump := m.Header.Flags&linux.NLM_F_DUMP == linux.NLM_F_DUMP
	if !dump {
		flags |= linux.NLM_F_ACK
	}
	seq, err := c.Send(b, flags)
	if err != nil {
		return nil, err
	}
	var out []Message
	intr := false
	for {
		msgs, err := c.Receive()
		if err != nil {
			return out, err
		}
		for _, m := range msgs {
			if m.Header.Seq != seq || m.Header.PID != c.pid && m.Header.PID != 0 {
				continue
			}
			if m.Header.Flags&linux.NLM_F_DUMP_INTR != 0 {
				intr = true
			}
			switch m.Header.Type {
			case linux.NLMSG_NOOP:
				continue
			case linux.NLMSG_OVERRUN:
				return out, fmt.Errorf("netlink: NLMSG_OVERRUN: %w", linux.ENOBUFS)
			case linux.NLMSG_ERROR:
				if e := parseError(m); e != nil {
					return out, e
				}
				return out, nil // the acknowledgement
			case linux.NLMSG_DONE:
				if e := parseDone(m); e != nil {
					return out, e
				}
				if intr {
					return out, ErrDumpInterrupted
				}
				return out, nil
			}
			out = append(out, m)
		}
	}
}

// An Error is a netlink error: the errno of an NLMSG_ERROR (or of an NLMSG_DONE that ends
// a failed dump) and what the extended acknowledgement adds.
type Error struct {
	Errno   linux.Errno    // errors.Is(err, linux.EEXIST) works through Unwrap
	Message string         // NLMSGERR_ATTR_MSG: the kernel's explanation
	Offset  uint32         // NLMSGERR_ATTR_OFFS: where in the request the bad attribute is (HasOffset)
	Missing uint32         // NLMSGERR_ATTR_MISS_TYPE: the missing attribute's type (HasMissing)
	Request linux.Nlmsghdr // the header of the request that failed
	// HasOffset and HasMissing say which of Offset and Missing the kernel sent.
	HasOffset, HasMissing bool
}

func (e *Error) Error() string {
	s := "netlink: " + e.Errno.Error()
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.HasMissing {
		s += fmt.Sprintf(" (missing attribute %d)", e.Missing)
	}
	if e.HasOffset {
		s += fmt.Sprintf(" (at offset %d of the request)", e.Offset)
	}
	return s
}

// Unwrap returns the errno.
func (e *Error) Unwrap() error { return e.Errno }

// parseError returns the error of an NLMSG_ERROR message, nil for an acknowledgement.
func parseError(m Message) error {
	if len(m.Data) < 4 {
		return fmt.Errorf("%w: NLMSG_ERROR of %d bytes", ErrMalformed, len(m.Data))
	}
	code := int32(native.Uint32(m.Data))
	if code == 0 {
		return nil
	}
	e := &Error{Errno: linux.Errno(-code)}
	if len(m.Data) < 4+HeaderLen {
		return e
	}
	// The request's header (its length is the request's, also when NLM_F_CAPPED left the
	// rest out).
	e.Request = getHeader(m.Data[4:])
	if m.Header.Flags&linux.NLM_F_ACK_TLVS == 0 {
		return e
	}
	off := 4 + HeaderLen // NLM_F_CAPPED: the request's payload is left out
	if m.Header.Flags&linux.NLM_F_CAPPED == 0 {
		off = 4 + alignUp(int(e.Request.Len))
	}
	if off <= len(m.Data) {
		e.extAck(m.Data[off:])
	}
	return e
}

// parseDone returns the error an NLMSG_DONE carries (a dump that failed part way), nil for
// the end of a good dump.
func parseDone(m Message) error {
	if len(m.Data) < 4 {
		return nil
	}
	code := int32(native.Uint32(m.Data))
	if code >= 0 {
		return nil
	}
	e := &Error{Errno: linux.Errno(-code)}
	if m.Header.Flags&linux.NLM_F_ACK_TLVS != 0 {
		e.extAck(m.Data[4:])
	}
	return e
}

// extAck reads the NLMSGERR_ATTR_* attributes of an extended acknowledgement.
func (e *Error) extAck(b []byte) {
	for a, err := range Attrs(b) {
		if err != nil {
			return
		}
		switch a.Kind() {
		case linux.NLMSGERR_ATTR_MSG:
			e.Message = a.Text()
		case linux.NLMSGERR_ATTR_OFFS:
			e.Offset, err = a.Uint32()
			e.HasOffset = err == nil
		case linux.NLMSGERR_ATTR_MISS_TYPE:
			e.Missing, err = a.Uint32()
			e.HasMissing = err == nil
		}
	}
}
