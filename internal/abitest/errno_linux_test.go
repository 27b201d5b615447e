package abitest

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

// kernelInclude returns the UAPI headers of internal/gen/kernel.sh's directory
// (RAWLINUX_KERNEL), or skips: a test that asks clang runs on the amd64 host only.
func kernelInclude(t *testing.T) string {
	t.Helper()
	hostOnly(t)
	k := os.Getenv("RAWLINUX_KERNEL")
	required := os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1"
	if k == "" {
		if required {
			t.Fatal("RAWLINUX_KERNEL is unset and RAWLINUX_REQUIRE_KERNEL=1")
		}
		t.Skip("RAWLINUX_KERNEL is unset (the directory internal/gen/kernel.sh prints)")
	}
	if _, err := exec.LookPath(cc.Compiler()); err != nil {
		if required {
			t.Fatalf("%s not found", cc.Compiler())
		}
		t.Skipf("%s not found", cc.Compiler())
	}
	return arches.KernelDirs(k, "").Include
}

var errnoName = regexp.MustCompile(`^E[A-Z0-9]+$`)

// TestErrnoMatchesClangAllArches asks clang for every E* macro that <linux/errno.h> defines
// on each arch (its own list: clang -dM, not the generator's reading of the headers) and its
// value, and compares them with package raw's constants as go/types computes them for that
// GOARCH: the same names, the same values. It also checks raw's name and message tables and
// package linux's re-exports against them.
func TestErrnoMatchesClangAllArches(t *testing.T) {
	include := kernelInclude(t)
	for _, a := range arches.All {
		t.Run(a.GOARCH, func(t *testing.T) {
			macros, err := cc.Macros(a, include, []string{"linux/errno.h"})
			if err != nil {
				t.Fatal(err)
			}
			var exprs []cc.Expr
			for n := range macros {
				if errnoName.MatchString(n) {
					exprs = append(exprs, cc.Expr{Name: n, C: n})
				}
			}
			sort.Slice(exprs, func(i, j int) bool { return exprs[i].Name < exprs[j].Name })
			want, err := cc.Eval(a, include, []string{"linux/errno.h"}, "", exprs)
			if err != nil {
				t.Fatal(err)
			}
			raw := filepath.Join(repoRoot(), "raw")
			pkg, err := typeCheck(raw, "github.com/rawlinux/linux/raw", a.GOARCH, "zerrno_", "errno_")
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]uint64{}
			for _, n := range pkg.Scope().Names() {
				if c, ok := pkg.Scope().Lookup(n).(*types.Const); ok && errnoName.MatchString(n) {
					v, _ := constant.Uint64Val(c.Val())
					got[n] = v
				}
			}
			for n, w := range want {
				if g, ok := got[n]; !ok {
					t.Errorf("%s = %d in the headers, not in package raw", n, w)
				} else if g != w {
					t.Errorf("raw.%s = %d, the headers say %d", n, g, w)
				}
			}
			for n, g := range got {
				if _, ok := want[n]; !ok {
					t.Errorf("raw.%s = %d is not in the headers", n, g)
				}
			}
			// The name and message tables: an entry for every number, named by one of
			// its constants.
			names, msgs := errnoTables(t, raw, a.GOARCH)
			byValue := map[uint64][]string{}
			for n, v := range want {
				byValue[v] = append(byValue[v], n)
			}
			for v, ns := range byValue {
				n, ok := names[v]
				if !ok {
					t.Errorf("errnoNames has no entry for %d (%v)", v, ns)
				} else if want[n] != v {
					t.Errorf("errnoNames[%d] = %s, which is %d", v, n, want[n])
				}
				if _, ok := msgs[v]; !ok {
					t.Errorf("errnoMessages has no entry for %d (%v)", v, ns)
				}
			}
			if len(names) != len(byValue) || len(msgs) != len(byValue) {
				t.Errorf("errnoNames has %d entries, errnoMessages %d, the headers %d numbers", len(names), len(msgs), len(byValue))
			}
			// Package linux re-exports every one as linux.E = raw.E.
			re := reexports(t, a.GOARCH)
			for n := range want {
				if re[n] != n {
					t.Errorf("linux.%s is %q, want raw.%s", n, re[n], n)
				}
			}
			if len(re) != len(want) {
				t.Errorf("package linux re-exports %d errnos, the headers have %d", len(re), len(want))
			}
			if !t.Failed() {
				t.Logf("%s: %d errnos (%d numbers) agree with clang", a.GOARCH, len(want), len(byValue))
			}
		})
	}
}

// errnoTables reads raw's errnoNames and errnoMessages for arch from their syntax.
func errnoTables(t *testing.T, dir, arch string) (names map[uint64]string, msgs map[uint64]string) {
	t.Helper()
	files, err := archFiles(token.NewFileSet(), dir, arch, "zerrno_")
	if err != nil {
		t.Fatal(err)
	}
	names, msgs = map[uint64]string{}, map[uint64]string{}
	for _, f := range files {
		for _, vs := range varSpecs(f) {
			m := map[string]map[uint64]string{"errnoNames": names, "errnoMessages": msgs}[vs.Names[0].Name]
			if m == nil {
				continue
			}
			for _, el := range vs.Values[0].(*ast.CompositeLit).Elts {
				kv := el.(*ast.KeyValueExpr)
				k, _ := strconv.ParseUint(kv.Key.(*ast.BasicLit).Value, 0, 64)
				s, _ := strconv.Unquote(kv.Value.(*ast.BasicLit).Value)
				m[k] = s
			}
		}
	}
	return names, msgs
}

// reexports reads package linux's errno constants for arch: name -> the raw constant it is.
func reexports(t *testing.T, arch string) map[string]string {
	t.Helper()
	files, err := archFiles(token.NewFileSet(), repoRoot(), arch, "zerrno_")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				if sel, ok := vs.Values[0].(*ast.SelectorExpr); ok && sel.X.(*ast.Ident).Name == "raw" {
					out[vs.Names[0].Name] = sel.Sel.Name
				}
			}
		}
	}
	return out
}
