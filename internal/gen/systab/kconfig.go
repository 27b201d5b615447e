package main

// What one arch's kernel configuration fixes, read from the kernel's own Kconfig files:
// the arch's options select CLONE_BACKWARDS, ARCH_SPLIT_ARG64, OLD_SIGSUSPEND3... and
// those decide which of syscalls.h's alternative declarations, and which of an arch
// file's #if branches, the arch's kernel compiles.
//
// Only the word-size choices that Go's target itself fixes are given by hand
// (kconfigRoots); every other option follows from the Kconfig files: def_bool and default
// of options without a prompt, and select [if]. An option with a prompt is the user's
// choice, so unknown unless it is a root, and so is everything that only it decides.
// Unknown is honest: a decision that matters and depends on one stops the generator.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// kconfigRoots are the options Go's target fixes for each GOARCH: the kernel's word size
// and ABI (and nothing else), as arch/<k>/Kconfig offers them. "!X" sets X to n. Each root
// must be an option with a prompt in that arch's Kconfig, or for "!X" absent from it (the
// generator checks).
var kconfigRoots = map[string][]string{
	"amd64":    {"64BIT"},                                      // arch/x86/Kconfig: config 64BIT "64-bit kernel"
	"386":      {"!64BIT"},                                     // ... off: X86_32 (def_bool y, depends on !64BIT)
	"arm":      {"AEABI", "!OABI_COMPAT", "!64BIT", "!COMPAT"}, // EABI, no OABI entry; arm has no 64BIT or COMPAT option
	"arm64":    {},                                             // 64BIT is def_bool y
	"riscv64":  {"ARCH_RV64I", "!ARCH_RV32I"},
	"loong64":  {"64BIT", "!32BIT"},
	"ppc64":    {"PPC64"}, // arch/powerpc/platforms/Kconfig.cputype: "64-bit kernel"
	"ppc64le":  {"PPC64"},
	"s390x":    {},                  // 64BIT is def_bool y
	"mips":     {"32BIT", "!64BIT"}, // the "Kernel code model" choice
	"mipsle":   {"32BIT", "!64BIT"},
	"mips64":   {"64BIT", "!32BIT"},
	"mips64le": {"64BIT", "!32BIT"},
}

// kexpr is a Kconfig expression.
type kexpr struct {
	op   string // "sym", "const", "!", "&&", "||", "=", "!=", "<", ">", "<=", ">="
	name string // sym: the option; const: y, n, m, a number or a string
	l, r *kexpr
}

var kTokenRe = regexp.MustCompile(`\s*(&&|\|\||!=|<=|>=|[()!=<>]|"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-]+)`)

func parseKexpr(s string) (*kexpr, error) {
	var toks []string
	rest := strings.TrimSpace(s)
	for rest != "" {
		if strings.HasPrefix(rest, "$(") { // a macro call, parentheses nested: unknown
			depth, j := 0, 0
			for j = 0; j < len(rest); j++ {
				if rest[j] == '(' {
					depth++
				} else if rest[j] == ')' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if j == len(rest) {
				return nil, fmt.Errorf("Kconfig expression %q: unbalanced $(", s)
			}
			toks = append(toks, rest[:j+1])
			rest = strings.TrimSpace(rest[j+1:])
			continue
		}
		m := kTokenRe.FindStringSubmatchIndex(rest)
		if m == nil || m[0] != 0 {
			return nil, fmt.Errorf("Kconfig expression %q: cannot read %q", s, rest)
		}
		toks = append(toks, rest[m[2]:m[3]])
		rest = strings.TrimSpace(rest[m[1]:])
	}
	p := &kParser{toks: toks}
	e, err := p.or()
	if err == nil && p.i != len(toks) {
		err = fmt.Errorf("trailing %q", toks[p.i:])
	}
	if err != nil {
		return nil, fmt.Errorf("Kconfig expression %q: %v", s, err)
	}
	return e, nil
}

var (
	kNumberRe = regexp.MustCompile(`^-?(?:0[xX][0-9a-fA-F]+|\d+)$`)
	kSymRe    = regexp.MustCompile(`^\w+$`)
)

type kParser struct {
	toks []string
	i    int
}

func (p *kParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *kParser) or() (*kexpr, error) {
	l, err := p.and()
	for err == nil && p.peek() == "||" {
		p.i++
		var r *kexpr
		r, err = p.and()
		l = &kexpr{op: "||", l: l, r: r}
	}
	return l, err
}

func (p *kParser) and() (*kexpr, error) {
	l, err := p.cmp()
	for err == nil && p.peek() == "&&" {
		p.i++
		var r *kexpr
		r, err = p.cmp()
		l = &kexpr{op: "&&", l: l, r: r}
	}
	return l, err
}

func (p *kParser) cmp() (*kexpr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	switch op := p.peek(); op {
	case "=", "!=", "<", ">", "<=", ">=":
		p.i++
		r, err := p.unary()
		return &kexpr{op: op, l: l, r: r}, err
	}
	return l, nil
}

func (p *kParser) unary() (*kexpr, error) {
	t := p.peek()
	p.i++
	switch {
	case t == "":
		return nil, fmt.Errorf("unexpected end")
	case t == "!":
		e, err := p.unary()
		return &kexpr{op: "!", l: e}, err
	case t == "(":
		e, err := p.or()
		if err == nil && p.peek() != ")" {
			err = fmt.Errorf("missing )")
		}
		p.i++
		return e, err
	case t == "y" || t == "n" || t == "m" || t[0] == '"' || t[0] == '\'' || t[0] == '$' || kNumberRe.MatchString(t):
		return &kexpr{op: "const", name: t}, nil
	case kSymRe.MatchString(t): // 64BIT is an option, not a number
		return &kexpr{op: "sym", name: t}, nil
	}
	return nil, fmt.Errorf("unexpected %q", t)
}

func (e *kexpr) String() string {
	switch e.op {
	case "sym", "const":
		return e.name
	case "!":
		return "!" + e.l.String()
	}
	return "(" + e.l.String() + " " + e.op + " " + e.r.String() + ")"
}

// kdefault is one default (or def_bool) of an option: value expr if cond.
type kdefault struct{ val, cond *kexpr }

// kselect is one "select T if cond" of option from.
type kselect struct {
	from string
	cond *kexpr // nil: unconditional
	at   string // file:line
}

// kdef is one definition of an option ("config X" and its attributes).
type kdef struct {
	at       string   // file:line
	deps     []*kexpr // enclosing if/menu/choice and its own "depends on"
	prompts  []*kexpr // one per prompt: its "if" (nil: none)
	defaults []kdefault
}

// ksym is what the Kconfig files say about one option.
type ksym struct {
	name string
	typ  string // bool, tristate, int, hex, string
	defs []*kdef
}

// kconfig is the parsed Kconfig of one kernel arch directory.
type kconfig struct {
	syms    map[string]*ksym
	selects map[string][]kselect // target -> who selects it
}

// readKconfig reads arch/<k>/Kconfig, arch/Kconfig and init/Kconfig (the generic files
// that declare the options arches select: CLONE_BACKWARDS*, ARCH_SPLIT_ARG64,
// OLD_SIGSUSPEND*, HAVE_UID16...) and everything they source that kernel.sh extracted.
// Files outside the extract are skipped: the options only they define stay unknown.
func readKconfig(tree, karch string) (*kconfig, error) {
	kc := &kconfig{syms: map[string]*ksym{}, selects: map[string][]kselect{}}
	seen := map[string]bool{}
	for _, f := range []string{"arch/" + karch + "/Kconfig", "arch/Kconfig", "init/Kconfig"} {
		if _, err := os.Stat(filepath.Join(tree, f)); err != nil {
			return nil, fmt.Errorf("%s: %v (kernel.sh extracts the arch Kconfig files)", f, err)
		}
		if err := kc.parse(tree, karch, f, nil, seen); err != nil {
			return nil, err
		}
	}
	return kc, nil
}

func indentOf(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n = n/8*8 + 8
		default:
			return n
		}
	}
	return n
}

func (kc *kconfig) parse(tree, karch, rel string, outer []*kexpr, seen map[string]bool) error {
	if seen[rel] || strings.HasPrefix(rel, "arch/x86/um/") {
		return nil
	}
	seen[rel] = true
	data, err := os.ReadFile(filepath.Join(tree, rel))
	if err != nil {
		if os.IsNotExist(err) {
			return nil // not extracted: outside the arch's options
		}
		return err
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\\\n", " "), "\n")

	// The dependency stack: enclosing if, menu and choice blocks.
	type frame struct {
		kind string // if, menu, choice
		dep  *kexpr
	}
	var stack []frame
	deps := func() []*kexpr {
		l := append([]*kexpr(nil), outer...)
		for _, f := range stack {
			if f.dep != nil {
				l = append(l, f.dep)
			}
		}
		return l
	}
	var cur *kdef // the definition being read
	var curSym *ksym
	menuDep := -1 // the stack index of the menu or choice whose attributes follow
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		line := strings.TrimSpace(raw)
		if j := strings.Index(line, "#"); j >= 0 && !strings.Contains(line[:j], "\"") {
			line = strings.TrimSpace(line[:j])
		}
		if line == "" {
			continue
		}
		at := fmt.Sprintf("%s:%d", rel, i+1)
		word, rest, _ := strings.Cut(line, " ")
		if k := strings.IndexByte(word, '\t'); k >= 0 {
			rest, word = word[k+1:]+" "+rest, word[:k]
		}
		rest = strings.TrimSpace(rest)
		parseIf := func(s string) (string, *kexpr, error) {
			// "X if E": split at the last top-level " if " outside quotes.
			if k := lastIf(s); k >= 0 {
				e, err := parseKexpr(s[k+4:])
				return strings.TrimSpace(s[:k]), e, err
			}
			return s, nil, nil
		}
		switch word {
		case "config", "menuconfig":
			s := kc.syms[rest]
			if s == nil {
				s = &ksym{name: rest}
				kc.syms[rest] = s
			}
			cur = &kdef{at: at, deps: deps()}
			curSym = s
			s.defs = append(s.defs, cur)
			menuDep = -1
			continue
		case "choice", "menu":
			stack = append(stack, frame{kind: word})
			cur, menuDep = nil, len(stack)-1
			continue
		case "if":
			e, err := parseKexpr(rest)
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			stack = append(stack, frame{kind: "if", dep: e})
			cur, menuDep = nil, -1
			continue
		case "endif", "endmenu", "endchoice":
			want := map[string]string{"endif": "if", "endmenu": "menu", "endchoice": "choice"}[word]
			if len(stack) == 0 || stack[len(stack)-1].kind != want {
				return fmt.Errorf("%s: %s without %s", at, word, want)
			}
			stack = stack[:len(stack)-1]
			cur, menuDep = nil, -1
			continue
		case "source", "osource", "rsource", "orsource":
			p := strings.Trim(rest, "\"")
			p = strings.ReplaceAll(p, "$(SRCARCH)", karch)
			if strings.HasPrefix(word, "r") || strings.HasPrefix(word, "or") {
				p = filepath.Join(filepath.Dir(rel), p)
			}
			if strings.ContainsAny(p, "$*?") {
				continue // a macro or glob source: not one of the arch's own files
			}
			if err := kc.parse(tree, karch, p, deps(), seen); err != nil {
				return err
			}
			cur, menuDep = nil, -1
			continue
		case "comment", "mainmenu":
			cur, menuDep = nil, -1
			continue
		case "help", "---help---":
			// Skip the help text: the lines indented deeper than its first line.
			first := -1
			for i+1 < len(lines) {
				nl := lines[i+1]
				if strings.TrimSpace(nl) == "" {
					i++
					continue
				}
				ind := indentOf(nl)
				if first < 0 {
					first = ind
				}
				if ind < first || ind <= indentOf(raw) {
					break
				}
				i++
			}
			continue
		}
		if menuDep >= 0 {
			if word == "depends" {
				e, err := parseKexpr(strings.TrimPrefix(rest, "on "))
				if err != nil {
					return fmt.Errorf("%s: %v", at, err)
				}
				stack[menuDep].dep = andK(stack[menuDep].dep, e)
			}
			continue
		}
		if cur == nil {
			continue
		}
		s := curSym
		switch word {
		case "bool", "tristate", "int", "hex", "string", "def_bool", "def_tristate":
			typ := strings.TrimPrefix(word, "def_")
			if s.typ == "" {
				s.typ = typ
			}
			if strings.HasPrefix(word, "def_") {
				v, cond, err := parseIf(rest)
				if err != nil {
					return fmt.Errorf("%s: %v", at, err)
				}
				e, err := parseKexpr(v)
				if err != nil {
					return fmt.Errorf("%s: %v", at, err)
				}
				cur.defaults = append(cur.defaults, kdefault{val: e, cond: cond})
			} else if rest != "" {
				_, cond, err := parseIf(rest)
				if err != nil {
					return fmt.Errorf("%s: %v", at, err)
				}
				cur.prompts = append(cur.prompts, cond)
			}
		case "prompt":
			_, cond, err := parseIf(rest)
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			cur.prompts = append(cur.prompts, cond)
		case "default":
			v, cond, err := parseIf(rest)
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			e, err := parseKexpr(v)
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			cur.defaults = append(cur.defaults, kdefault{val: e, cond: cond})
		case "depends":
			e, err := parseKexpr(strings.TrimPrefix(rest, "on "))
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			cur.deps = append(cur.deps, e)
		case "select":
			t, cond, err := parseIf(rest)
			if err != nil {
				return fmt.Errorf("%s: %v", at, err)
			}
			kc.selects[t] = append(kc.selects[t], kselect{from: s.name, cond: cond, at: at})
		}
	}
	if len(stack) != 0 {
		return fmt.Errorf("%s: %d unclosed if/menu/choice blocks", rel, len(stack))
	}
	return nil
}

// lastIf finds " if " outside quotes and parentheses.
func lastIf(s string) int {
	depth, inq := 0, false
	last := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			inq = !inq
		case inq:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], " if "):
			last = i
		}
	}
	return last
}

func andK(a, b *kexpr) *kexpr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &kexpr{op: "&&", l: a, r: b}
}

func andAll(l []*kexpr) *kexpr {
	var e *kexpr
	for _, x := range l {
		e = andK(e, x)
	}
	return e
}

// kfacts is one arch's evaluated configuration.
type kfacts struct {
	goarch string
	kc     *kconfig
	roots  map[string]tri
	memo   map[string]tri
	active map[string]bool
	why    map[string]string // option -> how it got its value (for the generated comment)
}

func newKfacts(a arches.Arch, kc *kconfig) (*kfacts, error) {
	f := &kfacts{goarch: a.GOARCH, kc: kc, roots: map[string]tri{}, memo: map[string]tri{}, active: map[string]bool{}, why: map[string]string{}}
	roots, ok := kconfigRoots[a.GOARCH]
	if !ok {
		return nil, fmt.Errorf("%s: no Kconfig roots", a.GOARCH)
	}
	for _, r := range roots {
		v := yes
		if strings.HasPrefix(r, "!") {
			r, v = r[1:], no
		}
		s := kc.syms[r]
		switch {
		case s == nil && v == yes:
			return nil, fmt.Errorf("%s: root option %s is not in arch/%s's Kconfig", a.GOARCH, r, a.Kernel)
		case s == nil:
			// "!X" for an option the arch does not have (arm has no 64BIT): n, as
			// Kconfig and the preprocessor take an option nobody defines.
		case !hasPrompt(s):
			return nil, fmt.Errorf("%s: root option %s has no prompt: the Kconfig files decide it", a.GOARCH, r)
		}
		f.roots[r] = v
	}
	return f, nil
}

// sym returns the value of option name on this arch.
func (f *kfacts) sym(name string) tri {
	if v, ok := f.roots[name]; ok {
		return v
	}
	if v, ok := f.memo[name]; ok {
		return v
	}
	if f.active[name] {
		return unknown // a dependency loop (Kconfig forbids them; be safe)
	}
	f.active[name] = true
	v := f.compute(name)
	delete(f.active, name)
	f.memo[name] = v
	return v
}

// closedOptions are options that only arch Kconfig files select (checked over every
// Kconfig file of the 7.2.13 tree: grep -rn 'select CLONE_BACKWARDS' --include='Kconfig*'
// and so on), so that the files read know all their selects: not selected means n. Any
// other option without a prompt or a default of its own may be selected from a file not
// read (UPROBES, from kernel/trace/Kconfig), so not selected there means unknown.
var closedOptions = map[string]bool{
	"CLONE_BACKWARDS": true, "CLONE_BACKWARDS2": true, "CLONE_BACKWARDS3": true,
	"ARCH_SPLIT_ARG64": true, "OLD_SIGSUSPEND": true, "OLD_SIGSUSPEND3": true,
	"OLD_SIGACTION": true, "COMPAT_OLD_SIGACTION": true, "ODD_RT_SIGACTION": true, "HAVE_UID16": true,
}

// selectOnly reports an option that only a select can turn on: no prompt, and no default
// other than n.
func selectOnly(s *ksym) bool {
	for _, d := range s.defs {
		if len(d.prompts) > 0 {
			return false
		}
		for _, x := range d.defaults {
			if x.val.op != "const" || x.val.name != "n" {
				return false
			}
		}
	}
	return true
}

func (f *kfacts) compute(name string) tri {
	s := f.kc.syms[name]
	// select: forced to y by a selecting option that is y with its condition.
	sel := no
	for _, x := range f.kc.selects[name] {
		v := f.sym(x.from)
		if x.cond != nil {
			v = and(v, f.expr(x.cond))
		}
		sel = or(sel, v)
	}
	if s != nil && selectOnly(s) && !closedOptions[name] {
		sel = or(sel, unknown)
	}
	if s == nil {
		if sel == yes {
			return yes
		}
		return unknown // defined outside the files read
	}
	if s.typ != "" && s.typ != "bool" && s.typ != "tristate" {
		return unknown
	}
	// Each definition: a visible prompt makes the value the user's choice (within its
	// dependencies); otherwise the first default whose condition holds.
	base := no
	for _, d := range s.defs {
		dep := yes
		for _, e := range d.deps {
			dep = and(dep, f.expr(e))
		}
		if dep == no {
			continue
		}
		visible := no
		for _, p := range d.prompts {
			if p == nil {
				visible = yes
			} else {
				visible = or(visible, f.expr(p))
			}
		}
		v := no
		if visible != yes {
			for _, x := range d.defaults {
				c := yes
				if x.cond != nil {
					c = f.expr(x.cond)
				}
				if c == no {
					continue
				}
				if c == yes {
					v = f.expr(x.val)
				} else {
					v = unknown
				}
				break
			}
		}
		if visible != no {
			v = unknown // the user's answer
		}
		base = or(base, and(dep, v))
	}
	return or(sel, base)
}

func (f *kfacts) expr(e *kexpr) tri {
	switch e.op {
	case "sym":
		return f.sym(e.name)
	case "const":
		switch e.name {
		case "y", "m":
			return yes
		case "n":
			return no
		}
		return unknown
	case "!":
		return f.expr(e.l).not()
	case "&&":
		return and(f.expr(e.l), f.expr(e.r))
	case "||":
		return or(f.expr(e.l), f.expr(e.r))
	case "=", "!=":
		// Comparisons of bool options with y/n; anything else (strings, $(ARCH)) is unknown.
		l, r := e.l, e.r
		if l.op == "const" {
			l, r = r, l
		}
		if l.op == "sym" && r.op == "const" && (r.name == "y" || r.name == "n") {
			v := f.sym(l.name)
			if r.name == "n" {
				v = v.not()
			}
			if e.op == "!=" {
				v = v.not()
			}
			return v
		}
		return unknown
	}
	return unknown
}

// selectedBy explains a yes option: the first select that made it so, or its default.
func (f *kfacts) explain(name string) string {
	if v, ok := f.roots[name]; ok {
		return fmt.Sprintf("root (%s)", v)
	}
	for _, x := range f.kc.selects[name] {
		v := f.sym(x.from)
		if x.cond != nil {
			v = and(v, f.expr(x.cond))
		}
		if v == yes {
			s := "select by " + x.from
			if x.cond != nil {
				s += " if " + x.cond.String()
			}
			return s + " (" + x.at + ")"
		}
	}
	if s := f.kc.syms[name]; s != nil && len(s.defs) > 0 {
		return "default (" + s.defs[0].at + ")"
	}
	return "not in the Kconfig files read"
}

func hasPrompt(s *ksym) bool {
	for _, d := range s.defs {
		if len(d.prompts) > 0 {
			return true
		}
	}
	return false
}
