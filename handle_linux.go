//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// FileHandle is a file handle from NameToHandleAt: an opaque identifier of a file on its
// file system, which OpenByHandleAt opens again (for example after the path changed, or in
// another process). Type and Bytes are what the file system made; NewFileHandle rebuilds a
// handle from them.
type FileHandle struct {
	typ   int32
	bytes []byte
}

// NewFileHandle returns the handle of type typ whose file-system-specific bytes are b.
func NewFileHandle(typ int32, b []byte) FileHandle {
	return FileHandle{typ, append([]byte(nil), b...)}
}

// Type is the handle's type (file system specific; FILEID_* for the exportfs ones).
func (h FileHandle) Type() int32 { return h.typ }

// Bytes returns the handle's file-system-specific bytes.
func (h FileHandle) Bytes() []byte { return h.bytes }

// handleBuf is struct file_handle with room for the largest handle the kernel makes.
type handleBuf struct {
	hdr FileHandleHeader
	b   [MAX_HANDLE_SZ]byte
}

// NameToHandleAt returns a handle for path relative to dirfd, and the id of its mount
// (name_to_handle_at(2)). flags: AT_EMPTY_PATH, AT_SYMLINK_FOLLOW, AT_HANDLE_FID,
// AT_HANDLE_MNT_ID_UNIQUE (then mountID is the 64-bit unique id, else the 32-bit one that
// /proc/self/mountinfo shows). The buffer passed to the kernel has room for any handle
// (MAX_HANDLE_SZ bytes), and handle_bytes says so: the kernel never writes past it.
//
// https://man7.org/linux/man-pages/man2/name_to_handle_at.2.html
func NameToHandleAt(dirfd FD, path string, flags AtFlags) (handle FileHandle, mountID uint64, err error) {
	var pbuf cbuf
	p, err := cstring(path, &pbuf)
	if err != nil {
		return FileHandle{}, 0, err
	}
	var h handleBuf
	h.hdr.HandleBytes = uint32(len(h.b))
	var mnt uint64 // 8 bytes: AT_HANDLE_MNT_ID_UNIQUE writes a u64, otherwise an int
	_, _, errno := raw.Syscall6(SYS_NAME_TO_HANDLE_AT, uintptr(dirfd), uintptr(p),
		uintptr(unsafe.Pointer(&h)), uintptr(unsafe.Pointer(&mnt)), uintptr(flags), 0)
	if errno != 0 {
		return FileHandle{}, 0, errno
	}
	n := h.hdr.HandleBytes
	if n > uint32(len(h.b)) {
		return FileHandle{}, 0, raw.EOVERFLOW
	}
	if flags&AT_HANDLE_MNT_ID_UNIQUE == 0 {
		mnt = uint64(*(*uint32)(unsafe.Pointer(&mnt))) // the int the kernel wrote, in its byte order
	}
	return FileHandle{h.hdr.HandleType, append([]byte(nil), h.b[:n]...)}, mnt, nil
}

// OpenByHandleAt opens the file of handle on the file system that contains mountFD
// (open_by_handle_at(2); CAP_DAC_READ_SEARCH). flags are those of Openat
// (O_LARGEFILE is added, as there).
//
// https://man7.org/linux/man-pages/man2/open_by_handle_at.2.html
func OpenByHandleAt(mountFD FD, handle FileHandle, flags OpenFlags) (FD, error) {
	if len(handle.bytes) > MAX_HANDLE_SZ {
		return -1, raw.EINVAL
	}
	var h handleBuf
	h.hdr.HandleBytes, h.hdr.HandleType = uint32(len(handle.bytes)), handle.typ
	copy(h.b[:], handle.bytes)
	r, _, errno := raw.Syscall(SYS_OPEN_BY_HANDLE_AT, uintptr(mountFD), uintptr(unsafe.Pointer(&h)), uintptr(flags|O_LARGEFILE))
	if errno != 0 {
		return -1, errno
	}
	return FD(r), nil
}
