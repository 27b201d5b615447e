//go:build linux

package linux

import (
	"errors"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The clocks whose values can be compared with the system call's.
var testClocks = []struct {
	id   ClockID
	name string
}{
	{CLOCK_REALTIME, "REALTIME"},
	{CLOCK_MONOTONIC, "MONOTONIC"},
	{CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW"},
	{CLOCK_REALTIME_COARSE, "REALTIME_COARSE"},
	{CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE"},
	{CLOCK_BOOTTIME, "BOOTTIME"},
	{CLOCK_TAI, "TAI"},
}

func nsec(ts Timespec) int64 { return int64(ts.Sec)*1e9 + int64(ts.Nsec) }

// syscallClock reads clock id with the system call, bypassing the vDSO.
func syscallClock(t testing.TB, id ClockID) Timespec {
	var ts Timespec
	if e := sysClockGettime(id, &ts); e != 0 {
		t.Fatalf("clock_gettime(%d) system call: %v", id, e)
	}
	return ts
}

// TestClockGettime brackets each vDSO reading between two system-call readings of the
// same clock. Coarse clocks tick once per jiffy, so their bracket is widened by a tick's
// worth, which ClockGetres tells.
func TestClockGettime(t *testing.T) {
	for _, c := range testClocks {
		res, err := ClockGetres(c.id)
		if err != nil {
			t.Fatalf("ClockGetres(%s): %v", c.name, err)
		}
		var sysres Timespec
		if e := sysClockGetres(c.id, &sysres); e != 0 || sysres != res {
			t.Errorf("ClockGetres(%s) = %+v, system call %+v (%v)", c.name, res, sysres, e)
		}
		slack := nsec(res)
		if slack < 1 {
			slack = 1
		}
		for i := 0; i < 100; i++ {
			before := syscallClock(t, c.id)
			got, err := ClockGettime(c.id)
			after := syscallClock(t, c.id)
			if err != nil {
				t.Fatalf("ClockGettime(%s): %v", c.name, err)
			}
			if got.Nsec < 0 || got.Nsec >= 1e9 {
				t.Fatalf("ClockGettime(%s) = %+v: nanoseconds out of range", c.name, got)
			}
			if nsec(got) < nsec(before)-slack || nsec(got) > nsec(after)+slack {
				t.Fatalf("ClockGettime(%s) = %d, not within system call readings [%d, %d] (slack %d)",
					c.name, nsec(got), nsec(before), nsec(after), slack)
			}
		}
	}
}

func TestClockGettimeCPUAndBad(t *testing.T) {
	// CPU-time clocks go to the kernel: the thread's clock does not run backwards.
	a, err := ClockGettime(CLOCK_THREAD_CPUTIME_ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		_, _ = ClockGettime(CLOCK_MONOTONIC)
	}
	if _, err := ClockGettime(CLOCK_PROCESS_CPUTIME_ID); err != nil {
		t.Fatal(err)
	}
	runtime.LockOSThread()
	b, _ := ClockGettime(CLOCK_THREAD_CPUTIME_ID)
	c, _ := ClockGettime(CLOCK_THREAD_CPUTIME_ID)
	runtime.UnlockOSThread()
	if nsec(c) < nsec(b) || nsec(a) <= 0 {
		t.Errorf("thread CPU clock: %v then %v", b, c)
	}
	// An id no kernel knows: EINVAL, as the system call says.
	var ts Timespec
	want := sysClockGettime(ClockID(1000), &ts)
	if _, err := ClockGettime(ClockID(1000)); !errors.Is(err, want) || want == 0 {
		t.Errorf("ClockGettime(1000) = %v, system call %v", err, want)
	}
}

func TestGettimeofdayTime(t *testing.T) {
	before := syscallClock(t, CLOCK_REALTIME)
	tv, err := Gettimeofday()
	sec, err2 := Time()
	after := syscallClock(t, CLOCK_REALTIME)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	us := int64(tv.Sec)*1e6 + int64(tv.Usec)
	if us < nsec(before)/1000 || us > nsec(after)/1000 {
		t.Errorf("Gettimeofday %d us not within [%d, %d] ns", us, nsec(before), nsec(after))
	}
	// time(2) reads the coarse clock: within a second of the bracket.
	if sec < int64(before.Sec)-1 || sec > int64(after.Sec) {
		t.Errorf("Time() = %d, not within [%d, %d]", sec, before.Sec, after.Sec)
	}
}

func TestGetcpu(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu, node, err := Getcpu()
	if err != nil {
		t.Fatal(err)
	}
	var c, n uint32
	if e := sysGetcpu(&c, &n); e != 0 {
		t.Fatal(e)
	}
	ncpu := runtime.NumCPU()
	if cpu < 0 || node < 0 || (cpu >= ncpu && runtime.GOARCH == "amd64") {
		t.Errorf("Getcpu() = %d, %d (NumCPU %d)", cpu, node, ncpu)
	}
	if uint32(node) != n {
		t.Errorf("Getcpu node %d, system call %d", node, n)
	}
	// The thread may migrate between the two calls; it cannot migrate when only one CPU
	// is allowed, which the system call confirms here.
	t.Logf("Getcpu() = cpu %d node %d; system call: cpu %d node %d", cpu, node, c, n)
}

func TestGetrandom(t *testing.T) {
	seen := map[[16]byte]bool{}
	for i := 0; i < 100; i++ {
		var b [16]byte
		n, err := Getrandom(b[:], 0)
		if err != nil || n != len(b) {
			t.Fatalf("Getrandom = %d, %v", n, err)
		}
		if seen[b] {
			t.Fatalf("Getrandom repeated %x", b)
		}
		seen[b] = true
	}
	big := make([]byte, 1<<16)
	if n, err := Getrandom(big, 0); err != nil || n != len(big) {
		t.Fatalf("Getrandom(64 KiB) = %d, %v", n, err)
	}
	if n, err := Getrandom(nil, 0); err != nil || n != 0 {
		t.Errorf("Getrandom(nil) = %d, %v", n, err)
	}
	// Unknown flags: EINVAL from the kernel, the vDSO, or both.
	var b [8]byte
	if _, err := Getrandom(b[:], 1<<20); !errors.Is(err, raw.Errno(22)) {
		t.Errorf("Getrandom with bad flags: %v", err)
	}
}

// TestVDSOAllocs checks that the vDSO calls allocate nothing, with the buffer on the caller's
// stack as users write it (a Getrandom that let p escape would move it to the heap each call).
func TestVDSOAllocs(t *testing.T) {
	n := testing.AllocsPerRun(1000, func() {
		var b [16]byte
		ClockGettime(CLOCK_MONOTONIC)
		ClockGettime(CLOCK_REALTIME_COARSE)
		ClockGetres(CLOCK_MONOTONIC)
		Getcpu()
		Getrandom(b[:], 0)
		Gettimeofday()
		Time()
	})
	if n != 0 {
		t.Errorf("%v allocs per run, want 0", n)
	}
}

// TestMonotonicAgreesWithTime checks MONOTONIC against the runtime's clock, an independent
// path to the same kernel clock.
func TestMonotonicAgreesWithTime(t *testing.T) {
	start := time.Now()
	a, _ := ClockGettime(CLOCK_MONOTONIC)
	time.Sleep(10 * time.Millisecond)
	b, _ := ClockGettime(CLOCK_MONOTONIC)
	el := time.Since(start)
	d := time.Duration(nsec(b) - nsec(a))
	if d < 10*time.Millisecond || d > el {
		t.Errorf("MONOTONIC advanced %v over a 10ms sleep; time.Since says %v", d, el)
	}
}

var _ = unsafe.Pointer(nil)

// TestClockGettimeFreshGoroutines calls the clocks first thing in many new goroutines,
// whose stacks start small: on amd64 the frameless fast path then lacks its 4 KiB of room
// and takes the slow path, which grows the stack; every answer must still be right.
func TestClockGettimeFreshGoroutines(t *testing.T) {
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		go func() {
			var before Timespec
			var err error
			if e := sysClockGettime(CLOCK_MONOTONIC, &before); e != 0 {
				err = e
			}
			for k := 0; k < 3 && err == nil; k++ {
				var ts Timespec
				if ts, err = ClockGettime(CLOCK_MONOTONIC); err == nil && nsec(ts) < nsec(before) {
					err = errors.New("MONOTONIC went backwards")
				}
				if _, _, e := Getcpu(); e != nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for i := 0; i < 64; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
