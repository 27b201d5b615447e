//go:build linux

package linux

import (
	"strings"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The conversions between Go values and what the kernel reads, for the generated wrappers.

// cbufLen is the size of the buffer on the caller's stack that a wrapper copies a string
// argument into: strings of up to cbufLen-1 bytes (every single path component, and most
// paths) reach the kernel without a heap allocation; a longer one allocates once.
const cbufLen = 256

type cbuf [cbufLen]byte

// cstring returns s as a NUL-terminated C string for the kernel: in buf when it fits, else
// in one allocation. A NUL byte inside s is EINVAL: the kernel would see a shorter string.
func cstring(s string, buf *cbuf) (unsafe.Pointer, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, raw.EINVAL
	}
	if len(s) < len(buf) {
		copy(buf[:], s)
		buf[len(s)] = 0
		return unsafe.Pointer(buf), nil
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return unsafe.Pointer(unsafe.SliceData(b)), nil
}

// cstringOrNil is cstring, but "" is NULL (for the calls where NULL means "the file
// descriptor itself", such as utimensat's path).
func cstringOrNil(s string, buf *cbuf) (unsafe.Pointer, error) {
	if s == "" {
		return nil, nil
	}
	return cstring(s, buf)
}

// emptyBuf is what an empty slice points the kernel at: a valid address (some emulators
// fault on NULL even with a zero length) that the kernel never reads or writes.
var emptyBuf [8]byte

// sliceData returns the address of s's first element, or a valid dummy when s is empty.
func sliceData[T any](s []T) unsafe.Pointer {
	if len(s) == 0 {
		return unsafe.Pointer(&emptyBuf)
	}
	return unsafe.Pointer(unsafe.SliceData(s))
}
