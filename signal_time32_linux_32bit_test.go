//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"testing"
	"time"
)

// The 32-bit-time rows and their time64 twins, on the 32-bit arches.
func TestTime32Rows(t *testing.T) {
	onThread(t, func() error {
		set := SigsetOf(SIGUSR2)
		old, err := RtSigprocmask(SIG_BLOCK, &set)
		must(t, "block", err)
		short32 := OldTimespec32{Nsec: int32(time.Millisecond)}
		_, _, err = RtSigtimedwaitTime32(&set, &short32)
		if e := unsupported("rt_sigtimedwait", err); e != nil {
			return e
		}
		wantErrno(t, "rt_sigtimedwait (time32) with nothing pending", err, EAGAIN)
		must(t, "tgkill", Tgkill(Getpid(), Gettid(), SIGUSR2))
		long := NsecToTimespec(int64(5 * time.Second))
		_, sig, err := RtSigtimedwaitTime64(&set, &long)
		if e := unsupported("rt_sigtimedwait_time64", err); e != nil {
			return e
		}
		must(t, "rt_sigtimedwait_time64", err)
		if sig != SIGUSR2 {
			t.Errorf("rt_sigtimedwait_time64: signal %d", sig)
		}
		_, err = Sigprocmask(SIG_SETMASK, &old)
		must(t, "restore", err)
		return nil
	})
	ts, err := SchedRrGetIntervalTime64(0)
	skipUnsupported(t, "sched_rr_get_interval_time64", err)
	must(t, "sched_rr_get_interval_time64", err)
	ts32, err := SchedRrGetIntervalTime32(0)
	must(t, "sched_rr_get_interval (time32)", err)
	if int64(ts32.Sec) != ts.Sec || int64(ts32.Nsec) != ts.Nsec {
		t.Errorf("time32 interval %+v, time64 %+v", ts32, ts)
	}
}
