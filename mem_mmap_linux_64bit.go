//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x || mips64 || mips64le)

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// mmapRow makes this arch's mmap, which takes the offset in bytes: in a register, or on
// s390x, whose mmap is old_mmap, with its six arguments in a struct mmap_arg_struct.
func mmapRow(addr, length uintptr, prot Prot, flags MapFlags, fd FD, offset int64) (uintptr, raw.Errno) {
	if runtime.GOARCH == "s390x" {
		a := MmapArgStruct{Addr: uint64(addr), Len: uint64(length), Prot: uint64(uint32(prot)),
			Flags: uint64(flags), FD: uint64(int64(fd)), Offset: uint64(offset)}
		r, _, e := raw.Syscall(SYS_MMAP, uintptr(unsafe.Pointer(&a)), 0, 0)
		return r, e
	}
	r, _, e := raw.Syscall6(SYS_MMAP, addr, length, uintptr(prot), uintptr(flags), uintptr(fd), uintptr(offset))
	return r, e
}
