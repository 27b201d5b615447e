//go:build linux

package linux

import (
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// Signals: the reading forms of rt_sigaction and sigaltstack, the thread's mask, pending
// and waited-for signals on a locked thread, kill and its relatives, sigqueueinfo.

// TestRtSigactionReads: the runtime's handler for SIGSEGV, SIG_DFL for SIGKILL; nothing is
// changed.
func TestRtSigactionReads(t *testing.T) {
	for _, read := range []func(Signal) (Sigaction_t, error){RtSigaction, Sigaction} {
		sa, err := read(SIGSEGV)
		must(t, "rt_sigaction(SIGSEGV)", err)
		if sa.Handler == SIG_DFL || sa.Handler == SIG_IGN {
			t.Fatalf("SIGSEGV: handler %#x: the Go runtime's handler is missing", sa.Handler)
		}
		if f := SaFlags(sa.Flags); f&SA_SIGINFO == 0 || f&SA_ONSTACK == 0 {
			t.Errorf("SIGSEGV flags %#x: the runtime's handler runs with SA_SIGINFO|SA_ONSTACK", f)
		}
		sa, err = read(SIGKILL)
		must(t, "rt_sigaction(SIGKILL)", err)
		if sa.Handler != SIG_DFL {
			t.Errorf("SIGKILL handler %#x", sa.Handler)
		}
		_, err = read(0)
		wantErrno(t, "rt_sigaction(0)", err, EINVAL)
	}
	// The handler still works: a nil dereference is a panic, not a crash (natively: qemu-user
	// reports some faults' addresses wrongly, which the runtime then takes for a crash).
	if qemuUser() {
		return
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		*nilInt() = 1
	}()
}

// nilInt returns a nil pointer the compiler cannot see as one.
//
//go:noinline
func nilInt() *int { return nilIntVar }

var nilIntVar *int

// TestSigaltstackReads: each Go thread runs its signal handlers on a stack of its own.
func TestSigaltstackReads(t *testing.T) {
	onThread(t, func() error {
		ss, err := Sigaltstack()
		must(t, "sigaltstack", err)
		if ss.Flags&SS_DISABLE != 0 || ss.Sp == nil || ss.Size < 8<<10 {
			t.Errorf("the runtime's signal stack: flags %#x sp %p size %d", ss.Flags, ss.Sp, ss.Size)
		}
		return nil
	})
}

// TestSigtimedwaitLockedThread: on a locked thread, a blocked signal sent to that thread
// is pending there and taken by rt_sigtimedwait; a timeout is EAGAIN.
func TestSigtimedwaitLockedThread(t *testing.T) {
	onThread(t, func() error {
		set := SigsetOf(SIGUSR2)
		old, err := RtSigprocmask(SIG_BLOCK, &set)
		must(t, "rt_sigprocmask SIG_BLOCK", err)
		cur, err := Sigprocmask(SIG_BLOCK, nil)
		must(t, "sigprocmask read", err)
		if !cur.Has(SIGUSR2) || old.Has(SIGUSR2) {
			t.Fatalf("mask: now %v (SIGUSR2 %v), before %v", cur, cur.Has(SIGUSR2), old)
		}
		must(t, "tgkill", Tgkill(Getpid(), Gettid(), SIGUSR2))
		p, err := RtSigpending()
		must(t, "rt_sigpending", err)
		if p2, _ := Sigpending(); !p.Has(SIGUSR2) || !p2.Has(SIGUSR2) {
			t.Fatalf("pending %v", p)
		}
		ts := NsecToTimespec(int64(5 * time.Second))
		info, sig, err := RtSigtimedwait(&set, &ts)
		must(t, "rt_sigtimedwait", err)
		if sig != SIGUSR2 || info.Signo != int32(SIGUSR2) || info.Code != SI_TKILL || PID(info.Sifields.Kill().PID) != Getpid() {
			t.Fatalf("rt_sigtimedwait: sig %d signo %d code %d pid %d", sig, info.Signo, info.Code, info.Sifields.Kill().PID)
		}
		// rt_tgsigqueueinfo carries a value.
		var qi Siginfo
		qi.Signo, qi.Code = int32(SIGUSR2), SI_QUEUE
		qi.Sifields.Rt().PID = int32(Getpid())
		qi.Sifields.Rt().Sigval.SetInt(4242)
		must(t, "rt_tgsigqueueinfo", RtTgsigqueueinfo(Getpid(), Gettid(), SIGUSR2, &qi))
		info, sig, err = Sigtimedwait(&set, &ts)
		must(t, "sigtimedwait", err)
		if sig != SIGUSR2 || info.Code != SI_QUEUE || info.Sifields.Rt().Sigval.Int() != 4242 {
			t.Fatalf("queued: sig %d code %d value %d", sig, info.Code, info.Sifields.Rt().Sigval.Int())
		}
		short := NsecToTimespec(int64(time.Millisecond))
		_, _, err = RtSigtimedwait(&set, &short)
		wantErrno(t, "rt_sigtimedwait with nothing pending", err, EAGAIN)
		_, err = Sigprocmask(SIG_SETMASK, &old)
		must(t, "sigprocmask restore", err)
		return nil
	})
}

// TestSigsuspend: rt_sigsuspend with a mask that admits only SIGUSR2 returns EINTR when
// that signal reaches the thread and restores the mask.
func TestSigsuspend(t *testing.T) {
	onThread(t, func() error {
		var all Sigset
		all.Fill()
		all.Del(SIGUSR2)
		before, _ := Sigprocmask(SIG_BLOCK, nil)
		for _, suspend := range []func(*Sigset) error{RtSigsuspend, Sigsuspend} {
			stop := signalThread(Gettid(), SIGUSR2)
			err := suspend(&all)
			stop()
			wantErrno(t, "rt_sigsuspend", err, EINTR)
			if after, _ := Sigprocmask(SIG_BLOCK, nil); after != before {
				t.Errorf("mask after sigsuspend %v, before %v", after, before)
			}
		}
		return nil
	})
}

// TestKillFamily: kill, tkill and tgkill with signal 0 check existence and permission;
// a real signal reaches os/signal.
func TestKillFamily(t *testing.T) {
	must(t, "kill(self, 0)", Kill(Getpid(), 0))
	must(t, "tkill(self, 0)", Tkill(Gettid(), 0))
	must(t, "tgkill(self, self, 0)", Tgkill(Getpid(), Getpid(), 0))
	wantErrno(t, "kill of a missing process", Kill(1<<22+4321, 0), ESRCH)
	wantErrno(t, "tgkill with a thread of another process", Tgkill(Getpid(), 1, 0), ESRCH)
	wantErrno(t, "kill with a bad signal", Kill(Getpid(), 1000), EINVAL)
	wantErrno(t, "tkill of a missing thread", Tkill(1<<22+4321, 0), ESRCH)
	c := make(chan os.Signal, 4)
	signal.Notify(c, syscall.SIGWINCH)
	defer signal.Stop(c)
	must(t, "kill SIGWINCH", Kill(Getpid(), SIGWINCH))
	waitSignal(t, c, "kill")
	must(t, "tgkill SIGWINCH", Tgkill(Getpid(), Getpid(), SIGWINCH))
	waitSignal(t, c, "tgkill")
	var qi Siginfo
	qi.Signo, qi.Code = int32(SIGWINCH), SI_QUEUE
	must(t, "rt_sigqueueinfo", RtSigqueueinfo(Getpid(), SIGWINCH, &qi))
	waitSignal(t, c, "rt_sigqueueinfo")
	// A positive si_code is the kernel's; only the target itself may queue one.
	pid, err := Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}})
	must(t, "fork", err)
	defer func() { Kill(pid, SIGKILL); waitExit(t, pid) }()
	qi.Code = 0
	wantErrno(t, "rt_sigqueueinfo with si_code SI_USER to another process", RtSigqueueinfo(pid, SIGWINCH, &qi), EPERM)
}

// signalThread sends sig to thread tid of this process every 20 ms, from 50 ms on, until
// the function it returns is called (and has waited for the sender: no signal reaches the
// thread id afterwards, when it may be another thread's).
func signalThread(tid PID, sig Signal) (stop func()) {
	done, gone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(gone)
		tick := time.NewTimer(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				Tgkill(Getpid(), tid, sig)
				tick.Reset(20 * time.Millisecond)
			}
		}
	}()
	return func() { close(done); <-gone }
}

func waitSignal(t *testing.T, c chan os.Signal, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no SIGWINCH", what)
	}
}

// TestRestartSyscall: made directly it finds nothing to restart.
func TestRestartSyscall(t *testing.T) {
	err := RestartSyscall()
	skipUnsupported(t, "restart_syscall", err)
	wantErrno(t, "restart_syscall", err, EINTR)
}

// TestRawOnlyStubs: the canonical names of the raw-only rows make no call.
func TestRawOnlyStubs(t *testing.T) {
	wantErrno(t, "RtSigreturn", RtSigreturn(), ENOSYS)
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(10, func() { RtSigreturn() }); n != 0 {
		t.Errorf("RtSigreturn allocates %v", n)
	}
}

// TestSigsetMethods: the bit of signal n is bit n-1, in words of the arch's long.
func TestSigsetMethods(t *testing.T) {
	s := SigsetOf(SIGINT, 33, Signal(len(Sigset{}.Sig)*int(sigsetWordBits)))
	if !s.Has(SIGINT) || !s.Has(33) || s.Has(SIGHUP) || s.Has(0) || s.Has(-1) {
		t.Fatalf("set %v", s)
	}
	if s.Sig[0]&(1<<(SIGINT-1)) == 0 {
		t.Errorf("SIGINT is not bit %d of word 0: %v", SIGINT-1, s)
	}
	s.Del(SIGINT)
	if s.Has(SIGINT) {
		t.Error("Del")
	}
	s.Fill()
	for i := range s.Sig {
		if ^s.Sig[i] != 0 {
			t.Errorf("Fill: word %d %#x", i, s.Sig[i])
		}
	}
	s.Empty()
	if s != (Sigset{}) {
		t.Error("Empty")
	}

}
