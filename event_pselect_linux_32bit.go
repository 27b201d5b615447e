//go:build linux && (386 || arm || mips || mipsle)

package linux

import "unsafe"

// Pselect6 is Select with a nanosecond timeout (nil: forever; the kernel updates it to the
// time left) and the thread's signal mask replaced by sigmask (nil: unchanged) while it
// waits: pselect6_time64 on this 32-bit arch (pselect(2)).
//
// https://man7.org/linux/man-pages/man2/pselect.2.html
func Pselect6(n int, r, w, e *FDSet, timeout *Timespec, sigmask *Sigset) (int, error) {
	return pselect(SYS_PSELECT6_TIME64, n, r, w, e, unsafe.Pointer(timeout), sigmask)
}

// Pselect6Time64 is Pselect6 with a 64-bit timeout on 32-bit arches (pselect(2)).
//
// https://man7.org/linux/man-pages/man2/pselect.2.html
func Pselect6Time64(n int, r, w, e *FDSet, timeout *Timespec, sigmask *Sigset) (int, error) {
	return pselect(SYS_PSELECT6_TIME64, n, r, w, e, unsafe.Pointer(timeout), sigmask)
}

// Pselect6Time32 is Pselect6 with the 32-bit seconds of 32-bit arches' pselect6 row
// (y2038-unsafe); use Pselect6 (pselect(2)).
//
// https://man7.org/linux/man-pages/man2/pselect.2.html
func Pselect6Time32(n int, r, w, e *FDSet, timeout *OldTimespec32, sigmask *Sigset) (int, error) {
	return pselect(SYS_PSELECT6, n, r, w, e, unsafe.Pointer(timeout), sigmask)
}
