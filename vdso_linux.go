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
//   - amd64, 386: ClockGettime (REALTIME, MONOTONIC, *_COARSE, MONOTONIC_RAW, BOOTTIME, TAI),
//     ClockGetres, Gettimeofday, Time and Getcpu call the vDSO directly from a Go assembly
//     trampoline (g lives in TLS there, so a signal that lands inside the vDSO is handled
//     normally). The trampoline reserves 4 KiB of its own frame for the callee and aligns the
//     stack to 16 bytes with ADJSP, so the unwinder's frame tables stay exact. 386 uses
//     __vdso_clock_gettime64.
//   - arm, arm64, loong64, ppc64, ppc64le, riscv64, s390x keep g in a register; in a
//     program without cgo the runtime's signal handler (sigFetchG) cannot find g for a
//     signal that lands in a vDSO call it did not make itself. There CLOCK_MONOTONIC goes
//     through runtime.nanotime and CLOCK_REALTIME through time.now (both call the vDSO the
//     runtime's safe way), and the other clocks, Getcpu and ClockGetres make the system call.
//   - mips, mipsle, mips64, mips64le: the runtime does not use the vDSO there (g is in a
//     register the C ABI may use); the same paths as the previous group.
//   - Getrandom, every arch: the runtime's vgetrandom (Go 1.24+, the vDSO's getrandom with
//     one opaque state per thread, allocated as vgetrandom_alloc says), else the system
//     call.
//
// CPU-time clocks (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID) and dynamic clocks
// (negative ids: a pid's or thread's CPU clock, a PTP device's fd) always make the system call:
// the vDSO would make it anyway.

// ClockGettime returns the time of clock id (clock_gettime(2)).
func ClockGettime(id ClockID) (Timespec, error) {
	var ts Timespec
	if e := clockGettime(id, &ts); e != 0 {
		return Timespec{}, e
	}
	return ts, nil
}

// ClockGetres returns the resolution of clock id (clock_getres(2)).
func ClockGetres(id ClockID) (Timespec, error) {
	var ts Timespec
	if e := clockGetres(id, &ts); e != 0 {
		return Timespec{}, e
	}
	return ts, nil
}

// Gettimeofday returns the wall-clock time in microseconds (gettimeofday(2)), as glibc does:
// from CLOCK_REALTIME.
func Gettimeofday() (Timeval, error) {
	var ts Timespec
	if e := clockGettime(CLOCK_REALTIME, &ts); e != 0 {
		return Timeval{}, e
	}
	return timespecToTimeval(ts), nil
}

// Time returns the wall-clock time in whole seconds (time(2)).
func Time() (int64, error) {
	return timeNow()
}

// Getcpu returns the CPU and the NUMA node the calling thread is running on (getcpu(2)).
// The answer may be stale as soon as it is returned, unless the thread is pinned.
func Getcpu() (cpu, node int, err error) {
	var c, n uint32
	if e := getcpu(&c, &n); e != 0 {
		return 0, 0, e
	}
	return int(c), int(n), nil
}

//go:linkname runtime_vgetrandom runtime.vgetrandom
func runtime_vgetrandom(p []byte, flags uint32) (ret int, supported bool)

// Getrandom fills p with random bytes (getrandom(2)) and returns how many it wrote. flags
// are GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE. It uses the vDSO's getrandom where the
// kernel offers it (through the runtime's per-thread state), the system call otherwise;
// without GRND_NONBLOCK the system call may block until the kernel's pool is ready.
func Getrandom(p []byte, flags int) (int, error) {
	if uint(flags) <= 0xffffffff {
		if ret, ok := runtime_vgetrandom(p, uint32(flags)); ok {
			if ret < 0 && ret >= -4095 {
				return 0, raw.Errno(-ret)
			}
			return ret, nil
		}
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

// vdsoServes reports whether clock id is one the vDSO serves without a system call (the
// kernel's vDSO handles the hres and coarse clocks, MONOTONIC_RAW, BOOTTIME and TAI).
func vdsoServes(id ClockID) bool {
	return uint32(id) < 32 && vdsoClockMask&(1<<uint32(id)) != 0
}

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
