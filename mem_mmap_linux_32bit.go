//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// mmap2Unit is the unit of mmap2's offset on 386, arm and mips o32: 4096 bytes, whatever
// the page size (arch/mips/kernel/syscall.c shifts it by PAGE_SHIFT-12).
const mmap2Unit = 4096

// mmapRow makes mmap2 with offset converted to 4096-byte units, so that offsets above 4 GiB
// work; an offset that is not a multiple of 4096, negative or beyond 2^44 is EINVAL.
func mmapRow(addr, length uintptr, prot Prot, flags MapFlags, fd FD, offset int64) (uintptr, raw.Errno) {
	if offset < 0 || offset%mmap2Unit != 0 || offset/mmap2Unit > 1<<32-1 {
		return 0, EINVAL
	}
	return mmap2Row(addr, length, prot, flags, fd, uintptr(offset/mmap2Unit))
}

func mmap2Row(addr, length uintptr, prot Prot, flags MapFlags, fd FD, pgoff uintptr) (uintptr, raw.Errno) {
	r, _, e := raw.Syscall6(SYS_MMAP2, addr, length, uintptr(prot), uintptr(flags), uintptr(fd), pgoff)
	return r, e
}

// Mmap2 is MmapPtr with the file offset in 4096-byte units (pgoff), as 32-bit arches' mmap2
// takes it.
//
// See [mmap2(2)].
//
// [mmap2(2)]: https://man7.org/linux/man-pages/man2/mmap2.2.html
func Mmap2(addr unsafe.Pointer, length uintptr, prot Prot, flags MapFlags, fd FD, pgoff uintptr) (unsafe.Pointer, error) {
	r, err := mapAt(uintptr(addr), length, flags, func(a uintptr, f MapFlags) (uintptr, raw.Errno) {
		return mmap2Row(a, length, prot, f, fd, pgoff)
	})
	if err != nil {
		return nil, err
	}
	return addrPointer(r), nil
}
