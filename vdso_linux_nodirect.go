//go:build linux && (mips || mipsle || mips64 || mips64le)

package linux

import "unsafe"

// The runtime does not use the vDSO on the mips family (g lives in a register the C ABI
// may use, and qemu gives these guests no vDSO): no direct calls, so the function pointers
// stay 0 and these are never reached.

func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int { return -1 }

func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int { return -1 }

func init() { vdsoMode = "off: no direct vDSO calls on this arch" }
