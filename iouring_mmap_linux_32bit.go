//go:build linux && (386 || arm || mips || mipsle)

package linux

import "github.com/rawlinux/linux/raw"

// mmapShared maps length bytes of fd at offset off (a multiple of 4096) shared, readable
// and writable, populated: mmap2, whose offset is in 4096-byte units on these arches.
func mmapShared(fd FD, off, length uintptr) (uintptr, error) {
	r, _, errno := raw.Syscall6(SYS_MMAP2, 0, length, uintptr(PROT_READ|PROT_WRITE), uintptr(MAP_SHARED|MAP_POPULATE), uintptr(fd), off/4096)
	if errno != 0 {
		return 0, errno
	}
	return r, nil
}
