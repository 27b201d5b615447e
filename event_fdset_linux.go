//go:build linux

package linux

import "unsafe"

// The FDSet of Select and Pselect6: one bit per descriptor, in the kernel's unsigned longs
// (bit fd%N of word fd/N, N the bits of a long).

const fdBits = int(unsafe.Sizeof(FDSet{}.FdsBits[0]) * 8)

// FDSetSize is the number of descriptors an FDSet holds (the kernel's __FD_SETSIZE).
const FDSetSize = len(FDSet{}.FdsBits) * fdBits

// Set adds fd to s; a descriptor outside [0, FDSetSize) is ignored.
func (s *FDSet) Set(fd FD) {
	if uint(fd) < uint(FDSetSize) {
		s.FdsBits[int(fd)/fdBits] |= 1 << (uint(fd) % uint(fdBits))
	}
}

// Clear removes fd from s.
func (s *FDSet) Clear(fd FD) {
	if uint(fd) < uint(FDSetSize) {
		s.FdsBits[int(fd)/fdBits] &^= 1 << (uint(fd) % uint(fdBits))
	}
}

// IsSet reports whether fd is in s.
func (s *FDSet) IsSet(fd FD) bool {
	return uint(fd) < uint(FDSetSize) && s.FdsBits[int(fd)/fdBits]&(1<<(uint(fd)%uint(fdBits))) != 0
}

// Zero empties s.
func (s *FDSet) Zero() { *s = FDSet{} }
