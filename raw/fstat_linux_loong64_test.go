package raw_test

import (
	"encoding/binary"
	"syscall"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// fstatHeap statx-es fd (loong64 has no fstat in the standard library's table) into a fresh
// buffer and returns stx_ino (offset 32) and stx_size (offset 40) of struct statx.
func fstatHeap(fd uintptr, blocking bool) (ino uint64, size int64, e raw.Errno) {
	const atEmptyPath, statxBasicStats = 0x1000, 0x7ff
	buf := make([]byte, 256)
	empty := []byte{0}
	if blocking {
		_, _, e = raw.Syscall6(syscall.SYS_STATX, fd, uintptr(unsafe.Pointer(&empty[0])), atEmptyPath,
			statxBasicStats, uintptr(unsafe.Pointer(&buf[0])), 0)
	} else {
		_, _, e = raw.RawSyscall6(syscall.SYS_STATX, fd, uintptr(unsafe.Pointer(&empty[0])), atEmptyPath,
			statxBasicStats, uintptr(unsafe.Pointer(&buf[0])), 0)
	}
	return binary.LittleEndian.Uint64(buf[32:]), int64(binary.LittleEndian.Uint64(buf[40:])), e
}

func munmap(addr, size uintptr) { raw.Syscall(syscall.SYS_MUNMAP, addr, size, 0) }
