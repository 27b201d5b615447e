//go:build linux

package linux

// pair0 and pair1 are the first and the second register of the aligned register pair in
// which big-endian mips o32 passes a 64-bit system-call argument: the high word, then the
// low word.
func pair0(v uint64) uintptr { return uintptr(v >> 32) }

func pair1(v uint64) uintptr { return uintptr(uint32(v)) }
