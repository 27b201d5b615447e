//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Typed helpers for the ioctl requests on files (include/uapi/linux/fs.h, asm/ioctls.h),
// over Ioctl and IoctlInt.

// IoctlFileClone makes dst share all of src's data extents (FICLONE: a reflink copy, on
// file systems that support it: btrfs, XFS, bcachefs...).
func IoctlFileClone(dst, src FD) error {
	_, err := IoctlInt(dst, FICLONE, uintptr(src))
	return err
}

// IoctlFileCloneRange makes a range of dst share the extents of a range of r.SrcFD
// (FICLONERANGE).
func IoctlFileCloneRange(dst FD, r *FileCloneRange) error {
	_, err := Ioctl(dst, FICLONERANGE, unsafe.Pointer(r))
	return err
}

// FileDedupe is one destination of IoctlFileDedupeRange.
type FileDedupe struct {
	FD     FD
	Offset uint64
	// Filled in by the kernel:
	BytesDeduped uint64
	Status       int32 // FILE_DEDUPE_RANGE_SAME, FILE_DEDUPE_RANGE_DIFFERS, or a negative errno
}

// IoctlFileDedupeRange shares the extents of src's range [offset, offset+length) with each
// destination whose data is identical (FIDEDUPERANGE), and fills in each destination's
// result. It builds the variable-length struct file_dedupe_range for the kernel.
func IoctlFileDedupeRange(src FD, offset, length uint64, dests []FileDedupe) error {
	if len(dests) > 0xffff {
		return raw.EINVAL
	}
	hdr := unsafe.Sizeof(FileDedupeRange{})
	info := unsafe.Sizeof(FileDedupeRangeInfo{})
	// One buffer of uint64s keeps the records 8-aligned.
	buf := make([]uint64, (hdr+uintptr(len(dests))*info)/8)
	p := unsafe.Pointer(unsafe.SliceData(buf))
	r := (*FileDedupeRange)(p)
	r.SrcOffset, r.SrcLength, r.DestCount = offset, length, uint16(len(dests))
	infos := unsafe.Slice((*FileDedupeRangeInfo)(unsafe.Add(p, hdr)), len(dests))
	for i, d := range dests {
		infos[i].DestFD, infos[i].DestOffset = int64(d.FD), d.Offset
	}
	if _, err := Ioctl(src, FIDEDUPERANGE, p); err != nil {
		return err
	}
	for i := range dests {
		dests[i].BytesDeduped, dests[i].Status = infos[i].BytesDeduped, infos[i].Status
	}
	return nil
}

// IoctlGetFlags returns the inode flags of fd's file (FS_IOC_GETFLAGS: FS_*_FL; the kernel
// reads and writes an int, whatever the request's encoded size says).
func IoctlGetFlags(fd FD) (uint32, error) {
	var v int32
	_, err := Ioctl(fd, FS_IOC_GETFLAGS, unsafe.Pointer(&v))
	return uint32(v), err
}

// IoctlSetFlags sets the inode flags of fd's file (FS_IOC_SETFLAGS).
func IoctlSetFlags(fd FD, flags uint32) error {
	v := int32(flags)
	_, err := Ioctl(fd, FS_IOC_SETFLAGS, unsafe.Pointer(&v))
	return err
}

// IoctlFsGetXattr returns the extended inode attributes of fd's file (FS_IOC_FSGETXATTR).
func IoctlFsGetXattr(fd FD) (Fsxattr, error) {
	var x Fsxattr
	_, err := Ioctl(fd, FS_IOC_FSGETXATTR, unsafe.Pointer(&x))
	return x, err
}

// IoctlFsSetXattr sets the extended inode attributes of fd's file (FS_IOC_FSSETXATTR).
func IoctlFsSetXattr(fd FD, x *Fsxattr) error {
	_, err := Ioctl(fd, FS_IOC_FSSETXATTR, unsafe.Pointer(x))
	return err
}

// IoctlFionread returns how many bytes can be read from fd without blocking (FIONREAD: a
// pipe's or socket's queue, a regular file's bytes after the offset).
func IoctlFionread(fd FD) (int, error) {
	var n int32
	_, err := Ioctl(fd, FIONREAD, unsafe.Pointer(&n))
	return int(n), err
}

// IoctlFioclex sets fd's close-on-exec flag (FIOCLEX).
func IoctlFioclex(fd FD) error {
	_, err := IoctlInt(fd, FIOCLEX, 0)
	return err
}

// IoctlFionclex clears fd's close-on-exec flag (FIONCLEX).
func IoctlFionclex(fd FD) error {
	_, err := IoctlInt(fd, FIONCLEX, 0)
	return err
}

// IoctlFigetbsz returns the block size of fd's file system (FIGETBSZ).
func IoctlFigetbsz(fd FD) (int, error) {
	var n int32
	_, err := Ioctl(fd, FIGETBSZ, unsafe.Pointer(&n))
	return int(n), err
}

// IoctlBlkGetSize64 returns the size in bytes of block device fd (BLKGETSIZE64).
func IoctlBlkGetSize64(fd FD) (uint64, error) {
	var n uint64
	_, err := Ioctl(fd, BLKGETSIZE64, unsafe.Pointer(&n))
	return n, err
}
