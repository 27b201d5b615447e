//go:build linux && (386 || ppc64 || ppc64le || mips || mipsle)

package linux

import "testing"

// sgetmask and ssetmask (386, ppc, mips): the first word of the calling thread's mask.
func TestSgetmaskSsetmask(t *testing.T) {
	onThread(t, func() error {
		before := Sgetmask()
		bit := uint(1) << (SIGUSR2 - 1)
		if old := Ssetmask(before | bit); old != before {
			t.Errorf("ssetmask returned %#x, sgetmask said %#x", old, before)
		}
		if Sgetmask() != before|bit {
			t.Errorf("sgetmask %#x after setting %#x", Sgetmask(), before|bit)
		}
		if m, _ := RtSigprocmask(SIG_BLOCK, nil); !m.Has(SIGUSR2) {
			t.Errorf("rt_sigprocmask does not see ssetmask's change: %v", m)
		}
		return nil
	})
}
