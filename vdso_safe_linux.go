//go:build linux && !(amd64 || 386)

package linux

import (
	_ "unsafe" // for go:linkname

	"github.com/rawlinux/linux/raw"
)

// On these arches a direct vDSO call from library code is not safe in a program without
// cgo (see the comment in vdso_linux.go): MONOTONIC and REALTIME use the runtime's own vDSO
// calls, everything else the system call.

//go:linkname runtime_nanotime runtime.nanotime
func runtime_nanotime() int64

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64)

func clockGettime(id ClockID, ts *Timespec) raw.Errno {
	switch id {
	case CLOCK_MONOTONIC:
		n := runtime_nanotime()
		ts.Sec, ts.Nsec = n/1e9, n%1e9
		return 0
	case CLOCK_REALTIME:
		sec, nsec, _ := time_now()
		ts.Sec, ts.Nsec = sec, int64(nsec)
		return 0
	}
	return sysClockGettime(id, ts)
}

func clockGetres(id ClockID, ts *Timespec) raw.Errno { return sysClockGetres(id, ts) }

func getcpu(cpu, node *uint32) raw.Errno { return sysGetcpu(cpu, node) }

func timeNow() (int64, error) {
	sec, _, _ := time_now()
	return sec, nil
}
