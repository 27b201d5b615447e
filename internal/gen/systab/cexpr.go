package main

// The C side of the per-arch prototypes: preprocessor conditions, as the kernel's headers
// and arch sources write them, tracked line by line and evaluated with what one arch's
// kernel configuration fixes (kconfig.go).

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// tri is a three-valued truth: what a condition is on an arch when part of the kernel's
// configuration is the user's choice (unknown) and part is fixed by the arch (yes, no).
type tri int8

const (
	no tri = iota - 1
	unknown
	yes
)

func (t tri) String() string { return [...]string{"no", "unknown", "yes"}[t+1] }

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

func (t tri) not() tri { return -t }

func and(a, b tri) tri {
	if a == no || b == no {
		return no
	}
	if a == yes && b == yes {
		return yes
	}
	return unknown
}

func or(a, b tri) tri {
	if a == yes || b == yes {
		return yes
	}
	if a == no && b == no {
		return no
	}
	return unknown
}

// cFacts answers, for one arch, what a C identifier is in a preprocessor condition.
type cFacts interface {
	// defined reports whether the macro is defined.
	defined(name string) tri
	// value is the macro's integer value (0 for an undefined one); ok false when unknown.
	value(name string) (int64, bool)
}

// cVal is the value of a preprocessor sub-expression: an integer, or unknown.
type cVal struct {
	n  int64
	ok bool
}

func (v cVal) truth() tri {
	if !v.ok {
		return unknown
	}
	return triOf(v.n != 0)
}

func triVal(t tri) cVal {
	switch t {
	case yes:
		return cVal{1, true}
	case no:
		return cVal{0, true}
	}
	return cVal{}
}

var cTokenRe = regexp.MustCompile(`\s*(&&|\|\||==|!=|<=|>=|<<|>>|[()!<>+\-*]|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+)[uUlL]*`)

func cTokens(s string) ([]string, error) {
	var toks []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		m := cTokenRe.FindStringSubmatchIndex(s)
		if m == nil || m[0] != 0 {
			return nil, fmt.Errorf("cannot read %q", s)
		}
		toks = append(toks, s[m[2]:m[3]])
		s = s[m[1]:]
	}
	return toks, nil
}

// evalC evaluates a condition as the systab generator writes them (the #if expression, or
// the macro name of an #ifdef, "!" for #ifndef, joined with " && "): a bare macro name is
// true when the macro is defined to a non-zero value, as in #if, which is also #ifdef's
// meaning for the kernel's CONFIG_ and __ARCH_WANT_ macros (defined to 1 or not at all).
func evalC(cond string, f cFacts) (tri, error) {
	if strings.TrimSpace(cond) == "" {
		return yes, nil
	}
	toks, err := cTokens(cond)
	if err != nil {
		return unknown, err
	}
	p := &cParser{toks: toks, f: f}
	v, err := p.or()
	if err != nil {
		return unknown, fmt.Errorf("%q: %v", cond, err)
	}
	if p.i != len(p.toks) {
		return unknown, fmt.Errorf("%q: trailing %q", cond, p.toks[p.i:])
	}
	return v.truth(), nil
}

type cParser struct {
	toks []string
	i    int
	f    cFacts
}

func (p *cParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *cParser) next() string { t := p.peek(); p.i++; return t }

func (p *cParser) or() (cVal, error) {
	v, err := p.and()
	for err == nil && p.peek() == "||" {
		p.next()
		var w cVal
		if w, err = p.and(); err == nil {
			v = triVal(or(v.truth(), w.truth()))
		}
	}
	return v, err
}

func (p *cParser) and() (cVal, error) {
	v, err := p.cmp()
	for err == nil && p.peek() == "&&" {
		p.next()
		var w cVal
		if w, err = p.cmp(); err == nil {
			v = triVal(and(v.truth(), w.truth()))
		}
	}
	return v, err
}

func (p *cParser) cmp() (cVal, error) {
	v, err := p.unary()
	for err == nil {
		op := p.peek()
		switch op {
		case "==", "!=", "<", ">", "<=", ">=":
		default:
			return v, nil
		}
		p.next()
		var w cVal
		if w, err = p.unary(); err != nil {
			break
		}
		if !v.ok || !w.ok {
			v = cVal{}
			continue
		}
		var r bool
		switch op {
		case "==":
			r = v.n == w.n
		case "!=":
			r = v.n != w.n
		case "<":
			r = v.n < w.n
		case ">":
			r = v.n > w.n
		case "<=":
			r = v.n <= w.n
		case ">=":
			r = v.n >= w.n
		}
		v = triVal(triOf(r))
	}
	return v, err
}

func (p *cParser) unary() (cVal, error) {
	t := p.next()
	switch {
	case t == "!":
		v, err := p.unary()
		return triVal(v.truth().not()), err
	case t == "(":
		v, err := p.or()
		if err == nil && p.next() != ")" {
			err = fmt.Errorf("missing )")
		}
		return v, err
	case t == "defined" || t == "IS_ENABLED" || t == "IS_BUILTIN":
		paren := p.peek() == "("
		if paren {
			p.next()
		}
		name := p.next()
		if paren && p.next() != ")" {
			return cVal{}, fmt.Errorf("missing ) after %s(%s", t, name)
		}
		return triVal(p.f.defined(name)), nil
	case t != "" && (t[0] >= '0' && t[0] <= '9'):
		n, err := strconv.ParseInt(t, 0, 64)
		return cVal{n, err == nil}, err
	case identRe.MatchString(t):
		if n, ok := p.f.value(t); ok {
			return cVal{n, true}, nil
		}
		return cVal{}, nil
	}
	return cVal{}, fmt.Errorf("unexpected %q", t)
}

// cppLine is one logical line of a C file (continuations joined, comments blanked) with
// the condition of the #if branches it sits in.
type cppLine struct {
	n    int    // 1-based line number of its first physical line
	text string // trimmed
	cond string // "" outside any #if; else the branches' conditions joined with " && "
}

// ignoredCConds are conditions that do not select between syscall declarations: the
// kernel's calling-convention switch (pt_regs wrappers around the same C arguments) and
// the kernel-build macro that every kernel compilation defines.
var ignoredCConds = map[string]bool{
	"CONFIG_ARCH_HAS_SYSCALL_WRAPPER":  true,
	"!CONFIG_ARCH_HAS_SYSCALL_WRAPPER": true,
	"__KERNEL__":                       true,
	"defined(__KERNEL__)":              true,
	"!__ASSEMBLER__":                   true,
	"!__ASSEMBLY__":                    true,
}

// cppLines splits C source into logical lines and tracks #if/#ifdef/#ifndef/#elif/#else/
// #endif around them. An include guard (#ifndef X right before #define X) adds no
// condition. Directive lines are returned too, with the condition they sit in.
func cppLines(src string) ([]cppLine, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	// Blank out comments, keeping the line structure.
	var b strings.Builder
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "/*"):
			c := src[i:]
			if end := strings.Index(src[i+2:], "*/"); end >= 0 {
				c = src[i : i+2+end+2]
			}
			b.WriteString(strings.Repeat("\n", strings.Count(c, "\n")))
			b.WriteByte(' ')
			i += len(c)
		case strings.HasPrefix(src[i:], "//"):
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			i += end
		case src[i] == '"' || src[i] == '\'':
			q := src[i]
			j := i + 1
			for j < len(src) && src[j] != q && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(src) {
				j++
			}
			b.WriteString(src[i:min(j, len(src))])
			i = j
		default:
			b.WriteByte(src[i])
			i++
		}
	}
	phys := strings.Split(b.String(), "\n")

	type frame struct {
		seen []string // the branch conditions so far
		cur  string   // the condition of the branch we are in
	}
	var stack []frame
	condString := func() string {
		var parts []string
		for _, f := range stack {
			if f.cur != "" && !ignoredCConds[f.cur] {
				parts = append(parts, f.cur)
			}
		}
		return strings.Join(parts, " && ")
	}
	var out []cppLine
	for i := 0; i < len(phys); i++ {
		start := i
		line := phys[i]
		for strings.HasSuffix(line, "\\") && i+1 < len(phys) {
			i++
			line = strings.TrimSuffix(line, "\\") + " " + phys[i]
		}
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "#") {
			if t != "" {
				out = append(out, cppLine{n: start + 1, text: t, cond: condString()})
			}
			continue
		}
		d := strings.TrimSpace(t[1:])
		word, rest, _ := strings.Cut(d, " ")
		if j := strings.IndexAny(word, "\t("); j >= 0 { // "#if(" and "#ifdef\tX"
			rest, word = word[j:]+" "+rest, word[:j]
		}
		rest = strings.Join(strings.Fields(rest), " ")
		switch word {
		case "if":
			stack = append(stack, frame{seen: []string{rest}, cur: rest})
		case "ifdef":
			stack = append(stack, frame{seen: []string{rest}, cur: rest})
		case "ifndef":
			c := "!" + rest
			if isGuard(phys, i, rest) {
				c = ""
			}
			stack = append(stack, frame{seen: []string{"!" + rest}, cur: c})
		case "elif":
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: #elif without #if", start+1)
			}
			f := &stack[len(stack)-1]
			f.cur = joinAnd(negateConds(f.seen), rest)
			f.seen = append(f.seen, rest)
		case "else":
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: #else without #if", start+1)
			}
			f := &stack[len(stack)-1]
			f.cur = negateConds(f.seen)
		case "endif":
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: #endif without #if", start+1)
			}
			stack = stack[:len(stack)-1]
		default:
			out = append(out, cppLine{n: start + 1, text: t, cond: condString()})
		}
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("unbalanced #if")
	}
	return out, nil
}

// isGuard reports an include guard: "#ifndef X" whose next directive is "#define X".
func isGuard(phys []string, i int, name string) bool {
	for j := i + 1; j < len(phys); j++ {
		t := strings.TrimSpace(phys[j])
		if t == "" {
			continue
		}
		f := strings.Fields(strings.TrimPrefix(t, "#"))
		return strings.HasPrefix(t, "#") && len(f) >= 2 && f[0] == "define" && f[1] == name
	}
	return false
}

func joinAnd(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " && " + b
}

var definedRe = regexp.MustCompile(`^defined\s*\(\s*\w+\s*\)$`)

// negateConds is the condition of an #else after branches conds: none of them.
func negateConds(conds []string) string {
	var parts []string
	for _, c := range conds {
		switch {
		case strings.HasPrefix(c, "!") && (identRe.MatchString(c[1:]) || definedRe.MatchString(c[1:])):
			parts = append(parts, c[1:])
		case identRe.MatchString(c) || definedRe.MatchString(c):
			parts = append(parts, "!"+c)
		default:
			parts = append(parts, "!("+c+")")
		}
	}
	return strings.Join(parts, " && ")
}
