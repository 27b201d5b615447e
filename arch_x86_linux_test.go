//go:build linux && (amd64 || 386)

package linux

import (
	"compress/gzip"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// The x86 calls: arch_prctl (and what it refuses), modify_ldt, ioperm and iopl.

func TestArchPrctl(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	on, err := ArchGetCPUID()
	skipUnsupported(t, "arch_prctl", err)
	if err != nil || !on {
		t.Fatalf("ARCH_GET_CPUID: %v %v (CPUID works: the runtime used it)", on, err)
	}
	supp, err := ArchGetXcompSupp()
	skipUnsupported(t, "ARCH_GET_XCOMP_SUPP", err)
	if err != nil || supp&3 != 3 { // x87 and SSE state: on every x86-64
		t.Fatalf("ARCH_GET_XCOMP_SUPP = %#x, %v", supp, err)
	}
	if perm, err := ArchGetXcompPerm(); err != nil || perm&supp != perm {
		t.Fatalf("ARCH_GET_XCOMP_PERM = %#x (supported %#x), %v", perm, supp, err)
	}
	// Only the dynamically enabled features are asked for (AMX's tiles, where the CPU
	// has them); SSE's state (1) is no such facility, 63 is past the last feature.
	if err := ArchReqXcompPerm(ARCH_XCOMP_TILEDATA); supp&(1<<ARCH_XCOMP_TILEDATA) != 0 {
		must(t, "ARCH_REQ_XCOMP_PERM of AMX", err)
	} else {
		wantErrno(t, "ARCH_REQ_XCOMP_PERM of AMX without AMX", err, EOPNOTSUPP)
	}
	wantErrno(t, "ARCH_REQ_XCOMP_PERM of SSE", ArchReqXcompPerm(1), EOPNOTSUPP)
	wantErrno(t, "ARCH_REQ_XCOMP_PERM of feature 63", ArchReqXcompPerm(63), EINVAL)
	if runtime.GOARCH == "amd64" {
		fs, err := ArchGetFS()
		must(t, "ARCH_GET_FS", err)
		if again, _ := ArchGetFS(); fs == 0 || again != fs {
			t.Fatalf("FS base %#x then %#x", fs, again)
		}
		if !mapped(t, fs) {
			t.Fatalf("FS base %#x is in no mapping of /proc/self/maps", fs)
		}
		// Another thread has its own.
		other := make(chan uintptr)
		go func() {
			runtime.LockOSThread()
			v, _ := ArchGetFS()
			other <- v
		}()
		if v := <-other; v == fs || v == 0 {
			t.Fatalf("another thread's FS base %#x, this one's %#x", v, fs)
		}
		if _, err := ArchGetGS(); err != nil {
			t.Fatalf("ARCH_GET_GS: %v", err)
		}
	}
	// Refused without a system call: what would break the runtime.
	_, err = ArchPrctl(ARCH_SET_FS, 0)
	if runtime.GOARCH == "amd64" {
		wantErrno(t, "ARCH_SET_FS", err, EPERM)
	} else {
		wantErrno(t, "ARCH_SET_FS on 386 (the kernel's answer)", err, EINVAL)
	}
	_, err = ArchPrctl(ARCH_SHSTK_ENABLE, ARCH_SHSTK_SHSTK)
	wantErrno(t, "ARCH_SHSTK_ENABLE", err, EPERM)
	_, err = ArchPrctl(0x7777, 0)
	wantErrno(t, "an unknown option", err, EINVAL)
}

// mapped reports whether addr is inside a mapping of the process.
func mapped(t *testing.T, addr uintptr) bool {
	b, err := os.ReadFile("/proc/self/maps")
	must(t, "maps", err)
	for _, l := range strings.Split(string(b), "\n") {
		lo, hi, ok := strings.Cut(strings.Fields(l + " x")[0], "-")
		if !ok {
			continue
		}
		a, _ := strconv.ParseUint(lo, 16, 64)
		z, _ := strconv.ParseUint(hi, 16, 64)
		if uint64(addr) >= a && uint64(addr) < z {
			return true
		}
	}
	return false
}

func TestModifyLdt(t *testing.T) {
	// Write entry 3 of the LDT (a 32-bit data segment), read the table back, clear it.
	desc := UserDesc{EntryNumber: 3, BaseAddr: 0x1000, Limit: 0xff}
	desc.SetSeg32bit(1)
	desc.SetUseable(1)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&desc)), unsafe.Sizeof(desc))
	_, err := ModifyLdt(0x11, b)
	skipUnsupported(t, "modify_ldt", err)
	if err == ENOSYS {
		t.Skip("modify_ldt: ENOSYS (a kernel without CONFIG_MODIFY_LDT_SYSCALL)")
	}
	must(t, "modify_ldt write", err)
	table := make([]byte, 8*8)
	n, err := ModifyLdt(0, table)
	if err != nil || n < 4*8 {
		t.Fatalf("modify_ldt read: %d bytes, %v", n, err)
	}
	entry := table[3*8 : 4*8]
	// The descriptor's limit 0xff and base 0x1000, as the CPU's format holds them.
	if entry[0] != 0xff || entry[1] != 0 || entry[2] != 0x00 || entry[3] != 0x10 {
		t.Fatalf("LDT entry 3 is % x", entry)
	}
	empty := UserDesc{EntryNumber: 3}
	empty.SetReadExecOnly(1)
	empty.SetSegNotPresent(1)
	_, err = ModifyLdt(0x11, unsafe.Slice((*byte)(unsafe.Pointer(&empty)), unsafe.Sizeof(empty)))
	must(t, "modify_ldt clear", err)
	_, err = ModifyLdt(0x11, b[:4])
	wantErrno(t, "a short user_desc", err, EINVAL)
	_, err = ModifyLdt(7, table)
	wantErrno(t, "an unknown func", err, ENOSYS)
}

// kernelConfigOff reports whether /proc/config.gz says option (CONFIG_...) is not set.
func kernelConfigOff(t *testing.T, option string) bool {
	f, err := os.Open("/proc/config.gz")
	if err != nil {
		return false
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return false
	}
	b, _ := io.ReadAll(z)
	return strings.Contains(string(b), "# "+option+" is not set\n")
}

func TestIopermIopl(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	err := Ioperm(0x80, 1, 1)
	if kernelConfigOff(t, "CONFIG_X86_IOPL_IOPERM") {
		// This kernel has neither (the running one's configuration says so): both are
		// the stubs that answer ENOSYS.
		wantErrno(t, "ioperm without CONFIG_X86_IOPL_IOPERM", err, ENOSYS)
		wantErrno(t, "iopl without CONFIG_X86_IOPL_IOPERM", Iopl(0), ENOSYS)
		return
	}
	skipUnsupported(t, "ioperm", err)
	if err == EPERM {
		t.Skip("ioperm needs CAP_SYS_RAWIO")
	}
	must(t, "ioperm on", err)
	must(t, "ioperm off", Ioperm(0x80, 1, 0))
	wantErrno(t, "ioperm past the last port", Ioperm(0x10000, 1, 1), EINVAL)
	must(t, "iopl 0", Iopl(0))
	wantErrno(t, "iopl 4", Iopl(4), EINVAL)
}
