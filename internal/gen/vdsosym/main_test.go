package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// A linker script shaped like powerpc's: the version is a macro of asm/vdso.h, symbols sit
// under #ifdefs, another version block holds what is not called.
const script = `/* SPDX */
#include <asm/vdso.h>
OUTPUT_FORMAT("elf64")
VERSION
{
	VDSO_VERSION_STRING {
	global:
		__kernel_gettimeofday;
#ifdef CONFIG_X
		__kernel_clock_gettime;
		__kernel_clock_gettime64;
#endif
		__kernel_clock_getres;
		__kernel_getcpu; /* a comment */
	local: *;
	};
	LINUX_2.5 {
	global:
		__kernel_sigreturn;
	};
}
`

func fakeTree(t *testing.T, a arches.Arch) string {
	t.Helper()
	dir := t.TempDir()
	for f, text := range map[string]string{
		a.VDSO: script,
		"arch/" + a.Kernel + "/include/asm/vdso.h": "#ifndef X\n#define X\n\n#define VDSO_VERSION_STRING\tLINUX_9.9\n#endif\n",
	} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExportsAndNames(t *testing.T) {
	for _, c := range []struct{ arch, gettime, getres, time, getcpu string }{
		{"ppc64", "__kernel_clock_gettime", "__kernel_clock_getres", "", "__kernel_getcpu"},
		// 32-bit: the 64-bit time_t clocks, no time; clock_getres_time64 is not exported.
		{"arm", "__kernel_clock_gettime64", "", "", "__kernel_getcpu"},
	} {
		a, _ := arches.Lookup(c.arch)
		ex, err := exports(fakeTree(t, a), a)
		if err != nil {
			t.Fatal(err)
		}
		if len(ex) != 6 || ex[0] != (export{"__kernel_gettimeofday", "LINUX_9.9"}) || ex[5] != (export{"__kernel_sigreturn", "LINUX_2.5"}) {
			t.Errorf("%s: exports %v", c.arch, ex)
		}
		version, syms, err := names(a, ex)
		if err != nil {
			t.Fatal(err)
		}
		if version != "LINUX_9.9" || syms["clockGettime"] != c.gettime || syms["clockGetres"] != c.getres || syms["time"] != c.time || syms["getcpu"] != c.getcpu || syms["riscvHwprobe"] != "" {
			t.Errorf("%s: %s %v", c.arch, version, syms)
		}
	}
}

func TestUnresolvedVersion(t *testing.T) {
	a, _ := arches.Lookup("s390x")
	dir := fakeTree(t, a)
	os.Remove(filepath.Join(dir, "arch", a.Kernel, "include/asm/vdso.h"))
	if _, err := exports(dir, a); err == nil || !strings.Contains(err.Error(), "VDSO_VERSION_STRING") {
		t.Errorf("a version macro without its header: %v", err)
	}
}

// TestKernelScripts reads the real linker scripts of the pinned kernel when the kernel
// material is there (RAWLINUX_KERNEL): every arch exports clock_gettime.
func TestKernelScripts(t *testing.T) {
	k := os.Getenv("RAWLINUX_KERNEL")
	if k == "" {
		t.Skip("RAWLINUX_KERNEL is unset (the directory internal/gen/kernel.sh prints)")
	}
	for _, a := range arches.All {
		ex, err := exports(arches.KernelDirs(k, "").Tree, a)
		if err != nil {
			t.Fatal(err)
		}
		version, syms, err := names(a, ex)
		if err != nil {
			t.Fatal(err)
		}
		if syms["clockGettime"] == "" || !strings.HasPrefix(version, "LINUX_") {
			t.Errorf("%s: %s %v", a.GOARCH, version, syms)
		}
	}
}
