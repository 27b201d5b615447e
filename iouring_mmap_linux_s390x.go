//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// mmapShared maps length bytes of fd at offset off shared, readable and writable,
// populated: s390x's mmap row is old_mmap, which takes its arguments in a struct.
func mmapShared(fd FD, off, length uintptr) (uintptr, error) {
	a := MmapArgStruct{Len: uint64(length), Prot: uint64(PROT_READ | PROT_WRITE), Flags: uint64(MAP_SHARED | MAP_POPULATE),
		FD: uint64(fd), Offset: uint64(off)}
	r, _, errno := raw.Syscall(SYS_MMAP, uintptr(unsafe.Pointer(&a)), 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return r, nil
}
