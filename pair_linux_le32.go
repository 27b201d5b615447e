//go:build linux && (386 || arm || mipsle)

package linux

// pair0 and pair1 are the first and the second register of the aligned register pair in
// which this little-endian 32-bit arch passes a 64-bit system-call argument (arm EABI,
// mips o32): the low word, then the high word.
func pair0(v uint64) uintptr { return uintptr(uint32(v)) }

func pair1(v uint64) uintptr { return uintptr(v >> 32) }
