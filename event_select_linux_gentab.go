//go:build linux && (arm64 || riscv64 || loong64)

package linux

import "unsafe"

// Select waits until one of the descriptors below n in r, w or e (nil: none) is ready for
// reading, writing or has an exceptional condition, up to timeout (nil: forever), leaves
// only the ready ones set and returns how many; the kernel also updates timeout to the
// time left (select(2)). This arch has no select row: it makes pselect6 without a signal
// mask, converting the timeout to a Timespec and back. An FDSet holds descriptors below
// 1024: use Poll for larger ones.
//
// https://man7.org/linux/man-pages/man2/select.2.html
func Select(n int, r, w, e *FDSet, timeout *Timeval) (int, error) {
	var ts *Timespec
	var t Timespec
	if timeout != nil {
		t = Timespec{Sec: timeout.Sec, Nsec: timeout.Usec * 1000}
		ts = &t
	}
	k, err := pselect(SYS_PSELECT6, n, r, w, e, unsafe.Pointer(ts), nil)
	if timeout != nil {
		timeout.Sec, timeout.Usec = t.Sec, t.Nsec/1000
	}
	return k, err
}
