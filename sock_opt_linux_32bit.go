//go:build linux && (386 || arm || mips || mipsle)

package linux

// On 32-bit arches the kernel's SO_RCVTIMEO and SO_SNDTIMEO depend on the C library's
// time_t (asm-generic/socket.h): the _OLD numbers take a timeval of longs, this
// package's Timeval, the _NEW ones 64-bit fields. A timeout needs no 64-bit seconds, so
// the short names are the _OLD numbers, as on the 64-bit arches, where both are the same.
const (
	SO_RCVTIMEO = SO_RCVTIMEO_OLD
	SO_SNDTIMEO = SO_SNDTIMEO_OLD
)
