//go:build linux

package linux

import (
	"runtime"
	"testing"
	"time"
	"unsafe"
)

// perf_event_open of the task clock of this thread: it counts while enabled, reads, resets.
func TestPerfTaskClock(t *testing.T) {
	runtime.LockOSThread() // the counter is this thread's
	defer runtime.UnlockOSThread()
	var attr PerfEventAttr
	attr.Type = PERF_TYPE_SOFTWARE
	attr.Config = PERF_COUNT_SW_TASK_CLOCK
	attr.ReadFormat = PERF_FORMAT_TOTAL_TIME_ENABLED
	attr.SetDisabled(1)
	fd, err := PerfEventOpen(&attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC)
	skipUnsupported(t, "perf_event_open", err)
	if err == EACCES || err == EPERM {
		t.Skipf("perf_event_open: %v (kernel.perf_event_paranoid)", err)
	}
	fd = mustFD(t, "perf_event_open", fd, err)
	if attr.Size != uint32(unsafe.Sizeof(attr)) {
		t.Fatalf("attr.Size %d, want %d", attr.Size, unsafe.Sizeof(attr))
	}
	if v, more, err := PerfEventValue(fd); err != nil || v != 0 || len(more) != 1 {
		t.Fatalf("a disabled counter: %d %v %v", v, more, err)
	}
	must(t, "enable", PerfEventEnable(fd, false))
	// Spin until this thread has had 20 ms of CPU (CLOCK_THREAD_CPUTIME_ID), however long a
	// loaded machine takes to give it that (at most 20 s).
	cpu := func() time.Duration {
		ts, err := ClockGettime(CLOCK_THREAD_CPUTIME_ID)
		must(t, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", err)
		return time.Duration(ts.Sec)*time.Second + time.Duration(ts.Nsec)
	}
	start, deadline := cpu(), time.Now().Add(20*time.Second)
	for cpu()-start < 20*time.Millisecond && time.Now().Before(deadline) {
	}
	spun := cpu() - start
	must(t, "disable", PerfEventDisable(fd, false))
	v, more, err := PerfEventValue(fd)
	must(t, "read", err)
	// The task clock counts nanoseconds of this thread on a CPU: the CPU time it spun
	// (counted from the enable, so a little more), never more than the time enabled.
	if time.Duration(v) < spun-time.Millisecond || v > more[0]+uint64(time.Millisecond) {
		t.Fatalf("task clock %d ns after %v of CPU time spinning, enabled %d ns", v, spun, more[0])
	}
	must(t, "reset", PerfEventReset(fd, false))
	if v, _, err := PerfEventValue(fd); err != nil || v != 0 {
		t.Fatalf("after reset: %d %v", v, err)
	}
	// A bad type.
	bad := PerfEventAttr{Type: 0x7fff}
	_, err = PerfEventOpen(&bad, 0, -1, -1, 0)
	wantErrno(t, "perf_event_open of an unknown type", err, ENOENT)
	_, err = PerfEventOpen(nil, 0, -1, -1, 0)
	wantErrno(t, "nil attr", err, EFAULT)
}
