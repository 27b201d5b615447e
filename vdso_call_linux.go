//go:build linux

package linux

// The vDSO functions rawlinux calls directly, 0 where it does not (no such symbol, or direct
// calls are not safe in this process: see vdso_linux.go). Set once by init.
var (
	vdsoClockGettime uintptr // clock_gettime with a 64-bit time_t (i386, arm: clock_gettime64)
	vdsoClockGetres  uintptr
	vdsoTime         uintptr
	vdsoGetcpu       uintptr
)

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
