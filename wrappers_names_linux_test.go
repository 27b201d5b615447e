//go:build linux

package linux

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/rawlinux/linux/systab"
)

// TestWrapperNamesPerArch reads the package's sources as each arch's build sees them (with
// go/build's file selection) and checks the coverage table against them: every typed row's
// Go function is declared on that arch, and every implemented row of a wrapper group (typed
// or raw-only) has its canonical name (the table name in CamelCase) declared there, as
// `GOARCH=<arch> go doc` would show it: a function, or for a raw-only row whose canonical
// name is a type's (signal: the type Signal), that type.
func TestWrapperNamesPerArch(t *testing.T) {
	if runtime.GOARCH != "amd64" || qemuUser() {
		t.Skip("host-only test: reads the sources of all 13 arches")
	}
	for _, a := range systab.Arches() {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", string(a), false
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		funcs, types := map[string]bool{}, map[string]bool{}
		fset := token.NewFileSet()
		for _, name := range pkg.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					funcs[fd.Name.Name] = true
				}
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
					for _, s := range gd.Specs {
						types[s.(*ast.TypeSpec).Name.Name] = true
					}
				}
			}
		}
		typed, canonical := 0, 0
		for _, w := range systab.Wrappers(a) {
			switch w.Status {
			case systab.Typed:
				typed++
				if !funcs[w.Go] {
					t.Errorf("%s: %s is typed by %s, which this arch's build does not declare", a, w.Entry.Name, w.Go)
				}
				fallthrough
			case systab.RawOnly:
				c := canonicalName(w.Entry.Name)
				if funcs[c] || (w.Status == systab.RawOnly && types[c]) {
					canonical++
				} else if w.Status == systab.Typed || w.Group != "" {
					t.Errorf("%s: %s (%s) has no canonical function %s", a, w.Entry.Name, w.Status, c)
				}
			}
		}
		t.Logf("%s: %d typed rows, %d canonical names declared, %d functions", a, typed, canonical, len(funcs))
	}
}

// canonicalName is a table name in CamelCase split at underscores.
func canonicalName(row string) string {
	var b strings.Builder
	for _, p := range strings.Split(row, "_") {
		if p != "" {
			r := []rune(p)
			r[0] = unicode.ToUpper(r[0])
			b.WriteString(string(r))
		}
	}
	return b.String()
}
