//go:build linux && (386 || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Socketcall makes socket call call (SOCKETCALL_SOCKET ... SOCKETCALL_SENDMMSG) through the
// multiplexer of 386, ppc, s390x and mips o32 (socketcall(2)), with its arguments in args.
// Every arch that has socketcall also has the direct rows, which the other wrappers use;
// it is here for code that must make exactly this call (seccomp filters and tracers see
// it, and kernels before 4.3 on 386 and s390x had nothing else).
//
// The kernel reads the call's own number of words (2 to 6): args is copied into six words
// on the stack, so a short slice is never read past; more than six is EINVAL.
//
// https://man7.org/linux/man-pages/man2/socketcall.2.html
func Socketcall(call SocketcallCall, args []uintptr) (int, error) {
	if len(args) > 6 {
		return 0, raw.EINVAL
	}
	var a [6]uintptr
	copy(a[:], args)
	r, _, errno := raw.Syscall(SYS_SOCKETCALL, uintptr(call), uintptr(unsafe.Pointer(&a)), 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
