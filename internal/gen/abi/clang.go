package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

// source is the C translation unit every question is asked in: the spec's headers, then
// the prelude, then the given body.
func source(body string) string {
	var b strings.Builder
	for _, h := range headers {
		fmt.Fprintf(&b, "#include <%s>\n", h)
	}
	b.WriteString(prelude)
	b.WriteString(archPrelude)
	b.WriteString("\n")
	b.WriteString(body)
	return b.String()
}

// archPrelude is the per-arch C text taken from the kernel source (kernelsrc.go).
var archPrelude string

func clang(a arches.Arch, include, src string, extra ...string) (stdout, stderr []byte, err error) {
	args := append([]string{"-x", "c", "-std=gnu11", "-w", "-ferror-limit=0"}, extra...)
	args = append(args, a.ClangArgs(include)...)
	args = append(args, "-I"+stubDir(), "-")
	cmd := exec.Command(cc.Compiler(), args...)
	cmd.Stdin = strings.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.Bytes(), errb.Bytes(), err
}

var (
	diagStdin = regexp.MustCompile(`^<stdin>:(\d+):\d+: (error|note|warning)`)
	diagAny   = regexp.MustCompile(`^\S+:\d+:\d+: (error|note|warning|fatal error)`)
)

// evalSome evaluates every expression that is an integer constant expression on arch a and
// drops the others (a macro that is a string, a type, or refers to something the arch
// lacks): it compiles, removes the lines clang reports, and compiles again.
func evalSome(a arches.Arch, include string, exprs []cc.Expr) (map[string]int64, error) {
	live := append([]cc.Expr(nil), exprs...)
	for round := 0; round < 20; round++ {
		var body strings.Builder
		base := strings.Count(source(""), "\n") + 1
		body.WriteString(cc.Decls(live))
		out, errs, err := clang(a, include, source(body.String()), "-S", "-emit-llvm", "-O0", "-o", "-")
		if err == nil {
			raw, err := cc.Values(out)
			if err != nil {
				return nil, err
			}
			vals := make(map[string]int64, len(raw))
			for k, v := range raw {
				vals[k] = int64(v)
			}
			return vals, nil
		}
		// Find the expression lines behind every error.
		bad := map[int]bool{}
		inErr := false
		for _, line := range strings.Split(string(errs), "\n") {
			if m := diagAny.FindStringSubmatch(line); m != nil {
				if strings.Contains(m[1], "error") {
					inErr = true
				} else if !inErr {
					continue
				}
				if s := diagStdin.FindStringSubmatch(line); s != nil && inErr {
					n, _ := strconv.Atoi(s[1])
					if i := n - base; i >= 0 && i < len(live) {
						bad[i] = true
						inErr = false
					}
				}
			}
		}
		if len(bad) == 0 {
			return nil, fmt.Errorf("%s: clang failed on the headers themselves:\n%s", a.GOARCH, cc.FirstLines(string(errs), 40))
		}
		var keep []cc.Expr
		for i, e := range live {
			if !bad[i] {
				keep = append(keep, e)
			}
		}
		live = keep
	}
	return nil, fmt.Errorf("%s: too many rounds evaluating constants", a.GOARCH)
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
func astAndLayouts(a arches.Arch, include string, records []string) ([]*astNode, map[string]layout, error) {
	var body strings.Builder
	for i, r := range records {
		fmt.Fprintf(&body, "int rl_sz_%d = sizeof(%s);\n", i, r)
	}
	src := source(body.String())
	out, errs, err := clang(a, include, src, "-fsyntax-only", "-Xclang", "-ast-dump=json")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: ast: %v\n%s", a.GOARCH, err, cc.FirstLines(string(errs), 40))
	}
	var tu astNode
	if err := json.Unmarshal(out, &tu); err != nil {
		return nil, nil, err
	}
	out, errs, err = clang(a, include, src, "-fsyntax-only", "-Xclang", "-fdump-record-layouts-simple")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: layouts: %v\n%s", a.GOARCH, err, cc.FirstLines(string(errs), 40))
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
// <sys/socket.h> for struct sockaddr), with the kernel's definitions.
func stubDir() string {
	if stubs != "" {
		return stubs
	}
	d, err := os.MkdirTemp("", "rawlinux-abi-")
	if err != nil {
		panic(err)
	}
	os.MkdirAll(filepath.Join(d, "sys"), 0o755)
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
