package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadArmPrivate reads arm's private calls from a copy of the three kernel files and
// fails on a call the table of armprivate.go does not describe.
func TestReadArmPrivate(t *testing.T) {
	k := os.Getenv("RAWLINUX_KERNEL")
	if k == "" {
		t.Skip("RAWLINUX_KERNEL is unset (the directory internal/gen/kernel.sh prints)")
	}
	files := []string{"arch/arm/include/uapi/asm/unistd.h", "arch/arm/kernel/entry-common.S", "arch/arm/kernel/traps.c"}
	copyTree := func(edit func(name, text string) string) *kernelSource {
		dir := t.TempDir()
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(k, "linux", f))
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, f), []byte(edit(f, string(b))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return &kernelSource{tree: dir}
	}
	rows, protos, err := readArmPrivate(copyTree(func(_, s string) string { return s }))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[1].name != "cacheflush" || rows[1].number != 0x0f0002 || rows[1].abi != "private" || rows[1].entry != "arm_syscall" {
		t.Fatalf("rows %+v", rows)
	}
	if p := protos["cacheflush"]; len(p.args) != 3 || p.source != "arch/arm/kernel/traps.c" {
		t.Errorf("cacheflush: %+v", p)
	}
	_, _, err = readArmPrivate(copyTree(func(f, s string) string {
		if strings.HasSuffix(f, "unistd.h") {
			s = strings.Replace(s, "#define __ARM_NR_get_tls", "#define __ARM_NR_new_call\t\t(__ARM_NR_BASE+7)\n#define __ARM_NR_get_tls", 1)
		}
		return s
	}))
	if err == nil || !strings.Contains(err.Error(), "new_call") {
		t.Errorf("a new private call: %v", err)
	}
	_, _, err = readArmPrivate(copyTree(func(f, s string) string {
		return strings.Replace(s, "set_tls(regs->ARM_r0);", "set_tls(regs->ARM_r1);", 1)
	}))
	if err == nil || !strings.Contains(err.Error(), "set_tls") {
		t.Errorf("a changed case: %v", err)
	}
}
