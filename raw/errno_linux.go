package raw

import (
	"errors"
	"io/fs"
	"strconv"
	"syscall"
)

// Errno is an error number from the kernel: the negation of a return value in [-4095, -1].
// Its numbering is the arch's own (mips and powerpc number some errnos differently from
// x86); the E* constants are generated per arch from the kernel's headers.
//
// An Errno converts to syscall.Errno without loss (syscall.Errno(e), or e.Syscall()),
// errors.Is matches it against the same number as a syscall.Errno, and against the io/fs
// sentinel errors as package syscall does (errors.Is(err, fs.ErrNotExist) for ENOENT).
type Errno uintptr

// Error returns the kernel's description of the error (the comment beside its #define in
// the UAPI errno headers), or "errno N" for a number the kernel does not name.
func (e Errno) Error() string {
	if e < Errno(len(errnoMessages)) {
		if s := errnoMessages[e]; s != "" {
			return s
		}
	}
	return "errno " + strconv.FormatUint(uint64(e), 10)
}

// Name returns the kernel's symbolic name ("ENOENT"), or "" for an unnamed number. Where
// two names share a number (EAGAIN and EWOULDBLOCK), Name is the first the kernel defines.
func (e Errno) Name() string {
	if e < Errno(len(errnoNames)) {
		return errnoNames[e]
	}
	return ""
}

// Syscall returns e as the standard library's error number.
func (e Errno) Syscall() syscall.Errno { return syscall.Errno(e) }

// Is reports whether e matches target: the same number as a syscall.Errno, or one of
// fs.ErrPermission, fs.ErrExist, fs.ErrNotExist and errors.ErrUnsupported.
func (e Errno) Is(target error) bool {
	switch target {
	case fs.ErrPermission:
		return e == EACCES || e == EPERM
	case fs.ErrExist:
		return e == EEXIST || e == ENOTEMPTY
	case fs.ErrNotExist:
		return e == ENOENT
	case errors.ErrUnsupported:
		return e == ENOSYS || e == EOPNOTSUPP
	}
	if t, ok := target.(syscall.Errno); ok {
		return uintptr(t) == uintptr(e)
	}
	return false
}

// Temporary reports whether the operation may succeed if tried again.
func (e Errno) Temporary() bool {
	return e == EINTR || e == EMFILE || e == ENFILE || e.Timeout()
}

// Timeout reports whether e means that an operation timed out or would have blocked.
func (e Errno) Timeout() bool {
	return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT
}
