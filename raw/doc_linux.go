// Package raw is the bottom of rawlinux: it enters the kernel with a system-call number
// and up to six word-sized arguments (eight on mips o32) and hands back what the kernel
// returned, without any thread-local errno.
//
// The kernel's rule decides errors (include/linux/err.h, IS_ERR_VALUE): a return value is
// an error if and only if it lies in [-4095, -1]; its negation is the error number. Every
// other value is a success, negative ones included (an mmap address above 2^63, an lseek
// offset on /proc/self/mem). On mips and powerpc the kernel reports errors with a flag
// instead (register a3, the CR0.SO bit) and a positive errno in the result register; there
// the flag is authoritative. The assembly turns a flagged result into r1 = -errno, to which
// the range rule then applies, and an unflagged result is a success whatever its value: a
// kernel that forces a successful return (force_successful_syscall_return, as mem_lseek
// does), or qemu, may hand back e.g. -4095 unflagged. So on every arch r1 holds the result
// in the generic convention, and a non-zero err is always -r1 with r1 in [-4095, -1].
//
// r2 is the second result register (rdx/edx, r1, x1, a1, v1, r3, r4 or $a1 by arch). Few
// calls set it (pipe on mips returns the write end there); otherwise it holds what the kernel
// left in that register (on mips, zero).
//
// There are two entry points. Syscall and Syscall6 tell the Go scheduler that the thread
// may block in the kernel (runtime.entersyscall/exitsyscall), as package syscall does;
// RawSyscall and RawSyscall6 do not, and cost no more than syscall.RawSyscall: use them
// only for calls that never block (getpid, clock_gettime, a non-blocking close...).
//
// On mips o32 (GOARCH mips, mipsle), Syscall8 and RawSyscall8 take eight arguments: o32
// passes arguments 5 to 8 on the stack, and 64-bit arguments take aligned register pairs,
// so some calls (sync_file_range, fadvise64) need seven words.
//
// Pointers passed as arguments must be converted to uintptr in the call expression itself
// (uintptr(unsafe.Pointer(p))): these functions are implemented in assembly, so the Go
// compiler keeps the referenced object alive and in place until the call returns.
package raw
