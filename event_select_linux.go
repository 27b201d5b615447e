//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// pselect makes pselect6 (or pselect6_time64, sys) with timeout ts (a Timespec or an
// OldTimespec32, nil: forever) and sigmask passed as the kernel's sixth argument wants it:
// the address of a (sigset pointer, size) pair, NULL when there is no mask.
func pselect(sys uintptr, n int, r, w, e *FDSet, ts unsafe.Pointer, sigmask *Sigset) (int, error) {
	var pack SigsetArgpack
	var pp unsafe.Pointer
	if sigmask != nil {
		pack.P = sigmask
		setUint(&pack.Size, uint64(unsafe.Sizeof(*sigmask)))
		pp = unsafe.Pointer(&pack)
	}
	rv, _, errno := raw.Syscall6(sys, uintptr(n), uintptr(unsafe.Pointer(r)), uintptr(unsafe.Pointer(w)),
		uintptr(unsafe.Pointer(e)), uintptr(ts), uintptr(pp))
	if errno != 0 {
		return 0, errno
	}
	return int(rv), nil
}
