//go:build !loong64

package raw_test

import (
	"syscall"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// fstatHeap fstats fd into a fresh buffer laid out as the standard library's Stat_t (the
// kernel's struct stat, or stat64 on 32-bit arches) and returns its inode and size.
func fstatHeap(fd uintptr, blocking bool) (ino uint64, size int64, e raw.Errno) {
	buf := make([]byte, unsafe.Sizeof(syscall.Stat_t{}))
	if blocking {
		_, _, e = raw.Syscall(sysFstat, fd, uintptr(unsafe.Pointer(&buf[0])), 0)
	} else {
		_, _, e = raw.RawSyscall(sysFstat, fd, uintptr(unsafe.Pointer(&buf[0])), 0)
	}
	st := (*syscall.Stat_t)(unsafe.Pointer(&buf[0]))
	return uint64(st.Ino), int64(st.Size), e
}

func munmap(addr, size uintptr) { raw.Syscall(syscall.SYS_MUNMAP, addr, size, 0) }
