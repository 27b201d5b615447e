//go:build linux

package linux

import (
	"strings"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// POSIX message queue names (spec/memory.spec). The kernel takes the name without the
// leading slash of mq_open(3); glibc passes name+1 of "/name", and emulators built on it
// (qemu-user reads the byte before the pointer and hands "/name" to the host's mq_open)
// rely on that. The wrappers do the same: the kernel sees exactly name.

// mqName returns name as a C string preceded by a '/': in buf when it fits, else in one
// allocation. A NUL inside name is EINVAL.
func mqName(name string, buf *cbuf) (unsafe.Pointer, error) {
	if strings.IndexByte(name, 0) >= 0 {
		return nil, raw.EINVAL
	}
	b := buf[:]
	if len(name)+2 > len(buf) {
		b = make([]byte, len(name)+2)
	}
	b[0] = '/'
	copy(b[1:], name)
	b[len(name)+1] = 0
	return unsafe.Pointer(&b[1]), nil
}

// MqOpen opens (O_CREAT: creates, with mode and attr's Maxmsg and Msgsize, nil: the
// defaults) the message queue name and returns its descriptor; name is the kernel's,
// without the leading slash that mq_open(3) takes.
//
// See [mq_open(2)].
//
// [mq_open(2)]: https://man7.org/linux/man-pages/man2/mq_open.2.html
func MqOpen(name string, flags OpenFlags, mode Mode, attr *MqAttr) (FD, error) {
	var buf cbuf
	p, err := mqName(name, &buf)
	if err != nil {
		return -1, err
	}
	r, _, e := raw.Syscall6(SYS_MQ_OPEN, uintptr(p), uintptr(flags), uintptr(mode), uintptr(unsafe.Pointer(attr)), 0, 0)
	if e != 0 {
		return -1, e
	}
	return FD(r), nil
}

// MqUnlink removes the message queue name (without the leading slash of mq_unlink(3)).
//
// See [mq_unlink(2)].
//
// [mq_unlink(2)]: https://man7.org/linux/man-pages/man2/mq_unlink.2.html
func MqUnlink(name string) error {
	var buf cbuf
	p, err := mqName(name, &buf)
	if err != nil {
		return err
	}
	if _, _, e := raw.Syscall(SYS_MQ_UNLINK, uintptr(p), 0, 0); e != 0 {
		return e
	}
	return nil
}
