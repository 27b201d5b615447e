//go:build linux && (arm || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package linux

import (
	"runtime"
	"testing"
	"unsafe"
)

func init() { vdsoTestForceDirect = vdsoForceDirectOutside }

// vdsoForceDirectOutside (TestMain's vdsoTestForceDirect here) turns direct calls on for the
// tests where init refused them only because the vDSO's functions lie outside the runtime's
// vDSO range, as under qemu-user: its vDSO functions only make the system call and leave the
// g register alone, so the trampolines can be exercised there. It returns what it did.
func vdsoForceDirectOutside() string {
	if vdsoDirectErr != nil {
		return ""
	}
	before := vdsoMode
	vdsoDirectSetup(true)
	if vdsoMode == before {
		return ""
	}
	return "init left the vDSO calls " + before + "; the tests call them directly anyway"
}

// TestVDSODirectCallState calls a C-ABI test function through vdsoCall, as a vDSO function
// would be called, and checks from inside the call what the runtime's signal handler and
// profiler rely on: the word at the bottom of the M's signal stack (where sigFetchG looks
// for g when a signal lands inside the vDSO; checked against sigaltstack(2) by
// vdsoValidate) holds the calling goroutine's g during the call and 0 after it; m.vdsoSP is
// set during the call and restored after; the callee runs on the g0 stack with at least
// 4 KiB below its SP. (Under qemu 11 the runtime does not recognise qemu's vDSO image, linked
// at its load address, as the vDSO, so no signal there ever takes the sigFetchG path: this
// test is what exercises the slot.)
func TestVDSODirectCallState(t *testing.T) {
	if vdsoDirectErr != nil {
		t.Skipf("direct calls off: %v", vdsoDirectErr)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	g := vdsoGetg()
	m := vdsoPeek(g + vgGM)
	slot := vdsoPeek(vdsoPeek(m+vgMGsignal) + vgStackLo)
	g0 := vdsoPeek(m + vgMG0)
	fn := vdsoTestPeekAddr()
	call := func(addr uintptr, sp *uintptr) uintptr {
		r := vdsoCall(fn, addr, unsafe.Pointer(sp))
		if runtime.GOARCH == "ppc64" || runtime.GOARCH == "ppc64le" {
			r = -r // the ppc64 trampoline turns the vDSO's positive errno into -errno
		}
		return uintptr(r)
	}
	for i := 0; i < 3; i++ {
		var sp uintptr
		if got := call(slot, &sp); got != g {
			t.Fatalf("signal-stack slot during the call = %#x, want g %#x", got, g)
		}
		if lo, hi := vdsoPeek(g0+vgStackLo), vdsoPeek(g0+vgStackHi); !(lo+4096 <= sp && sp < hi) {
			t.Errorf("callee SP %#x: not on the g0 stack [%#x, %#x) with 4 KiB below it", sp, lo, hi)
		}
		if v := vdsoPeek(slot); v != 0 {
			t.Fatalf("signal-stack slot after the call = %#x, want 0", v)
		}
		var sp2 uintptr
		if v := call(m+vgMVdsoSP, &sp2); v == 0 {
			t.Errorf("m.vdsoSP is 0 during the call")
		}
		if v := vdsoPeek(m + vgMVdsoSP); v != 0 {
			t.Errorf("m.vdsoSP after the call = %#x, want 0", v)
		}
	}
}
