// Command abicount counts, per GOARCH, the exported constants and struct types of package
// linux (this module's root) and of golang.org/x/sys/unix (the version bench/go.mod
// requires), as a build for linux/GOARCH sees their sources: constants without the SYS_*
// numbers and the errnos (x/sys: values of type syscall.Errno; ours: package raw's
// re-exports; a column gives x/sys's count with its errnos, the figure of the README before
// issue 14), structs as named types whose underlying type is a struct. It prints the
// README's ABI table (markdown), or with -missing the name prefixes of x/sys's constants
// that package linux lacks on one arch, with their counts.
//
//	cd bench && go run ./cmd/abicount
//	cd bench && go run ./cmd/abicount -missing amd64 [-all]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

var arches = []string{"amd64", "386", "arm", "arm64", "riscv64", "ppc64", "ppc64le", "s390x",
	"mips", "mipsle", "mips64", "mips64le", "loong64"}

// counts are one package's exported constants and struct types on one arch.
type counts struct {
	consts  map[string]bool
	structs map[string]bool
	errnos  int // the errno constants left out of consts
}

// count reads dir's non-test Go files that a linux/arch build includes.
func count(dir, arch string) (counts, error) {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = "linux", arch, false
	ctxt.BuildTags = nil
	c := counts{consts: map[string]bool{}, structs: map[string]bool{}}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return c, err
	}
	fset := token.NewFileSet()
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctxt.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return c, err
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range g.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					if g.Tok != token.CONST {
						continue
					}
					for i, n := range s.Names {
						if !n.IsExported() || strings.HasPrefix(n.Name, "SYS_") {
							continue
						}
						if i < len(s.Values) && isErrno(s.Values[i]) {
							c.errnos++
							continue
						}
						c.consts[n.Name] = true
					}
				case *ast.TypeSpec:
					if _, ok := s.Type.(*ast.StructType); ok && s.Name.IsExported() {
						c.structs[s.Name.Name] = true
					}
				}
			}
		}
	}
	return c, nil
}

// isErrno reports whether a constant's value is an errno: syscall.Errno(n) (x/sys) or
// raw.EXXX (our re-exports).
func isErrno(e ast.Expr) bool {
	switch v := e.(type) {
	case *ast.CallExpr:
		if s, ok := v.Fun.(*ast.SelectorExpr); ok {
			if x, ok := s.X.(*ast.Ident); ok && x.Name == "syscall" && s.Sel.Name == "Errno" {
				return true
			}
		}
	case *ast.SelectorExpr:
		if x, ok := v.X.(*ast.Ident); ok && x.Name == "raw" && strings.HasPrefix(v.Sel.Name, "E") {
			return true
		}
	}
	return false
}

func xsysDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/sys").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m golang.org/x/sys: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "unix"), nil
}

// prefix is a constant name's first part ("IFLA_" of IFLA_MTU), or the name itself.
func prefix(n string) string {
	if i := strings.Index(n, "_"); i > 0 {
		return n[:i+1]
	}
	return n
}

func main() {
	missing := flag.String("missing", "", "list x/sys's constant prefixes that package linux lacks on this GOARCH")
	all := flag.Bool("all", false, "with -missing: every name, not the first six of each prefix")
	flag.Parse()
	xdir, err := xsysDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ours := ".."
	if *missing != "" {
		o, err1 := count(ours, *missing)
		x, err2 := count(xdir, *missing)
		if err1 != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, err1, err2)
			os.Exit(1)
		}
		byPrefix := map[string][]string{}
		for n := range x.consts {
			if !o.consts[n] {
				byPrefix[prefix(n)] = append(byPrefix[prefix(n)], n)
			}
		}
		keys := make([]string, 0, len(byPrefix))
		for k := range byPrefix {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return len(byPrefix[keys[i]]) > len(byPrefix[keys[j]]) })
		total := 0
		for _, k := range keys {
			total += len(byPrefix[k])
			l := byPrefix[k]
			sort.Strings(l)
			if len(l) > 6 && !*all {
				l = append(l[:6], "...")
			}
			fmt.Printf("%-24s %5d  %s\n", k, len(byPrefix[k]), strings.Join(l, " "))
		}
		fmt.Printf("total %d of x/sys's %d constants not in package linux on %s\n", total, len(x.consts), *missing)
		var ms []string
		for n := range x.structs {
			if !o.structs[n] {
				ms = append(ms, n)
			}
		}
		sort.Strings(ms)
		fmt.Printf("x/sys struct names not in package linux (%d): %s\n", len(ms), strings.Join(ms, " "))
		return
	}
	fmt.Println("| GOARCH | rawlinux structs | rawlinux constants | x/sys/unix structs | x/sys/unix constants | x/sys/unix with its errnos | constants: ours - x/sys |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, a := range arches {
		o, err1 := count(ours, a)
		x, err2 := count(xdir, a)
		if err1 != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, err1, err2)
			os.Exit(1)
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %+d |\n", a, len(o.structs), len(o.consts), len(x.structs), len(x.consts), len(x.consts)+x.errnos, len(o.consts)-len(x.consts))
	}
}
