package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

// The records of spec.StructHeaders: every struct and union those headers (and the asm/
// and asm-generic/ headers they include) define, found in their text like the constants,
// and generated where the arch's AST has a complete definition.

var (
	recordDef  = regexp.MustCompile(`\b(struct|union)\s+([A-Za-z_]\w*)\s*(?:__attribute__\s*\(\(.*?\)\)\s*)?\{`)
	typedefRec = regexp.MustCompile(`\btypedef\s+(?:struct|union)\s*(?:[A-Za-z_]\w*\s*)?(?:__attribute__\s*\(\(.*?\)\)\s*)?\{`)
	typedefEnd = regexp.MustCompile(`^\s*(?:__attribute__\s*\(\(.*?\)\)\s*)?([A-Za-z_]\w*)\s*(?:__attribute__\s*\(\(.*?\)\)\s*)?;`)
)

// headerRecords returns the tags (and typedef names of untagged records) that header h
// defines on arch a, following its asm/ and asm-generic/ includes.
func headerRecords(a arches.Arch, include, h string, seen map[string]bool) ([]string, error) {
	path := filepath.Join(include, h)
	if strings.HasPrefix(h, "asm/") {
		path = filepath.Join(include, a.Triplet, h)
	}
	if seen[path] {
		return nil, nil
	}
	seen[path] = true
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := comments.ReplaceAllString(strings.ReplaceAll(string(data), "\\\n", " "), " ")
	var tags []string
	for _, m := range recordDef.FindAllStringSubmatch(text, -1) {
		tags = append(tags, m[2])
	}
	for _, loc := range typedefRec.FindAllStringIndex(text, -1) {
		depth, i := 0, loc[1]-1
		for ; i < len(text); i++ {
			if text[i] == '{' {
				depth++
			} else if text[i] == '}' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		if i < len(text) {
			if m := typedefEnd.FindStringSubmatch(text[i+1:]); m != nil {
				tags = append(tags, m[1])
			}
		}
	}
	for _, m := range includeRe.FindAllStringSubmatch(text, -1) {
		more, err := headerRecords(a, include, m[1], seen)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		tags = append(tags, more...)
	}
	return tags, nil
}

// familyRecords are the records of spec.StructHeaders on arch a (tags or typedef names),
// without the ones spec.SkipStructs leaves out.
func familyRecords(a arches.Arch, include string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, h := range spec.StructHeaders {
		if !inUnit(a, h) {
			continue
		}
		tags, err := headerRecords(a, include, h, seen)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a.GOARCH, err)
		}
		for _, t := range tags {
			if _, skip := spec.SkipStructs[t]; !skip {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// inUnit reports whether header h is in arch a's translation unit.
func inUnit(a arches.Arch, h string) bool {
	for _, x := range spec.AllHeaders(a.GOARCH) {
		if x == h {
			return true
		}
	}
	return false
}

// userRegs is the struct user_regs_struct of x86's asm/user_64.h and asm/user_32.h.
var userRegs = regexp.MustCompile(`(?s)\bstruct user_regs_struct \{(.*?)\};`)

// familyPrelude is the C text of issue 14's families for arch a: pid_t, and x86's ptrace
// register set struct user_regs_struct taken from the kernel source (the kernel keeps it
// out of the UAPI) as rl_user_regs_struct.
func familyPrelude(a arches.Arch, tree string) (string, error) {
	// libc's pid_t, which mips' asm/sockios.h uses in SIOCGPGRP's _IOR (the kernel's
	// include/linux/types.h has the same typedef).
	// And the kernel's BIT (include/vdso/bits.h), which tcp.h's TCP_ACCECN_* use.
	const pidT = "typedef __kernel_pid_t pid_t;\n#ifndef BIT\n#define BIT(nr) (1UL << (nr))\n#endif\n"
	f := map[string]string{"amd64": "arch/x86/include/asm/user_64.h", "386": "arch/x86/include/asm/user_32.h"}[a.GOARCH]
	if f == "" {
		return pidT, nil
	}
	data, err := os.ReadFile(filepath.Join(tree, f))
	if err != nil {
		return "", err
	}
	m := userRegs.FindStringSubmatch(comments.ReplaceAllString(string(data), " "))
	if m == nil {
		return "", fmt.Errorf("no struct user_regs_struct in %s", f)
	}
	return pidT + fmt.Sprintf("/* %s: what PTRACE_GETREGS fills */\nstruct rl_user_regs_struct {%s};\n", f, m[1]), nil
}

// enumTypes asks clang the integer type of every enum the AST declares with a tag or a
// typedef name (signedness and size: the compiler's choice), keyed by the spelling
// goTypeOf sees ("enum X", also for typedef enum {...} X).
func (u *unit) enumTypes(nodes []*astNode) (map[string]cType, error) {
	type ask struct{ key, c string }
	var asks []ask
	for _, n := range nodes {
		switch {
		case n.Kind == "EnumDecl" && n.Name != "":
			asks = append(asks, ask{"enum " + n.Name, "enum " + n.Name})
		case n.Kind == "TypedefDecl" && n.Type != nil && strings.HasPrefix(n.Type.QualType, "enum "):
			asks = append(asks, ask{clean(n.Type.QualType), n.Name})
		}
	}
	var exprs []cc.Expr
	for i, a := range asks {
		exprs = append(exprs, cc.Expr{Name: fmt.Sprintf("es_%d", i), C: "sizeof(" + a.c + ")"},
			cc.Expr{Name: fmt.Sprintf("eg_%d", i), C: "(" + a.c + ")-1 < 0"})
	}
	vals, err := u.evalSome(exprs)
	if err != nil {
		return nil, err
	}
	out := map[string]cType{}
	for i, a := range asks {
		size, ok1 := vals[fmt.Sprintf("es_%d", i)]
		neg, ok2 := vals[fmt.Sprintf("eg_%d", i)]
		if !ok1 || !ok2 {
			continue // an incomplete enum
		}
		t := fmt.Sprintf("uint%d", 8*size)
		if neg == 1 {
			t = fmt.Sprintf("int%d", 8*size)
		}
		out[a.key] = cType{goType: t, size: int64(size), kind: kScalar}
	}
	return out, nil
}

// The ioctl requests. A constant is a request (typed IoctlCmd) when its macro's definition
// reaches the _IOC encoding (through _IO, _IOR, _IOW, _IOWR or any macro made of them); when
// it is a plain-number request of a header that has them (spec.IoctlLegacyHeaders: a value
// 0xTTNN with TT that header's ioctl type); or when its definition names a request
// (TIOCINQ is FIONREAD, SIOCKCMATTACH is SIOCPROTOPRIVATE + 0). A name that is a request on
// one arch is one on every arch (TCGETS is _IOR on powerpc, 0x5401 elsewhere). Ioctl-like
// names that are no requests (TIOCPKT_DATA, SOCK_IOC_TYPE, BLKPG_ADD_PARTITION) stay what
// their groups make them.

var macroLine = regexp.MustCompile(`^#define ([A-Za-z_]\w*)(\([^)]*\))? ?(.*)$`)
var identRe = regexp.MustCompile(`[A-Za-z_]\w*`)

// decoder matches a use of the macros that take a request apart.
var decoder = regexp.MustCompile(`\b_IOC_(NR|TYPE|SIZE|DIR)\s*\(`)

// ioctlInfo is what arch a's translation unit says about requests: the body of every
// macro (clang -E -dM: as the preprocessor ends up defining it), and the ioctl types of the
// names the legacy headers declare.
type ioctlInfo struct {
	body   map[string]string
	legacy map[string][]byte
}

func (u *unit) ioctlInfo() (ioctlInfo, error) {
	out, errs, err := u.run("", "-E", "-dM")
	if err != nil {
		return ioctlInfo{}, fmt.Errorf("%s: -dM: %v\n%s", u.a.GOARCH, err, errs)
	}
	info := ioctlInfo{body: map[string]string{}, legacy: map[string][]byte{}}
	for _, line := range strings.Split(string(out), "\n") {
		if m := macroLine.FindStringSubmatch(line); m != nil {
			info.body[m[1]] = m[3]
		}
	}
	for _, l := range spec.IoctlLegacyHeaders {
		names, err := headerNames(u.a, u.include, l.Header, map[string]bool{})
		if err != nil {
			return ioctlInfo{}, fmt.Errorf("%s: %v", u.a.GOARCH, err)
		}
		for _, n := range names {
			info.legacy[n] = l.Types
		}
	}
	return info, nil
}

// legacyRequest reports whether constant c, declared by a legacy header with ioctl types
// types, is a plain-number request.
func legacyRequest(c constant, types []byte) bool {
	if c.negative || c.value < 0x100 || c.value > 0xffff {
		return false
	}
	for _, t := range types {
		if byte(c.value>>8) == t {
			return true
		}
	}
	return false
}

// requests are arch r's request names.
func (r *archResult) requests() map[string]bool {
	req := map[string]bool{"_IOC": true}
	for _, c := range r.consts {
		if t, ok := r.ioctl.legacy[c.name]; ok && legacyRequest(c, t) {
			req[c.name] = true
		}
	}
	memo := map[string]bool{}
	var reaches func(name string, depth int) bool
	reaches = func(name string, depth int) bool {
		if req[name] {
			return true
		}
		if v, ok := memo[name]; ok || depth > 32 {
			return v
		}
		memo[name] = false // a macro that names itself
		if decoder.MatchString(r.ioctl.body[name]) {
			return false // a number taken out of a request (HIDIOCTL_LAST is an _IOC_NR)
		}
		for _, id := range identRe.FindAllString(r.ioctl.body[name], -1) {
			if reaches(id, depth+1) {
				memo[name] = true
				return true
			}
		}
		return false
	}
	out := map[string]bool{}
	for _, c := range r.consts {
		if _, not := spec.NotRequests[c.name]; !not && reaches(c.name, 0) {
			out[c.name] = true
		}
	}
	return out
}

// typeRequests types every request of every arch IoctlCmd (where it fits: never a
// negative value), and fails where a group types a constant IoctlCmd that is no request.
func typeRequests(res map[string]*archResult) error {
	req := map[string]bool{}
	for _, a := range arches.All {
		for n := range res[a.GOARCH].requests() {
			req[n] = true
		}
	}
	st, _ := spec.Lookup("IoctlCmd")
	for _, a := range arches.All {
		r := res[a.GOARCH]
		for i := range r.consts {
			c := &r.consts[i]
			switch {
			case req[c.name] && st.Fits(c.value, c.negative):
				c.goType = "IoctlCmd"
			case c.goType == "IoctlCmd" && !req[c.name]:
				return fmt.Errorf("%s: %s = %#x is typed IoctlCmd by spec.TypedGroups but is no ioctl request", a.GOARCH, c.name, c.value)
			}
		}
	}
	return nil
}

// String constants: the macros that are a string literal (the generic netlink families'
// names, ETHTOOL_GENL_NAME "ethtool"), as clang stores them in a char array.

var strIR = regexp.MustCompile(`^@rl_s_(\w+) = (?:dso_local )?(?:local_unnamed_addr )?constant \[(\d+) x i8\] (?:c"((?:[^"\\]|\\\\|\\[0-9A-Fa-f]{2})*)"|zeroinitializer)`)

// stringConstants returns the names among names that are string constants on this arch,
// with their values.
func (u *unit) stringConstants(names []string, where map[string]string) ([]constant, error) {
	lines := make([]string, len(names))
	for i, n := range names {
		lines[i] = fmt.Sprintf("const char rl_s_%s[] = %s;", n, n)
	}
	out, _, err := cc.CompileSome(u.a, u.include, []string{stubDir()}, u.source(""), lines, "-S", "-emit-llvm", "-O0", "-o", "-")
	if err != nil {
		return nil, err
	}
	val := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		m := strIR.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		s, err := irString(m[3])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", u.a.GOARCH, m[1], err)
		}
		val[m[1]] = strings.TrimSuffix(s, "\x00")
	}
	var cs []constant
	for _, n := range names {
		if v, ok := val[n]; ok && !strings.Contains(v, "\x00") {
			cs = append(cs, constant{name: n, header: where[n], isString: true, str: v})
		}
	}
	return cs, nil
}

// irString decodes an LLVM IR c"..." string (\XX escapes, \\ for a backslash).
func irString(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\\' { // LLVM writes a backslash as \\
			b.WriteByte('\\')
			i++
			continue
		}
		if i+3 > len(s) {
			return "", fmt.Errorf("bad escape in %q", s)
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", err
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), nil
}
