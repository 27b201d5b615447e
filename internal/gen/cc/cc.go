// Package cc asks the C compiler (clang-19, which targets all 13 Go arches) what the
// kernel's UAPI headers mean on one arch: the values of integer constant expressions such
// as macros, sizeof and offsetof (Eval, EvalSome), the macros a header defines (Macros), and
// anything else clang can dump, such as the AST and record layouts (Run, CompileSome). It is
// the generators' and the verification tests' single way of running clang.
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
	out, stderr, err := Run(a, include, nil, src.String(), "-S", "-emit-llvm", "-O0", "-o", "-")
	if err != nil {
		return nil, fmt.Errorf("%s for %s: %v\n%s", Compiler(), a.GOARCH, err, FirstLines(string(stderr), 30))
	}
	vals, err := Values(out)
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
	out, stderr, err := Run(a, include, nil, src.String(), "-E", "-dM")
	if err != nil {
		return nil, fmt.Errorf("%s -dM for %s: %v\n%s", Compiler(), a.GOARCH, err, FirstLines(string(stderr), 30))
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
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

// Run runs the compiler on the C source src for arch a, with the UAPI headers under
// include and the extra include directories inc (searched first), and the given arguments
// (an output mode such as -S -emit-llvm -o -, or -fsyntax-only with a dump flag). Warnings
// are off; every error is reported. It returns the compiler's stdout and stderr.
func Run(a arches.Arch, include string, inc []string, src string, args ...string) (stdout, stderr []byte, err error) {
	all := append([]string{"-x", "c", "-std=gnu11", "-w", "-ferror-limit=0"}, args...)
	for _, d := range inc {
		all = append(all, "-I"+d)
	}
	all = append(all, a.ClangArgs(include)...)
	all = append(all, "-")
	cmd := exec.Command(Compiler(), all...)
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

// CompileSome compiles prefix followed by lines (one C declaration each) with Run and the
// given arguments, and drops every line the compiler reports an error for (an expression
// that is not an integer constant expression on this arch, a member this arch's struct
// lacks), then compiles again, until it compiles. It returns the output of the last run and
// which lines it kept. An error in prefix itself is an error.
func CompileSome(a arches.Arch, include string, inc []string, prefix string, lines []string, args ...string) (stdout []byte, kept []int, err error) {
	live := make([]int, len(lines))
	for i := range live {
		live[i] = i
	}
	base := strings.Count(prefix, "\n") + 1 // the line number of lines[live[0]]
	for round := 0; round < 20; round++ {
		var body strings.Builder
		body.WriteString(prefix)
		for _, i := range live {
			body.WriteString(lines[i])
			body.WriteString("\n")
		}
		out, errs, err := Run(a, include, inc, body.String(), args...)
		if err == nil {
			return out, live, nil
		}
		// The lines behind every error (a note may point at a header; the error's own
		// line, or the first <stdin> line of its notes, is the one to drop).
		bad := map[int]bool{}
		inErr := false
		for _, line := range strings.Split(string(errs), "\n") {
			m := diagAny.FindStringSubmatch(line)
			if m == nil {
				continue
			}
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
		if len(bad) == 0 {
			return nil, nil, fmt.Errorf("%s for %s: %v (not in the checked lines):\n%s", Compiler(), a.GOARCH, err, FirstLines(string(errs), 40))
		}
		var keep []int
		for j, i := range live {
			if !bad[j] {
				keep = append(keep, i)
			}
		}
		live = keep
	}
	return nil, nil, fmt.Errorf("%s for %s: too many rounds dropping lines", Compiler(), a.GOARCH)
}

// EvalSome evaluates every expression of exprs that is an integer constant expression on
// arch a, after prefix (the includes and declarations the expressions need), and leaves the
// others out of the result (a macro that is a string or a type, or that refers to something
// the arch lacks).
func EvalSome(a arches.Arch, include string, inc []string, prefix string, exprs []Expr) (map[string]uint64, error) {
	lines := make([]string, len(exprs))
	for i, e := range exprs {
		lines[i] = strings.TrimSuffix(Decls([]Expr{e}), "\n")
	}
	out, _, err := CompileSome(a, include, inc, prefix, lines, "-S", "-emit-llvm", "-O0", "-o", "-")
	if err != nil {
		return nil, err
	}
	return Values(out)
}

// FirstLines returns at most the first n lines of s (for compiler errors in messages).
func FirstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
