//go:build linux && (mips || mipsle || mips64 || mips64le)

package linux

import "unsafe"

// No direct vDSO calls on the mips family (g lives in a register the C ABI may use; the
// runtime itself calls the vDSO only on mips64x; qemu gives these guests no vDSO to test
// trampolines with): the function pointers stay 0 and these are never reached.

func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int { return -1 }

func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int { return -1 }

func init() { vdsoMode = "off: no direct vDSO calls on this arch" }
