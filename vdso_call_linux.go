//go:build linux

package linux

import "unsafe"

// The vDSO functions rawlinux calls directly, 0 where it does not (no such symbol, or direct
// calls are not safe in this process: see vdso_linux.go). Set once by init.
var (
	vdsoClockGettime uintptr // clock_gettime with a 64-bit time_t (i386, arm: clock_gettime64)
	vdsoClockGetres  uintptr
	vdsoTime         uintptr
	vdsoGetcpu       uintptr
	vdsoRiscvHwprobe uintptr // riscv64 only
)

// vdsoSetM says that the trampolines set m.vdsoPC/m.vdsoSP around their vDSO calls, as the
// runtime does around its own, once vdsoValidate has accepted the runtime offsets: a profile
// sample inside the vDSO then unwinds to the Go caller instead of being charged to
// runtime._VDSO. The amd64 and 386 trampolines read it; those of the register-g arches
// always set them (their direct calls need the offsets anyway).
var vdsoSetM bool

// vdsoMode says how this process calls the vDSO (VDSOMode).
var vdsoMode = "off"

// VDSOMode describes how this process calls the vDSO's clock and getcpu functions: "direct"
// with the way it is made safe, or "off" and why (then MONOTONIC and REALTIME come from
// the runtime's own vDSO calls and everything else from the system call).
func VDSOMode() string { return vdsoMode }

// vdsoTestNoSaveG, set by a test only (RAWLINUX_VDSO_NOSAVEG=1), makes the trampolines of
// the register-g arches skip storing g for sigFetchG: the storm must then crash, which
// proves that its signals land inside the vDSO. Unused elsewhere.
var vdsoTestNoSaveG bool

// getcpuWritesOnlyItsResults calls the vDSO's getcpu once with canaries around its two
// results. A vDSO whose getcpu writes more than the two unsigned ints (qemu 11's i386 vDSO
// makes gettimeofday's system call there, which writes two 8-byte structs) is not used.
func getcpuWritesOnlyItsResults(fn uintptr) bool {
	const canary = 0x5a5aa5a5
	b := [4]uint32{canary, canary, canary, canary}
	r := vdsoCallP(fn, unsafe.Pointer(&b[0]), unsafe.Pointer(&b[2]))
	return r == 0 && b[1] == canary && b[3] == canary && b[0] != canary && b[2] != canary && b[0] < 1<<20
}
