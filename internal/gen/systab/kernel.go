package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

// syscallMakefiles are the Makefiles that make the unistd headers of the arches whose
// tables are not scripts/syscall.tbl.
var syscallMakefiles = map[string]string{
	"x86":     "arch/x86/entry/syscalls/Makefile",
	"arm":     "arch/arm/tools/Makefile",
	"powerpc": "arch/powerpc/kernel/syscalls/Makefile",
	"s390":    "arch/s390/kernel/syscalls/Makefile",
	"mips":    "arch/mips/kernel/syscalls/Makefile",
}

// kernelSource reads files of the kernel tree that internal/gen/kernel.sh extracts.
type kernelSource struct {
	tree    string // the extracted tree (arches.Dirs.Tree)
	include string // the UAPI headers (arches.Dirs.Include)
}

func newKernelSource(d arches.Dirs) *kernelSource {
	return &kernelSource{tree: d.Tree, include: d.Include}
}

// path returns where the kernel file rel (relative to the tree) is.
func (ks *kernelSource) path(rel string) (string, error) {
	p := filepath.Join(ks.tree, rel)
	if _, err := os.Lstat(p); err != nil {
		return "", fmt.Errorf("%s is not in %s (internal/gen/kernel.sh extracts what the generators read)", rel, ks.tree)
	}
	return p, nil
}

func (ks *kernelSource) read(rel string) (string, error) {
	p, err := ks.path(rel)
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(p)
	return string(b), err
}

// resolve follows symbolic links inside the kernel tree and returns the final path relative
// to the tree (arch/arm64/tools/syscall_64.tbl -> scripts/syscall.tbl).
func (ks *kernelSource) resolve(rel string) (string, error) {
	for i := 0; i < 8; i++ {
		p, err := ks.path(rel)
		if err != nil {
			return "", err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return "", err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			return rel, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if filepath.IsAbs(target) {
			return "", fmt.Errorf("%s: absolute symlink %s", rel, target)
		}
		rel = filepath.Clean(filepath.Join(filepath.Dir(rel), target))
		if strings.HasPrefix(rel, "..") {
			return "", fmt.Errorf("symlink leaves the kernel tree: %s", rel)
		}
	}
	return "", fmt.Errorf("%s: too many symlinks", rel)
}

var makeVarRe = regexp.MustCompile(`(?m)^(VERSION|PATCHLEVEL|SUBLEVEL)\s*=\s*(\d+)\s*$`)

// version reads the kernel version from the tree's top Makefile: "7.2.13".
func (ks *kernelSource) version() (string, error) {
	text, err := ks.read("Makefile")
	if err != nil {
		return "", err
	}
	v := map[string]string{}
	for _, m := range makeVarRe.FindAllStringSubmatch(text, -1) {
		v[m[1]] = m[2]
	}
	if v["VERSION"] == "" || v["PATCHLEVEL"] == "" || v["SUBLEVEL"] == "" {
		return "", fmt.Errorf("no VERSION/PATCHLEVEL/SUBLEVEL in the kernel Makefile")
	}
	return v["VERSION"] + "." + v["PATCHLEVEL"] + "." + v["SUBLEVEL"], nil
}

// tableSelection is what the kernel build feeds to scripts/syscallhdr.sh for the unistd
// header that userspace of one arch gets.
type tableSelection struct {
	header string          // the uapi header: unistd_64.h, unistd-eabi.h, unistd_o32.h...
	table  string          // the syscall table, relative to the tree, symlinks resolved
	abis   map[string]bool // the rows kept
	order  []string        // abis in the order the build files name them
	all    bool            // no --abis: every row of the table (mips)
	offset int             // added to every number (mips __NR_Linux)
	why    string          // where the selection was read
}

func (s tableSelection) abiList() []string { return s.order }

func (s *tableSelection) addABI(x string) {
	if !s.abis[x] {
		s.abis[x] = true
		s.order = append(s.order, x)
	}
}

// unistdHeader asks clang which generated unistd header <asm/unistd.h> pulls in for the
// arch's target (and -mabi on mips): the header userspace of that arch compiles against.
func unistdHeader(a arches.Arch, include string) (string, error) {
	out, stderr, err := cc.Run(a, include, nil, "#include <asm/unistd.h>\n", "-M")
	if err != nil {
		return "", fmt.Errorf("%s -M: %v\n%s", cc.Compiler(), err, stderr)
	}
	var found []string
	for _, f := range strings.Fields(strings.ReplaceAll(string(out), "\\\n", " ")) {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "unistd") && base != "unistd.h" && strings.Contains(f, "/asm/") {
			found = append(found, base)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("<asm/unistd.h> for %s includes %d generated unistd headers %v, want 1", a.Triplet, len(found), found)
	}
	return found[0], nil
}

var (
	assignRe    = regexp.MustCompile(`^(\w+)\s*(\+=|:=|=)\s*(.*)$`)
	targetVarRe = regexp.MustCompile(`^(\S+):\s*(\w+)\s*:=\s*(.*)$`)
	ruleRe      = regexp.MustCompile(`^(\S+):\s+(\S+)`)
	abisFlagRe  = regexp.MustCompile(`--abis\s+(\S+)`)
	offsetRe    = regexp.MustCompile(`--offset\s+(\$\(\w+\)|\w+)`)
)

// makeLines joins continuation lines and drops comments.
func makeLines(text string) []string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "#"); i >= 0 && !strings.Contains(l[:i], "\\") {
			l = l[:i]
		}
		l = strings.TrimSpace(l)
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func splitABIs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// selection reads, from the kernel's build files, which table and rows produce the unistd
// header of arch a.
func selection(ks *kernelSource, a arches.Arch) (tableSelection, error) {
	header, err := unistdHeader(a, ks.include)
	if err != nil {
		return tableSelection{}, err
	}
	sel := tableSelection{header: header, abis: map[string]bool{}}
	generic := "arch/" + a.Kernel + "/kernel/Makefile.syscalls"
	if _, serr := os.Stat(filepath.Join(ks.tree, generic)); serr == nil {
		err = genericSelection(ks, a, generic, &sel)
	} else {
		err = archMakefileSelection(ks, a, &sel)
	}
	if err != nil {
		return sel, err
	}
	if sel.all {
		// syscallhdr.sh without --abis emits every row: the ABIs are those the table has.
		text, err := ks.read(sel.table)
		if err != nil {
			return sel, err
		}
		for _, l := range strings.Split(text, "\n") {
			f := strings.Fields(l)
			if len(f) >= 3 && !strings.HasPrefix(f[0], "#") {
				sel.addABI(f[1])
			}
		}
	}
	return sel, nil
}

// genericSelection: scripts/Makefile.asm-headers sets syscall_abis_64 += common,64 and
// syscalltbl; arch/$ARCH/kernel/Makefile.syscalls adds ABIs and may override the table.
func genericSelection(ks *kernelSource, a arches.Arch, archMk string, sel *tableSelection) error {
	bits := fmt.Sprint(a.PtrSize * 8)
	if sel.header != "unistd_"+bits+".h" {
		return fmt.Errorf("generic arch: clang selects %s, want unistd_%s.h", sel.header, bits)
	}
	kbuild, err := ks.read("arch/" + a.Kernel + "/include/uapi/asm/Kbuild")
	if err != nil {
		return err
	}
	if !strings.Contains(kbuild, "syscall-y += "+sel.header) {
		return fmt.Errorf("arch/%s/include/uapi/asm/Kbuild does not generate %s", a.Kernel, sel.header)
	}
	var table string
	for _, f := range []string{"scripts/Makefile.asm-headers", archMk} {
		text, err := ks.read(f)
		if err != nil {
			return err
		}
		for _, l := range makeLines(text) {
			m := assignRe.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			switch m[1] {
			case "syscall_abis_" + bits:
				if m[2] != "+=" {
					sel.abis, sel.order = map[string]bool{}, nil
				}
				for _, x := range splitABIs(m[3]) {
					sel.addABI(x)
				}
			case "syscalltbl":
				table = strings.TrimPrefix(m[3], "$(srctree)/")
			}
		}
	}
	if table == "" {
		return fmt.Errorf("no syscalltbl in scripts/Makefile.asm-headers or %s", archMk)
	}
	table = strings.ReplaceAll(table, "%", bits)
	resolved, err := ks.resolve(table)
	if err != nil {
		return err
	}
	sel.table = resolved
	sel.why = "scripts/Makefile.asm-headers + " + archMk
	if table != resolved {
		sel.why += " (" + table + " -> " + resolved + ")"
	}
	return nil
}

// archMakefileSelection reads the arch's own syscall Makefile: the rule that makes
// $(uapi)/<header> (exact or a % pattern), its table prerequisite, and the --abis given to
// scripts/syscallhdr.sh (a target-specific abis :=, common,$*, or none: every row).
func archMakefileSelection(ks *kernelSource, a arches.Arch, sel *tableSelection) error {
	mk, ok := syscallMakefiles[a.Kernel]
	if !ok {
		return fmt.Errorf("no syscall Makefile known for arch/%s", a.Kernel)
	}
	text, err := ks.read(mk)
	if err != nil {
		return err
	}
	lines := makeLines(text)
	vars := map[string]string{"src": filepath.Dir(mk), "srctree": ""}
	targetVars := map[string]string{}
	var cmdSyshdr string
	var prereq, stem string
	for _, l := range lines {
		if m := targetVarRe.FindStringSubmatch(l); m != nil {
			if strings.TrimPrefix(m[1], "$(uapi)/") == sel.header {
				targetVars[m[2]] = m[3]
			}
			continue
		}
		if m := assignRe.FindStringSubmatch(l); m != nil {
			if m[1] == "cmd_syshdr" {
				cmdSyshdr = m[3]
			} else if m[2] != "+=" {
				vars[m[1]] = m[3]
			}
			continue
		}
		if m := ruleRe.FindStringSubmatch(l); m != nil && strings.HasPrefix(m[1], "$(uapi)/") && prereq == "" {
			target := strings.TrimPrefix(m[1], "$(uapi)/")
			if target == sel.header {
				prereq, stem = m[2], ""
			} else if pre, suf, ok := strings.Cut(target, "%"); ok &&
				strings.HasPrefix(sel.header, pre) && strings.HasSuffix(sel.header, suf) && len(sel.header) > len(pre)+len(suf) {
				prereq, stem = m[2], sel.header[len(pre):len(sel.header)-len(suf)]
			}
		}
	}
	if prereq == "" {
		return fmt.Errorf("%s has no rule for $(uapi)/%s", mk, sel.header)
	}
	if cmdSyshdr == "" {
		return fmt.Errorf("%s has no cmd_syshdr", mk)
	}
	expand := func(s string) string {
		for i := 0; i < 4; i++ {
			s = os.Expand(strings.NewReplacer("$(", "${", ")", "}").Replace(s), func(v string) string {
				if v == "*" {
					return stem
				}
				if x, ok := targetVars[v]; ok {
					return x
				}
				return vars[v]
			})
		}
		return strings.ReplaceAll(s, "%", stem)
	}
	table := strings.TrimPrefix(expand(prereq), "/")
	resolved, err := ks.resolve(table)
	if err != nil {
		return err
	}
	sel.table = resolved
	if m := abisFlagRe.FindStringSubmatch(cmdSyshdr); m != nil {
		for _, x := range splitABIs(expand(m[1])) {
			sel.addABI(x)
		}
		sel.why = mk + ": --abis " + m[1]
	} else {
		sel.all = true
		sel.why = mk + ": no --abis, every row"
	}
	if m := offsetRe.FindStringSubmatch(cmdSyshdr); m != nil {
		if macro := expand(m[1]); macro != "" {
			off, err := offsetMacro(ks, a, macro, sel.header)
			if err != nil {
				return err
			}
			sel.offset = off
			sel.why += ", --offset " + macro
		}
	}
	return nil
}

var offsetDefineRe = regexp.MustCompile(`(?s)#define\s+(\w+)\s+(\d+)\s*\n\s*#include\s+<asm/([\w-]+\.h)>`)

// offsetMacro reads the value that arch/$ARCH/include/uapi/asm/unistd.h gives macro (the
// syscallhdr.sh --offset) right before it includes header: __NR_Linux 4000 before
// unistd_o32.h on mips, __NR_SYSCALL_BASE 0 before unistd-eabi.h on arm.
func offsetMacro(ks *kernelSource, a arches.Arch, macro, header string) (int, error) {
	f := "arch/" + a.Kernel + "/include/uapi/asm/unistd.h"
	text, err := ks.read(f)
	if err != nil {
		return 0, err
	}
	for _, m := range offsetDefineRe.FindAllStringSubmatch(text, -1) {
		if m[1] == macro && m[3] == header {
			var n int
			if _, err := fmt.Sscan(m[2], &n); err != nil {
				return 0, err
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s: no #define %s before #include <asm/%s>", f, macro, header)
}
