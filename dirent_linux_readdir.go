//go:build linux && (386 || mips || mipsle)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// oldDirent is struct old_linux_dirent with room for the longest name (NAME_MAX) and its
// NUL: the kernel copies the name past the struct's one-byte d_name.
type oldDirent struct {
	hdr  OldLinuxDirent
	name [NAME_MAX + 1]byte
}

// Readdir reads the next entry of directory fd with the old one-entry-per-call readdir
// (n is 1, or 0 at the end of the directory). Only 386 and mips o32 have it; use ReadDir or
// Getdents64. The file type is not reported (DT_UNKNOWN).
//
// See [readdir(2)].
//
// [readdir(2)]: https://man7.org/linux/man-pages/man2/readdir.2.html
func Readdir(fd FD) (d Dirent, n int, err error) {
	var b oldDirent
	r, _, errno := raw.Syscall(SYS_READDIR, uintptr(fd), uintptr(unsafe.Pointer(&b)), 1)
	if errno != 0 {
		return Dirent{}, 0, errno
	}
	if r == 0 {
		return Dirent{}, 0, nil
	}
	// The name starts at d_name, for d_namlen bytes.
	off := unsafe.Offsetof(b.hdr.Name)
	all := unsafe.Slice((*byte)(unsafe.Pointer(&b)), unsafe.Sizeof(b))
	nl := int(b.hdr.Namlen)
	if int(off)+nl > len(all) {
		return Dirent{}, 0, raw.EIO
	}
	name := append([]byte(nil), all[off:int(off)+nl]...)
	return Dirent{Ino: uint64(b.hdr.Ino), Off: int64(b.hdr.Offset), Type: DT_UNKNOWN, name: name}, 1, nil
}
