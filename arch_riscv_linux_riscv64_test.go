//go:build linux

package linux

import (
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

func TestRiscvFlushIcache(t *testing.T) {
	code := make([]byte, 64)
	start := uintptr(unsafe.Pointer(&code[0]))
	err := RiscvFlushIcache(start, start+64, 0)
	skipUnsupported(t, "riscv_flush_icache", err)
	must(t, "riscv_flush_icache", err)
	must(t, "riscv_flush_icache local", RiscvFlushIcache(start, start+64, 1))
	if err := RiscvFlushIcache(start, start+64, 2); err == nil && qemuUser() {
		t.Log("qemu-riscv64's riscv_flush_icache ignores its flags")
	} else {
		wantErrno(t, "riscv_flush_icache with bad flags", err, EINVAL)
	}
}

// RiscvHwprobe (the vDSO's answer where there is one) next to the system call.
func TestRiscvHwprobeSyscall(t *testing.T) {
	pairs := []RiscvHwprobe_t{{Key: RISCV_HWPROBE_KEY_MVENDORID}, {Key: RISCV_HWPROBE_KEY_BASE_BEHAVIOR}, {Key: RISCV_HWPROBE_KEY_IMA_EXT_0}}
	sys := append([]RiscvHwprobe_t(nil), pairs...)
	must(t, "RiscvHwprobe", RiscvHwprobe(pairs, nil, 0))
	_, _, e := raw.Syscall6(SYS_RISCV_HWPROBE, uintptr(unsafe.Pointer(&sys[0])), uintptr(len(sys)), 0, 0, 0, 0)
	skipUnsupported(t, "riscv_hwprobe", e)
	if e != 0 {
		t.Fatalf("riscv_hwprobe: %v", e)
	}
	for i := range pairs {
		if pairs[i] != sys[i] {
			t.Fatalf("pair %d: %+v from RiscvHwprobe, %+v from the system call", i, pairs[i], sys[i])
		}
	}
	if pairs[1].Value&RISCV_HWPROBE_BASE_BEHAVIOR_IMA == 0 {
		t.Fatalf("base behavior %#x: no IMA", pairs[1].Value)
	}
}
