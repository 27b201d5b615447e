//go:build linux

package linux

import (
	"runtime"
	"testing"
)

// TestLockedThread: one thread for every function, never the main thread; Close ends it,
// Release returns it; a panic reaches the caller, runtime.Goexit ends the thread.
func TestLockedThread(t *testing.T) {
	th := NewLockedThread()
	tid := th.TID()
	if tid == Getpid() {
		t.Fatal("a LockedThread on the main thread")
	}
	for i := 0; i < 3; i++ {
		if err := th.Do(func() error {
			if Gettid() != tid {
				t.Errorf("ran on thread %d, want %d", Gettid(), tid)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := th.Do(func() error { return EXDEV }); err != EXDEV {
		t.Errorf("Do's error %v, want f's", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v", r)
			}
		}()
		th.Do(func() error { panic("boom") })
	}()
	th.Close()
	th.Close()
	waitGone(t, tid)
	if err := th.Do(func() error { return nil }); err != ErrThreadEnded {
		t.Errorf("Do after Close: %v", err)
	}
	th = NewLockedThread()
	if err := th.Do(func() error { runtime.Goexit(); return nil }); err != ErrThreadEnded {
		t.Errorf("Do of a function that ends the goroutine: %v", err)
	}
	waitGone(t, th.TID())
	th.Close()
	th = NewLockedThread()
	th.Release()
	if err := OnLockedThread(func() error { return EXDEV }); err != EXDEV {
		t.Errorf("OnLockedThread: %v", err)
	}
}
