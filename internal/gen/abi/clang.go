package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

// A unit is the C translation unit every question about one arch is asked in: the
// headers, then the prelude (the spec's, then the C text taken from the kernel source:
// kernelsrc.go), then the question. Every question goes through package cc.
type unit struct {
	a       arches.Arch
	include string
	headers []string
	prelude string
}

// newUnit is the spec's unit for arch a, with the kernel-source prelude kp.
func newUnit(a arches.Arch, include, kp string) *unit {
	return &unit{a: a, include: include,
		headers: spec.AllHeaders(a.GOARCH),
		prelude: spec.Prelude + kp}
}

// source is the translation unit with body appended.
func (u *unit) source(body string) string {
	var b strings.Builder
	for _, h := range u.headers {
		fmt.Fprintf(&b, "#include <%s>\n", h)
	}
	b.WriteString(u.prelude)
	b.WriteString("\n")
	b.WriteString(body)
	return b.String()
}

func (u *unit) run(body string, args ...string) (stdout, stderr []byte, err error) {
	return cc.Run(u.a, u.include, []string{stubDir()}, u.source(body), args...)
}

// evalSome evaluates every expression that is an integer constant expression on this arch
// and drops the others (see cc.EvalSome).
func (u *unit) evalSome(exprs []cc.Expr) (map[string]uint64, error) {
	return cc.EvalSome(u.a, u.include, []string{stubDir()}, u.source(""), exprs)
}

// An astNode is the part of clang's JSON AST that the generator reads.
type astNode struct {
	Kind               string     `json:"kind"`
	Name               string     `json:"name"`
	TagUsed            string     `json:"tagUsed"`
	CompleteDefinition bool       `json:"completeDefinition"`
	IsImplicit         bool       `json:"isImplicit"`
	IsBitfield         bool       `json:"isBitfield"`
	Value              string     `json:"value"`
	Type               *astType   `json:"type"`
	Inner              []*astNode `json:"inner"`
}

type astType struct {
	QualType          string `json:"qualType"`
	DesugaredQualType string `json:"desugaredQualType"`
}

func (t *astType) c() string {
	if t.DesugaredQualType != "" {
		return t.DesugaredQualType
	}
	return t.QualType
}

// A layout is what clang's record-layout dump says about one record type.
type layout struct {
	size, align int64   // bytes
	offsets     []int64 // bits, one per FieldDecl in declaration order
}

// astAndLayouts compiles a file that takes sizeof of every wanted record and returns the
// AST's top-level declarations and the layout of every record clang laid out, keyed by
// the type's spelling ("struct stat", "union perf_event_attr::(anonymous at F:L:C)").
func (u *unit) astAndLayouts(records []string) ([]*astNode, map[string]layout, error) {
	var body strings.Builder
	for i, r := range records {
		fmt.Fprintf(&body, "int rl_sz_%d = sizeof(%s);\n", i, r)
	}
	out, errs, err := u.run(body.String(), "-fsyntax-only", "-Xclang", "-ast-dump=json")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: ast: %v\n%s", u.a.GOARCH, err, cc.FirstLines(string(errs), 40))
	}
	var tu astNode
	if err := json.Unmarshal(out, &tu); err != nil {
		return nil, nil, err
	}
	out, errs, err = u.run(body.String(), "-fsyntax-only", "-Xclang", "-fdump-record-layouts-simple")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: layouts: %v\n%s", u.a.GOARCH, err, cc.FirstLines(string(errs), 40))
	}
	lays := map[string]layout{}
	for _, chunk := range strings.Split(string(out), "*** Dumping AST Record Layout") {
		var typ string
		var l layout
		for _, line := range strings.Split(chunk, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(line, "Type: "):
				typ = strings.TrimPrefix(line, "Type: ")
			case strings.HasPrefix(line, "Size:"):
				n, _ := strconv.ParseInt(strings.TrimPrefix(line, "Size:"), 10, 64)
				l.size = n / 8
			case strings.HasPrefix(line, "Alignment:"):
				n, _ := strconv.ParseInt(strings.TrimPrefix(line, "Alignment:"), 10, 64)
				l.align = n / 8
			case strings.HasPrefix(line, "FieldOffsets: ["):
				s := strings.TrimSuffix(strings.TrimPrefix(line, "FieldOffsets: ["), "]>")
				for _, f := range strings.Split(s, ",") {
					if f = strings.TrimSpace(f); f != "" {
						n, _ := strconv.ParseInt(f, 10, 64)
						l.offsets = append(l.offsets, n)
					}
				}
			}
		}
		if typ != "" {
			lays[typ] = l
			if k := locKey(typ); k != "" {
				lays[k] = l
			}
		}
	}
	return tu.Inner, lays, nil
}

// fieldTypes asks clang what each generated field is in C, independently of the Go type
// the generator chose for it: for the innermost element (the field itself, or its
// element's element for an array) the type class, the size, the signedness and whether it
// is plain char; for an array each dimension. It sets every field's ctype descriptor
// (see goField.ctype).
func (u *unit) fieldTypes(types []*goType) error {
	type ask struct {
		f    *goField
		dims int
	}
	var asks []ask
	var exprs []cc.Expr
	for _, g := range types {
		for i := range g.fields {
			f := &g.fields[i]
			if f.cexpr == "" {
				continue
			}
			dims := 0
			if m := arraySuffix.FindString(clean(f.cctype)); m != "" {
				dims = strings.Count(m, "[")
			}
			n := len(asks)
			asks = append(asks, ask{f, dims})
			el := f.cexpr + strings.Repeat("[0]", dims)
			for d := 0; d < dims; d++ {
				sub := f.cexpr + strings.Repeat("[0]", d)
				exprs = append(exprs, cc.Expr{Name: fmt.Sprintf("d%d_%d", d, n), C: fmt.Sprintf("sizeof(%s) / sizeof(%s[0])", sub, sub)})
			}
			exprs = append(exprs,
				cc.Expr{Name: fmt.Sprintf("c_%d", n), C: "__builtin_classify_type(" + el + ")"},
				cc.Expr{Name: fmt.Sprintf("s_%d", n), C: "sizeof(" + el + ")"},
				cc.Expr{Name: fmt.Sprintf("ch_%d", n), C: "__builtin_types_compatible_p(__typeof__(" + el + "), char)"},
				cc.Expr{Name: fmt.Sprintf("g_%d", n), C: "(__typeof__(" + el + "))-1 < 0"})
		}
	}
	vals, err := u.evalSome(exprs)
	if err != nil {
		return err
	}
	for n, q := range asks {
		get := func(k string) (uint64, bool) { v, ok := vals[fmt.Sprintf("%s_%d", k, n)]; return v, ok }
		class, ok1 := get("c")
		size, ok2 := get("s")
		if !ok1 || !ok2 {
			return fmt.Errorf("%s: clang cannot tell the type of %s", u.a.GOARCH, q.f.cexpr)
		}
		var el string
		switch class {
		case 1: // integer, enum, char
			if ch, _ := get("ch"); ch == 1 {
				el = "char"
			} else if g, ok := get("g"); !ok {
				return fmt.Errorf("%s: no signedness for %s", u.a.GOARCH, q.f.cexpr)
			} else if g == 1 {
				el = fmt.Sprintf("i%d", 8*size)
			} else {
				el = fmt.Sprintf("u%d", 8*size)
			}
		case 4:
			el = "bool"
		case 5:
			el = "ptr"
		case 12, 13:
			el = "rec"
		default:
			return fmt.Errorf("%s: %s: type class %d", u.a.GOARCH, q.f.cexpr, class)
		}
		var pre strings.Builder
		for d := 0; d < q.dims; d++ {
			v, ok := vals[fmt.Sprintf("d%d_%d", d, n)]
			if !ok {
				return fmt.Errorf("%s: no array length for %s", u.a.GOARCH, q.f.cexpr)
			}
			fmt.Fprintf(&pre, "[%d]", v)
		}
		q.f.ctype = pre.String() + el
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

var stubs string

// stubDir holds the few libc headers that UAPI headers include (linux/vm_sockets.h wants
// <sys/socket.h> for struct sockaddr), with the kernel's definitions. It lives as long as
// the generator.
func stubDir() string {
	if stubs != "" {
		return stubs
	}
	d, err := os.MkdirTemp("", "rawlinux-abi-")
	if err != nil {
		panic(err)
	}
	os.MkdirAll(filepath.Join(d, "sys"), 0o755)
	// <linux/input.h> includes these three for what libc declares (ioctl, struct timeval,
	// which <linux/time.h> has): empty here.
	for _, f := range []string{"time.h", "ioctl.h", "types.h"} {
		os.WriteFile(filepath.Join(d, "sys", f), []byte("/* empty: the UAPI headers declare what is used */\n"), 0o644)
	}
	os.WriteFile(filepath.Join(d, "sys", "socket.h"), []byte(`#ifndef RL_SYS_SOCKET_H
#define RL_SYS_SOCKET_H
#include <linux/socket.h>
typedef __kernel_sa_family_t sa_family_t;
/* include/linux/socket.h */
struct sockaddr { sa_family_t sa_family; char sa_data[14]; };
#endif
`), 0o644)
	stubs = d
	return d
}

var atLoc = regexp.MustCompile(`\((?:anonymous|unnamed)(?: struct| union)? at ([^)]*)\)`)

// locKey identifies an inline record by its source position, which the AST's and the
// layout dump's spellings of the type share.
func locKey(t string) string {
	if m := atLoc.FindStringSubmatch(t); m != nil {
		return "at " + m[1]
	}
	return ""
}
