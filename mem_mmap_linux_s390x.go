//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// mmapRow makes s390x's mmap, old_mmap: its six arguments in a struct mmap_arg_struct (the
// arch has no mmap2, and its offset is in bytes).
func mmapRow(addr, length uintptr, prot Prot, flags MapFlags, fd FD, offset int64) (uintptr, raw.Errno) {
	a := MmapArgStruct{Addr: uint64(addr), Len: uint64(length), Prot: uint64(uint32(prot)),
		Flags: uint64(flags), FD: uint64(int64(fd)), Offset: uint64(offset)}
	r, _, e := raw.Syscall(SYS_MMAP, uintptr(unsafe.Pointer(&a)), 0, 0)
	return r, e
}
