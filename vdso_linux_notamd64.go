//go:build linux && !amd64

package linux

import "unsafe"

// ClockGettime returns the time of clock id (clock_gettime(2)).
//
// The fast path is one check and one call of the trampoline, which calls the vDSO (amd64
// has it in assembly: vdso_linux_amd64.s).
func ClockGettime(id ClockID) (Timespec, error) {
	var ts Timespec
	if fn := vdsoClockGettime; fn != 0 && uint32(id) < 32 && vdsoClockMask>>uint32(id)&1 != 0 &&
		vdsoCall(fn, uintptr(id), unsafe.Pointer(&ts)) == 0 {
		return ts, nil
	}
	return clockGettimeSlow(id)
}

// Getcpu returns the CPU and the NUMA node the calling thread is running on (getcpu(2)).
// The answer may be stale as soon as it is returned, unless the thread is pinned.
func Getcpu() (cpu, node int, err error) { return getcpuSlow() }
