package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

// familyPrelude is C text taken from the kernel source for arch a: x86's ptrace register
// set, struct user_regs_struct (the kernel keeps it out of the UAPI), as rl_user_regs_struct.
func familyPrelude(a arches.Arch, tree string) (string, error) {
	f := map[string]string{"amd64": "arch/x86/include/asm/user_64.h", "386": "arch/x86/include/asm/user_32.h"}[a.GOARCH]
	if f == "" {
		return "", nil
	}
	data, err := os.ReadFile(filepath.Join(tree, f))
	if err != nil {
		return "", err
	}
	m := userRegs.FindStringSubmatch(comments.ReplaceAllString(string(data), " "))
	if m == nil {
		return "", fmt.Errorf("no struct user_regs_struct in %s", f)
	}
	return fmt.Sprintf("/* %s: what PTRACE_GETREGS fills */\nstruct rl_user_regs_struct {%s};\n", f, m[1]), nil
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
