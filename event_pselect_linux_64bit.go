//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x || mips64 || mips64le)

package linux

import "unsafe"

// Pselect6 is Select with a nanosecond timeout (nil: forever; the kernel updates it to the
// time left) and the thread's signal mask replaced by sigmask (nil: unchanged) while it
// waits (pselect6(2)); pselect6_time64 on 32-bit arches.
//
// https://man7.org/linux/man-pages/man2/pselect.2.html
func Pselect6(n int, r, w, e *FDSet, timeout *Timespec, sigmask *Sigset) (int, error) {
	return pselect(SYS_PSELECT6, n, r, w, e, unsafe.Pointer(timeout), sigmask)
}
