//go:build linux && (arm64 || riscv64 || loong64)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Poll waits up to timeout milliseconds (a negative one: forever, 0: not at all) until one
// of fds is ready, sets each one's Revents and returns how many are ready: this arch has
// no poll row, so it makes ppoll with the timeout as a Timespec and no signal mask
// (poll(2)).
//
// https://man7.org/linux/man-pages/man2/poll.2.html
func Poll(fds []Pollfd, timeout int) (int, error) {
	var ts *Timespec
	var t Timespec
	if timeout >= 0 {
		t.Sec, t.Nsec = int64(timeout/1000), int64(timeout%1000)*1e6
		ts = &t
	}
	r, _, errno := raw.Syscall6(SYS_PPOLL, uintptr(sliceData(fds)), uintptr(len(fds)), uintptr(unsafe.Pointer(ts)), 0, 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
