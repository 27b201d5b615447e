package main

import (
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// The generator's own tests for what issue 10 added: uintptr(CONST) mappings, the canonical
// declarations of raw-only rows, zero values of named array types.

func TestUintptrConv(t *testing.T) {
	for _, c := range []struct {
		in, inner string
		ok        bool
	}{
		{"uintptr(LINUX_REBOOT_MAGIC1)", "LINUX_REBOOT_MAGIC1", true},
		{"uintptr(A|B)", "A|B", true},
		{"uintptr()", "", false},
		{"uintptr(f(x))", "", false},
		{"LINUX_REBOOT_MAGIC1", "", false},
		{"len(buf)", "", false},
	} {
		inner, ok := uintptrConv(c.in)
		if inner != c.inner || ok != c.ok {
			t.Errorf("uintptrConv(%q) = %q, %v; want %q, %v", c.in, inner, ok, c.inner, c.ok)
		}
	}
}

// TestUintptrMapping: a uintptr(CONST) mapping reaches the call as the constant's bits, on a
// 32-bit arch too, where the int conversion of other constants would overflow.
func TestUintptrMapping(t *testing.T) {
	st, err := parseFunc("func Reboot(cmd uint32) error")
	if err != nil {
		t.Fatal(err)
	}
	st.doc, st.calls = "reboots", []callRow{{row: "reboot"}}
	st.maps = []mapping{{"magic1", "uintptr(LINUX_REBOOT_MAGIC1)", 1}, {"magic2", "uintptr(LINUX_REBOOT_MAGIC2)", 2}, {"arg", "0", 3}}
	for _, goarch := range []string{"amd64", "386"} {
		a := archOf(t, goarch)
		e, _ := systab.Lookup(systab.Arch(goarch), "reboot")
		proto, ok := prototypeOn(a, e)
		if !ok {
			t.Fatal("no reboot prototype")
		}
		body, err := emit(st, a, e, proto, map[string]bool{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, "raw.Syscall6(SYS_REBOOT, uintptr(LINUX_REBOOT_MAGIC1), uintptr(LINUX_REBOOT_MAGIC2), uintptr(cmd), 0") {
			t.Errorf("%s: %s", goarch, body)
		}
	}
}

func TestRawOnlyStub(t *testing.T) {
	s := rawOnlyStub("RtSigreturn", "rt_sigreturn", "only the kernel's trampoline may make it.")
	for _, want := range []string{
		"// RtSigreturn is not a wrapper: package linux does not make rt_sigreturn(2), which stays",
		"only the kernel's trampoline may make it.\n",
		"reachable as SYS_RT_SIGRETURN",
		"[rt_sigreturn(2)]: https://man7.org/linux/man-pages/man2/rt_sigreturn.2.html",
		"func RtSigreturn() error { return ENOSYS }\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("stub lacks %q:\n%s", want, s)
		}
	}
}

func TestZeroOfNamedArray(t *testing.T) {
	structTypes["CPUSetForTest"] = true // what readStructTypes records for type X [N]T
	defer delete(structTypes, "CPUSetForTest")
	if z := zeroOf("CPUSetForTest"); z != "CPUSetForTest{}" {
		t.Errorf("zeroOf = %q", z)
	}
}

func archOf(t *testing.T, goarch string) arches.Arch { // by name, failing the test
	for _, a := range arches.All {
		if a.GOARCH == goarch {
			return a
		}
	}
	t.Fatalf("no arch %s", goarch)
	return arches.Arch{}
}
