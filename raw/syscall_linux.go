package raw

// Syscall6 enters the kernel with system call num and six arguments, telling the Go
// scheduler that the thread may block. r1 and r2 are the kernel's return registers; err is
// non-zero exactly when r1 lies in [-4095, -1], and is then -r1.
func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)

// RawSyscall6 is Syscall6 without telling the scheduler: the call must not block.
func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)

// Syscall is Syscall6 with three arguments.
func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)

// RawSyscall is RawSyscall6 with three arguments.
func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
