package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// prototypeOn is the C argument list of e's entry point as arch a's kernel declares it.
func prototypeOn(a arches.Arch, e systab.Entry) ([]systab.Arg, bool) {
	p, ok := e.PrototypeOn(systab.Arch(a.GOARCH))
	return p.Args, ok
}

// is64 reports a C type that is 64 bits wide on every arch (and so takes two registers on
// 32-bit ones).
func is64(ctype string) bool {
	if strings.Contains(ctype, "*") {
		return false
	}
	t := strings.TrimSpace(strings.ReplaceAll(ctype, "const", ""))
	switch t {
	case "loff_t", "u64", "__u64", "s64", "__s64", "long long", "unsigned long long",
		"uint64_t", "int64_t", "__kernel_loff_t", "aligned_u64", "__aligned_u64", "compat_arg_u64":
		return true
	}
	return false
}

var (
	callRe  = regexp.MustCompile(`^(len|sizeof|lo|hi|nullable)\((\w+)\)$`)
	identRe = regexp.MustCompile(`^[A-Za-z_]\w*$`)
	numRe   = regexp.MustCompile(`^(0x[0-9a-fA-F]+|[0-9]+)$`)
)

type paramKind int

const (
	kInt paramKind = iota
	kString
	kSlice
	kPointer
	kUnsafe
)

func kindOf(goType string) paramKind {
	switch {
	case goType == "string":
		return kString
	case strings.HasPrefix(goType, "[]"):
		return kSlice
	case strings.HasPrefix(goType, "*"):
		return kPointer
	case goType == "unsafe.Pointer":
		return kUnsafe
	}
	return kInt
}

// emitter builds one function body for one arch.
type emitter struct {
	st     *stanza
	a      arches.Arch
	pre    strings.Builder // statements before the call
	ptrs   map[string]string
	nptr   int
	params map[string]param
	res    map[string]param
	outs   map[string]bool
	zero   []string // the error return's result values
}

func emit(st *stanza, a arches.Arch, e systab.Entry, proto []systab.Arg, used map[string]bool) (string, error) {
	em := &emitter{st: st, a: a, ptrs: map[string]string{}, params: map[string]param{}, res: map[string]param{}, outs: map[string]bool{}}
	for _, p := range st.params {
		if reserved[p.name] {
			return "", fmt.Errorf("parameter name %s is reserved by the generated code", p.name)
		}
		em.params[p.name] = p
	}
	for _, r := range st.results {
		if r.name != "" {
			if reserved[r.name] {
				return "", fmt.Errorf("result name %s is reserved by the generated code", r.name)
			}
			em.res[r.name] = r
		}
	}
	maps := map[string]mapping{}
	for _, m := range st.maps {
		maps[m.carg] = m
	}
	var words []string
	for i, ca := range proto {
		name := ca.Name
		if name == "" {
			name = fmt.Sprintf("arg%d", i+1) // unnamed in the prototype: mapped by position
		}
		expr := name
		if m, ok := maps[e.EntryPoint+"."+name]; ok {
			expr = m.expr
			used[m.carg] = true
		} else if m, ok := maps[name]; ok {
			expr = m.expr
			used[name] = true
		} else if _, ok := em.params[name]; !ok {
			return "", fmt.Errorf("C argument %s (%s) has no mapping and no parameter of that name", name, ca.Type)
		}
		w, err := em.words(expr, ca, len(words))
		if err != nil {
			return "", fmt.Errorf("%s = %s: %v", name, expr, err)
		}
		words = append(words, w...)
	}
	// Every parameter is used.
	all := strings.Join(words, " ") + em.pre.String()
	for _, p := range st.params {
		if !regexp.MustCompile(`\b` + p.name + `\b`).MatchString(all) {
			return "", fmt.Errorf("parameter %s is not passed to the kernel", p.name)
		}
	}
	fn, nargs, err := syscallFunc(a, len(words), st.nonblocking != "")
	if err != nil {
		return "", err
	}
	for len(words) < nargs {
		words = append(words, "0")
	}
	// The result that takes the return value: the non-error one that is not an out-parameter.
	retIdx := -1
	for i, r := range st.results {
		if r.typ == "error" || (r.name != "" && em.outs[r.name]) {
			continue
		}
		if retIdx >= 0 {
			return "", fmt.Errorf("two results take the return value (%s, %s): mark out-parameters with &", st.results[retIdx].typ, r.typ)
		}
		retIdx = i
	}
	var b strings.Builder
	em.doc(&b, e)
	if takesUintptr(st.params) {
		// A uintptr argument may be a pointer the caller converted (prctl's, ptrace's,
		// fcntl's, keyctl's...): the directive keeps its referent on the heap and alive for
		// the call, as it is for raw.Syscall itself; without it a stack object could move
		// (stack growth on entry) and the kernel would read or write the old stack.
		b.WriteString("//go:uintptrescapes\n")
	}
	fmt.Fprintf(&b, "func %s(%s)%s {\n", st.goName, joinParams(st.params), em.resultList())
	b.WriteString(em.pre.String())
	r1 := "_"
	if retIdx >= 0 {
		r1 = "r1"
	}
	errv := "_"
	if st.hasErr {
		errv = "errno"
	}
	call := fmt.Sprintf("raw.%s(SYS_%s, %s)", fn, strings.ToUpper(e.Name), strings.Join(words, ", "))
	if r1 == "_" && errv == "_" {
		fmt.Fprintf(&b, "\t%s\n", call)
	} else {
		fmt.Fprintf(&b, "\t%s, _, %s := %s\n", r1, errv, call)
	}
	if st.hasErr {
		b.WriteString("\tif errno != 0 {\n")
		fmt.Fprintf(&b, "\t\treturn %s\n\t}\n", strings.Join(em.errReturn(), ", "))
	}
	var rets []string
	for i, r := range st.results {
		switch {
		case r.typ == "error":
			rets = append(rets, "nil")
		case i == retIdx:
			rets = append(rets, r.typ+"(r1)")
		default:
			rets = append(rets, r.name)
		}
	}
	if len(rets) > 0 {
		fmt.Fprintf(&b, "\treturn %s\n", strings.Join(rets, ", "))
	}
	b.WriteString("}\n")
	return b.String(), nil
}

var reserved = map[string]bool{"r1": true, "errno": true, "raw": true, "unsafe": true, "cerr": true,
	"len": true, "cap": true, "new": true, "uintptr": true, "string": true, "int": true}

func (em *emitter) resultList() string {
	if len(em.st.results) == 0 {
		return ""
	}
	named := len(em.outs) > 0
	var parts []string
	for _, r := range em.st.results {
		switch {
		case named && r.name != "":
			parts = append(parts, r.name+" "+r.typ)
		case named:
			parts = append(parts, "_ "+r.typ)
		default:
			parts = append(parts, r.typ)
		}
	}
	if len(parts) == 1 && !named {
		return " " + parts[0]
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// errReturn is the return statement's values on a failed call: zero results and the errno.
func (em *emitter) errReturn() []string {
	var l []string
	for _, r := range em.st.results {
		if r.typ == "error" {
			l = append(l, "errno")
			continue
		}
		l = append(l, zeroOf(r.typ))
	}
	return l
}

// errReturnFor is the return statement's values when a conversion failed with err.
func (em *emitter) errReturnFor(err string) string {
	var l []string
	for _, r := range em.st.results {
		if r.typ == "error" {
			l = append(l, err)
			continue
		}
		l = append(l, zeroOf(r.typ))
	}
	return strings.Join(l, ", ")
}

func zeroOf(t string) string {
	switch {
	case t == "string":
		return `""`
	case strings.HasPrefix(t, "*") || strings.HasPrefix(t, "[]") || t == "unsafe.Pointer" || t == "error":
		return "nil"
	case strings.HasPrefix(t, "[") || isStructType(t):
		return t + "{}"
	}
	return "0"
}

// isStructType reports a struct type of package linux (read from its sources by main).
func isStructType(t string) bool { return structTypes[t] }

// structTypes are the struct types declared by package linux's sources.
var structTypes = map[string]bool{}

func joinParams(ps []param) string {
	var parts []string
	for i, p := range ps {
		if i+1 < len(ps) && ps[i+1].typ == p.typ {
			parts = append(parts, p.name)
			continue
		}
		parts = append(parts, p.name+" "+p.typ)
	}
	return strings.Join(parts, ", ")
}

// words turns one C argument's expression into the registers (uintptr expressions) it takes.
func (em *emitter) words(expr string, ca systab.Arg, nwords int) ([]string, error) {
	wide := is64(ca.Type) && em.a.PtrSize == 4
	// one passes the Go value v, whose word is w: a register, or on 32-bit arches for a
	// 64-bit C argument a register pair of the value (never of the truncated word).
	one2 := func(v, w string) ([]string, error) {
		if wide {
			return em.pair("uint64("+v+")", nwords)
		}
		return []string{w}, nil
	}
	one := func(w string) ([]string, error) { return one2(w, w) }
	if m := callRe.FindStringSubmatch(expr); m != nil {
		fn, arg := m[1], m[2]
		p, isParam := em.params[arg]
		switch fn {
		case "len":
			if !isParam || (kindOf(p.typ) != kSlice && kindOf(p.typ) != kString) {
				return nil, fmt.Errorf("len of %s: not a slice parameter", arg)
			}
			return one("uintptr(len(" + arg + "))")
		case "sizeof":
			if isParam && kindOf(p.typ) == kPointer {
				return one("unsafe.Sizeof(*" + arg + ")")
			}
			if r, ok := em.res[arg]; ok {
				return one("unsafe.Sizeof(" + r.name + ")")
			}
			if identRe.MatchString(arg) && !isParam {
				return one("unsafe.Sizeof(" + arg + "{})")
			}
			return nil, fmt.Errorf("sizeof of %s: not a pointer parameter, a result or a type", arg)
		case "lo", "hi":
			if !isParam || kindOf(p.typ) != kInt {
				return nil, fmt.Errorf("%s of %s: not an integer parameter", fn, arg)
			}
			if em.a.PtrSize == 8 {
				if fn == "lo" {
					return []string{"uintptr(" + arg + ")"}, nil
				}
				return []string{"0"}, nil
			}
			if fn == "lo" {
				return []string{"uintptr(uint32(" + arg + "))"}, nil
			}
			return []string{"uintptr(uint64(" + arg + ") >> 32)"}, nil
		case "nullable":
			if !isParam || kindOf(p.typ) != kString {
				return nil, fmt.Errorf("nullable of %s: not a string parameter", arg)
			}
			return []string{"uintptr(" + em.cstring(arg, true) + ")"}, nil
		}
	}
	if strings.HasPrefix(expr, "&") {
		r, ok := em.res[expr[1:]]
		if !ok {
			return nil, fmt.Errorf("%s: no named result %s", expr, expr[1:])
		}
		em.outs[r.name] = true
		return []string{"uintptr(unsafe.Pointer(&" + r.name + "))"}, nil
	}
	if p, ok := em.params[expr]; ok {
		switch kindOf(p.typ) {
		case kString:
			return []string{"uintptr(" + em.cstring(expr, false) + ")"}, nil
		case kSlice:
			v := em.ptrVar("sliceData(" + expr + ")")
			return []string{"uintptr(" + v + ")"}, nil
		case kPointer:
			return []string{"uintptr(unsafe.Pointer(" + expr + "))"}, nil
		case kUnsafe:
			return []string{"uintptr(" + expr + ")"}, nil
		}
		return one2(expr, "uintptr("+expr+")")
	}
	if inner, ok := uintptrConv(expr); ok {
		// uintptr(CONST): the constant's bits as they are, for values above the int range of
		// 32-bit arches (reboot's magic 0xfee1dead), which the int conversion below rejects.
		if wide {
			return em.pair("uint64("+inner+")", nwords)
		}
		return []string{expr}, nil
	}
	if numRe.MatchString(expr) {
		if wide {
			return em.pair(expr, nwords)
		}
		return []string{expr}, nil
	}
	if strings.HasPrefix(ca.Type, "const char") || strings.Contains(ca.Type, "*") {
		return nil, fmt.Errorf("a constant for the pointer argument %s", ca.Type)
	}
	// A Go constant expression (AT_FDCWD, MAP_SHARED|MAP_ANONYMOUS): through an int
	// variable, so that a negative constant converts (sign-extended, as the kernel reads it).
	v := fmt.Sprintf("c%d", em.nptr)
	em.nptr++
	fmt.Fprintf(&em.pre, "\t%s := int(%s)\n", v, expr)
	return one2(v, "uintptr("+v+")")
}

// uintptrConv reports a mapping written uintptr(EXPR) and returns EXPR.
func uintptrConv(expr string) (string, bool) {
	inner, ok := strings.CutPrefix(expr, "uintptr(")
	if !ok || !strings.HasSuffix(inner, ")") {
		return "", false
	}
	inner = strings.TrimSuffix(inner, ")")
	if inner == "" || strings.ContainsAny(inner, "()") {
		return "", false
	}
	return inner, true
}

// pair splits the 64-bit Go expression v (uint64) into the two registers 32-bit arch em.a
// passes it in, after nwords registers already used: an aligned register pair on arm EABI
// and mips o32, whose first and second register (pair0, pair1) hold the low and high word in
// the arch's byte order.
func (em *emitter) pair(v string, nwords int) ([]string, error) {
	switch em.a.GOARCH {
	case "386":
		return nil, fmt.Errorf("386 passes one 32-bit register per C argument: a 64-bit argument needs an entry point that takes it split (sys_ia32_*)")
	}
	var pad []string
	if nwords%2 == 1 {
		pad = []string{"0"} // arm EABI and mips o32 pass 64-bit arguments in aligned register pairs
	}
	return append(pad, "pair0("+v+")", "pair1("+v+")"), nil
}

// cstring converts a string parameter in the statements before the call and returns the
// unsafe.Pointer variable holding the C string.
func (em *emitter) cstring(p string, nullable bool) string {
	if v, ok := em.ptrs[p]; ok {
		return v
	}
	v := fmt.Sprintf("p%d", em.nptr)
	em.nptr++
	fn := "cstring"
	if nullable {
		fn = "cstringOrNil"
	}
	fmt.Fprintf(&em.pre, "\tvar %sbuf cbuf\n", v)
	fmt.Fprintf(&em.pre, "\t%s, cerr := %s(%s, &%sbuf)\n", v, fn, p, v)
	fmt.Fprintf(&em.pre, "\tif cerr != nil {\n\t\treturn %s\n\t}\n", em.errReturnFor("cerr"))
	em.ptrs[p] = v
	return v
}

func (em *emitter) ptrVar(expr string) string {
	if v, ok := em.ptrs[expr]; ok {
		return v
	}
	v := fmt.Sprintf("p%d", em.nptr)
	em.nptr++
	fmt.Fprintf(&em.pre, "\t%s := %s\n", v, expr)
	em.ptrs[expr] = v
	return v
}

// syscallFunc is the raw entry point for n argument words, and how many it takes.
func syscallFunc(a arches.Arch, n int, nonblocking bool) (string, int, error) {
	prefix := "Syscall"
	if nonblocking {
		prefix = "RawSyscall"
	}
	switch {
	case n <= 3:
		return prefix, 3, nil
	case n <= 6:
		return prefix + "6", 6, nil
	case n <= 8 && (a.GOARCH == "mips" || a.GOARCH == "mipsle"):
		return prefix + "8", 8, nil
	}
	return "", 0, fmt.Errorf("%d argument registers: more than %s takes", n, a.GOARCH)
}

// doc writes the doc comment.
func (em *emitter) doc(b *strings.Builder, e systab.Entry) {
	st := em.st
	text := st.doc
	if text == "" {
		text = "makes the " + e.Name + " system call"
	}
	page, sec := st.man, "2"
	if page == "" {
		page = st.calls[0].row
		for _, c := range st.calls {
			if camel(c.row) == st.goName {
				page = c.row
			}
		}
		page = strings.TrimPrefix(page, "_")
	}
	if p, s, ok := strings.Cut(page, "."); ok {
		page, sec = p, s
	}
	for _, l := range wrap(st.goName+" "+strings.TrimSuffix(text, ".")+".", 90) {
		fmt.Fprintf(b, "// %s\n", l)
	}
	for _, n := range st.notes {
		b.WriteString("//\n")
		for _, l := range wrap(n, 90) {
			fmt.Fprintf(b, "// %s\n", l)
		}
	}
	ref := fmt.Sprintf("[%s(%s)]", page, sec)
	see := "See " + ref + "."
	if s := sinceLine(st, e); s != "" {
		see = "See " + ref + "; " + s
	}
	fmt.Fprintf(b, "//\n// %s\n", see)
	fmt.Fprintf(b, "//\n// %s: https://man7.org/linux/man-pages/man%s/%s.%s.html\n", ref, sec, page, sec)
}

// sinceLine is the kernel release that brought the call ("Linux 5.6+."), from systab's
// since-tables, for the rows st makes on every arch: the doc comment is the same on all
// arches (so that gofile can merge the bodies), with the arches whose release differs in
// parentheses ("Linux 2.0+ (386: 4.3+)."). An arch whose port is newer than the call says
// nothing (every loong64 kernel has openat2: loong64 came in 5.19, after openat2's 5.6).
func sinceLine(st *stanza, _ systab.Entry) string {
	type answer struct {
		text   string
		arches []string
	}
	var answers []*answer
	byText := map[string]*answer{}
	for _, a := range arches.All {
		row, ok := rowOn(st, a)
		if !ok {
			continue
		}
		s, ok := systab.SyscallSince(systab.Arch(a.GOARCH), row.Name)
		if !ok || s.Max.IsZero() {
			continue
		}
		if first, _ := systab.ArchSince(systab.Arch(a.GOARCH)); !first.IsZero() && s.Exact() && s.Min == first {
			continue // the port's release: implied
		}
		t := sinceText(s, false)
		x := byText[t]
		if x == nil {
			x = &answer{text: t}
			byText[t] = x
			answers = append(answers, x)
		}
		x.arches = append(x.arches, a.GOARCH)
	}
	if len(answers) == 0 {
		return ""
	}
	// The answer of most arches leads (amd64's on a tie, as arches.All starts with it).
	lead := answers[0]
	for _, x := range answers[1:] {
		if len(x.arches) > len(lead.arches) {
			lead = x
		}
	}
	line := "Linux " + lead.text
	if strings.Contains(lead.text, " to ") {
		line += " (not dated more closely)"
	}
	var others []string
	for _, x := range answers {
		if x != lead {
			others = append(others, strings.Join(x.arches, ", ")+": "+x.text)
		}
	}
	if len(others) > 0 {
		line += " (" + strings.Join(others, "; ") + ")"
	}
	return line + "."
}

// sinceText is "5.6+", or for a release the sources do not pin down, "5.14 to 5.16".
func sinceText(s systab.Since, _ bool) string {
	switch {
	case s.Exact():
		return s.Min.String() + "+"
	case s.Min.IsZero():
		return s.Max.String() + " or earlier"
	}
	return s.Min.String() + " to " + s.Max.String()
}

func wrap(s string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// takesUintptr reports whether a parameter is a bare uintptr (an address or a word the
// kernel may take as one).
func takesUintptr(ps []param) bool {
	for _, p := range ps {
		if p.typ == "uintptr" {
			return true
		}
	}
	return false
}
