//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || mips64 || mips64le)

package linux

import "github.com/rawlinux/linux/raw"

// mmapRow makes this arch's mmap, which takes the offset in bytes in a register.
func mmapRow(addr, length uintptr, prot Prot, flags MapFlags, fd FD, offset int64) (uintptr, raw.Errno) {
	r, _, e := raw.Syscall6(SYS_MMAP, addr, length, uintptr(prot), uintptr(flags), uintptr(fd), uintptr(offset))
	return r, e
}
