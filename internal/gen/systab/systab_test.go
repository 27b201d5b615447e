package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// tree writes files (path -> content) into a fake kernel tree and returns its reader.
func tree(t *testing.T, files map[string]string) *kernelSource {
	t.Helper()
	dir := t.TempDir()
	for f, text := range files {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &kernelSource{tree: dir}
}

func arch(t *testing.T, name string) arches.Arch {
	a, ok := arches.Lookup(name)
	if !ok {
		t.Fatalf("no arch %s", name)
	}
	return a
}

func TestReadTable(t *testing.T) {
	ks := tree(t, map[string]string{"t.tbl": `# comment
0	common	read		sys_read
1	64	write		sys_write	-
2	x32	openx		sys_open
3	common	exit		sys_exit	-	noreturn
4	common	gone
5	common	oldcall		sys_ni_syscall	compat_sys_old
`})
	sel := tableSelection{table: "t.tbl", abis: map[string]bool{}, offset: 4000}
	sel.addABI("common")
	sel.addABI("64")
	rows, err := readTable(ks, sel)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.name)
	}
	if strings.Join(got, " ") != "read write exit gone oldcall" {
		t.Errorf("rows %v", got)
	}
	if rows[0].number != 4000 || rows[1].entry != "sys_write" || rows[2].entry != "sys_exit" || rows[3].implemented() || rows[4].implemented() || rows[4].compat != "compat_sys_old" {
		t.Errorf("rows %+v", rows)
	}
	for _, bad := range []string{"0 common read sys_read\n0 common write sys_write\n", "x common read\n", "0 common\n", "0 common read sys_read - flag\n"} {
		ks := tree(t, map[string]string{"t.tbl": bad})
		if _, err := readTable(ks, sel); err == nil {
			t.Errorf("table %q accepted", bad)
		}
	}
}

// TestSelection reads the ABIs, table and offset from build files shaped like the kernel's,
// and reports a missing file instead of a silent default (a selection error was once
// dropped, leaving mips's offset at 0).
func TestSelection(t *testing.T) {
	generic := map[string]string{
		"scripts/Makefile.asm-headers":              "syscall_abis_64 := common,64\nsyscalltbl = $(srctree)/scripts/syscall.tbl\n",
		"arch/arm64/kernel/Makefile.syscalls":       "syscall_abis_64 += renameat rlimit memfd_secret\n",
		"arch/arm64/include/uapi/asm/Kbuild":        "syscall-y += unistd_64.h\n",
		"scripts/syscall.tbl":                       "0 common io_setup sys_io_setup\n",
		"arch/mips/kernel/syscalls/Makefile":        "uapi := arch/$(SRCARCH)/include/generated/uapi/asm\n      cmd_syshdr = $(CONFIG_SHELL) $(syshdr) --offset __NR_Linux $< $@\n$(uapi)/unistd_%.h: $(src)/syscall_%.tbl $(syshdr) FORCE\n",
		"arch/mips/kernel/syscalls/syscall_o32.tbl": "0 o32 syscall sys_syscall\n",
		"arch/mips/include/uapi/asm/unistd.h":       "#if _MIPS_SIM == _MIPS_SIM_ABI32\n#define __NR_Linux\t4000\n#include <asm/unistd_o32.h>\n#endif\n",
	}
	ks := tree(t, generic)
	sel := tableSelection{header: "unistd_64.h", abis: map[string]bool{}}
	if err := genericSelection(ks, arch(t, "arm64"), "arch/arm64/kernel/Makefile.syscalls", &sel); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(sel.abiList(), ","); got != "common,64,renameat,rlimit,memfd_secret" || sel.table != "scripts/syscall.tbl" {
		t.Errorf("arm64: abis %s table %s", got, sel.table)
	}
	sel = tableSelection{header: "unistd_o32.h", abis: map[string]bool{}}
	if err := archMakefileSelection(ks, arch(t, "mips"), &sel); err != nil {
		t.Fatal(err)
	}
	if sel.offset != 4000 || !sel.all || sel.table != "arch/mips/kernel/syscalls/syscall_o32.tbl" {
		t.Errorf("mips: %+v", sel)
	}
	delete(generic, "arch/mips/include/uapi/asm/unistd.h")
	ks = tree(t, generic)
	sel = tableSelection{header: "unistd_o32.h", abis: map[string]bool{}}
	if err := archMakefileSelection(ks, arch(t, "mips"), &sel); err == nil {
		t.Errorf("mips without asm/unistd.h: offset %d, no error", sel.offset)
	}
}

func TestCheckAgainstArches(t *testing.T) {
	a := arch(t, "mips")
	sel := tableSelection{table: a.Table, abis: map[string]bool{}, offset: a.Offset}
	for _, x := range a.ABIs {
		sel.addABI(x)
	}
	if err := checkAgainstArches(a, sel); err != nil {
		t.Errorf("agreeing selection: %v", err)
	}
	sel.offset = 0
	if err := checkAgainstArches(a, sel); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("wrong offset: %v", err)
	}
}

func TestSysnumItems(t *testing.T) {
	tables := []archTable{{arch: arch(t, "amd64"), rows: []row{
		{number: 0, name: "read", entry: "sys_read"},
		{number: 134, name: "uselib"},
		{number: 174, name: "create_module", entry: "sys_ni_syscall"},
	}}}
	nums, checks := sysnumItems(tables)
	var got []string
	for _, it := range nums["amd64"] {
		got = append(got, it.Text)
	}
	want := []string{"SYS_READ = 0", "SYS_USELIB = 134 // not implemented: the table gives no entry point", "SYS_CREATE_MODULE = 174 // not implemented: sys_ni_syscall"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("constants:\n%s", strings.Join(got, "\n"))
	}
	if c := checks["amd64"]; len(c) != 3 || c[0].Text != `_ = sysnum("read", linux.SYS_READ)` {
		t.Errorf("checks %v", c)
	}
}

func TestParseArgs(t *testing.T) {
	for in, want := range map[string]string{
		"void": "",
		"unsigned int fd, char __user *buf, size_t count": "unsigned int fd|char __user * buf|size_t count",
		"const char __user *const __user *argv":           "const char __user *const __user * argv",
		"struct open_how __user *how":                     "struct open_how __user * how",
		"struct sigaction":                                "struct sigaction ",
		"unsigned long":                                   "unsigned long ",
	} {
		args, err := parseArgs(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		var got []string
		for _, a := range args {
			got = append(got, a.typ+" "+a.name)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%q: %q, want %q", in, strings.Join(got, "|"), want)
		}
	}
	if _, err := parseArgs("int (*fn)(void)"); err == nil {
		t.Error("a function pointer parameter parsed")
	}
}
