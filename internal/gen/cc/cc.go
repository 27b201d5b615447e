// Package cc asks the C compiler (clang-19, which targets all 13 Go arches) what the
// kernel's UAPI headers mean on one arch: the values of integer constant expressions such
// as macros, sizeof and offsetof. It is the generators' and the verification tests' single
// way of reading a number out of a header.
package cc

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// Compiler is the clang binary; RAWLINUX_CLANG overrides it.
func Compiler() string {
	if c := os.Getenv("RAWLINUX_CLANG"); c != "" {
		return c
	}
	return "clang-19"
}

// Expr is one integer constant expression to evaluate.
type Expr struct {
	Name string // an identifier, unique within one Eval call
	C    string // the C expression
}

var irLine = regexp.MustCompile(`^@rl_v_(\w+) = (?:dso_local )?(?:local_unnamed_addr )?constant i64 (-?\d+)`)

// Eval evaluates exprs for arch a with the given headers included (in order), reading the
// UAPI headers under include (linux-libc-dev's usr/include). The result maps each Name to
// the expression's value as a 64-bit pattern (sign-extended when the C type is signed).
// prelude is C text placed after the includes (typedefs, helper macros).
func Eval(a arches.Arch, include string, headers []string, prelude string, exprs []Expr) (map[string]uint64, error) {
	var src bytes.Buffer
	for _, h := range headers {
		fmt.Fprintf(&src, "#include <%s>\n", h)
	}
	src.WriteString(prelude)
	src.WriteString("\n")
	src.WriteString(Decls(exprs))
	args := append([]string{"-x", "c", "-std=gnu11", "-S", "-emit-llvm", "-O0", "-w", "-o", "-", "-"}, a.ClangArgs(include)...)
	cmd := exec.Command(Compiler(), args...)
	cmd.Stdin = &src
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s for %s: %v\n%s", Compiler(), a.GOARCH, err, FirstLines(stderr.String(), 30))
	}
	vals, err := Values(out.Bytes())
	if err != nil {
		return nil, err
	}
	for _, e := range exprs {
		if _, ok := vals[e.Name]; !ok {
			return nil, fmt.Errorf("%s: %s: no value for %s = %s", Compiler(), a.GOARCH, e.Name, e.C)
		}
	}
	return vals, nil
}

// Decls returns the C declarations that make clang emit each expression's value into its
// LLVM IR (-S -emit-llvm), where Values reads them back.
func Decls(exprs []Expr) string {
	var b strings.Builder
	for _, e := range exprs {
		fmt.Fprintf(&b, "const long long rl_v_%s = (long long)(%s);\n", e.Name, e.C)
	}
	return b.String()
}

// Values reads the values of the declarations made by Decls from clang's LLVM IR, as
// 64-bit patterns keyed by Expr.Name.
func Values(ir []byte) (map[string]uint64, error) {
	vals := map[string]uint64{}
	sc := bufio.NewScanner(bytes.NewReader(ir))
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		m := irLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		v, err := strconv.ParseInt(m[2], 10, 64)
		if err != nil {
			return nil, err
		}
		vals[m[1]] = uint64(v)
	}
	return vals, sc.Err()
}

// Macros returns every object-like macro defined after including headers for arch a, as
// name -> replacement text (clang -E -dM).
func Macros(a arches.Arch, include string, headers []string) (map[string]string, error) {
	var src bytes.Buffer
	for _, h := range headers {
		fmt.Fprintf(&src, "#include <%s>\n", h)
	}
	args := append([]string{"-x", "c", "-E", "-dM", "-"}, a.ClangArgs(include)...)
	cmd := exec.Command(Compiler(), args...)
	cmd.Stdin = &src
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s -dM for %s: %v\n%s", Compiler(), a.GOARCH, err, FirstLines(stderr.String(), 30))
	}
	m := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		rest, ok := strings.CutPrefix(line, "#define ")
		if !ok {
			continue
		}
		name, val, _ := strings.Cut(rest, " ")
		if strings.Contains(name, "(") {
			continue // function-like
		}
		m[name] = val
	}
	return m, nil
}

// FirstLines returns at most the first n lines of s (for compiler errors in messages).
func FirstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
