//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
	"github.com/rawlinux/linux/vdso"
)

// The vDSO calls. Each one runs without entering the kernel where this arch's vDSO offers
// the function and a direct call is safe, and falls back to the system call otherwise (a
// missing symbol, a clock the vDSO does not serve, or the vDSO handing the call back).
//
// Which paths are fast, per arch:
//
//   - amd64, 386: g lives in TLS, so a signal that lands inside the vDSO is handled
//     normally. ClockGettime (REALTIME, MONOTONIC, *_COARSE, MONOTONIC_RAW, BOOTTIME, TAI),
//     ClockGetres, Gettimeofday, Time (amd64) and Getcpu call the vDSO directly from a Go
//     assembly trampoline on the goroutine's stack, with 4 KiB of its frame reserved for
//     the callee; on amd64 ClockGettime is itself that trampoline. 386 uses
//     __vdso_clock_gettime64.
//   - arm, arm64, loong64, ppc64, ppc64le, riscv64, s390x keep g in a register. The runtime's
//     signal handler finds g for a signal that lands inside the vDSO of a program without
//     cgo at the bottom of the M's signal stack (sigFetchG). The trampolines do what the
//     runtime does around its own vDSO calls: store g there, set m.vdsoPC/m.vdsoSP, run the
//     callee on the g0 stack (see vdso_linux_greg.go). That needs runtime-internal
//     offsets of one Go release (go1.26), checked at init against independent facts; when
//     the check fails (VDSOMode tells why) CLOCK_MONOTONIC goes through runtime.nanotime,
//     CLOCK_REALTIME through time.now (the runtime's own vDSO calls) and the rest make the
//     system call. Direct calls: clock_gettime (arm: clock_gettime64), clock_getres (arm:
//     clock_getres_time64), getcpu where the vDSO has it (riscv64, loong64, ppc64x, s390x).
//   - mips, mipsle, mips64, mips64le: no direct calls (the runtime itself calls the vDSO
//     only on mips64x, and qemu gives none of these guests a vDSO to test them with); the
//     same fallbacks.
//   - Getrandom, every arch: the runtime's vgetrandom (Go 1.24+, the vDSO's getrandom with
//     one opaque state per thread, allocated as vgetrandom_alloc says), else the system
//     call.
//
// CPU-time clocks (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID) and dynamic clocks
// (negative ids: a pid's or thread's CPU clock, a PTP device's fd) always make the system call:
// the vDSO would make it anyway.

// ClockGetres returns the resolution of clock id (clock_getres(2)).
func ClockGetres(id ClockID) (Timespec, error) {
	var ts Timespec
	if fn := vdsoClockGetres; fn != 0 && uint32(id) < 32 && vdsoClockMask>>uint32(id)&1 != 0 &&
		vdsoCall(fn, uintptr(id), unsafe.Pointer(&ts)) == 0 {
		return ts, nil
	}
	if e := sysClockGetres(id, &ts); e != 0 {
		return Timespec{}, e
	}
	return ts, nil
}

// clockGettimeSlow reads clock id when the fast path did not: it calls the vDSO through
// vdsoCall (on amd64 the fast path leaves a goroutine whose stack lacks 4 KiB of room to
// this call, whose frame grows the stack); where direct calls are off (see above) MONOTONIC
// and REALTIME come from the runtime's own vDSO calls; everything else (and any call the
// vDSO refused) from the system call, whose answer and error are the kernel's.
//
//go:noinline
func clockGettimeSlow(id ClockID) (Timespec, error) {
	var ts Timespec
	if fn := vdsoClockGettime; fn == 0 {
		switch id {
		case CLOCK_MONOTONIC:
			n := runtime_nanotime()
			ts.Sec, ts.Nsec = n/1e9, n%1e9
			return ts, nil
		case CLOCK_REALTIME:
			sec, nsec, _ := time_now()
			ts.Sec, ts.Nsec = sec, int64(nsec)
			return ts, nil
		}
	} else if uint32(id) < 32 && vdsoClockMask>>uint32(id)&1 != 0 && vdsoCall(fn, uintptr(id), unsafe.Pointer(&ts)) == 0 {
		return ts, nil
	}
	if e := sysClockGettime(id, &ts); e != 0 {
		return Timespec{}, e
	}
	return ts, nil
}

//go:linkname runtime_nanotime runtime.nanotime
func runtime_nanotime() int64

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64)

// Gettimeofday returns the wall-clock time in microseconds (gettimeofday(2)), as glibc does:
// from CLOCK_REALTIME.
func Gettimeofday() (Timeval, error) {
	ts, err := ClockGettime(CLOCK_REALTIME)
	if err != nil {
		return Timeval{}, err
	}
	return timespecToTimeval(ts), nil
}

// Time returns the wall-clock time in whole seconds (time(2)).
func Time() (int64, error) {
	if fn := vdsoTime; fn != 0 {
		return int64(vdsoCallP(fn, nil, nil)), nil
	}
	ts, err := ClockGettime(CLOCK_REALTIME)
	return int64(ts.Sec), err
}

// getcpuSlow is Getcpu: the vDSO through vdsoCallP, else the system call. On amd64 it is
// the path the assembly Getcpu takes when its fast path did not answer (vdsoCallP's frame
// grows the stack); elsewhere Getcpu is this function, inlined.
func getcpuSlow() (cpu, node int, err error) {
	var c, n uint32
	if fn := vdsoGetcpu; fn != 0 && vdsoCallP(fn, unsafe.Pointer(&c), unsafe.Pointer(&n)) == 0 {
		return int(c), int(n), nil
	}
	if e := sysGetcpu(&c, &n); e != 0 {
		return 0, 0, e
	}
	return int(c), int(n), nil
}

// The runtime's vgetrandom only writes into p, so p does not escape: a caller's buffer on its
// stack stays there (without the directive every Getrandom call would move it to the heap).
//
//go:linkname runtime_vgetrandom runtime.vgetrandom
//go:noescape
func runtime_vgetrandom(p []byte, flags uint32) (ret int, supported bool)

// Getrandom fills p with random bytes (getrandom(2)) and returns how many it wrote. flags
// are GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE. It uses the vDSO's getrandom where the
// kernel offers it (through the runtime's per-thread state), the system call otherwise;
// without GRND_NONBLOCK the system call may block until the kernel's pool is ready.
func Getrandom(p []byte, flags GrndFlags) (int, error) {
	if ret, ok := runtime_vgetrandom(p, uint32(flags)); ok {
		if ret < 0 && ret >= -4095 {
			return 0, raw.Errno(-ret)
		}
		return ret, nil
	}
	if len(p) == 0 {
		// The kernel checks the flags, then returns 0 without touching the buffer; a nil
		// buffer is EFAULT under some emulators, so pass a valid one.
		p = getrandomEmpty[:0:0]
	}
	r, _, e := raw.Syscall(SYS_GETRANDOM, uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)), uintptr(flags))
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

var getrandomEmpty [1]byte

// timespecToTimeval converts without assuming the width of Timeval's fields (the kernel's
// long: 32 bits on 32-bit arches).
func timespecToTimeval(ts Timespec) Timeval {
	var tv Timeval
	setInt(&tv.Sec, int64(ts.Sec))
	setInt(&tv.Usec, int64(ts.Nsec)/1000)
	return tv
}

func setInt[T ~int | ~int32 | ~int64](p *T, v int64) { *p = T(v) }

// VDSOSymbols lists what this process's vDSO exports (see package vdso), nil without one.
func VDSOSymbols() []vdso.Symbol { return vdso.Symbols() }

const vdsoClockMask = 1<<CLOCK_REALTIME | 1<<CLOCK_MONOTONIC | 1<<CLOCK_MONOTONIC_RAW |
	1<<CLOCK_REALTIME_COARSE | 1<<CLOCK_MONOTONIC_COARSE | 1<<CLOCK_BOOTTIME | 1<<CLOCK_TAI

// The system calls behind the vDSO.

func sysClockGettime(id ClockID, ts *Timespec) raw.Errno {
	_, _, e := raw.RawSyscall(sysClockGettimeNr, uintptr(int(id)), uintptr(unsafe.Pointer(ts)), 0)
	return e
}

func sysClockGetres(id ClockID, ts *Timespec) raw.Errno {
	_, _, e := raw.RawSyscall(sysClockGetresNr, uintptr(int(id)), uintptr(unsafe.Pointer(ts)), 0)
	return e
}

func sysGetcpu(cpu, node *uint32) raw.Errno {
	_, _, e := raw.RawSyscall(SYS_GETCPU, uintptr(unsafe.Pointer(cpu)), uintptr(unsafe.Pointer(node)), 0)
	return e
}

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
