//go:build linux

package linux

import (
	"encoding/binary"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestTimerThreadID arms a POSIX timer that signals one thread (SIGEV_THREAD_ID to a locked
// goroutine's thread): the signal arrives, the timer reads back, then it is deleted.
func TestTimerThreadID(t *testing.T) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGUSR2)
	defer signal.Stop(sigs)
	tids := make(chan int)
	release := make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tids <- syscall.Gettid()
		<-release
	}()
	tid := <-tids
	defer close(release)
	var sev Sigevent
	sev.Notify = SIGEV_THREAD_ID
	sev.Signo = int32(syscall.SIGUSR2)
	sev.SigevUn.SetTID(int32(tid))
	timer, err := TimerCreate(CLOCK_MONOTONIC, &sev)
	skipUnsupported(t, "timer_create", err)
	must(t, "timer_create SIGEV_THREAD_ID", err)
	old, err := TimerSettime(timer, 0, &Itimerspec{Value: Timespec{Nsec: 20e6}})
	must(t, "timer_settime", err)
	if old != (Itimerspec{}) {
		t.Fatalf("a new timer's old setting: %+v", old)
	}
	cur, err := TimerGettime(timer)
	must(t, "timer_gettime", err)
	if ns := nsOf(cur.Value); ns <= 0 || ns > 20e6 {
		t.Fatalf("timer_gettime of a timer armed for 20 ms: %v", cur.Value)
	}
	select {
	case s := <-sigs:
		if s != syscall.SIGUSR2 {
			t.Fatalf("signal %v", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the timer's signal never came")
	}
	if cur, err := TimerGettime(timer); err != nil || cur != (Itimerspec{}) {
		t.Fatalf("timer_gettime of an expired one-shot timer: %+v %v", cur, err)
	}
	if n, err := TimerGetoverrun(timer); err != nil || n != 0 {
		t.Fatalf("timer_getoverrun: %d %v", n, err)
	}
	must(t, "timer_delete", TimerDelete(timer))
	_, err = TimerGettime(timer)
	wantErrno(t, "timer_gettime of a deleted timer", err, EINVAL)
	wantErrno(t, "timer_delete twice", TimerDelete(timer), EINVAL)
	// A thread id outside the process.
	sev.SigevUn.SetTID(1)
	_, err = TimerCreate(CLOCK_MONOTONIC, &sev)
	wantErrno(t, "timer_create SIGEV_THREAD_ID to another process's thread", err, EINVAL)
}

// TestTimerNone arms a timer that notifies no one (SIGEV_NONE) with an absolute deadline
// and a period: timer_gettime shows both.
func TestTimerNone(t *testing.T) {
	sev := Sigevent{Notify: SIGEV_NONE}
	timer, err := TimerCreate(CLOCK_MONOTONIC, &sev)
	skipUnsupported(t, "timer_create", err)
	must(t, "timer_create SIGEV_NONE", err)
	defer TimerDelete(timer)
	now, _ := ClockGettime(CLOCK_MONOTONIC)
	at := NsecToTimespec(nsOf(now) + 10e9)
	_, err = TimerSettime(timer, TIMER_ABSTIME, &Itimerspec{Value: at, Interval: Timespec{Sec: 3}})
	must(t, "timer_settime TIMER_ABSTIME", err)
	cur, err := TimerGettime(timer)
	must(t, "timer_gettime", err)
	if cur.Interval != (Timespec{Sec: 3}) || cur.Value.Sec < 9 || cur.Value.Sec > 10 {
		t.Fatalf("timer_gettime: %+v, want about 10 s left and a 3 s period", cur)
	}
	old, err := TimerSettime(timer, 0, &Itimerspec{})
	must(t, "timer_settime disarm", err)
	if old.Interval != (Timespec{Sec: 3}) {
		t.Fatalf("the old setting: %+v", old)
	}
	_, err = TimerSettime(timer, 0, &Itimerspec{Value: Timespec{Nsec: -1}})
	wantErrno(t, "timer_settime with a negative nsec", err, EINVAL)
	_, err = TimerCreate(ClockID(1000), &sev)
	wantErrno(t, "timer_create on an unknown clock", err, EINVAL)
}

func TestTimerfd(t *testing.T) {
	fd, err := TimerfdCreate(CLOCK_MONOTONIC, TFD_CLOEXEC)
	fd = mustFD(t, "timerfd_create", fd, err)
	old, err := TimerfdSettime(fd, 0, &Itimerspec{Value: Timespec{Nsec: 10e6}, Interval: Timespec{Nsec: 10e6}})
	must(t, "timerfd_settime", err)
	if old != (Itimerspec{}) {
		t.Fatalf("a new timerfd's old setting: %+v", old)
	}
	cur, err := TimerfdGettime(fd)
	must(t, "timerfd_gettime", err)
	if cur.Interval != (Timespec{Nsec: 10e6}) || nsOf(cur.Value) <= 0 || nsOf(cur.Value) > 10e6 {
		t.Fatalf("timerfd_gettime: %+v", cur)
	}
	var buf [8]byte
	if n, err := Read(fd, buf[:]); err != nil || n != 8 || binary.NativeEndian.Uint64(buf[:]) < 1 {
		t.Fatalf("read of the timerfd: %d %v %d expirations", n, err, binary.NativeEndian.Uint64(buf[:]))
	}
	// Disarmed, non-blocking: nothing to read.
	_, err = TimerfdSettime(fd, 0, &Itimerspec{})
	must(t, "timerfd_settime disarm", err)
	nb, err := TimerfdCreate(CLOCK_BOOTTIME, TFD_CLOEXEC|TFD_NONBLOCK)
	nb = mustFD(t, "timerfd_create NONBLOCK", nb, err)
	_, err = Read(nb, buf[:])
	wantErrno(t, "read of an unarmed non-blocking timerfd", err, EAGAIN)
	_, err = TimerfdCreate(CLOCK_MONOTONIC, TimerfdFlags(1))
	wantErrno(t, "timerfd_create with an unknown flag", err, EINVAL)
	_, err = TimerfdSettime(fd, TimerfdSettimeFlags(0x80), &Itimerspec{})
	wantErrno(t, "timerfd_settime with an unknown flag", err, EINVAL)
	_, err = TimerfdGettime(FD(-1))
	wantErrno(t, "timerfd_gettime of a bad descriptor", err, EBADF)
}

// TestTimerfdAfter2038 arms a CLOCK_REALTIME timerfd for an absolute time after January
// 2038 (past 32-bit seconds): on 32-bit arches the 64-bit-time rows carry it.
func TestTimerfdAfter2038(t *testing.T) {
	fd, err := TimerfdCreate(CLOCK_REALTIME, TFD_CLOEXEC)
	fd = mustFD(t, "timerfd_create", fd, err)
	const at = 1<<31 + 1000 // 2038-01-19T03:31:08Z
	_, err = TimerfdSettime(fd, TFD_TIMER_ABSTIME, &Itimerspec{Value: Timespec{Sec: at}})
	must(t, "timerfd_settime after 2038", err)
	cur, err := TimerfdGettime(fd)
	must(t, "timerfd_gettime", err)
	left := at - time.Now().Unix()
	if d := cur.Value.Sec - left; d < -2 || d > 2 {
		t.Fatalf("timerfd_gettime: %d s left, want about %d (the time after 2038 was cut)", cur.Value.Sec, left)
	}
	old, err := TimerfdSettime(fd, 0, &Itimerspec{})
	must(t, "timerfd_settime disarm", err)
	if d := old.Value.Sec - left; d < -2 || d > 2 {
		t.Fatalf("the old setting: %d s left, want about %d", old.Value.Sec, left)
	}
}

func TestItimer(t *testing.T) {
	// ITIMER_VIRTUAL counts the process's user CPU time: 10 s will not pass here.
	old, err := Setitimer(ITIMER_VIRTUAL, &Itimerval{Value: timeval(10, 0), Interval: timeval(0, 500000)})
	must(t, "setitimer ITIMER_VIRTUAL", err)
	if old != (Itimerval{}) {
		t.Fatalf("ITIMER_VIRTUAL was armed: %+v", old)
	}
	cur, err := Getitimer(ITIMER_VIRTUAL)
	must(t, "getitimer", err)
	if cur.Value.Sec < 9 || cur.Value.Sec > 10 || cur.Interval.Usec != 500000 {
		t.Fatalf("getitimer ITIMER_VIRTUAL: %+v", cur)
	}
	old, err = Setitimer(ITIMER_VIRTUAL, &Itimerval{})
	must(t, "setitimer disarm", err)
	if old.Value.Sec < 9 || old.Interval.Usec != 500000 {
		t.Fatalf("the old ITIMER_VIRTUAL: %+v", old)
	}
	// ITIMER_REAL delivers SIGALRM.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGALRM)
	defer signal.Stop(sigs)
	_, err = Setitimer(ITIMER_REAL, &Itimerval{Value: timeval(0, 20000)})
	must(t, "setitimer ITIMER_REAL", err)
	select {
	case <-sigs:
	case <-time.After(10 * time.Second):
		t.Fatal("no SIGALRM from ITIMER_REAL")
	}
	if cur, err := Getitimer(ITIMER_REAL); err != nil || cur != (Itimerval{}) {
		t.Fatalf("ITIMER_REAL after it fired: %+v %v", cur, err)
	}
	_, err = Getitimer(ItimerWhich(7))
	wantErrno(t, "getitimer of an unknown timer", err, EINVAL)
	_, err = Setitimer(ITIMER_REAL, &Itimerval{Value: timeval(0, 2000000)})
	wantErrno(t, "setitimer with usec >= 1e6", err, EINVAL)
}

func timeval(sec, usec int64) Timeval {
	var tv Timeval
	setInt(&tv.Sec, sec)
	setInt(&tv.Usec, usec)
	return tv
}
