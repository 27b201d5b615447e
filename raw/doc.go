// Package raw is the bottom of rawlinux: it enters the kernel with a system-call number
// and up to six word-sized arguments (eight on mips o32) and hands back what the kernel
// returned, without any thread-local errno.
//
// The kernel's rule decides errors (include/linux/err.h, IS_ERR_VALUE): a return value is
// an error if and only if it lies in [-4095, -1]; its negation is the error number. Every
// other value is a success, negative ones included (an mmap address above 2^63, an lseek
// offset on /proc/self/mem). On mips and powerpc the kernel also reports errors with a flag
// (register a3, the CR0.SO bit) and a positive errno; the assembly turns a flagged result
// into -errno, so on every arch r1 holds the kernel's value in the generic convention and
// err is -r1 exactly when r1 lies in the error range.
//
// There are two entry points. Syscall and Syscall6 tell the Go scheduler that the thread
// may block in the kernel (runtime.entersyscall/exitsyscall), as package syscall does;
// RawSyscall and RawSyscall6 do not, and cost no more than syscall.RawSyscall: use them
// only for calls that never block (getpid, clock_gettime, a non-blocking close...).
//
// Pointers passed as arguments must be converted to uintptr in the call expression itself
// (uintptr(unsafe.Pointer(p))): these functions are implemented in assembly, so the Go
// compiler keeps the referenced object alive and in place until the call returns.
package raw
