//go:build linux

package linux

import "github.com/rawlinux/linux/raw"

// Cacheflush makes the instruction cache coherent with the data written to b, after code
// was written into b (arm's private call __ARM_NR_cacheflush, which takes the range
// [start, end) and flags; cache is those flags: 0, else EINVAL). mips's Cacheflush takes
// the same arguments.
//
// https://man7.org/linux/man-pages/man2/cacheflush.2.html
func Cacheflush(b []byte, cache int) error {
	p := sliceData(b)
	_, _, errno := raw.Syscall(SYS_CACHEFLUSH, uintptr(p), uintptr(p)+uintptr(len(b)), uintptr(cache))
	if errno != 0 {
		return errno
	}
	return nil
}
