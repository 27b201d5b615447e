package systab_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

// kernelArchDir is the kernel's arch directory of each GOARCH.
var kernelArchDir = map[systab.Arch]string{
	"amd64": "x86", "386": "x86", "arm": "arm", "arm64": "arm64", "riscv64": "riscv", "loong64": "loongarch",
	"ppc64": "powerpc", "ppc64le": "powerpc", "s390x": "s390", "mips": "mips", "mipsle": "mips", "mips64": "mips", "mips64le": "mips",
}

var ptrSize = map[systab.Arch]int{"amd64": 8, "386": 4, "arm": 4, "arm64": 8, "riscv64": 8, "loong64": 8,
	"ppc64": 8, "ppc64le": 8, "s390x": 8, "mips": 4, "mipsle": 4, "mips64": 8, "mips64le": 8}

// squash drops all white space: "char __user * buf" and "char __user *buf" compare equal.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func squashArgs(args []systab.Arg) string {
	var l []string
	for _, a := range args {
		l = append(l, squash(a.Type)+"|"+a.Name)
	}
	return strings.Join(l, ",")
}

// balanced returns s from its first "(" to the matching ")", without them.
func balanced(s string) (string, bool) {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return "", false
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return s[i+1 : j], true
			}
		}
	}
	return "", false
}

var (
	commentRe = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	cParamRe  = regexp.MustCompile(`^(.*?)([A-Za-z_]\w*)$`)
)

// C words that end a type, never a parameter name ("unsigned int" has no name).
var cTypeWords = map[string]bool{"int": true, "long": true, "char": true, "short": true, "unsigned": true, "signed": true, "void": true}

var sourceCache = map[string]string{}

// definitionsIn finds, with a parser of its own, every parameter list that file gives
// entry: SYSCALL_DEFINEn-style macros (type, name pairs) and C definitions or declarations
// ("asmlinkage long sys_x(int fd, ...)", "long sys_x(...)").
func definitionsIn(t *testing.T, file, entry string) []string {
	t.Helper()
	text, ok := sourceCache[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text = commentRe.ReplaceAllString(string(data), " ")
		text = strings.ReplaceAll(text, "\\\n", " ")
		sourceCache[file] = text
	}
	var out []string
	short := strings.TrimPrefix(entry, "sys_")
	// SYSCALL_DEFINEn(short, type, name, ...), and the arch macros built on it.
	for i := 0; ; {
		j := strings.Index(text[i:], "DEFINE")
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		rest := text[at+len("DEFINE"):]
		if len(rest) < 2 || rest[0] < '0' || rest[0] > '6' || rest[1] != '(' {
			continue
		}
		inner, ok := balanced(rest)
		if !ok {
			continue
		}
		parts := strings.Split(inner, ",")
		if strings.TrimSpace(parts[0]) != short {
			continue
		}
		var l []string
		for k := 1; k+1 < len(parts); k += 2 {
			l = append(l, squash(parts[k])+"|"+strings.TrimSpace(parts[k+1]))
		}
		out = append(out, strings.Join(l, ","))
	}
	// [asmlinkage] type entry(params) at the start of a line.
	for i := 0; ; {
		j := strings.Index(text[i:], entry)
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		after := strings.TrimLeft(text[at+len(entry):], " \t")
		if !strings.HasPrefix(after, "(") || (at > 0 && (isIdent(text[at-1]))) {
			continue
		}
		line := text[strings.LastIndexByte(text[:at], '\n')+1 : at]
		if !regexp.MustCompile(`^\s*(?:asmlinkage\s+)?(?:long|int|void|ssize_t)[\s\*]*$`).MatchString(line) {
			continue
		}
		inner, _ := balanced(after)
		if strings.TrimSpace(inner) == "void" || strings.TrimSpace(inner) == "" {
			out = append(out, "")
			continue
		}
		var l []string
		for _, p := range strings.Split(inner, ",") {
			p = strings.TrimSpace(p)
			m := cParamRe.FindStringSubmatch(p)
			if m == nil || cTypeWords[m[2]] || strings.HasSuffix(squash(m[1]), "struct") || squash(m[1]) == "" {
				l = append(l, squash(p)+"|")
				continue
			}
			l = append(l, squash(m[1])+"|"+m[2])
		}
		out = append(out, strings.Join(l, ","))
	}
	return out
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// TestArchPrototypesFromKernelSources re-reads, for every implemented row of every arch,
// the file its prototype names and finds the same parameters there; follows the assembly
// entries to their labels; and checks that no row answered from syscalls.h has a
// definition of its own in the arch's sources.
func TestArchPrototypesFromKernelSources(t *testing.T) {
	k := kernelDir(t, false)
	tree := filepath.Join(k, "linux")
	// The native SYSCALL_DEFINEs of each arch directory, by entry point.
	archDefines := map[string]map[string][]string{}
	defineRe := regexp.MustCompile(`(?m)^\s*(?:SYSCALL_DEFINE|SYSCALL32_DEFINE|PPC32_SYSCALL_DEFINE)[0-6]\(\s*(\w+)`)
	for _, kd := range kernelArchDir {
		if archDefines[kd] != nil {
			continue
		}
		archDefines[kd] = map[string][]string{}
		filepath.WalkDir(filepath.Join(tree, "arch", kd), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".c") || strings.Contains(p, "/arch/x86/um/") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(tree, p)
			for _, m := range defineRe.FindAllStringSubmatch(string(data), -1) {
				archDefines[kd]["sys_"+m[1]] = append(archDefines[kd]["sys_"+m[1]], rel)
			}
			return nil
		})
	}
	labelRe := func(label string) *regexp.Regexp {
		return regexp.MustCompile(`(?m)^\s*(?:` + regexp.QuoteMeta(label) + `:|LEAF\(` + regexp.QuoteMeta(label) + `\))`)
	}
	checked := 0
	for _, a := range systab.Arches() {
		kd := kernelArchDir[a]
		for _, e := range systab.Table(a) {
			if !e.Implemented {
				continue
			}
			p, ok := systab.PrototypeOn(a, e.Name)
			if !ok {
				t.Errorf("%s %s: no prototype", a, e.Name)
				continue
			}
			want := squashArgs(p.Args)
			file, rest, chained := strings.Cut(p.Source, " -> ")
			switch {
			case e.ABI == "private":
				// arm's private calls: the case of arm_syscall's switch passes the caller's
				// registers r0... to a function; the prototype has one argument per register
				// passed (a register only returned does not count).
				data, err := os.ReadFile(filepath.Join(tree, file))
				if err != nil {
					t.Fatal(err)
				}
				body := string(data)
				i := strings.Index(body, "case NR("+e.Name+"):")
				if file != "arch/arm/kernel/traps.c" || i < 0 {
					t.Errorf("%s %s: %s has no case NR(%s)", a, e.Name, file, e.Name)
					continue
				}
				body = body[i+len("case NR("+e.Name+"):"):]
				if j := regexp.MustCompile(`\n\s*(case |default:)`).FindStringIndex(body); j != nil {
					body = body[:j[0]]
				}
				regs := map[string]bool{}
				for _, m := range regexp.MustCompile(`\w+\(((?:regs->ARM_r\d(?:, )?)+)\)`).FindAllStringSubmatch(body, -1) {
					for _, r := range strings.Split(m[1], ", ") {
						regs[r] = true
					}
				}
				if len(regs) != len(p.Args) {
					t.Errorf("%s %s: the case passes %d registers (%v), the prototype has %d arguments", a, e.Name, len(regs), regs, len(p.Args))
				}
			case chained:
				// "file -> target (target's source)": the target must be what the arch
				// resolves it to, and file must lead there.
				target, tsrc, _ := strings.Cut(rest, " (")
				tsrc = strings.TrimSuffix(tsrc, ")")
				tp, ok := systab.PrototypeOn(a, target)
				if !ok || tp.Source != tsrc {
					t.Errorf("%s %s: %s leads to %s from %s, but that resolves to %+v", a, e.Name, file, target, tsrc, tp)
				}
				data, err := os.ReadFile(filepath.Join(tree, file))
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(file, ".S") {
					if !labelRe(e.EntryPoint).Match(data) || !regexp.MustCompile(`\bb\s+`+regexp.QuoteMeta(target)+`\b`).Match(data) {
						t.Errorf("%s %s: %s has no label %s branching to %s", a, e.Name, file, e.EntryPoint, target)
					}
				} else if !strings.Contains(string(data), "save_static_function("+target+")") || e.EntryPoint != "__"+target {
					t.Errorf("%s %s: %s has no save_static_function(%s) making %s", a, e.Name, file, target, e.EntryPoint)
				}
				if p.Note == "" {
					t.Errorf("%s %s: an assembly entry without a note", a, e.Name)
				}
			case strings.HasSuffix(file, ".S"):
				data, err := os.ReadFile(filepath.Join(tree, file))
				if err != nil {
					t.Fatal(err)
				}
				if !labelRe(e.EntryPoint).Match(data) {
					t.Errorf("%s %s: %s has no label %s", a, e.Name, file, e.EntryPoint)
				}
			default:
				defs := definitionsIn(t, filepath.Join(tree, file), e.EntryPoint)
				found := false
				for _, d := range defs {
					found = found || d == want
				}
				if !found {
					t.Errorf("%s %s: %s in %s has (%s); the file gives %q", a, e.Name, e.EntryPoint, file, want, defs)
				}
				if file == "include/linux/syscalls.h" {
					// 386's build never compiles shstk.c (X86_USER_SHADOW_STACK depends
					// on X86_64): its map_shadow_stack row is kernel/sys_ni.c's stub.
					notBuilt := a == "386" && e.Name == "map_shadow_stack"
					if files := archDefines[kd][e.EntryPoint]; len(files) > 0 && !notBuilt {
						t.Errorf("%s %s: answered from syscalls.h, but arch/%s defines %s in %v", a, e.Name, kd, e.EntryPoint, files)
					}
				}
				// Where another file of the arch dir defines the entry point with other
				// parameters, the chosen file is the arch's word size's (signal_64.c, not
				// signal_32.c, on ppc64: kbuild builds signal_$(BITS).o).
				for _, other := range archDefines[kd][e.EntryPoint] {
					if other == file {
						continue
					}
					differs := true
					for _, d := range definitionsIn(t, filepath.Join(tree, other), e.EntryPoint) {
						differs = differs && d != want
					}
					bits := map[bool]string{true: "_64", false: "_32"}[ptrSize[a] == 8]
					if differs && !strings.Contains(filepath.Base(file), bits) {
						t.Errorf("%s %s: %s from %s, but %s defines it otherwise and the file is not the %s one", a, e.Name, e.EntryPoint, file, other, bits)
					}
				}
			}
			checked++
		}
	}
	t.Logf("%d rows checked against the kernel sources", checked)
}

// TestArchConfigFromKconfig derives, with a reader of its own, what each arch's Kconfig
// selects (only the "select X [if Y]" lines of the config blocks of the options listed
// here as on), and checks the declarations that depend on it.
func TestArchConfigFromKconfig(t *testing.T) {
	k := kernelDir(t, false)
	tree := filepath.Join(k, "linux")
	on := map[systab.Arch][]string{
		"amd64": {"X86", "X86_64", "64BIT"}, "386": {"X86", "X86_32", "COMPAT_32"},
		"arm": {"ARM"}, "arm64": {"ARM64", "64BIT"}, "riscv64": {"RISCV", "64BIT"}, "loong64": {"LOONGARCH", "64BIT"},
		"ppc64": {"PPC", "PPC64", "64BIT"}, "ppc64le": {"PPC", "PPC64", "64BIT"}, "s390x": {"S390", "64BIT"},
		"mips": {"MIPS", "32BIT"}, "mipsle": {"MIPS", "32BIT"}, "mips64": {"MIPS", "64BIT"}, "mips64le": {"MIPS", "64BIT"},
	}
	blockRe := regexp.MustCompile(`(?m)^config (\w+)\n((?:[ \t]+.*\n|\n)*)`)
	selectRe := regexp.MustCompile(`(?m)^\s+select\s+(\w+)(?:\s+if\s+(!?\w+))?\s*$`)
	for _, a := range systab.Arches() {
		data, err := os.ReadFile(filepath.Join(tree, "arch", kernelArchDir[a], "Kconfig"))
		if err != nil {
			t.Fatal(err)
		}
		y := map[string]bool{}
		for _, s := range on[a] {
			y[s] = true
		}
		sel := map[string]bool{}
		for _, b := range blockRe.FindAllStringSubmatch(string(data), -1) {
			if !y[b[1]] {
				continue
			}
			for _, s := range selectRe.FindAllStringSubmatch(b[2], -1) {
				c := s[2]
				if c == "" || y[c] || (strings.HasPrefix(c, "!") && !y[c[1:]]) {
					sel[s[1]] = true
				}
			}
		}
		// fanotify_mark: the 64-bit mask in two u32 with ARCH_SPLIT_ARG64.
		if p, ok := systab.PrototypeOn(a, "fanotify_mark"); !ok || (len(p.Args) == 6) != sel["ARCH_SPLIT_ARG64"] {
			t.Errorf("%s: ARCH_SPLIT_ARG64 %v, fanotify_mark %+v", a, sel["ARCH_SPLIT_ARG64"], p)
		}
		// clone: kernel/fork.c's order per CLONE_BACKWARDS*.
		want := "clone_flags,newsp,parent_tidptr,child_tidptr,tls"
		switch {
		case sel["CLONE_BACKWARDS"]:
			want = "clone_flags,newsp,parent_tidptr,tls,child_tidptr"
		case sel["CLONE_BACKWARDS2"]:
			want = "newsp,clone_flags,parent_tidptr,child_tidptr,tls"
		case sel["CLONE_BACKWARDS3"]:
			want = "clone_flags,newsp,stack_size,parent_tidptr,child_tidptr,tls"
		}
		if p, ok := systab.PrototypeOn(a, "clone"); !ok || argNames(p.Args) != want {
			t.Errorf("%s: clone %+v, want (%s) (selected: %v)", a, p, want, sel)
		}
		// sigsuspend, where the row takes syscalls.h's: three arguments with OLD_SIGSUSPEND3.
		e, row := systab.Lookup(a, "sigsuspend")
		if p, ok := e.PrototypeOn(a); row && ok && p.Source == "include/linux/syscalls.h" {
			if (len(p.Args) == 3) != sel["OLD_SIGSUSPEND3"] || (len(p.Args) == 1) != sel["OLD_SIGSUSPEND"] {
				t.Errorf("%s: OLD_SIGSUSPEND %v, OLD_SIGSUSPEND3 %v, sigsuspend %+v", a, sel["OLD_SIGSUSPEND"], sel["OLD_SIGSUSPEND3"], p)
			}
		}
		var l []string
		for _, s := range []string{"ARCH_SPLIT_ARG64", "CLONE_BACKWARDS", "CLONE_BACKWARDS2", "CLONE_BACKWARDS3", "OLD_SIGSUSPEND", "OLD_SIGSUSPEND3"} {
			if sel[s] {
				l = append(l, s)
			}
		}
		t.Logf("%-9s selects %v", a, l)
	}
}
