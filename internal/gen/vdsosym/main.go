// Command vdsosym generates zvdso_linux.go: the names and the version of the vDSO functions
// that package linux calls directly, for every arch, from the kernel's vDSO linker scripts
// (the VERSION block of arches.Arch.VDSO, with the version macro of arch/*/include/asm/vdso.h
// where the script names it by macro).
//
// A function is looked up as __vdso_<name> or __kernel_<name>, whichever the script exports.
// On the 32-bit arches the clocks are the 64-bit time_t variants (clock_gettime64,
// clock_getres_time64) and time is left out (its result is a 32-bit time_t).
//
//	go run ./internal/gen/vdsosym -kernel DIR -out .
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// A function is one vDSO function that package linux calls: its field in vdsoNames and the
// names it may have in a linker script, without the prefix (the 32-bit arches' first).
type function struct {
	field   string
	names   []string
	names32 []string // on the 32-bit arches; nil: the same as names; empty: not called there
}

var functions = []function{
	{field: "clockGettime", names: []string{"clock_gettime"}, names32: []string{"clock_gettime64"}},
	{field: "clockGetres", names: []string{"clock_getres"}, names32: []string{"clock_getres_time64"}},
	{field: "time", names: []string{"time"}, names32: []string{}},
	{field: "getcpu", names: []string{"getcpu"}},
	{field: "riscvHwprobe", names: []string{"riscv_hwprobe"}},
}

var prefixes = []string{"__vdso_", "__kernel_"}

// An export is one symbol of a linker script's VERSION block.
type export struct{ name, version string }

var (
	versionBlock = regexp.MustCompile(`(?s)\bVERSION\s*\{(.*)\}`)
	versionNode  = regexp.MustCompile(`(?s)([A-Za-z_][\w.]*)\s*\{(.*?)\}\s*;`)
	symbolLine   = regexp.MustCompile(`^\s*([A-Za-z_]\w*)\s*;`)
	macroDefine  = regexp.MustCompile(`(?m)^#define[ \t]+(\w+)[ \t]+(\S+)`)
	comments     = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// exports reads the symbols a linker script's VERSION block exports (under every #if: the
// kernel's configuration decides which exist, the lookup at run time finds out), with
// version macros resolved from the arch's asm/vdso.h.
func exports(tree string, a arches.Arch) ([]export, error) {
	data, err := os.ReadFile(filepath.Join(tree, a.VDSO))
	if err != nil {
		return nil, err
	}
	text := comments.ReplaceAllString(string(data), " ")
	m := versionBlock.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("%s: %s has no VERSION block", a.GOARCH, a.VDSO)
	}
	macros := map[string]string{}
	if h, err := os.ReadFile(filepath.Join(tree, "arch", a.Kernel, "include/asm/vdso.h")); err == nil {
		for _, d := range macroDefine.FindAllStringSubmatch(string(h), -1) {
			macros[d[1]] = d[2]
		}
	}
	var out []export
	for _, n := range versionNode.FindAllStringSubmatch(m[1], -1) {
		version := n[1]
		if v, ok := macros[version]; ok {
			version = v
		}
		if !strings.HasPrefix(version, "LINUX_") {
			return nil, fmt.Errorf("%s: %s: version %s (macro not resolved?)", a.GOARCH, a.VDSO, n[1])
		}
		for _, line := range strings.Split(n[2], "\n") {
			if s := symbolLine.FindStringSubmatch(line); s != nil {
				out = append(out, export{s[1], version})
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %s exports nothing", a.GOARCH, a.VDSO)
	}
	return out, nil
}

// names picks each function's symbol for arch a and the one version they share.
func names(a arches.Arch, ex []export) (version string, syms map[string]string, err error) {
	syms = map[string]string{}
	for _, f := range functions {
		cands := f.names
		if a.PtrSize == 4 && f.names32 != nil {
			cands = f.names32
		}
		found := ""
	search:
		for _, c := range cands {
			for _, p := range prefixes {
				for _, e := range ex {
					if e.name == p+c {
						found = e.name
						if version != "" && version != e.version {
							return "", nil, fmt.Errorf("%s: %s is in version %s, the others in %s", a.GOARCH, e.name, e.version, version)
						}
						version = e.version
						break search
					}
				}
			}
		}
		syms[f.field] = found
	}
	if version == "" {
		return "", nil, fmt.Errorf("%s: %s exports none of the functions", a.GOARCH, a.VDSO)
	}
	return version, syms, nil
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("vdsosym: ")
	d := arches.Flags()
	src, err := generate(d.Tree)
	if err != nil {
		log.Fatal(err)
	}
	if err := gofile.Write(filepath.Join(d.Out, "zvdso_linux.go"), src); err != nil {
		log.Fatal(err)
	}
}

func generate(tree string) ([]byte, error) {
	var b strings.Builder
	b.WriteString(gofile.Header("vdsosym", "the kernel's vDSO linker scripts") + "\n")
	b.WriteString("//go:build linux\n\npackage linux\n\nimport \"runtime\"\n\n")
	b.WriteString("// vdsoNames are the vDSO functions package linux calls directly, as one arch's linker\n")
	b.WriteString("// script exports them: the version they are defined under and each function's symbol, \"\"\n")
	b.WriteString("// where that vDSO does not export it. On the 32-bit arches the clocks are the 64-bit\n")
	b.WriteString("// time_t variants and time is left out (its result is a 32-bit time_t).\n")
	b.WriteString("type vdsoNames struct {\n\tversion string\n")
	for _, f := range functions {
		fmt.Fprintf(&b, "\t%s string\n", f.field)
	}
	b.WriteString("}\n\n")
	b.WriteString("// vdsoNamesOf returns this arch's names (the mips family makes no direct calls; its\n// names are here for completeness).\nfunc vdsoNamesOf() vdsoNames {\n\tswitch runtime.GOARCH {\n")
	for _, a := range arches.All {
		ex, err := exports(tree, a)
		if err != nil {
			return nil, err
		}
		version, syms, err := names(a, ex)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "\tcase %q: // %s\n\t\treturn vdsoNames{version: %q", a.GOARCH, a.VDSO, version)
		for _, f := range functions {
			if syms[f.field] != "" {
				fmt.Fprintf(&b, ", %s: %q", f.field, syms[f.field])
			}
		}
		b.WriteString("}\n")
	}
	b.WriteString("\t}\n\treturn vdsoNames{}\n}\n")
	return gofile.Format("zvdso_linux.go", []byte(b.String()))
}
