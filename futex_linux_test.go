//go:build linux

package linux

import (
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"
)

// wakeUntil calls wake until it reports n waiters woken (the waiters may not be asleep in
// the kernel yet), for at most 10 s.
func wakeUntil(t *testing.T, what string, n int, wake func() (int, error)) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := wake()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got == n {
			return
		}
		if got != 0 || time.Now().After(deadline) {
			t.Fatalf("%s: woke %d, want %d", what, got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// onLockedThread runs f in a goroutine locked to its thread and returns its result.
func onLockedThread(f func() error) <-chan error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		done <- f()
	}()
	return done
}

func TestFutexWaitWake(t *testing.T) {
	w := new(uint32)
	done := onLockedThread(func() error {
		_, err := Futex(w, FUTEX_WAIT_PRIVATE, 0, nil, nil, 0)
		return err
	})
	wakeUntil(t, "FUTEX_WAKE", 1, func() (int, error) { return Futex(w, FUTEX_WAKE_PRIVATE, 1, nil, nil, 0) })
	if err := <-done; err != nil {
		t.Fatalf("FUTEX_WAIT woken: %v", err)
	}
	// The word does not hold the value: EAGAIN at once.
	atomic.StoreUint32(w, 1)
	_, err := Futex(w, FUTEX_WAIT_PRIVATE, 0, nil, nil, 0)
	wantErrno(t, "FUTEX_WAIT on a changed word", err, EAGAIN)
	// A relative timeout.
	start := time.Now()
	_, err = Futex(w, FUTEX_WAIT_PRIVATE, 1, &Timespec{Nsec: 20e6}, nil, 0)
	wantErrno(t, "FUTEX_WAIT with a timeout", err, ETIMEDOUT)
	if time.Since(start) < 20*time.Millisecond {
		t.Fatal("FUTEX_WAIT returned before its timeout")
	}
	// No waiter: nothing to wake.
	if n, err := Futex(w, FUTEX_WAKE_PRIVATE, 1, nil, nil, 0); n != 0 || err != nil {
		t.Fatalf("FUTEX_WAKE without waiters: %d %v", n, err)
	}
	_, err = Futex(w, FutexOp(99), 0, nil, nil, 0)
	wantErrno(t, "an unknown futex operation", err, ENOSYS)
}

// TestFutexRequeue moves a waiter of one word to another with FUTEX_CMP_REQUEUE (whose
// fourth argument is a count: FutexVal2), then wakes it there.
func TestFutexRequeue(t *testing.T) {
	w1, w2 := new(uint32), new(uint32)
	done := onLockedThread(func() error {
		_, err := Futex(w1, FUTEX_WAIT_PRIVATE, 0, nil, nil, 0)
		return err
	})
	// val3 must match *w1.
	_, err := FutexVal2(w1, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, w2, 7)
	wantErrno(t, "FUTEX_CMP_REQUEUE with a stale value", err, EAGAIN)
	// Wake none, requeue one: the result counts both.
	wakeUntil(t, "FUTEX_CMP_REQUEUE", 1, func() (int, error) {
		return FutexVal2(w1, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, w2, 0)
	})
	if n, err := Futex(w1, FUTEX_WAKE_PRIVATE, 1, nil, nil, 0); n != 0 || err != nil {
		t.Fatalf("FUTEX_WAKE of the first word after the requeue: %d %v", n, err)
	}
	wakeUntil(t, "FUTEX_WAKE of the second word", 1, func() (int, error) { return Futex(w2, FUTEX_WAKE_PRIVATE, 1, nil, nil, 0) })
	if err := <-done; err != nil {
		t.Fatalf("the requeued waiter: %v", err)
	}
	// FUTEX_WAKE_OP: set *w2 to 5 (FUTEX_OP_SET, oparg 5), wake on w1, and on w2 if the
	// old *w2 was 0 (FUTEX_OP_CMP_EQ, cmparg 0).
	op := uint32(FUTEX_OP_SET<<28 | FUTEX_OP_CMP_EQ<<24 | 5<<12 | 0)
	n, err := FutexVal2(w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, w2, op)
	v := atomic.LoadUint32(w2)
	if qemuUser() && memBigEndian && v == 5<<24 {
		// qemu hands FUTEX_WAKE_OP to the host kernel, which stores in its own byte order.
		t.Logf("qemu-%s: FUTEX_WAKE_OP stored 5 in the host's byte order (%#x)", runtime.GOARCH, v)
		v = 5
	}
	if err != nil || n != 0 || v != 5 {
		t.Fatalf("FUTEX_WAKE_OP: %d %v, *w2 = %d (want 5)", n, err, v)
	}
}

// memBigEndian reports the arch's byte order.
var memBigEndian = func() bool { x := uint16(1); return *(*byte)(unsafe.Pointer(&x)) == 0 }()

func TestFutex2WaitWake(t *testing.T) {
	w := new(uint32)
	flags := FUTEX2_SIZE_U32 | FUTEX2_PRIVATE
	_, err := FutexWake(unsafe.Pointer(w), FUTEX_BITSET_MATCH_ANY, 1, flags)
	skipUnsupported(t, "futex_wake", err)
	must(t, "futex_wake without waiters", err)
	done := onLockedThread(func() error {
		return FutexWait(unsafe.Pointer(w), 0, FUTEX_BITSET_MATCH_ANY, flags, nil, CLOCK_MONOTONIC)
	})
	wakeUntil(t, "futex_wake", 1, func() (int, error) { return FutexWake(unsafe.Pointer(w), FUTEX_BITSET_MATCH_ANY, 1, flags) })
	if err := <-done; err != nil {
		t.Fatalf("futex_wait woken: %v", err)
	}
	wantErrno(t, "futex_wait on a changed word", FutexWait(unsafe.Pointer(w), 1, FUTEX_BITSET_MATCH_ANY, flags, nil, CLOCK_MONOTONIC), EAGAIN)
	// An absolute timeout on CLOCK_MONOTONIC.
	now, err := ClockGettime(CLOCK_MONOTONIC)
	must(t, "clock_gettime", err)
	deadline := NsecToTimespec(now.Sec*1e9 + now.Nsec + 20e6)
	wantErrno(t, "futex_wait with a timeout", FutexWait(unsafe.Pointer(w), 0, FUTEX_BITSET_MATCH_ANY, flags, &deadline, CLOCK_MONOTONIC), ETIMEDOUT)
	if after, _ := ClockGettime(CLOCK_MONOTONIC); after.Sec*1e9+after.Nsec < deadline.Sec*1e9+deadline.Nsec {
		t.Fatal("futex_wait returned before its deadline")
	}
	// A wake whose mask shares no bit with the waiter's leaves it asleep.
	done = onLockedThread(func() error {
		return FutexWait(unsafe.Pointer(w), 0, 1, flags, nil, CLOCK_MONOTONIC)
	})
	time.Sleep(20 * time.Millisecond)
	if n, err := FutexWake(unsafe.Pointer(w), 2, 1, flags); n != 0 || err != nil {
		t.Fatalf("futex_wake with a disjoint mask: %d %v", n, err)
	}
	wakeUntil(t, "futex_wake with the waiter's mask", 1, func() (int, error) { return FutexWake(unsafe.Pointer(w), 1, 1, flags) })
	must(t, "futex_wait woken", <-done)
	_, err = FutexWake(unsafe.Pointer(w), FUTEX_BITSET_MATCH_ANY, 1, FUTEX2_SIZE_U64)
	wantErrno(t, "futex_wake of a 64-bit word", err, EINVAL)
}

func TestFutexWaitv(t *testing.T) {
	w1, w2 := new(uint32), new(uint32)
	var ws [2]FutexWaitv_t
	ws[0].SetWord(w1, 0, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
	ws[1].SetWord(w2, 0, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
	var idx int
	done := onLockedThread(func() (err error) {
		idx, err = FutexWaitv(ws[:], 0, nil, CLOCK_MONOTONIC)
		return err
	})
	first, err := FutexWake(unsafe.Pointer(w2), FUTEX_BITSET_MATCH_ANY, 1, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
	skipUnsupported(t, "futex_wake", err)
	if first == 0 {
		wakeUntil(t, "futex_wake of the second word", 1, func() (int, error) {
			return FutexWake(unsafe.Pointer(w2), FUTEX_BITSET_MATCH_ANY, 1, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
		})
	}
	if err := <-done; err != nil {
		skipUnsupported(t, "futex_waitv", err)
		t.Fatalf("futex_waitv woken: %v", err)
	}
	if idx != 1 {
		t.Fatalf("futex_waitv woken by the second word returned index %d", idx)
	}
	// A word without its expected value: EAGAIN.
	ws[0].SetWord(w1, 1, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
	_, err = FutexWaitv(ws[:], 0, nil, CLOCK_MONOTONIC)
	wantErrno(t, "futex_waitv with a stale value", err, EAGAIN)
	ws[0].SetWord(w1, 0, FUTEX2_SIZE_U32|FUTEX2_PRIVATE)
	now, _ := ClockGettime(CLOCK_MONOTONIC)
	deadline := NsecToTimespec(now.Sec*1e9 + now.Nsec + 10e6)
	_, err = FutexWaitv(ws[:], 0, &deadline, CLOCK_MONOTONIC)
	wantErrno(t, "futex_waitv with a timeout", err, ETIMEDOUT)
	_, err = FutexWaitv(ws[:], 1, nil, CLOCK_MONOTONIC)
	wantErrno(t, "futex_waitv with flags", err, EINVAL)
	runtime.KeepAlive(w1)
	runtime.KeepAlive(w2)
}

func TestFutex2Requeue(t *testing.T) {
	w1, w2 := new(uint32), new(uint32)
	flags := FUTEX2_SIZE_U32 | FUTEX2_PRIVATE
	var ws [2]FutexWaitv_t
	ws[0].SetWord(w1, 0, flags)
	ws[1].SetWord(w2, 0, flags)
	_, err := FutexRequeue(&ws, 0, 0, 0)
	skipUnsupported(t, "futex_requeue", err)
	must(t, "futex_requeue without waiters", err)
	done := onLockedThread(func() error {
		return FutexWait(unsafe.Pointer(w1), 0, FUTEX_BITSET_MATCH_ANY, flags, nil, CLOCK_MONOTONIC)
	})
	wakeUntil(t, "futex_requeue", 1, func() (int, error) { return FutexRequeue(&ws, 0, 0, 1) })
	wakeUntil(t, "futex_wake of the second word", 1, func() (int, error) { return FutexWake(unsafe.Pointer(w2), FUTEX_BITSET_MATCH_ANY, 1, flags) })
	must(t, "the requeued waiter", <-done)
	atomic.StoreUint32(w1, 3)
	_, err = FutexRequeue(&ws, 0, 1, 1)
	wantErrno(t, "futex_requeue with a stale value", err, EAGAIN)
	if _, err := FutexRequeue(&ws, 1, 1, 1); !errors.Is(err, EINVAL) {
		t.Fatalf("futex_requeue with flags: %v, want EINVAL", err)
	}
	runtime.KeepAlive(w1)
	runtime.KeepAlive(w2)
}

// TestFutexShared wakes across a shared mapping (no FUTEX_PRIVATE_FLAG): the word is in
// memory from Mmap, which never moves.
func TestFutexShared(t *testing.T) {
	b2, err := Mmap(-1, 0, int(pageSize), PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS)
	must(t, "mmap shared", err)
	defer Munmap(b2)
	w := (*uint32)(unsafe.Pointer(&b2[64]))
	done := onLockedThread(func() error {
		_, err := Futex(w, FUTEX_WAIT, 0, nil, nil, 0)
		return err
	})
	wakeUntil(t, "FUTEX_WAKE of a shared word", 1, func() (int, error) { return Futex(w, FUTEX_WAKE, 1, nil, nil, 0) })
	must(t, "FUTEX_WAIT of a shared word", <-done)
}
