//go:build linux && (mips || mipsle)

package raw

// Syscall8 is Syscall6 with eight arguments, for the o32 calls that need more than six
// words: o32 passes arguments 5 to 8 on the stack, and a 64-bit argument takes an aligned
// register pair, so a call such as sync_file_range(fd, pad, off_lo, off_hi, n_lo, n_hi,
// flags) needs seven.
func Syscall8(num, a1, a2, a3, a4, a5, a6, a7, a8 uintptr) (r1, r2 uintptr, err Errno)

// RawSyscall8 is Syscall8 without telling the scheduler: the call must not block.
func RawSyscall8(num, a1, a2, a3, a4, a5, a6, a7, a8 uintptr) (r1, r2 uintptr, err Errno)
