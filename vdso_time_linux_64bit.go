//go:build linux && !(386 || arm || mips || mipsle)

package linux

const (
	sysClockGettimeNr = SYS_CLOCK_GETTIME
	sysClockGetresNr  = SYS_CLOCK_GETRES
)
