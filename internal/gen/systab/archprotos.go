package main

// The C prototype of every entry point of every arch's table, per arch: the arch's own
// definition (SYSCALL_DEFINEn or asmlinkage in arch/<k>/**/*.c, in a file the arch's
// build compiles and an #if branch its configuration takes), the arch header's
// declaration (arch/<k>/include/asm/syscalls*.h), the assembly entries (asmalias.go),
// kernel/fork.c for sys_clone, and otherwise the include/linux/syscalls.h declaration
// whose condition holds on the arch. The result is systab/zprototypes_arch.go.

import (
	"bytes"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// syscallsH is where the generic declarations come from.
const syscallsH = "include/linux/syscalls.h"

// archDef is one definition or declaration of an entry point in the kernel sources.
type archDef struct {
	entry  string // sys_mips_mmap, __sys_clone, sysm_pipe
	file   string // relative to the tree
	line   int
	cond   string // the #if branches it sits in
	args   []arg
	kind   string // "SYSCALL_DEFINE", "asmlinkage", "declaration", "save_static_function"
	target string // save_static_function: the C function it jumps to
}

func (d archDef) where() string { return fmt.Sprintf("%s:%d", d.file, d.line) }

var (
	defineUseRe  = regexp.MustCompile(`^([A-Z][A-Z0-9_]*DEFINE)([0-6])\s*\(`)
	defineMacRe  = regexp.MustCompile(`^#\s*define\s+([A-Z][A-Z0-9_]*DEFINE[0-6])\s+([A-Z][A-Z0-9_]*DEFINE[0-6])\s*$`)
	asmlinkRe    = regexp.MustCompile(`^asmlinkage\s+[\w\s\*]*?\b(_*sys(?:m|32|n32)?_\w+)\s*\((.*)\)\s*([{;])$`)
	headerDeclRe = regexp.MustCompile(`^(?:asmlinkage\s+)?(?:long|int|void|ssize_t)\s+(_*sys(?:m|32|n32)?_\w+)\s*\((.*)\)\s*;$`)
	saveStaticRe = regexp.MustCompile(`^save_static_function\s*\(\s*(\w+)\s*\)\s*;`)
)

// macroAlias is "#define PPC32_SYSCALL_DEFINE6 SYSCALL_DEFINE6" under cond.
type macroAlias struct{ to, cond string }

// defineAliases reads the "#define X_DEFINEn Y_DEFINEn" lines of a file.
func defineAliases(lines []cppLine, into map[string][]macroAlias) {
	for _, l := range lines {
		if m := defineMacRe.FindStringSubmatch(l.text); m != nil {
			into[m[1]] = append(into[m[1]], macroAlias{to: m[2], cond: l.cond})
		}
	}
}

// expandDefine follows macro aliases to SYSCALL_DEFINEn (native) or COMPAT_SYSCALL_DEFINEn,
// with the conditions of the #defines on the way. Only the native branches are returned.
func expandDefine(macro, cond string, aliases map[string][]macroAlias, depth int) []string {
	if depth > 4 {
		return nil
	}
	if strings.HasPrefix(macro, "SYSCALL_DEFINE") {
		return []string{cond}
	}
	var out []string
	for _, a := range aliases[macro] {
		out = append(out, expandDefine(a.to, joinAnd(cond, a.cond), aliases, depth+1)...)
	}
	return out
}

// statements joins the logical lines that make one C construct starting at lines[i]:
// until the parentheses opened on the first line close and, for asmlinkage, up to the
// body's "{" or the ";".
func statement(lines []cppLine, i int, untilBrace bool) (string, int) {
	var b strings.Builder
	depth := 0
	opened := false
	for j := i; j < len(lines) && j < i+40; j++ {
		t := lines[j].text
		if j > i && strings.HasPrefix(t, "#") {
			continue
		}
		for k := 0; k < len(t); k++ {
			switch t[k] {
			case '(':
				depth++
				opened = true
			case ')':
				depth--
			case '{', ';':
				if untilBrace && opened && depth == 0 {
					b.WriteString(t[:k+1])
					return strings.Join(strings.Fields(b.String()), " "), j
				}
			}
			if !untilBrace && opened && depth == 0 {
				b.WriteString(t[:k+1])
				return strings.Join(strings.Fields(b.String()), " "), j
			}
		}
		b.WriteString(t)
		b.WriteByte(' ')
	}
	return "", i
}

// splitTop splits at the commas outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// defineArgs turns SYSCALL_DEFINEn's "name, type, arg, type, arg" into the entry point
// and its parameters.
func defineArgs(inner string, n int) (string, []arg, error) {
	parts := splitTop(inner)
	if len(parts) != 1+2*n {
		return "", nil, fmt.Errorf("SYSCALL_DEFINE%d(%s): %d fields, want %d", n, inner, len(parts), 1+2*n)
	}
	var args []arg
	for i := 1; i < len(parts); i += 2 {
		a, err := parseArgs(parts[i] + " " + parts[i+1])
		if err != nil || len(a) != 1 || a[0].name != parts[i+1] {
			return "", nil, fmt.Errorf("SYSCALL_DEFINE%d(%s): parameter %q %q: %v", n, parts[0], parts[i], parts[i+1], err)
		}
		args = append(args, a[0])
	}
	return "sys_" + parts[0], args, nil
}

// scanC reads the syscall definitions of one C file (or, with header, the declarations of
// an arch header). aliases holds the DEFINE macro aliases seen so far (syscalls.h's
// SYSCALL32_DEFINEn) and gets the file's own.
func scanC(tree, rel string, header bool, aliases map[string][]macroAlias) ([]archDef, error) {
	data, err := os.ReadFile(filepath.Join(tree, rel))
	if err != nil {
		return nil, err
	}
	lines, err := cppLines(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", rel, err)
	}
	local := map[string][]macroAlias{}
	for k, v := range aliases {
		local[k] = v
	}
	defineAliases(lines, local)
	var defs []archDef
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := l.text
		switch {
		case strings.HasPrefix(t, "#"):
		case header:
			if !strings.HasPrefix(t, "asmlinkage") && !strings.HasPrefix(t, "long ") && !strings.HasPrefix(t, "int ") && !strings.HasPrefix(t, "void ") {
				continue
			}
			s, j := statement(lines, i, true)
			m := headerDeclRe.FindStringSubmatch(s)
			if m == nil {
				continue
			}
			args, err := parseArgs(m[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %v", rel, l.n, m[1], err)
			}
			defs = append(defs, archDef{entry: m[1], file: rel, line: l.n, cond: l.cond, args: args, kind: "declaration"})
			i = j
		case defineUseRe.MatchString(t):
			m := defineUseRe.FindStringSubmatch(t)
			macro := m[1] + m[2]
			branches := expandDefine(macro, "", local, 0)
			s, j := statement(lines, i, false)
			if s == "" {
				return nil, fmt.Errorf("%s:%d: unterminated %s", rel, l.n, macro)
			}
			i = j
			if len(branches) == 0 {
				continue // COMPAT_SYSCALL_DEFINE, or a macro that never is SYSCALL_DEFINE
			}
			inner := s[strings.IndexByte(s, '(')+1 : strings.LastIndexByte(s, ')')]
			entry, args, err := defineArgs(inner, int(m[2][0]-'0'))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", rel, l.n, err)
			}
			for _, c := range branches {
				defs = append(defs, archDef{entry: entry, file: rel, line: l.n, cond: joinAnd(l.cond, c), args: args, kind: "SYSCALL_DEFINE"})
			}
		case strings.HasPrefix(t, "asmlinkage "):
			s, j := statement(lines, i, true)
			m := asmlinkRe.FindStringSubmatch(s)
			if m == nil {
				continue
			}
			i = j
			if m[3] != "{" {
				continue // a declaration inside a .c file
			}
			args, err := parseArgs(m[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %v", rel, l.n, m[1], err)
			}
			defs = append(defs, archDef{entry: m[1], file: rel, line: l.n, cond: l.cond, args: args, kind: "asmlinkage"})
		case saveStaticRe.MatchString(t):
			m := saveStaticRe.FindStringSubmatch(t)
			defs = append(defs, archDef{entry: "__" + m[1], file: rel, line: l.n, cond: l.cond, kind: "save_static_function", target: m[1]})
		}
	}
	return defs, nil
}

// archSources lists the C files of arch/<k> that kernel.sh kept (those that define
// syscalls), without arch/x86/um (user-mode Linux is not x86's kernel).
func archSources(tree, karch string) ([]string, error) {
	var files []string
	root := filepath.Join(tree, "arch", karch)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tree, p)
		if d.IsDir() && rel == "arch/x86/um" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".c") {
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// archFacts answers preprocessor questions for one arch: CONFIG_ options from Kconfig,
// the __ARCH_WANT_ macros of the arch's asm/unistd.h, BITS_PER_LONG.
type archFacts struct {
	a      arches.Arch
	kf     *kfacts
	kb     *kbuild
	macros map[string][]macroDef
}

type macroDef struct {
	val  string
	cond tri
}

func (f *archFacts) defined(name string) tri {
	if strings.HasPrefix(name, "CONFIG_") {
		if strings.HasSuffix(name, "_MODULE") {
			return no // every option that matters is a bool
		}
		return f.kf.sym(name[len("CONFIG_"):])
	}
	switch name {
	case "__KERNEL__":
		return yes
	case "__ASSEMBLER__", "__ASSEMBLY__":
		return no
	}
	if defs, ok := f.macros[name]; ok {
		t := no
		for _, d := range defs {
			t = or(t, d.cond)
		}
		return t
	}
	if strings.HasPrefix(name, "__ARCH_WANT_") {
		return no // every definition of the arch's asm/unistd.h was read
	}
	return unknown
}

func (f *archFacts) value(name string) (int64, bool) {
	if defs, ok := f.macros[name]; ok {
		var val string
		for _, d := range defs {
			switch d.cond {
			case yes:
				val = d.val
			case unknown:
				return 0, false
			}
		}
		if val == "" {
			val = "1"
		}
		var n int64
		_, err := fmt.Sscan(val, &n)
		return n, err == nil
	}
	switch t := f.defined(name); t {
	case yes:
		return 1, true
	case no:
		return 0, true
	}
	return 0, false
}

func (f *archFacts) eval(cond string) tri {
	t, err := evalC(cond, f)
	if err != nil {
		log.Printf("%s: condition %v: unknown", f.a.GOARCH, err)
		return unknown
	}
	return t
}

var macroDefRe = regexp.MustCompile(`^#\s*define\s+(\w+)(?:\s+(\S.*))?$`)

// readMacros reads the object-like #defines of the given headers with the condition each
// sits under, evaluated for the arch (later files may use earlier macros).
func (f *archFacts) readMacros(tree string, files []string, want func(string) bool) error {
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(tree, rel))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return err
		}
		lines, err := cppLines(string(data))
		if err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		for _, l := range lines {
			m := macroDefRe.FindStringSubmatch(l.text)
			if m == nil || !want(m[1]) {
				continue
			}
			f.macros[m[1]] = append(f.macros[m[1]], macroDef{val: strings.TrimSpace(m[2]), cond: f.eval(l.cond)})
		}
	}
	return nil
}

// resolvedProto is the prototype an arch's kernel uses for one entry point.
type resolvedProto struct {
	entry, source, cond, note string
	args                      []arg
	generic                   int // 1 + index in the syscalls.h prototypes, when from there
}

func (p resolvedProto) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s", p.entry, p.source, p.cond, p.note)
	for _, a := range p.args {
		fmt.Fprintf(&b, "\x00%s\x00%s", a.typ, a.name)
	}
	return b.String()
}

func sameArgs(a, b []arg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameTypes(a, b []arg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].typ != b[i].typ {
			return false
		}
	}
	return true
}

func argString(args []arg) string {
	var l []string
	for _, a := range args {
		l = append(l, strings.TrimSpace(a.typ+" "+a.name))
	}
	return "(" + strings.Join(l, ", ") + ")"
}

// genericDefs are generic definitions read instead of syscalls.h, and why.
var genericDefs = map[string]string{
	// syscalls.h declares sys_clone without parameter names, and its default declaration
	// also stands for CONFIG_CLONE_BACKWARDS2 (s390), whose first two arguments
	// kernel/fork.c swaps: newsp first, then clone_flags.
	"sys_clone": "kernel/fork.c",
}

// protoSources is everything read, for all arches.
type protoSources struct {
	tree     string
	generic  []proto                // syscalls.h, sorted by entry
	byEntry  map[string][]int       // entry -> indexes in generic
	arch     map[string][]archDef   // kernel arch dir -> its definitions and declarations
	common   map[string][]archDef   // generic definitions (genericDefs), by entry
	kconfigs map[string]*kconfig    // kernel arch dir -> Kconfig
	aliases  map[string][]asmAlias  // kernel arch dir -> its assembly entries
	notes    map[string][]entryNote // kernel arch dir -> notes on C entry points
}

func readProtoSources(tree string, protos []proto) (*protoSources, error) {
	ps := &protoSources{tree: tree, generic: protos, byEntry: map[string][]int{}, arch: map[string][]archDef{},
		common: map[string][]archDef{}, kconfigs: map[string]*kconfig{}, aliases: map[string][]asmAlias{}, notes: map[string][]entryNote{}}
	for i, p := range protos {
		ps.byEntry[p.entry] = append(ps.byEntry[p.entry], i)
	}
	// syscalls.h's DEFINE aliases (SYSCALL32_DEFINEn) serve every file.
	data, err := os.ReadFile(filepath.Join(tree, syscallsH))
	if err != nil {
		return nil, err
	}
	lines, err := cppLines(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", syscallsH, err)
	}
	aliases := map[string][]macroAlias{}
	defineAliases(lines, aliases)

	for entry, file := range genericDefs {
		defs, err := scanC(tree, file, false, aliases)
		if err != nil {
			return nil, fmt.Errorf("%v (kernel.sh extracts %s)", err, file)
		}
		for _, d := range defs {
			if d.entry == entry {
				ps.common[entry] = append(ps.common[entry], d)
			}
		}
		if len(ps.common[entry]) == 0 {
			return nil, fmt.Errorf("%s defines no %s", file, entry)
		}
	}
	for _, a := range arches.All {
		k := a.Kernel
		if _, done := ps.arch[k]; done {
			continue
		}
		files, err := archSources(tree, k)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("no C files under arch/%s: kernel.sh extracts the arch files that define syscalls", k)
		}
		var defs []archDef
		for _, f := range files {
			d, err := scanC(tree, f, false, aliases)
			if err != nil {
				return nil, err
			}
			defs = append(defs, d...)
		}
		headers, _ := filepath.Glob(filepath.Join(tree, "arch", k, "include/asm/syscalls*.h"))
		sort.Strings(headers)
		for _, h := range headers {
			rel, _ := filepath.Rel(tree, h)
			d, err := scanC(tree, rel, true, aliases)
			if err != nil {
				return nil, err
			}
			defs = append(defs, d...)
		}
		ps.arch[k] = defs
		kc, err := readKconfig(tree, k)
		if err != nil {
			return nil, err
		}
		ps.kconfigs[k] = kc
		al, err := checkAsmAliases(tree, k)
		if err != nil {
			return nil, err
		}
		ps.aliases[k] = al
		if ps.notes[k], err = checkEntryNotes(tree, k); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// archResolver resolves entry points for one arch.
type archResolver struct {
	ps      *protoSources
	a       arches.Arch
	f       *archFacts
	notes   []string // how choices were made, for the generated file
	targets []string // the C functions assembly entries lead to
}

func newArchResolver(ps *protoSources, a arches.Arch) (*archResolver, error) {
	kf, err := newKfacts(a, ps.kconfigs[a.Kernel])
	if err != nil {
		return nil, err
	}
	kb, err := newKbuild(ps.tree, a.Kernel, kf)
	if err != nil {
		return nil, err
	}
	f := &archFacts{a: a, kf: kf, kb: kb, macros: map[string][]macroDef{}}
	// BITS_PER_LONG (include/asm-generic/bitsperlong.h, from CONFIG_64BIT), then the
	// __ARCH_WANT_ macros of the arch's asm/unistd.h.
	if err := f.readMacros(ps.tree, []string{"include/asm-generic/bitsperlong.h"}, func(n string) bool { return n == "BITS_PER_LONG" }); err != nil {
		return nil, err
	}
	if n, ok := f.value("BITS_PER_LONG"); !ok || int(n) != a.PtrSize*8 {
		return nil, fmt.Errorf("%s: BITS_PER_LONG from Kconfig is %d (known %v), the arch's pointers are %d bits", a.GOARCH, n, ok, a.PtrSize*8)
	}
	unistd := []string{"arch/" + a.Kernel + "/include/uapi/asm/unistd.h", "arch/" + a.Kernel + "/include/asm/unistd.h"}
	for _, u := range unistd {
		if _, err := os.Stat(filepath.Join(ps.tree, u)); err != nil && !strings.Contains(u, "uapi") {
			return nil, fmt.Errorf("%s: %v (kernel.sh extracts it)", u, err)
		}
	}
	if err := f.readMacros(ps.tree, unistd, func(n string) bool { return strings.HasPrefix(n, "__ARCH_WANT_") }); err != nil {
		return nil, err
	}
	return &archResolver{ps: ps, a: a, f: f}, nil
}

// state is whether a definition is compiled on the arch: its file built, its #if taken.
func (r *archResolver) state(d archDef) (tri, string) {
	t := r.f.eval(d.cond)
	why := ""
	if d.kind != "declaration" && strings.HasPrefix(d.file, "arch/") {
		b, w := r.f.kb.built(d.file)
		t, why = and(t, b), w
	}
	return t, why
}

// logf records how a choice was made, "entry: ..." (the arch is added when printed).
func (r *archResolver) logf(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// genericProto resolves an entry point from syscalls.h alone.
func (r *archResolver) genericProto(entry string) (resolvedProto, bool, error) {
	idx := r.ps.byEntry[entry]
	var yesL, maybe []int
	for _, i := range idx {
		switch r.f.eval(r.ps.generic[i].cond) {
		case yes:
			yesL = append(yesL, i)
		case unknown:
			maybe = append(maybe, i)
		}
	}
	pick := -1
	switch {
	case len(yesL) == 1:
		pick = yesL[0]
	case len(yesL) > 1:
		return resolvedProto{}, false, fmt.Errorf("%s: %d declarations of %s hold in %s", r.a.GOARCH, len(yesL), entry, syscallsH)
	case len(maybe) == 1:
		pick = maybe[0]
	case len(maybe) > 1:
		return resolvedProto{}, false, fmt.Errorf("%s: which of the %d declarations of %s in %s holds depends on options the user chooses", r.a.GOARCH, len(maybe), entry, syscallsH)
	default:
		return resolvedProto{}, false, nil
	}
	p := r.ps.generic[pick]
	if len(idx) > 1 {
		r.logf("%s: the %s declaration under %s", entry, syscallsH, p.cond)
	}
	return resolvedProto{entry: entry, source: syscallsH, cond: p.cond, args: p.args, generic: pick + 1}, true, nil
}

// pickDef chooses among definitions of one entry: those compiled (yes) first, else those
// that may be; all of them must agree on the parameters.
func (r *archResolver) pickDef(entry string, defs []archDef) (archDef, bool, error) {
	var yesL, maybe []archDef
	var dropped []string
	for _, d := range defs {
		t, why := r.state(d)
		switch t {
		case yes:
			yesL = append(yesL, d)
		case unknown:
			maybe = append(maybe, d)
		default:
			c := d.cond
			if c == "" {
				c = "not built: " + why
			}
			dropped = append(dropped, d.where()+" ("+c+")")
		}
	}
	l := yesL
	if len(l) == 0 {
		l = maybe
	}
	if len(l) == 0 {
		return archDef{}, false, nil
	}
	for _, d := range l[1:] {
		if !sameArgs(d.args, l[0].args) {
			var all []string
			for _, x := range l {
				all = append(all, x.where()+" "+argString(x.args))
			}
			return archDef{}, false, fmt.Errorf("%s: %s is defined with different parameters in files and #if branches the arch may compile: %s", r.a.GOARCH, entry, strings.Join(all, "; "))
		}
	}
	if len(dropped) > 0 || len(l) > 1 {
		_, why := r.state(l[0])
		s := fmt.Sprintf("%s: %s (built: %s", entry, l[0].where(), why)
		if l[0].cond != "" {
			s += "; under " + l[0].cond
		}
		s += ")"
		if len(l) > 1 {
			var also []string
			for _, d := range l[1:] {
				also = append(also, d.where())
			}
			s += ", the first of " + strings.Join(append([]string{l[0].where()}, also...), ", ") + " (same parameters)"
		}
		if len(dropped) > 0 {
			s += "; not " + strings.Join(dropped, ", ")
		}
		r.logf("%s", s)
	}
	return l[0], true, nil
}

// resolve returns the prototype of entry on the arch.
func (r *archResolver) resolve(entry string, depth int) (resolvedProto, bool, error) {
	if depth > 4 {
		return resolvedProto{}, false, fmt.Errorf("%s: alias loop at %s", r.a.GOARCH, entry)
	}
	// Assembly entries (asmalias.go).
	for _, al := range r.ps.aliases[r.a.Kernel] {
		if al.entry != entry {
			continue
		}
		if b, _ := r.f.kb.built(al.file); b == no {
			continue // scall32-o32.S is not in a 64-bit mips kernel
		}
		p := resolvedProto{entry: entry, source: al.file, note: al.why, args: al.args}
		if al.target != "" {
			r.targets = append(r.targets, al.target)
			t, ok, err := r.resolve(al.target, depth+1)
			if err != nil || !ok {
				return p, false, fmt.Errorf("%s: %s jumps to %s, which has no prototype (%v)", r.a.GOARCH, entry, al.target, err)
			}
			p.source += " -> " + al.target + " (" + t.source + ")"
			p.cond = t.cond
			if !al.ownArgs {
				p.args = t.args
			}
		}
		return p, true, nil
	}
	var defs, saves, decls []archDef
	for _, d := range r.ps.arch[r.a.Kernel] {
		if d.entry != entry {
			continue
		}
		switch d.kind {
		case "declaration":
			decls = append(decls, d)
		case "save_static_function":
			saves = append(saves, d)
		default:
			defs = append(defs, d)
		}
	}
	if d, ok, err := r.pickDef(entry, defs); err != nil {
		return resolvedProto{}, false, err
	} else if ok {
		p := resolvedProto{entry: entry, source: d.file, cond: d.cond, args: d.args}
		for _, n := range r.ps.notes[r.a.Kernel] {
			if n.entry == entry && n.file == d.file {
				p.note = n.why
			}
		}
		r.crossCheck(p, decls)
		return p, true, nil
	}
	if d, ok, err := r.pickDef(entry, saves); err != nil {
		return resolvedProto{}, false, err
	} else if ok {
		r.targets = append(r.targets, d.target)
		t, ok, err := r.resolve(d.target, depth+1)
		if err != nil || !ok {
			return resolvedProto{}, false, fmt.Errorf("%s: %s (%s) saves the static registers and jumps to %s, which has no prototype (%v)", r.a.GOARCH, entry, d.where(), d.target, err)
		}
		return resolvedProto{entry: entry, source: d.file + " -> " + d.target + " (" + t.source + ")", cond: t.cond, args: t.args,
			note: "save_static_function(" + d.target + "): stores the callee-saved registers s0-s7 and fp in pt_regs and jumps to " + d.target + ", which takes the same arguments"}, true, nil
	}
	for _, d := range decls {
		if t, _ := r.state(d); t != no {
			return resolvedProto{entry: entry, source: d.file, cond: d.cond, args: d.args}, true, nil
		}
	}
	if cdefs, ok := r.ps.common[entry]; ok {
		var yesL, maybe []archDef
		for _, d := range cdefs {
			switch r.f.eval(d.cond) {
			case yes:
				yesL = append(yesL, d)
			case unknown:
				maybe = append(maybe, d)
			}
		}
		if len(yesL) == 1 || (len(yesL) == 0 && len(maybe) == 1) {
			d := append(yesL, maybe...)[0]
			r.logf("%s: %s, under %s", entry, d.where(), d.cond)
			return resolvedProto{entry: entry, source: d.file, cond: d.cond, args: d.args}, true, nil
		}
		return resolvedProto{}, false, fmt.Errorf("%s: %s: %d definitions in %s hold, %d may", r.a.GOARCH, entry, len(yesL), genericDefs[entry], len(maybe))
	}
	return r.genericProto(entry)
}

// crossCheck logs where the arch's header declares an entry point with other types than
// its definition.
func (r *archResolver) crossCheck(p resolvedProto, decls []archDef) {
	for _, d := range decls {
		if t, _ := r.state(d); t != no && !sameTypes(d.args, p.args) {
			r.logf("%s: %s declares %s; %s defines %s", p.entry, d.where(), argString(d.args), p.source, argString(p.args))
		}
	}
	if g, ok, _ := r.genericProto(p.entry); ok && !sameTypes(g.args, p.args) {
		r.logf("%s: %s declares %s; %s defines %s", p.entry, syscallsH, argString(g.args), p.source, argString(p.args))
	}
}

// archProtoSet is what the generated file holds.
type archProtoSet struct {
	own    []resolvedProto       // prototypes not (only) from syscalls.h, sorted
	refs   map[string][]int      // GOARCH -> per table row: 0 none, n>0 generic[n-1], -n own[n-1]
	extras map[string][]extraRef // GOARCH -> the targets of assembly entries that no row names
	index  map[string]int        // own's index by key
	holds  map[string][]bool     // GOARCH -> per syscalls.h prototype: its condition may hold
	facts  map[string][]string
	notes  map[string][]string // note -> the arches it is about
	order  []string            // notes in first-seen order
}

// extraRef is the prototype of an entry point that is only reached through assembly.
type extraRef struct {
	entry string
	p     resolvedProto
}

// configFacts are the options the generated file records per arch.
var configFacts = []string{"64BIT", "ARCH_SPLIT_ARG64", "CLONE_BACKWARDS", "CLONE_BACKWARDS2", "CLONE_BACKWARDS3",
	"OLD_SIGSUSPEND", "OLD_SIGSUSPEND3", "OLD_SIGACTION", "HAVE_UID16", "ODD_RT_SIGACTION", "COMPAT"}

func resolveAll(ps *protoSources, tables []archTable) (*archProtoSet, error) {
	set := &archProtoSet{refs: map[string][]int{}, extras: map[string][]extraRef{}, holds: map[string][]bool{}, facts: map[string][]string{}, notes: map[string][]string{}}
	own := map[string]resolvedProto{}
	perArch := map[string][]resolvedProto{}
	var errs []string
	for _, t := range tables {
		r, err := newArchResolver(ps, t.arch)
		if err != nil {
			return nil, err
		}
		var missing []string
		l := make([]resolvedProto, len(t.rows))
		for i, row := range t.rows {
			if !row.implemented() {
				continue
			}
			if p, ok := t.private[row.name]; ok && row.abi == armPrivateABI {
				if b, why := r.f.kb.built(p.source); b != yes {
					errs = append(errs, fmt.Sprintf("%s: %s: %s is not built (%s)", t.arch.GOARCH, row.name, p.source, why))
				}
				l[i] = p
				own[p.key()] = p
				continue
			}
			p, ok, err := r.resolve(row.entry, 0)
			switch {
			case err != nil:
				errs = append(errs, err.Error())
			case !ok:
				missing = append(missing, row.name+"="+row.entry)
			default:
				l[i] = p
				if p.generic == 0 {
					own[p.key()] = p
				}
			}
		}
		if len(missing) > 0 {
			errs = append(errs, fmt.Sprintf("%s: %d implemented rows without a prototype: %s", t.arch.GOARCH, len(missing), strings.Join(missing, " ")))
		}
		// The C functions the assembly entries reach, when no row names them (arm's
		// sys_sigreturn, mips's sys_clone), so that their prototypes can be asked for too.
		named := map[string]bool{}
		for _, row := range t.rows {
			if row.implemented() {
				named[row.entry] = true
			}
		}
		targets := append([]string(nil), r.targets...)
		sort.Strings(targets)
		for _, e := range targets {
			if named[e] {
				continue
			}
			named[e] = true
			p, ok, err := r.resolve(e, 0)
			if err != nil || !ok {
				errs = append(errs, fmt.Sprintf("%s: %s: %v", t.arch.GOARCH, e, err))
				continue
			}
			if p.generic == 0 {
				own[p.key()] = p
			}
			set.extras[t.arch.GOARCH] = append(set.extras[t.arch.GOARCH], extraRef{entry: e, p: p})
		}
		perArch[t.arch.GOARCH] = l
		h := make([]bool, len(ps.generic))
		for i, p := range ps.generic {
			h[i] = r.f.eval(p.cond) != no
		}
		set.holds[t.arch.GOARCH] = h
		for _, o := range configFacts {
			set.facts[t.arch.GOARCH] = append(set.facts[t.arch.GOARCH], o+"="+map[tri]string{yes: "y", no: "n", unknown: "?"}[r.f.kf.sym(o)])
		}
		n, _ := r.f.value("BITS_PER_LONG")
		set.facts[t.arch.GOARCH] = append(set.facts[t.arch.GOARCH], fmt.Sprintf("BITS_PER_LONG=%d", n))
		for _, n := range r.notes {
			if set.notes[n] == nil {
				set.order = append(set.order, n)
			}
			if l := set.notes[n]; len(l) == 0 || l[len(l)-1] != t.arch.GOARCH {
				set.notes[n] = append(l, t.arch.GOARCH)
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("per-arch prototypes:\n\t%s", strings.Join(errs, "\n\t"))
	}
	keys := make([]string, 0, len(own))
	for k := range own {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	index := map[string]int{}
	set.index = index
	for i, k := range keys {
		set.own = append(set.own, own[k])
		index[k] = i
	}
	for _, t := range tables {
		refs := make([]int, len(t.rows))
		for i, p := range perArch[t.arch.GOARCH] {
			switch {
			case p.entry == "":
			case p.generic > 0:
				refs[i] = p.generic
			default:
				refs[i] = -(index[p.key()] + 1)
			}
		}
		set.refs[t.arch.GOARCH] = refs
	}
	return set, nil
}

// genArchPrototypes writes systab/zprototypes_arch.go. tree is the kernel tree that
// kernel.sh prepared (K/linux); protos are the syscalls.h declarations in the
// order of zsystab.go's prototypes.
func genArchPrototypes(tree string, tables []archTable, protos []proto) ([]byte, error) {
	ps, err := readProtoSources(tree, protos)
	if err != nil {
		return nil, err
	}
	set, err := resolveAll(ps, tables)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(gofile.Header("systab", "the syscall tables, include/linux/syscalls.h and the arch sources, headers and Kconfig files of Linux "+kernelVersion))
	b.WriteString("\npackage systab\n\n")
	b.WriteString("// archProtos are the prototypes of the entry points that an arch defines itself (arch/<k>/**/*.c, the arch's\n")
	b.WriteString("// asm/syscalls*.h), that reach C through assembly, and sys_clone from kernel/fork.c; sorted.\n")
	b.WriteString("var archProtos = [...]archProto{\n")
	for _, p := range set.own {
		fmt.Fprintf(&b, "\t{%q, %q, %q, %q, []Arg{", p.entry, p.source, p.cond, p.note)
		for i, a := range p.args {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{%q, %q}", a.typ, a.name)
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n\n")

	// Arches whose rows resolve alike share one slice, as their tables do.
	b.WriteString("// protoRefs holds, per arch in archTables order, the prototype of each row of its table (same index):\n")
	b.WriteString("// 0 for a row that is not implemented, n > 0 for prototypes[n-1], -n for archProtos[n-1].\n")
	b.WriteString("var protoRefs = [...][]int16{")
	bodies := map[string]string{}
	var order []string
	names := make([]string, len(tables))
	for i, t := range tables {
		var body strings.Builder
		for j, v := range set.refs[t.arch.GOARCH] {
			if j%16 == 0 {
				body.WriteString("\n\t")
			} else {
				body.WriteString(" ")
			}
			fmt.Fprintf(&body, "%d,", v)
		}
		s := body.String()
		if v, ok := bodies[s]; ok {
			names[i] = v
			continue
		}
		names[i] = "refs" + strings.TrimPrefix(varName(t.arch.GOARCH), "table")
		bodies[s] = names[i]
		order = append(order, s)
	}
	b.WriteString(strings.Join(names, ", "))
	b.WriteString("}\n\n")
	for _, s := range order {
		v := bodies[s]
		var users []string
		for i, t := range tables {
			if names[i] == v {
				users = append(users, t.arch.GOARCH)
			}
		}
		fmt.Fprintf(&b, "// %s: %s.\nvar %s = []int16{%s\n}\n\n", v, strings.Join(users, ", "), v, s)
	}

	b.WriteString("// protoExtras holds, per arch in archTables order, the C functions that the arch's assembly entry\n")
	b.WriteString("// points lead to and no row of its table names (ref as in protoRefs), sorted.\n")
	b.WriteString("var protoExtras = [...][]protoExtra{\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "\t{")
		for i, x := range set.extras[t.arch.GOARCH] {
			if i > 0 {
				b.WriteString(", ")
			}
			ref := x.p.generic
			if ref == 0 {
				ref = -(set.index[x.p.key()] + 1)
			}
			fmt.Fprintf(&b, "{%q, %d}", x.entry, ref)
		}
		fmt.Fprintf(&b, "}, // %s\n", t.arch.GOARCH)
	}
	b.WriteString("}\n\n")

	b.WriteString("// protoHolds has, per arch in archTables order, one bit per element of prototypes: set when the\n")
	b.WriteString("// declaration's #if condition holds on the arch, or may (it depends on an option the user chooses).\n")
	b.WriteString("// The configuration each arch's kernel fixes, read from its Kconfig files (? = the user's choice):\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "//\t%-9s %s\n", t.arch.GOARCH, strings.Join(set.facts[t.arch.GOARCH], " "))
	}
	b.WriteString("//\n// How the generator chose where an entry point has more than one definition or declaration\n")
	b.WriteString("// (\"built:\" is the kbuild Makefile line that compiles the file on the arch):\n")
	for _, n := range set.order {
		fmt.Fprintf(&b, "//\t%s: %s\n", strings.Join(set.notes[n], ", "), n)
	}
	b.WriteString("var protoHolds = [...][]uint64{\n")
	for _, t := range tables {
		h := set.holds[t.arch.GOARCH]
		words := make([]uint64, (len(h)+63)/64)
		for i, v := range h {
			if v {
				words[i/64] |= 1 << (i % 64)
			}
		}
		fmt.Fprintf(&b, "\t{")
		for i, w := range words {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%#x", w)
		}
		fmt.Fprintf(&b, "}, // %s\n", t.arch.GOARCH)
	}
	b.WriteString("}\n")
	return gofile.Format("systab/zprototypes_arch.go", b.Bytes())
}
