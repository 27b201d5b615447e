//go:build linux && (mips || mipsle)

package raw_test

import "github.com/rawlinux/linux/raw"

// The o32 entry points with eight arguments join the register tests: arguments 5 to 8 travel
// on the stack there. No o32 system call reads an eighth argument (the kernel copies it from
// the user stack unused), so argument 8 cannot be observed; argument 7 is TestSyscall8's.
func init() {
	entries = append(entries,
		entry{"Syscall8", 8, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
			return raw.Syscall8(n, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
		}},
		entry{"RawSyscall8", 8, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
			return raw.RawSyscall8(n, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
		}})
}
