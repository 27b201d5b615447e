//go:build linux && (386 || ppc64 || ppc64le || mips || mipsle)

package linux

import (
	"testing"
	"unsafe"
)

// bigEndian reports a big-endian arch.
func bigEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 0
}

// sgetmask and ssetmask (386, ppc, mips): the first word of the calling thread's mask.
func TestSgetmaskSsetmask(t *testing.T) {
	onThread(t, func() error {
		before := Sgetmask()
		bit := uint(1) << (SIGUSR2 - 1)
		if old := Ssetmask(before | bit); old != before {
			t.Errorf("ssetmask returned %#x, sgetmask said %#x", old, before)
		}
		m, _ := RtSigprocmask(SIG_BLOCK, nil)
		if (Sgetmask() != before|bit || !m.Has(SIGUSR2)) && qemuUser() && bigEndian() {
			return skipError("ssetmask: qemu-user byte-swaps the mask of a big-endian guest twice (its target_to_host_old_sigset of a register value)")
		}
		if Sgetmask() != before|bit {
			t.Errorf("sgetmask %#x after setting %#x", Sgetmask(), before|bit)
		}
		if !m.Has(SIGUSR2) {
			t.Errorf("rt_sigprocmask does not see ssetmask's change: %v", m)
		}
		return nil
	})
}
