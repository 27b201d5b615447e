//go:build linux && (386 || s390x)

package fallback

import (
	"unsafe"

	"github.com/rawlinux/linux"
)

// heapSink is written only when on is set, which it never is: the store makes the compiler
// put what reaches it on the heap (socketcall's arguments are words in memory, not
// pointers the runtime sees: a stack object they named could move before the call).
var heapSink struct {
	on bool
	p  *linux.SockaddrAny
}

// accept is socketcall(SOCKETCALL_ACCEPT): 386 and s390x have no accept row (linux.Accept
// makes accept4 there, which is what is not available).
func accept(fd linux.FD) (linux.FD, linux.SockaddrAny, error) {
	from := new(linux.SockaddrAny)
	if heapSink.on {
		heapSink.p = from
	}
	from.Len = uint32(unsafe.Sizeof(from.Raw))
	r, err := linux.Socketcall(linux.SOCKETCALL_ACCEPT, []uintptr{uintptr(fd), uintptr(unsafe.Pointer(&from.Raw)), uintptr(unsafe.Pointer(&from.Len))})
	if err != nil {
		return -1, linux.SockaddrAny{}, err
	}
	return linux.FD(r), *from, nil
}
