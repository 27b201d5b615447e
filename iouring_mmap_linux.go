//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || mips64 || mips64le)

package linux

import "github.com/rawlinux/linux/raw"

// mmapShared maps length bytes of fd at offset off shared, readable and writable,
// populated.
func mmapShared(fd FD, off, length uintptr) (uintptr, error) {
	r, _, errno := raw.Syscall6(SYS_MMAP, 0, length, uintptr(PROT_READ|PROT_WRITE), uintptr(MAP_SHARED|MAP_POPULATE), uintptr(fd), off)
	if errno != 0 {
		return 0, errno
	}
	return r, nil
}
