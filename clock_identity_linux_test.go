//go:build linux

package linux

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The clock identity tests: each clock must be the clock it names, where the kernel lets a
// test tell clocks apart. On a machine that never suspended, MONOTONIC and BOOTTIME read the
// same; with a zero TAI offset, TAI and REALTIME do. So:
//
//   - TestClockIdentityTimeNamespace reads every clock in a child process in a new time
//     namespace whose MONOTONIC and BOOTTIME offsets differ (Linux 5.6, CLONE_NEWTIME);
//   - TestClockTAI compares TAI with REALTIME plus the kernel's TAI offset, setting one for
//     the test when it is 0 and the test may (root), and restoring it;
//   - TestTimeCoarse brackets Time() between two REALTIME_COARSE readings, the clock time(2)
//     reads.

// The offsets of the child's time namespace, in seconds: different from each other, so that
// MONOTONIC served from BOOTTIME (or the reverse) is off by at least their difference.
const (
	timensMonoOffset = 1_000_000
	timensBootOffset = 3_000_000
)

// timensClocks are the clocks the child reads, with the offset the namespace adds to each
// (time_namespaces(7): the MONOTONIC clocks and BOOTTIME move, the wall clocks do not).
var timensClocks = [...]struct {
	id   ClockID
	name string
	off  int64
}{
	{CLOCK_MONOTONIC, "MONOTONIC", timensMonoOffset},
	{CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE", timensMonoOffset},
	{CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW", timensMonoOffset},
	{CLOCK_BOOTTIME, "BOOTTIME", timensBootOffset},
	{CLOCK_REALTIME, "REALTIME", 0},
	{CLOCK_REALTIME_COARSE, "REALTIME_COARSE", 0},
	{CLOCK_TAI, "TAI", 0},
}

// timensReport is what the child writes back: for each clock of timensClocks, ClockGettime's
// reading and the system call's, in nanoseconds (-1 for an error).
type timensReport [2 * len(timensClocks)]int64

// timensChild runs in the forked child, a copy of this process with only the calling thread:
// it must not allocate, block or need another thread. It reads the clocks, writes them to
// fd and exits.
//
//go:norace
func timensChild(fd uintptr) {
	var rep timensReport
	for i, c := range timensClocks {
		rep[2*i], rep[2*i+1] = -1, -1
		if ts, err := ClockGettime(c.id); err == nil {
			rep[2*i] = nsec(ts)
		}
		var ts Timespec
		if sysClockGettime(c.id, &ts) == 0 {
			rep[2*i+1] = nsec(ts)
		}
	}
	raw.RawSyscall(SYS_WRITE, fd, uintptr(unsafe.Pointer(&rep)), unsafe.Sizeof(rep))
	for {
		raw.RawSyscall(SYS_EXIT_GROUP, 0, 0, 0)
	}
}

// rawFork forks this process without exec (clone with SIGCHLD only: a copy of the calling
// thread, in the time namespace this thread prepared for its children). s390x's clone takes
// the stack first and the flags second.
func rawFork() (uintptr, raw.Errno) {
	if runtime.GOARCH == "s390x" {
		r, _, e := raw.RawSyscall6(SYS_CLONE, 0, uintptr(SIGCHLD), 0, 0, 0, 0)
		return r, e
	}
	r, _, e := raw.RawSyscall6(SYS_CLONE, uintptr(SIGCHLD), 0, 0, 0, 0, 0)
	return r, e
}

// TestClockIdentityTimeNamespace unshares a time namespace for this thread's children, sets
// its MONOTONIC and BOOTTIME offsets to different values, forks a child into it and has it
// read every clock with ClockGettime and with the system call. Each reading must equal this
// process's reading of the same clock (bracketed before and after the child) plus that
// clock's offset: a clock served from another clock misses by at least the difference
// between the two offsets.
func TestClockIdentityTimeNamespace(t *testing.T) {
	// unshare(CLONE_NEWTIME) changes this thread's namespace for its children: the thread is
	// never unlocked, so it ends with the test instead of going back to the scheduler.
	runtime.LockOSThread()
	tid := syscall.Gettid()
	if _, _, e := raw.RawSyscall(SYS_UNSHARE, uintptr(CLONE_NEWTIME), 0, 0); e != 0 {
		switch e {
		case raw.EPERM:
			t.Skipf("unshare(CLONE_NEWTIME): %v: creating a time namespace needs CAP_SYS_ADMIN", e)
		case raw.EINVAL, raw.ENOSYS:
			t.Skipf("unshare(CLONE_NEWTIME): %v: no time namespaces here (Linux 5.6+, CONFIG_TIME_NS)", e)
		}
		t.Fatalf("unshare(CLONE_NEWTIME): %v", e)
	}
	// /proc/TID, not /proc/self: the offsets belong to this thread's namespace for children.
	offsets := "monotonic " + strconv.Itoa(timensMonoOffset) + " 0\nboottime " + strconv.Itoa(timensBootOffset) + " 0\n"
	if err := os.WriteFile("/proc/"+strconv.Itoa(tid)+"/timens_offsets", []byte(offsets), 0); err != nil {
		t.Fatalf("setting the time namespace's offsets: %v", err)
	}
	var res, before, after [len(timensClocks)]int64
	for i, c := range timensClocks {
		r, err := ClockGetres(c.id)
		if err != nil {
			t.Fatal(err)
		}
		res[i] = max(nsec(r), 1)
	}
	// The child is a copy of this goroutine in a process with one thread. A preemption
	// request the runtime made just before the fork (sysmon's, or the GC's) is copied too,
	// and the child's next function prologue then parks the goroutine for good: nothing
	// else will ever run it there. The child is then killed and the fork tried again.
	var rep timensReport
	const tries = 5
	for try := 1; ; try++ {
		for i, c := range timensClocks {
			before[i] = nsec(syscallClock(t, c.id))
		}
		err := timensFork(&rep)
		if err == nil {
			break
		}
		if try == tries {
			t.Fatalf("the child in the time namespace did not report, %d times: %v", tries, err)
		}
		t.Logf("fork %d: %v; trying again", try, err)
	}
	for i, c := range timensClocks {
		after[i] = nsec(syscallClock(t, c.id))
	}
	// The kernel's own answers first: they show that the namespace and its offsets hold.
	check := func(i int, how string, got int64) bool {
		c := timensClocks[i]
		lo, hi := before[i]+c.off*1e9-res[i], after[i]+c.off*1e9+res[i]
		if got < lo || got > hi {
			t.Errorf("%s in the child (%s) = %.3fs, want this process's %s plus %ds: [%.3fs, %.3fs]",
				c.name, how, float64(got)/1e9, c.name, c.off, float64(lo)/1e9, float64(hi)/1e9)
			return false
		}
		return true
	}
	for i := range timensClocks {
		if !check(i, "system call", rep[2*i+1]) {
			t.Fatalf("the kernel's clock_gettime in the child does not show the namespace's offsets (%s)", offsets)
		}
	}
	for i := range timensClocks {
		check(i, "ClockGettime", rep[2*i])
	}
	t.Logf("child in a time namespace (monotonic +%ds, boottime +%ds): MONOTONIC %.3fs BOOTTIME %.3fs; here %.3fs and %.3fs",
		timensMonoOffset, timensBootOffset, float64(rep[0])/1e9, float64(rep[6])/1e9, float64(before[0])/1e9, float64(before[3])/1e9)
}

// timensFork forks a child that runs timensChild and reads its report.
func timensFork(rep *timensReport) error {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC|syscall.O_NONBLOCK); err != nil {
		return err
	}
	rd := os.NewFile(uintptr(p[0]), "timens-report")
	defer rd.Close()
	growStack(64) // the child must not need to grow its stack
	runtime.GC()  // no GC cycle in progress
	runtime.Gosched()
	pid, e := rawFork() // just rescheduled: sysmon asks for preemption after 10 ms only
	if e != 0 {
		syscall.Close(p[1])
		return fmt.Errorf("clone(SIGCHLD): %v", e)
	}
	if pid == 0 {
		timensChild(uintptr(p[1]))
	}
	syscall.Close(p[1])
	rd.SetReadDeadline(time.Now().Add(5 * time.Second))
	b := make([]byte, unsafe.Sizeof(*rep))
	_, rerr := io.ReadFull(rd, b)
	if rerr != nil {
		syscall.Kill(int(pid), syscall.SIGKILL)
	}
	var ws syscall.WaitStatus
	if _, err := syscall.Wait4(int(pid), &ws, 0, nil); err != nil {
		return fmt.Errorf("child %d: wait4: %v", pid, err)
	}
	if rerr != nil {
		return fmt.Errorf("child %d: %v (status %v)", pid, rerr, ws)
	}
	if !ws.Exited() || ws.ExitStatus() != 0 {
		return fmt.Errorf("child %d: status %v", pid, ws)
	}
	for i := range rep {
		rep[i] = int64(binary.NativeEndian.Uint64(b[8*i:]))
	}
	return nil
}

// growStack makes the goroutine's stack larger than n KiB.
//
//go:noinline
func growStack(n int) byte {
	var pad [1024]byte
	pad[n%1024] = byte(n)
	if n == 0 {
		return pad[0]
	}
	return growStack(n-1) + pad[n%1024]
}

// ADJ_TAI of include/uapi/linux/timex.h: set the TAI offset from the constant field.
const adjTAI = 0x80

// TestClockTAI compares ClockGettime(CLOCK_TAI) with REALTIME readings plus the kernel's
// TAI offset (adjtimex). The offset is global: when it is 0, TAI and REALTIME cannot be told
// apart, so the test sets it to 37 s (the real offset since 2017) if it may (CAP_SYS_TIME),
// and sets it back to 0 at the end; a machine that keeps TAI offset 0 has nothing reading TAI
// that relies on it.
func TestClockTAI(t *testing.T) {
	var tx syscall.Timex
	if _, err := syscall.Adjtimex(&tx); err != nil {
		t.Fatalf("adjtimex (read): %v", err)
	}
	off := int64(tx.Tai)
	if off == 0 {
		set := syscall.Timex{Modes: adjTAI, Constant: 37}
		if _, err := syscall.Adjtimex(&set); err != nil {
			t.Skipf("the TAI offset is 0 (TAI reads as REALTIME) and cannot be set here: adjtimex(ADJ_TAI): %v", err)
		}
		defer func() {
			reset := syscall.Timex{Modes: adjTAI, Constant: 0}
			if _, err := syscall.Adjtimex(&reset); err != nil {
				t.Errorf("restoring the TAI offset to 0: %v", err)
			}
		}()
		if _, err := syscall.Adjtimex(&tx); err != nil || tx.Tai != 37 {
			t.Fatalf("TAI offset after setting it to 37: %d, %v", tx.Tai, err)
		}
		off = 37
		t.Logf("the TAI offset was 0; set to 37 s for this test, restored after")
	}
	res, err := ClockGetres(CLOCK_TAI)
	if err != nil {
		t.Fatal(err)
	}
	slack := max(nsec(res), 1)
	for i := 0; i < 100; i++ {
		r0 := nsec(syscallClock(t, CLOCK_REALTIME))
		got, err := ClockGettime(CLOCK_TAI)
		sys := nsec(syscallClock(t, CLOCK_TAI))
		r1 := nsec(syscallClock(t, CLOCK_REALTIME))
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := r0+off*1e9-slack, r1+off*1e9+slack
		if sys < lo || sys > hi {
			t.Fatalf("the kernel's TAI %d is not REALTIME + %ds [%d, %d]", sys, off, lo, hi)
		}
		if g := nsec(got); g < lo || g > hi {
			t.Fatalf("ClockGettime(TAI) = %d, not REALTIME + %ds: [%d, %d] (%.3fs from REALTIME)", g, off, lo, hi, float64(g-r0)/1e9)
		}
	}
}

// TestTimeCoarse brackets Time() between REALTIME_COARSE readings: time(2) returns the
// seconds of the coarse wall clock (ktime_get_real_seconds), so no slack is needed.
func TestTimeCoarse(t *testing.T) {
	for i := 0; i < 200; i++ {
		before := syscallClock(t, CLOCK_REALTIME_COARSE)
		sec, err := Time()
		after := syscallClock(t, CLOCK_REALTIME_COARSE)
		if err != nil {
			t.Fatal(err)
		}
		if sec < int64(before.Sec) || sec > int64(after.Sec) {
			t.Fatalf("Time() = %d, not within REALTIME_COARSE [%d, %d]", sec, before.Sec, after.Sec)
		}
	}
}
