//go:build 386 || arm || mips || mipsle

package raw_test

import (
	"syscall"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// lseek takes and returns a 32-bit off_t here.
const sysLseek = syscall.SYS_LSEEK

const sysFstat = syscall.SYS_FSTAT64

// seekProbes are the offsets TestErrorRule seeks /proc/self/mem to: both edges of the error
// range (0xFFFFF000 is -4096, 0xFFFFF001 is -4095) and values outside it.
var seekProbes = []uintptr{0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFF000, 0xFFFFF001, 0xFFFFFFFF}

// highHint is an mmap address hint above 2^31.
const highHint = 0x90000000

// seek64 uses _llseek, which writes the 64-bit result to memory.
func seek64(fd uintptr, off int64, whence int) (int64, raw.Errno) {
	var res int64
	_, _, e := raw.Syscall6(syscall.SYS__LLSEEK, fd, uintptr(uint64(off)>>32), uintptr(uint32(off)),
		uintptr(unsafe.Pointer(&res)), uintptr(whence), 0)
	return res, e
}

// mmap maps fd (^uintptr(0) for none) at byte offset off with mmap2, whose offset counts
// 4096-byte units on 386, arm and mips; 386's plain mmap takes a pointer to a struct.
func mmap(addr, size, prot, flags, fd uintptr, off int64) (uintptr, raw.Errno) {
	r1, _, e := raw.Syscall6(syscall.SYS_MMAP2, addr, size, prot, flags, fd, uintptr(off/4096))
	return r1, e
}
