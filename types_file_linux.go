//go:build linux

package linux

// Typed flag sets and commands of the file calls. (The generator types the constants of each
// group; see internal/gen/abi.)

// Whence is an lseek origin: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE.
type Whence int32

// RwfFlags are the RWF_* flags of preadv2 and pwritev2.
type RwfFlags int32

// SpliceFlags are the SPLICE_F_* flags of splice, tee and vmsplice.
type SpliceFlags uint32

// CloseRangeFlags are the CLOSE_RANGE_* flags of close_range.
type CloseRangeFlags uint32

// FcntlCmd is an F_* command of fcntl.
type FcntlCmd int32

// FlockOp is a LOCK_* operation of flock.
type FlockOp int32

// IoctlCmd is an ioctl request number (FICLONE, FIONREAD, TCGETS...).
type IoctlCmd uint32

// SyncFileRangeFlags are the SYNC_FILE_RANGE_* flags of sync_file_range.
type SyncFileRangeFlags uint32

// FallocFlags are the FALLOC_FL_* modes of fallocate.
type FallocFlags int32

// FadviseAdvice is a POSIX_FADV_* advice of fadvise64.
type FadviseAdvice int32

// AccessMode is the mode of access and faccessat: F_OK, or R_OK|W_OK|X_OK.
type AccessMode int32

// The access modes. The kernel names no constants for them: it takes the "other"
// permission bits (fs/open.c: do_faccessat refuses mode & ~S_IRWXO), so R_OK is S_IROTH.
const (
	F_OK AccessMode = 0
	X_OK AccessMode = S_IXOTH
	W_OK AccessMode = S_IWOTH
	R_OK AccessMode = S_IROTH
)

// RenameFlags are the RENAME_* flags of renameat2.
type RenameFlags uint32

// XattrFlags are the XATTR_CREATE and XATTR_REPLACE flags of setxattr.
type XattrFlags int32
