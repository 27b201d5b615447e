//go:build linux

package linux

import (
	"errors"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// TestRiscvHwprobe asks for the base behaviour and the vendor id through RiscvHwprobe (the
// vDSO where it has __vdso_riscv_hwprobe) and through the system call, and compares.
func TestRiscvHwprobe(t *testing.T) {
	keys := []int64{RISCV_HWPROBE_KEY_MVENDORID, RISCV_HWPROBE_KEY_BASE_BEHAVIOR, RISCV_HWPROBE_KEY_IMA_EXT_0, 1 << 40}
	pairs := make([]RiscvHwprobe_t, len(keys))
	sys := make([]RiscvHwprobe_t, len(keys))
	for i, k := range keys {
		pairs[i].Key, sys[i].Key = k, k
	}
	_, _, e := raw.Syscall6(SYS_RISCV_HWPROBE, uintptr(unsafe.Pointer(&sys[0])), uintptr(len(sys)), 0, 0, 0, 0)
	if e != 0 {
		if errors.Is(e, ENOSYS) {
			t.Skipf("riscv_hwprobe: %v (kernel or emulator older than Linux 6.4)", e)
		}
		t.Fatalf("riscv_hwprobe system call: %v", e)
	}
	if err := RiscvHwprobe(pairs, nil, 0); err != nil {
		t.Fatalf("RiscvHwprobe: %v", err)
	}
	t.Logf("vDSO __vdso_riscv_hwprobe used: %v; %+v", vdsoRiscvHwprobe != 0, pairs)
	for i := range pairs {
		if pairs[i] != sys[i] {
			t.Errorf("pair %d: RiscvHwprobe %+v, system call %+v", i, pairs[i], sys[i])
		}
	}
	if pairs[3].Key != -1 {
		t.Errorf("unknown key 1<<40 came back as %+v, want key -1", pairs[3])
	}
	if pairs[1].Value&RISCV_HWPROBE_BASE_BEHAVIOR_IMA == 0 {
		t.Errorf("base behaviour %#x lacks RISCV_HWPROBE_BASE_BEHAVIOR_IMA", pairs[1].Value)
	}
	// The 5-argument trampoline, which qemu's vDSO (no __vdso_riscv_hwprobe) leaves
	// untested above: call clock_gettime through it.
	if fn := vdsoClockGettime; fn != 0 {
		var ts, want Timespec
		if r := vdsoCall5(fn, uintptr(CLOCK_MONOTONIC), uintptr(unsafe.Pointer(&ts)), 0, 0, 0); r != 0 {
			t.Errorf("clock_gettime through vdsoCall5: %d", r)
		}
		if e := sysClockGettime(CLOCK_MONOTONIC, &want); e != 0 || nsec(ts) <= 0 || nsec(ts) > nsec(want) {
			t.Errorf("clock_gettime through vdsoCall5: %+v, then the system call %+v (%v)", ts, want, e)
		}
	}
	// A bad flag: EINVAL from both paths.
	if err := RiscvHwprobe(pairs, nil, 1<<20); !errors.Is(err, EINVAL) {
		t.Errorf("RiscvHwprobe with a bad flag: %v, want EINVAL", err)
	}
}
