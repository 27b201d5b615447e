//go:build linux

package linux

// AccessMode is the mode of access and faccessat: F_OK, or R_OK|W_OK|X_OK.
type AccessMode int32

// The access modes. The kernel names no constants for them: it takes the "other"
// permission bits (fs/open.c: do_faccessat refuses mode & ~S_IRWXO), so R_OK is S_IROTH.
const (
	F_OK AccessMode = 0
	X_OK AccessMode = AccessMode(S_IXOTH)
	W_OK AccessMode = AccessMode(S_IWOTH)
	R_OK AccessMode = AccessMode(S_IROTH)
)
