//go:build linux && (amd64 || 386)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/vdso"
)

// vdsoCall calls the C function fn(a0, p1, nil) on the current goroutine's stack, with
// 4 KiB of its own frame reserved for the callee, and returns its int result.
//
//go:noescape
func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int

// vdsoCallP calls the C function fn(p0, p1, nil) like vdsoCall.
//
//go:noescape
func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int

func init() {
	vdsoMode = "direct (g in TLS)"
	if err := vdsoValidate(); err != nil {
		vdsoMode += "; profiles charge time inside the vDSO to runtime._VDSO: " + err.Error()
	} else {
		vdsoSetM = true
		vdsoMode += "; m.vdsoPC/SP set for profiles (runtime offsets of " + vdsoRuntimeRelease + " validated)"
	}
	// Names and versions: arch/x86/entry/vdso/vdso64/vdso64.lds.S and vdso32/vdso32.lds.S.
	const v = "LINUX_2.6"
	if unsafe.Sizeof(uintptr(0)) == 8 {
		vdsoClockGettime = vdso.Lookup("__vdso_clock_gettime", v)
		vdsoClockGetres = vdso.Lookup("__vdso_clock_getres", v)
		vdsoTime = vdso.Lookup("__vdso_time", v)
	} else {
		vdsoClockGettime = vdso.Lookup("__vdso_clock_gettime64", v)
		vdsoClockGetres = vdso.Lookup("__vdso_clock_getres_time64", v)
		// __vdso_time returns a 32-bit time_t on i386: use the 64-bit clock instead.
	}
	vdsoGetcpu = vdso.Lookup("__vdso_getcpu", v)
	if vdsoGetcpu != 0 && !getcpuWritesOnlyItsResults(vdsoGetcpu) {
		vdsoGetcpu = 0
	}
}
