//go:build linux && (arm || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package linux

import (
	"strings"
	"unsafe"

	"github.com/rawlinux/linux/vdso"
)

// Direct vDSO calls on the arches that keep g in a register.
//
// The runtime's signal handler finds g for a signal that lands inside the vDSO (where the
// g register may hold anything) at the bottom of the M's signal stack, where the runtime
// stores it around its own vDSO calls (runtime/signal_unix.go sigFetchG). The trampolines
// (vdso_linux_<arch>.s) do what the runtime does in nanotime1: set m.vdsoPC and m.vdsoSP
// (so a profile sample taken inside the vDSO unwinds to the Go caller), run the callee on
// the g0 stack, store g in *m.gsignal.stack.lo for the call and clear it after. They need
// the offsets of g.m, m.gsignal, m.curg, m.g0, g.sched.sp, stack.lo, m.vdsoSP and m.vdsoPC,
// which belong to one Go release: zgoffsets_linux.h has them for vdsoRuntimeRelease.
// vdsoValidate checks them against independent facts before the first call; any mismatch
// (another Go release, a changed runtime) turns direct calls off.

// vdsoCall calls the C function fn(a0, p1, nil) as described above and returns its int
// result, or a nonzero value without calling it when it is not on the goroutine's own stack
// or the g0 stack lacks the room. It is two functions, so that every profile sample unwinds
// to the Go caller: vdsoCall, an ordinary frame, sets m.vdsoPC/m.vdsoSP and calls vdsoOnG0,
// which switches stacks (the runtime's unwinder stops at a function that writes SP; a sample
// there or in the vDSO unwinds from m.vdsoPC/m.vdsoSP).
//
//go:noescape
func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int

// vdsoCallP calls the C function fn(p0, p1, nil) like vdsoCall.
//
//go:noescape
func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int

// vdsoTestPeekAddr returns the address of a C-ABI test function for vdsoCall: it returns
// the word at its first argument and stores its SP at its second (tests only).
func vdsoTestPeekAddr() uintptr

// vdsoDirectErr is why direct calls are off, nil when they are on.
var vdsoDirectErr error

func init() {
	if err := vdsoValidate(); err != nil {
		vdsoDirectErr = err
		vdsoMode = "off: " + err.Error()
		return
	}
	vdsoSetM = true
	vdsoDirectSetup(false)
}

// vdsoDirectSetup resolves the functions called directly. The runtime's signal handler
// reads g from the slot only for a PC inside the vDSO's first PT_LOAD segment (as the
// runtime computes it: from vaddr 0): a function outside it is not called directly, since a
// signal there would be handled with whatever the callee left in the g register. Kernels
// link their vDSO at 0, so no kernel's function lies outside; qemu-user links its images at
// their load address, so under qemu all do and the calls take the safe path. outsideOK
// (tests only) calls them anyway, to exercise the trampolines under qemu, whose vDSO
// functions only make a system call and leave g alone.
func vdsoDirectSetup(outsideOK bool) {
	n := vdsoNamesOf() // from the kernel's linker scripts (zvdso_linux.go)
	vdsoMode = "direct (g stored for sigFetchG, g0 stack, m.vdsoPC/SP set; runtime offsets of " + vdsoRuntimeRelease + " validated)"
	im := vdso.Loaded()
	var outside []string
	lookup := func(name string) uintptr {
		if im == nil || name == "" {
			return 0
		}
		s, ok := im.Lookup(name, n.version)
		if !ok {
			return 0
		}
		if !im.InFirstLoad(s) {
			outside = append(outside, name)
			if !outsideOK {
				return 0
			}
		}
		return s.Addr
	}
	vdsoClockGettime = lookup(n.clockGettime)
	vdsoClockGetres = lookup(n.clockGetres)
	vdsoGetcpu = lookup(n.getcpu)
	vdsoRiscvHwprobe = lookup(n.riscvHwprobe)
	if vdsoGetcpu != 0 && !getcpuWritesOnlyItsResults(vdsoGetcpu) {
		vdsoGetcpu = 0
	}
	switch why := strings.Join(outside, ", ") + " outside the vDSO range that the runtime's signal handler recognises (an image linked at a nonzero address, as qemu-user's)"; {
	case len(outside) == 0:
	case outsideOK:
		vdsoMode = "direct, forced by a test with " + why
	case vdsoClockGettime == 0:
		vdsoMode = "off: " + why
	default:
		vdsoMode += "; not called: " + why
	}
}
