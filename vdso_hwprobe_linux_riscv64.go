//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// vdsoCall5 calls the C function fn(a0, ..., a4) like vdsoCall.
//
//go:noescape
func vdsoCall5(fn, a0, a1, a2, a3, a4 uintptr) int

// RiscvHwprobe asks the kernel about the hardware (riscv_hwprobe(2)): it fills in the Value
// of each pair's Key (RISCV_HWPROBE_KEY_*; the kernel sets a Key it does not know to -1),
// for the CPUs in cpus (a cpu_set_t: bit n of word n/64 is CPU n; empty
// means all online CPUs), flags as RISCV_HWPROBE_WHICH_CPUS says. It calls the vDSO's
// __vdso_riscv_hwprobe, which answers from a cache for the common all-CPUs question, and
// falls back to the system call.
func RiscvHwprobe(pairs []RiscvHwprobe_t, cpus []uint64, flags uint) error {
	n, size := uintptr(len(pairs)), uintptr(len(cpus))*8
	if fn := vdsoRiscvHwprobe; fn != 0 {
		// The conversions stay in the call: the slices' memory is kept in place until
		// the assembly function returns.
		r := vdsoCall5(fn, uintptr(unsafe.Pointer(unsafe.SliceData(pairs))), n, size,
			uintptr(unsafe.Pointer(unsafe.SliceData(cpus))), uintptr(flags))
		if r == 0 {
			return nil
		}
		if r < 0 && r >= -4095 && r != -int(ENOSYS) {
			return raw.Errno(-r)
		}
	}
	_, _, e := raw.Syscall6(SYS_RISCV_HWPROBE, uintptr(unsafe.Pointer(unsafe.SliceData(pairs))), n, size,
		uintptr(unsafe.Pointer(unsafe.SliceData(cpus))), uintptr(flags), 0)
	if e != 0 {
		return e
	}
	return nil
}
