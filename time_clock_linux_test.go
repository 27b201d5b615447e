//go:build linux

package linux

import (
	"runtime"
	"testing"
	"time"
)

func nsOf(ts Timespec) int64 { return ts.Sec*1e9 + ts.Nsec }

// TestSysClockGettime: the system call and the vDSO read the same clocks.
func TestSysClockGettime(t *testing.T) {
	for _, id := range []ClockID{CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_MONOTONIC_RAW} {
		a, err := ClockGettime(id)
		must(t, "clock_gettime (vDSO)", err)
		b, err := SysClockGettime(id)
		must(t, "clock_gettime (system call)", err)
		c, err := ClockGettime(id)
		must(t, "clock_gettime (vDSO)", err)
		if nsOf(a) > nsOf(b) || nsOf(b) > nsOf(c) {
			t.Errorf("%v: vDSO %v, system call %v, vDSO %v: not monotonic", id, a, b, c)
		}
	}
	rt, err := SysClockGettime(CLOCK_REALTIME)
	must(t, "clock_gettime REALTIME", err)
	if d := time.Since(rt.Time()); d < -2*time.Second || d > 2*time.Second {
		t.Errorf("CLOCK_REALTIME by system call is %v off time.Now", d)
	}
	cpu, err := SysClockGettime(CLOCK_THREAD_CPUTIME_ID)
	if err != nil || nsOf(cpu) <= 0 {
		t.Errorf("CLOCK_THREAD_CPUTIME_ID: %v %v", cpu, err)
	}
	_, err = SysClockGettime(ClockID(1000))
	wantErrno(t, "clock_gettime of an unknown clock", err, EINVAL)
	res, err := SysClockGetres(CLOCK_MONOTONIC)
	must(t, "clock_getres", err)
	vres, err := ClockGetres(CLOCK_MONOTONIC)
	must(t, "clock_getres (vDSO)", err)
	if res != vres || nsOf(res) <= 0 || nsOf(res) > 1e7 {
		t.Errorf("clock_getres MONOTONIC: system call %v, vDSO %v", res, vres)
	}
	_, err = SysClockGetres(ClockID(1000))
	wantErrno(t, "clock_getres of an unknown clock", err, EINVAL)
}

// TestClockSettimeInvalid: setting the clocks is only tried with arguments the kernel
// refuses (EINVAL), so the machine's clock never changes.
func TestClockSettimeInvalid(t *testing.T) {
	wantErrno(t, "clock_settime of CLOCK_MONOTONIC", ClockSettime(CLOCK_MONOTONIC, &Timespec{Sec: -1, Nsec: -1}), EINVAL)
	wantErrno(t, "clock_settime with a negative time", ClockSettime(CLOCK_REALTIME, &Timespec{Sec: -1, Nsec: -1}), EINVAL)
	wantErrno(t, "clock_settime with nsec >= 1e9", ClockSettime(CLOCK_REALTIME, &Timespec{Sec: -1, Nsec: 2e9}), EINVAL)
	var tv Timeval
	setInt(&tv.Sec, -1)
	setInt(&tv.Usec, -1)
	wantErrno(t, "settimeofday with a negative time", Settimeofday(&tv, nil), EINVAL)
	setInt(&tv.Usec, 2000000)
	wantErrno(t, "settimeofday with usec >= 1e6", Settimeofday(&tv, nil), EINVAL)
}

// TestAdjtimexReadOnly reads the kernel's NTP state (modes 0: nothing is set).
func TestAdjtimexReadOnly(t *testing.T) {
	var tx Timex
	st, err := Adjtimex(&tx)
	skipUnsupported(t, "adjtimex", err)
	must(t, "adjtimex", err)
	if st < TIME_OK || st > TIME_ERROR || tx.Tick <= 0 || tx.Precision < 0 {
		t.Fatalf("adjtimex: state %v, tick %d, precision %d", st, tx.Tick, tx.Precision)
	}
	var tx2 Timex
	st2, err := ClockAdjtime(CLOCK_REALTIME, &tx2)
	must(t, "clock_adjtime", err)
	if st2 != st || tx2.Tick != tx.Tick || tx2.Status != tx.Status {
		t.Fatalf("clock_adjtime(REALTIME) %v tick %d status %v, adjtimex %v tick %d status %v", st2, tx2.Tick, tx2.Status, st, tx.Tick, tx.Status)
	}
	t.Logf("clock state %v, status %v, tick %d us", st, tx.Status, tx.Tick)
	_, err = ClockAdjtime(CLOCK_MONOTONIC, &Timex{})
	wantErrno(t, "clock_adjtime of CLOCK_MONOTONIC", err, EOPNOTSUPP)
}

func TestClockNanosleep(t *testing.T) {
	now, err := ClockGettime(CLOCK_MONOTONIC)
	must(t, "clock_gettime", err)
	deadline := NsecToTimespec(nsOf(now) + 20e6)
	must(t, "clock_nanosleep TIMER_ABSTIME", ClockNanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil))
	after, _ := ClockGettime(CLOCK_MONOTONIC)
	if nsOf(after) < nsOf(deadline) {
		t.Fatalf("clock_nanosleep TIMER_ABSTIME returned at %v, before %v", after, deadline)
	}
	// A deadline in the past returns at once.
	must(t, "clock_nanosleep in the past", ClockNanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, nil))
	start := time.Now()
	var rem Timespec
	must(t, "clock_nanosleep relative", ClockNanosleep(CLOCK_MONOTONIC, 0, &Timespec{Nsec: 5e6}, &rem))
	if time.Since(start) < 5*time.Millisecond {
		t.Fatal("clock_nanosleep returned early")
	}
	wantErrno(t, "clock_nanosleep with nsec >= 1e9", ClockNanosleep(CLOCK_MONOTONIC, 0, &Timespec{Nsec: 1e9}, nil), EINVAL)
	wantErrno(t, "clock_nanosleep on the thread's CPU clock", ClockNanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &Timespec{Nsec: 1}, nil), EOPNOTSUPP)
	start = time.Now()
	must(t, "nanosleep", Nanosleep(&Timespec{Nsec: 5e6}, &rem))
	if time.Since(start) < 5*time.Millisecond {
		t.Fatal("nanosleep returned early")
	}
	wantErrno(t, "nanosleep with a negative time", Nanosleep(&Timespec{Sec: -1}, nil), EINVAL)
}

func TestSysGettimeofdayTime(t *testing.T) {
	var tv Timeval
	var tz Timezone
	must(t, "gettimeofday", SysGettimeofday(&tv, &tz))
	if d := time.Since(time.Unix(int64(tv.Sec), int64(tv.Usec)*1000)); d < -2*time.Second || d > 2*time.Second {
		t.Errorf("gettimeofday is %v off time.Now", d)
	}
	vtv, err := Gettimeofday()
	must(t, "Gettimeofday (vDSO)", err)
	if d := int64(vtv.Sec) - int64(tv.Sec); d < 0 || d > 2 {
		t.Errorf("vDSO gettimeofday %d s, system call %d s", vtv.Sec, tv.Sec)
	}
	must(t, "gettimeofday with nil arguments", SysGettimeofday(nil, nil))
}

func TestSysGetcpu(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu, node, err := SysGetcpu()
	must(t, "getcpu", err)
	vcpu, vnode, err := Getcpu()
	must(t, "Getcpu (vDSO)", err)
	if int(cpu) >= runtime.NumCPU() && !qemuUser() || node != 0 || vnode != 0 {
		t.Fatalf("getcpu: cpu %d node %d; vDSO cpu %d node %d (this machine has one node)", cpu, node, vcpu, vnode)
	}
	t.Logf("on cpu %d (vDSO: %d), node %d", cpu, vcpu, node)
}
