//go:build linux && (ppc64 || s390x || mips64)

package linux

// semunInt is semctl's union semun holding the int val, passed by value as an unsigned
// long: on a big-endian 64-bit arch the int is the long's high half (ipc/sem.c takes
// arg >> 32 for SETVAL there).
func semunInt(v int) uintptr { return uintptr(uint32(v)) << 32 }
