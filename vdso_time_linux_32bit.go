//go:build linux && (386 || arm || mips || mipsle)

package linux

// 32-bit arches: the 64-bit time_t calls (Linux 5.1), whose struct __kernel_timespec is
// Timespec.
const (
	sysClockGettimeNr = SYS_CLOCK_GETTIME64
	sysClockGetresNr  = SYS_CLOCK_GETRES_TIME64
)
