//go:build linux

package linux

import (
	"math/bits"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// cpuSetWords is the number of unsigned longs of a CPUSet: 1024 CPUs, as glibc's cpu_set_t.
const cpuSetWords = 1024 / (8 * unsafe.Sizeof(uint(0)))

// CPUSet is a CPU affinity mask for CPUs 0 to 1023, in the kernel's layout (unsigned longs,
// CPU n at bit n%W of word n/W, W the arch's long width), for SchedGetaffinity and
// SchedSetaffinity.
type CPUSet [cpuSetWords]uint

const cpuWordBits = int(8 * unsafe.Sizeof(uint(0)))

// Set adds cpu to the set (out-of-range cpus are ignored).
func (s *CPUSet) Set(cpu int) {
	if cpu >= 0 && cpu < len(s)*cpuWordBits {
		s[cpu/cpuWordBits] |= 1 << (uint(cpu) % uint(cpuWordBits))
	}
}

// Clear removes cpu from the set.
func (s *CPUSet) Clear(cpu int) {
	if cpu >= 0 && cpu < len(s)*cpuWordBits {
		s[cpu/cpuWordBits] &^= 1 << (uint(cpu) % uint(cpuWordBits))
	}
}

// IsSet reports whether cpu is in the set.
func (s *CPUSet) IsSet(cpu int) bool {
	if cpu < 0 || cpu >= len(s)*cpuWordBits {
		return false
	}
	return s[cpu/cpuWordBits]&(1<<(uint(cpu)%uint(cpuWordBits))) != 0
}

// Count returns the number of CPUs in the set.
func (s *CPUSet) Count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount(w)
	}
	return n
}

// Zero empties the set.
func (s *CPUSet) Zero() { clear(s[:]) }

// Getpriority returns the nice value (-20 to 19) of the process, process group or user who
// names (PRIO_PROCESS, PRIO_PGRP, PRIO_USER; 0: the caller's), the lowest of several; the
// kernel returns 20 minus it (so that no valid value looks like an error), the wrapper the
// nice value itself.
//
// With PRIO_PROCESS the kernel reads the thread who names: 0 is the calling thread, whose
// value Setpriority may have made differ from the others'.
//
// See [getpriority(2)].
//
// [getpriority(2)]: https://man7.org/linux/man-pages/man2/getpriority.2.html
func Getpriority(which PriorityWhich, who int) (nice int, err error) {
	r1, _, errno := raw.Syscall(SYS_GETPRIORITY, uintptr(which), uintptr(who), 0)
	if errno != 0 {
		return 0, errno
	}
	return 20 - int(r1), nil
}

// IoprioValue is the ioprio of IoprioSet for class and level (IOPRIO_PRIO_VALUE).
func IoprioValue(class IoprioClass, level int) int {
	return int(class&IOPRIO_CLASS_MASK)<<IOPRIO_CLASS_SHIFT | level&IOPRIO_PRIO_MASK
}

// IoprioClassOf returns the class of an ioprio from IoprioGet (IOPRIO_PRIO_CLASS).
func IoprioClassOf(ioprio int) IoprioClass {
	return IoprioClass(ioprio>>IOPRIO_CLASS_SHIFT) & IOPRIO_CLASS_MASK
}

// IoprioLevelOf returns the level of an ioprio from IoprioGet (IOPRIO_PRIO_LEVEL).
func IoprioLevelOf(ioprio int) int { return ioprio & IOPRIO_LEVEL_MASK }
