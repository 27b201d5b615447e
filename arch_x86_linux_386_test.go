//go:build linux

package linux

import (
	"runtime"
	"testing"
	"unsafe"
)

// The GDT TLS entries of 386: a free one set and read back, the runtime's refused.
func TestThreadArea(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	mine := uint32(gsSelector() >> 3)
	var cur UserDesc
	cur.EntryNumber = mine
	err := GetThreadArea(&cur)
	skipUnsupported(t, "get_thread_area", err)
	must(t, "get_thread_area of the runtime's entry", err)
	if cur.BaseAddr == 0 || cur.SegNotPresent() != 0 {
		t.Fatalf("the runtime's TLS entry %d: %+v", mine, cur)
	}
	wantErrno(t, "set_thread_area of the runtime's entry", SetThreadArea(&cur), EPERM)
	var x [64]byte
	d := UserDesc{EntryNumber: ^uint32(0), BaseAddr: uint32(uintptr(unsafe.Pointer(&x))), Limit: 0xfffff}
	d.SetSeg32bit(1)
	d.SetLimitInPages(1)
	d.SetUseable(1)
	must(t, "set_thread_area", SetThreadArea(&d))
	// The three TLS entries are 6-8 on a 386 kernel, 12-14 on an x86-64 one.
	if d.EntryNumber == ^uint32(0) || d.EntryNumber == mine || d.EntryNumber+2 < mine || d.EntryNumber > mine+2 {
		t.Fatalf("the kernel chose entry %d (the runtime's is %d)", d.EntryNumber, mine)
	}
	back := UserDesc{EntryNumber: d.EntryNumber}
	must(t, "get_thread_area", GetThreadArea(&back))
	if back.BaseAddr != d.BaseAddr || back.Limit != 0xfffff || back.Seg32bit() != 1 {
		t.Fatalf("read back %+v, set %+v", back, d)
	}
	// Free it again.
	empty := UserDesc{EntryNumber: d.EntryNumber}
	empty.SetReadExecOnly(1)
	empty.SetSegNotPresent(1)
	must(t, "clear", SetThreadArea(&empty))
	wantErrno(t, "get_thread_area of entry 100", GetThreadArea(&UserDesc{EntryNumber: 100}), EINVAL)
}

func TestVm86(t *testing.T) {
	// VM86_PLUS_INSTALL_CHECK (0, asm/vm86.h): 0 on a kernel with CONFIG_VM86.
	_, err := Vm86(0, 0)
	skipUnsupported(t, "vm86", err)
	if err == ENOSYS {
		t.Skip("vm86: ENOSYS (a kernel without CONFIG_VM86, or a 64-bit one)")
	}
	must(t, "vm86 install check", err)
	_, err = Vm86old(nil)
	skipUnsupported(t, "vm86old", err)
	wantErrno(t, "vm86old(NULL)", err, EFAULT)
}
