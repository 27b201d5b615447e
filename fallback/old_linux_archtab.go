//go:build linux && (amd64 || 386 || arm || ppc64 || ppc64le || s390x || mips || mipsle || mips64 || mips64le)

package fallback

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

// The old calls of the arches with a table of their own.

func dup2(oldfd, newfd linux.FD) (linux.FD, error) { return linux.Dup2(oldfd, newfd) }

func pipe() ([2]linux.FD, error) {
	var p [2]int32
	r1, r2, e := raw.RawSyscall(linux.SYS_PIPE, uintptr(unsafe.Pointer(&p)), 0, 0)
	if e != 0 {
		return [2]linux.FD{-1, -1}, e
	}
	switch runtime.GOARCH {
	case "mips", "mipsle", "mips64", "mips64le":
		// sysm_pipe returns the descriptors in v0 and v1.
		return [2]linux.FD{linux.FD(r1), linux.FD(r2)}, nil
	}
	return [2]linux.FD{linux.FD(p[0]), linux.FD(p[1])}, nil
}
