// Package bench compares rawlinux's vDSO calls with glibc, with the vDSO called from C,
// and with golang.org/x/sys/unix, side by side in one process. Run
//
//	go test -bench . ./           # the benchmarks
//	go run ./cmd/ratios           # all of them in one process, ratios as a markdown table
package bench

import (
	"testing"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/bench/cvdso"
	"github.com/rawlinux/linux/vdso"
	"golang.org/x/sys/unix"
)

// Clock is one clock the benchmarks read.
type Clock struct {
	Name string
	ID   linux.ClockID
}

// Clocks are the clocks of the speed goals.
var Clocks = []Clock{
	{"MONOTONIC", linux.CLOCK_MONOTONIC},
	{"REALTIME", linux.CLOCK_REALTIME},
	{"BOOTTIME", linux.CLOCK_BOOTTIME},
	{"TAI", linux.CLOCK_TAI},
	{"MONOTONIC_RAW", linux.CLOCK_MONOTONIC_RAW},
	{"REALTIME_COARSE", linux.CLOCK_REALTIME_COARSE},
	{"MONOTONIC_COARSE", linux.CLOCK_MONOTONIC_COARSE},
}

var sink int64

// Rawlinux reads clock id with linux.ClockGettime.
func Rawlinux(id linux.ClockID) func(*testing.B) {
	return func(b *testing.B) {
		b.ReportAllocs()
		var s int64
		for i := 0; i < b.N; i++ {
			ts, _ := linux.ClockGettime(id)
			s += int64(ts.Nsec)
		}
		sink = s
	}
}

// Glibc reads clock id with glibc's clock_gettime, N calls in a C loop.
func Glibc(id linux.ClockID) func(*testing.B) {
	return func(b *testing.B) { cvdso.ClockGettime(int(id), b.N) }
}

// XSys reads clock id with golang.org/x/sys/unix.ClockGettime (a system call).
func XSys(id linux.ClockID) func(*testing.B) {
	return func(b *testing.B) {
		b.ReportAllocs()
		var ts unix.Timespec
		for i := 0; i < b.N; i++ {
			unix.ClockGettime(int32(id), &ts)
		}
	}
}

// GetcpuRawlinux calls linux.Getcpu.
func GetcpuRawlinux(b *testing.B) {
	b.ReportAllocs()
	s := 0
	for i := 0; i < b.N; i++ {
		c, _, _ := linux.Getcpu()
		s += c
	}
	sink = int64(s)
}

// GetcpuC calls the vDSO's getcpu from a C loop.
func GetcpuC(b *testing.B) {
	fn := vdso.Lookup("__vdso_getcpu", "LINUX_2.6")
	if fn == 0 {
		b.Skip("no __vdso_getcpu")
	}
	cvdso.VDSOGetcpu(fn, b.N)
}

// GetcpuXSys makes the getcpu system call through golang.org/x/sys/unix.
func GetcpuXSys(b *testing.B) {
	var cpu, node uint32
	for i := 0; i < b.N; i++ {
		unix.RawSyscall(unix.SYS_GETCPU, uintptr(unsafe.Pointer(&cpu)), uintptr(unsafe.Pointer(&node)), 0)
	}
}

// GetrandomRawlinux fills 16 bytes with linux.Getrandom.
func GetrandomRawlinux(b *testing.B) {
	b.ReportAllocs()
	var buf [16]byte
	for i := 0; i < b.N; i++ {
		linux.Getrandom(buf[:], 0)
	}
}

// GetrandomC fills 16 bytes with the kernel's vgetrandom called from a C loop, with a state
// allocated as vgetrandom_alloc does.
func GetrandomC(b *testing.B) {
	fn := vdso.Lookup("__vdso_getrandom", "LINUX_2.6")
	if fn == 0 {
		b.Skip("no __vdso_getrandom")
	}
	if err := cvdso.VGetrandomSetup(fn); err != nil {
		b.Skip(err)
	}
	b.ResetTimer()
	if r := cvdso.VGetrandom(fn, b.N, 16); r != 16 && b.N > 0 {
		b.Fatalf("vgetrandom returned %d", r)
	}
}

// GetrandomXSys fills 16 bytes with golang.org/x/sys/unix.Getrandom.
func GetrandomXSys(b *testing.B) {
	var buf [16]byte
	for i := 0; i < b.N; i++ {
		unix.Getrandom(buf[:], 0)
	}
}

// GetrandomSyscall fills 16 bytes with the getrandom system call.
func GetrandomSyscall(b *testing.B) {
	var buf [16]byte
	for i := 0; i < b.N; i++ {
		unix.RawSyscall(unix.SYS_GETRANDOM, uintptr(unsafe.Pointer(&buf[0])), 16, 0)
	}
}
