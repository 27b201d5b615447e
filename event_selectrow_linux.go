//go:build linux && (amd64 || s390x)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Select waits until one of the descriptors below n in r, w or e (nil: none) is ready for
// reading, writing or has an exceptional condition, up to timeout (nil: forever), leaves
// only the ready ones set and returns how many; the kernel also updates timeout to the
// time left (select(2)). An FDSet holds descriptors below 1024: use Poll for larger ones.
//
// https://man7.org/linux/man-pages/man2/select.2.html
func Select(n int, r, w, e *FDSet, timeout *Timeval) (int, error) {
	rv, _, errno := raw.Syscall6(SYS_SELECT, uintptr(n), uintptr(unsafe.Pointer(r)), uintptr(unsafe.Pointer(w)),
		uintptr(unsafe.Pointer(e)), uintptr(unsafe.Pointer(timeout)), 0)
	if errno != 0 {
		return 0, errno
	}
	return int(rv), nil
}
