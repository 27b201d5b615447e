package linux

import "time"

// Time returns ts as a time.Time (meaningful for CLOCK_REALTIME readings).
func (ts Timespec) Time() time.Time { return time.Unix(ts.Sec, ts.Nsec) }

// Duration returns ts as a time.Duration since the clock's epoch (for the monotonic clocks
// and for intervals); it saturates instead of overflowing.
func (ts Timespec) Duration() time.Duration {
	const maxSec = int64(1<<63-1) / int64(time.Second)
	if ts.Sec > maxSec {
		return 1<<63 - 1
	}
	if ts.Sec < -maxSec {
		return -1 << 63
	}
	return time.Duration(ts.Sec)*time.Second + time.Duration(ts.Nsec)
}

// NsecToTimespec converts a count of nanoseconds.
func NsecToTimespec(ns int64) Timespec {
	sec, nsec := ns/1e9, ns%1e9
	if nsec < 0 {
		sec, nsec = sec-1, nsec+1e9
	}
	return Timespec{Sec: sec, Nsec: nsec}
}
