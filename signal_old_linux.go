//go:build linux && (386 || arm || s390x)

package linux

import "github.com/rawlinux/linux/raw"

// SigsuspendOld is RtSigsuspend with the one-word mask of the old sigsuspend(2) (386, arm,
// s390x, mips); use RtSigsuspend. It always fails with EINTR. The old call takes the mask
// itself, after two unused arguments, on 386, arm and s390x, and a pointer to a whole
// sigset_t on mips (of which the wrapper fills the first word).
//
// See [sigsuspend(2)].
//
// [sigsuspend(2)]: https://man7.org/linux/man-pages/man2/sigsuspend.2.html
func SigsuspendOld(mask uint) error {
	_, _, e := raw.Syscall(SYS_SIGSUSPEND, 0, 0, uintptr(mask))
	return errnoErr(e)
}
