//go:build linux && (amd64 || 386)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
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

var (
	vdsoClockGettime uintptr // x86-64: __vdso_clock_gettime; i386: __vdso_clock_gettime64
	vdsoClockGetres  uintptr
	vdsoTime         uintptr
	vdsoGetcpu       uintptr
)

func init() {
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

// getcpuWritesOnlyItsResults calls the vDSO's getcpu once with canaries around its two
// results. A vDSO whose getcpu writes more than the two unsigned ints (qemu 11's i386 vDSO
// makes gettimeofday's system call there, which writes two 8-byte structs) is not used.
func getcpuWritesOnlyItsResults(fn uintptr) bool {
	const canary = 0x5a5aa5a5
	b := [4]uint32{canary, canary, canary, canary}
	r := vdsoCallP(fn, unsafe.Pointer(&b[0]), unsafe.Pointer(&b[2]))
	return r == 0 && b[1] == canary && b[3] == canary && b[0] != canary && b[2] != canary && b[0] < 1<<20
}

// vdsoErr turns a vDSO function's int result into an errno (the x86 vDSO returns -errno,
// as the system call it stands for).
func vdsoErr(r int) raw.Errno {
	if r < 0 && r >= -4095 {
		return raw.Errno(-r)
	}
	return 0
}

func clockGettime(id ClockID, ts *Timespec) raw.Errno {
	if fn := vdsoClockGettime; fn != 0 && vdsoServes(id) {
		return vdsoErr(vdsoCall(fn, uintptr(id), unsafe.Pointer(ts)))
	}
	return sysClockGettime(id, ts)
}

func clockGetres(id ClockID, ts *Timespec) raw.Errno {
	if fn := vdsoClockGetres; fn != 0 && vdsoServes(id) {
		return vdsoErr(vdsoCall(fn, uintptr(id), unsafe.Pointer(ts)))
	}
	return sysClockGetres(id, ts)
}

func getcpu(cpu, node *uint32) raw.Errno {
	if fn := vdsoGetcpu; fn != 0 {
		return vdsoErr(vdsoCallP(fn, unsafe.Pointer(cpu), unsafe.Pointer(node)))
	}
	return sysGetcpu(cpu, node)
}

func timeNow() (int64, error) {
	if fn := vdsoTime; fn != 0 {
		return int64(vdsoCallP(fn, nil, nil)), nil
	}
	var ts Timespec
	if e := clockGettime(CLOCK_REALTIME, &ts); e != 0 {
		return 0, e
	}
	return int64(ts.Sec), nil
}
