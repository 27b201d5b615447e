//go:build amd64 || arm64 || riscv64 || ppc64 || ppc64le || s390x || mips64 || mips64le || loong64

package raw_test

import (
	"runtime"
	"syscall"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

const sysLseek = syscall.SYS_LSEEK

func word(v int64) uintptr { return uintptr(v) }

// seekProbes are the offsets TestErrorRule seeks /proc/self/mem to: both edges of the error
// range and values far outside it, negative ones included.
var seekProbes = []uintptr{word(-4096), word(-4095), word(-1), 0, 1, 1 << 63, 1<<63 + 5, 1 << 40}

// highHint is an mmap address hint above 2^40.
const highHint = 1<<41 + 1<<32

func seek64(fd uintptr, off int64, whence int) (int64, raw.Errno) {
	r1, _, e := raw.Syscall(syscall.SYS_LSEEK, fd, uintptr(off), uintptr(whence))
	return int64(r1), e
}

// mmap maps fd (^uintptr(0) for none) at byte offset off.
func mmap(addr, size, prot, flags, fd uintptr, off int64) (uintptr, raw.Errno) {
	if runtime.GOARCH == "s390x" {
		// s390x's mmap is sys_old_mmap: one pointer to the six arguments.
		args := [6]uintptr{addr, size, prot, flags, fd, uintptr(off)}
		r1, _, e := raw.Syscall(syscall.SYS_MMAP, uintptr(unsafe.Pointer(&args[0])), 0, 0)
		return r1, e
	}
	r1, _, e := raw.Syscall6(syscall.SYS_MMAP, addr, size, prot, flags, fd, uintptr(off))
	return r1, e
}
