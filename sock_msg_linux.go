//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Sendmsg and Recvmsg with Go buffers, and batches for Sendmmsg and Recvmmsg.

// iovStack is how many buffers SendmsgBuffers and RecvmsgBuffers describe from the stack;
// more take one allocation.
const iovStack = 8

// fillIov sets iov to describe bufs.
func fillIov(iov []Iovec, bufs [][]byte) {
	for i, b := range bufs {
		iov[i] = IovecOf(b)
	}
}

// setMsgIov points m at iov (nil for none: Iov stays nil, Iovlen 0).
func setMsgIov(m *Msghdr, iov []Iovec) {
	if len(iov) > 0 {
		m.Iov = &iov[0]
		setUint(&m.Iovlen, uint64(len(iov)))
	}
}

// setMsgControl points m at oob.
func setMsgControl(m *Msghdr, oob []byte) {
	if len(oob) > 0 {
		m.Control = &oob[0]
		setUint(&m.Controllen, uint64(len(oob)))
	}
}

// SendmsgBuffers sends the concatenation of bufs on socket fd (sendmsg(2)), with the
// control messages in oob (AppendRights, AppendCredentials...; nil: none), to address to
// (nil: the connected peer), and returns how many data bytes the kernel took. The message
// header, the address and up to 8 buffers' descriptions are built on the stack: nothing is
// allocated.
func SendmsgBuffers(fd FD, bufs [][]byte, oob []byte, to Sockaddr, flags MsgFlags) (int, error) {
	var a SockaddrAny
	if err := putSockaddr(to, &a); err != nil {
		return 0, err
	}
	var m Msghdr
	if a.Len > 0 {
		m.Name = (*byte)(unsafe.Pointer(&a.Raw))
		m.Namelen = int32(a.Len)
	}
	var stack [iovStack]Iovec
	iov := stack[:0]
	if len(bufs) > len(stack) {
		iov = make([]Iovec, len(bufs))
	}
	iov = iov[:len(bufs)]
	fillIov(iov, bufs)
	setMsgIov(&m, iov)
	setMsgControl(&m, oob)
	return Sendmsg(fd, &m, flags)
}

// RecvmsgBuffers receives a message from socket fd into bufs, one after the other, and
// its control messages into oob (recvmsg(2)); it returns the data's length, the control
// messages' length (decode oob[:oobn] with Cmsgs), the message's flags (MSG_TRUNC: the
// datagram was longer than bufs, MSG_CTRUNC: control messages were dropped) and the
// sender's address. Nothing is allocated for up to 8 buffers.
func RecvmsgBuffers(fd FD, bufs [][]byte, oob []byte, flags MsgFlags) (n, oobn int, recvflags MsgFlags, from SockaddrAny, err error) {
	var m Msghdr
	m.Name = (*byte)(unsafe.Pointer(&from.Raw))
	m.Namelen = int32(unsafe.Sizeof(from.Raw))
	var stack [iovStack]Iovec
	iov := stack[:0]
	if len(bufs) > len(stack) {
		iov = make([]Iovec, len(bufs))
	}
	iov = iov[:len(bufs)]
	fillIov(iov, bufs)
	setMsgIov(&m, iov)
	setMsgControl(&m, oob)
	n, err = Recvmsg(fd, &m, flags)
	if err != nil {
		return 0, 0, 0, SockaddrAny{}, err
	}
	from.Len = uint32(m.Namelen)
	return n, int(m.Controllen), m.Flags, from, nil
}

// MsgBatch is a batch of messages for Sendmmsg and Recvmmsg (sendmmsg(2), recvmmsg(2)):
// one Mmsghdr per message, each with one data buffer, an address and a control buffer.
// NewMsgBatch allocates it once; the buffers are the caller's, referenced by Go pointers
// the garbage collector sees.
type MsgBatch struct {
	// Msgs are the kernel's headers: Sendmmsg(fd, b.Msgs[:n], flags) works as well as
	// the methods.
	Msgs  []Mmsghdr
	iovs  []Iovec
	addrs []SockaddrAny
	oobs  []int // len of each message's control buffer: the kernel overwrites Controllen
}

// NewMsgBatch returns a batch of n messages without buffers.
func NewMsgBatch(n int) *MsgBatch {
	return &MsgBatch{Msgs: make([]Mmsghdr, n), iovs: make([]Iovec, n), addrs: make([]SockaddrAny, n), oobs: make([]int, n)}
}

// Set makes message i send buf, with the control messages in oob (nil: none), to to (nil:
// the connected peer), or receive into buf and oob (to nil).
func (b *MsgBatch) Set(i int, buf, oob []byte, to Sockaddr) error {
	if err := putSockaddr(to, &b.addrs[i]); err != nil {
		return err
	}
	m := &b.Msgs[i]
	*m = Mmsghdr{}
	b.iovs[i] = IovecOf(buf)
	setMsgIov(&m.Hdr, b.iovs[i:i+1])
	setMsgControl(&m.Hdr, oob)
	b.oobs[i] = len(oob)
	if b.addrs[i].Len > 0 {
		m.Hdr.Name = (*byte)(unsafe.Pointer(&b.addrs[i].Raw))
		m.Hdr.Namelen = int32(b.addrs[i].Len)
	}
	return nil
}

// Sendmmsg sends the first n messages (Sendmmsg) and returns how many were sent; Len(i) is
// then the bytes sent of message i.
func (b *MsgBatch) Sendmmsg(fd FD, n int, flags MsgFlags) (int, error) {
	if n < 0 || n > len(b.Msgs) {
		return 0, raw.EINVAL
	}
	return Sendmmsg(fd, b.Msgs[:n], flags)
}

// Recvmmsg receives up to n messages into the buffers set with Set (Recvmmsg; timeout nil:
// none) and returns how many arrived; Len(i), Addr(i), Flags(i) and Oob(i) describe each.
// Every message is made ready for a sender's address and its whole control buffer first
// (the kernel shrinks Controllen to what it wrote), so that a batch is reusable.
func (b *MsgBatch) Recvmmsg(fd FD, n int, flags MsgFlags, timeout *Timespec) (int, error) {
	if n < 0 || n > len(b.Msgs) {
		return 0, raw.EINVAL
	}
	for i := range b.Msgs[:n] {
		m := &b.Msgs[i].Hdr
		m.Name = (*byte)(unsafe.Pointer(&b.addrs[i].Raw))
		m.Namelen = int32(unsafe.Sizeof(b.addrs[i].Raw))
		setUint(&m.Controllen, uint64(b.oobs[i]))
		m.Flags = 0
		b.Msgs[i].Len = 0
	}
	k, err := Recvmmsg(fd, b.Msgs[:n], flags, timeout)
	for i := 0; i < k; i++ {
		b.addrs[i].Len = uint32(b.Msgs[i].Hdr.Namelen)
	}
	return k, err
}

// Len returns the bytes sent or received of message i.
func (b *MsgBatch) Len(i int) int { return int(b.Msgs[i].Len) }

// Addr returns the sender's address of received message i.
func (b *MsgBatch) Addr(i int) *SockaddrAny { return &b.addrs[i] }

// Flags returns the flags of received message i (MSG_TRUNC, MSG_CTRUNC...).
func (b *MsgBatch) Flags(i int) MsgFlags { return b.Msgs[i].Hdr.Flags }

// Oob returns the length of the control messages received with message i, in the oob
// buffer given to Set.
func (b *MsgBatch) Oob(i int) int { return int(b.Msgs[i].Hdr.Controllen) }
