//go:build linux && !(ppc64 || s390x || mips64)

package linux

// semunInt is semctl's union semun holding the int val, passed by value as an unsigned
// long: its low half on 32-bit and little-endian arches.
func semunInt(v int) uintptr { return uintptr(uint32(v)) }
