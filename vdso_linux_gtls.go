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
	// Names and versions from the kernel's linker scripts (zvdso_linux.go); 386 has no
	// time there (__vdso_time returns a 32-bit time_t: Time uses the 64-bit clock).
	n := vdsoNamesOf()
	lookup := func(name string) uintptr {
		if name == "" {
			return 0
		}
		return vdso.Lookup(name, n.version)
	}
	vdsoClockGettime = lookup(n.clockGettime)
	vdsoClockGetres = lookup(n.clockGetres)
	vdsoTime = lookup(n.time)
	vdsoGetcpu = lookup(n.getcpu)
	if vdsoGetcpu != 0 && !getcpuWritesOnlyItsResults(vdsoGetcpu) {
		vdsoGetcpu = 0
	}
}
