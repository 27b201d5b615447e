//go:build linux

package linux

import (
	"errors"
	"runtime"
	"sync"
)

// A LockedThread is an OS thread of its own for the calls that change per-thread state:
// credentials set by the per-thread setters, the signal mask, namespaces entered by Setns
// and Unshare, capabilities, a seccomp filter or Landlock domain without their thread-sync
// flags, the CPU affinity, rseq, the robust list, the tracer of a ptrace session. A
// goroutine locked to the thread (runtime.LockOSThread) runs every function Do passes it,
// one at a time; no other goroutine ever runs there.
//
// Close throws the thread away: its goroutine ends without unlocking, and the Go runtime
// then ends the thread instead of returning it to the scheduler, so that the state it was
// given never leaks to other goroutines. Release returns it to the scheduler instead, for a
// thread whose state was left as it was found. The runtime creates its own new threads
// from a clean template thread, never by cloning a locked one, so threads the runtime
// starts later do not inherit what was done here (the processes Clone and Fork start from
// it do).
type LockedThread struct {
	work chan func()
	quit chan struct{} // closed by Close and Release
	done chan struct{} // closed when the goroutine has ended
	tid  PID
	once sync.Once
	keep bool
}

// NewLockedThread starts a goroutine locked to an OS thread other than the process's main
// thread and returns its thread.
func NewLockedThread() *LockedThread {
	t := &LockedThread{work: make(chan func()), quit: make(chan struct{}), done: make(chan struct{})}
	ready := make(chan PID)
	go t.run(ready)
	t.tid = <-ready
	return t
}

func (t *LockedThread) run(ready chan<- PID) {
	runtime.LockOSThread()
	if Gettid() == Getpid() {
		// The main thread, which the runtime cannot end (it parks it for good instead: a
		// parked main thread keeps the state it was given, seen in /proc/self/status, and
		// never exits for PR_SET_PDEATHSIG). Hold it until a second goroutine is locked to
		// another thread, then give it back unchanged.
		next := make(chan PID)
		go t.run(next)
		tid := <-next
		runtime.UnlockOSThread()
		ready <- tid
		return
	}
	// done is closed however the goroutine ends: also when a function Do ran ended it
	// (runtime.Goexit, a test's FailNow), which ends the thread too.
	defer close(t.done)
	ready <- Gettid()
	for {
		select {
		case f := <-t.work:
			f()
			continue
		case <-t.quit:
		}
		break
	}
	if t.keep {
		runtime.UnlockOSThread()
	}
	// Returning while still locked ends the thread (runtime.LockOSThread's contract).
}

// ErrThreadEnded is Do's error when the function ended the thread's goroutine
// (runtime.Goexit, testing's FailNow) or the thread was already closed: the thread is gone.
var ErrThreadEnded = errors.New("linux: the locked thread's goroutine ended")

// TID returns the thread's id.
func (t *LockedThread) TID() PID { return t.tid }

// Do runs f on the thread and returns its error (ErrThreadEnded when f ended the
// goroutine, which ends the thread); a panic of f is raised again in Do's caller. It must
// not be called after Close or Release, nor from f itself.
func (t *LockedThread) Do(f func() error) error {
	err := ErrThreadEnded // unless f returns
	var panicked bool
	var value any
	ran := make(chan struct{})
	select {
	case t.work <- func() {
		defer close(ran)
		defer func() {
			if r := recover(); r != nil {
				panicked, value = true, r
			}
		}()
		err = f()
	}:
	case <-t.done:
		return ErrThreadEnded
	}
	<-ran
	if panicked {
		panic(value) // in the caller's goroutine, as if f had run there
	}
	return err
}

// Close ends the thread: its goroutine exits locked, and the runtime ends the OS thread.
// It waits for the goroutine to finish and may be called more than once.
func (t *LockedThread) Close() {
	t.once.Do(func() {
		close(t.quit)
		<-t.done
	})
}

// Release gives the thread back to the scheduler (its goroutine unlocks and exits): only
// for a thread whose per-thread state is again what it was.
func (t *LockedThread) Release() {
	t.once.Do(func() {
		t.keep = true
		close(t.quit)
		<-t.done
	})
}

// OnLockedThread runs f on a new LockedThread and throws the thread away afterwards,
// whatever f changed on it.
func OnLockedThread(f func() error) error {
	t := NewLockedThread()
	defer t.Close()
	return t.Do(f)
}
