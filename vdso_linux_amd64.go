//go:build linux

package linux

// ClockGettime returns the time of clock id (clock_gettime(2)).
//
// On amd64 it is written in assembly (vdso_linux_amd64.s), so that the caller reaches the
// vDSO through a single call; the clocks the vDSO serves are the bits of vdsoClockMask,
// which the assembly spells 0x8f3 (checked here at compile time).
func ClockGettime(id ClockID) (ts Timespec, err error)

// Getcpu returns the CPU and the NUMA node the calling thread is running on (getcpu(2)).
// The answer may be stale as soon as it is returned, unless the thread is pinned.
//
// On amd64 it is written in assembly (vdso_linux_amd64.s), like ClockGettime.
func Getcpu() (cpu, node int, err error)

const (
	_ = uint32(vdsoClockMask - 0x8f3)
	_ = uint32(0x8f3 - vdsoClockMask)
)
