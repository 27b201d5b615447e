//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Mmap32 is MmapPtr through the older mmap row of 386 (the struct form, old_mmap) and mips
// o32 (a 32-bit byte offset, which must be a multiple of the page size); use MmapPtr.
//
// See [mmap(2)].
//
// [mmap(2)]: https://man7.org/linux/man-pages/man2/mmap.2.html
func Mmap32(addr unsafe.Pointer, length uintptr, prot Prot, flags MapFlags, fd FD, offset uint32) (unsafe.Pointer, error) {
	r, err := mapAt(uintptr(addr), length, flags, func(a uintptr, f MapFlags) (uintptr, raw.Errno) {
		s := MmapArgStruct{Addr: uint32(a), Len: uint32(length), Prot: uint32(prot), Flags: uint32(f),
			FD: uint32(fd), Offset: offset}
		r, _, e := raw.Syscall(SYS_MMAP, uintptr(unsafe.Pointer(&s)), 0, 0)
		return r, e
	})
	if err != nil {
		return nil, err
	}
	return addrPointer(r), nil
}
