//go:build linux && (386 || arm || s390x || mips || mipsle)

package linux

import "testing"

// The old signal calls of 386, arm, s390x and mips: one-word masks.

func TestSignalOldForms(t *testing.T) {
	old, err := SigactionOld(SIGSEGV)
	skipUnsupported(t, "sigaction", err)
	must(t, "sigaction(SIGSEGV)", err)
	rt, _ := RtSigaction(SIGSEGV)
	if old.Handler != rt.Handler || old.Handler == SIG_DFL {
		t.Errorf("sigaction's handler %#x, rt_sigaction's %#x", old.Handler, rt.Handler)
	}
	wantErrno(t, "Sigreturn", Sigreturn(), ENOSYS)
	onThread(t, func() error {
		bit := uint(1) << (SIGUSR2 - 1)
		set := bit
		prev, err := SigprocmaskOld(SIG_BLOCK, &set)
		if e := unsupported("sigprocmask", err); e != nil {
			return e
		}
		must(t, "sigprocmask", err)
		if now, _ := RtSigprocmask(SIG_BLOCK, nil); !now.Has(SIGUSR2) || prev&bit != 0 {
			t.Errorf("after the old sigprocmask: %v (prev %#x)", now, prev)
		}
		must(t, "tgkill", Tgkill(Getpid(), Gettid(), SIGUSR2))
		p, err := SigpendingOld()
		must(t, "sigpending", err)
		if p&bit == 0 {
			t.Errorf("sigpending %#x without SIGUSR2", p)
		}
		// Let it be delivered (to the runtime's handler) by suspending with it unblocked.
		err = SigsuspendOld(prev &^ bit)
		if err == EFAULT && qemuUser() {
			return skipError("sigsuspend: EFAULT under qemu-user, which reads the mask through a pointer in the first argument (the kernel takes the mask itself, in the third on 386, arm and s390x)")
		}
		wantErrno(t, "sigsuspend", err, EINTR)
		return nil
	})
}
