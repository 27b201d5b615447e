package abitest

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// The host-side path of the verification: for each of the 13 arches, the generated files
// are type-checked with go/types under that arch's gc sizes (types.SizesFor("gc", arch))
// and compared with the same tables, read as syntax, so all arches are checked without
// qemu and without the target's compiler.

// hostOnly skips a test that reads sources for all arches: it needs the source tree, which
// qemu runs also have, but one run on the host is enough.
func hostOnly(t *testing.T) {
	t.Helper()
	if runtime.GOARCH != "amd64" {
		t.Skip("host-only test (go/types over the sources for every arch); the target path is the same check on the compiled code")
	}
}

// repoRoot is the module root (this package is internal/abitest).
func repoRoot() string { return filepath.Join("..", "..") }

// archFiles parses the .go files of dir that a build for linux/arch includes and whose
// names start with one of prefixes (test files too).
func archFiles(fset *token.FileSet, dir, arch string, prefixes ...string) ([]*ast.File, error) {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = "linux", arch, false
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range ents {
		name := e.Name()
		ok := false
		for _, p := range prefixes {
			ok = ok || strings.HasPrefix(name, p)
		}
		if !ok || !strings.HasSuffix(name, ".go") {
			continue
		}
		if match, err := ctxt.MatchFile(dir, name); err != nil || !match {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %v files for %s in %s", prefixes, arch, dir)
	}
	return files, nil
}

var stdImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)

// typeCheck type-checks the files of package linux (or raw) whose names start with
// prefixes, as built for arch; they import only unsafe and structs.
func typeCheck(dir, path, arch string, prefixes ...string) (*types.Package, error) {
	fset := token.NewFileSet()
	files, err := archFiles(fset, dir, arch, prefixes...)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: stdImporter, Sizes: types.SizesFor("gc", arch)}
	return conf.Check(path, fset, files, nil)
}

func TestABIGoTypesAllArches(t *testing.T) {
	hostOnly(t)
	for _, a := range arches.All {
		arch := a.GOARCH
		t.Run(arch, func(t *testing.T) {
			sizes := types.SizesFor("gc", arch)
			pkg, err := typeCheck(repoRoot(), "github.com/rawlinux/linux", arch, "ztypes_", "zconst_")
			if err != nil {
				t.Fatal(err)
			}
			layouts, accs, consts, strs, err := readTables(arch)
			if err != nil {
				t.Fatal(err)
			}
			fields := 0
			maxAlign := uintptr(sizes.Alignof(types.Typ[types.Uint64]))
			shapes := map[string]abiShape{}
			for _, l := range layouts {
				obj := pkg.Scope().Lookup(l.name)
				if obj == nil {
					t.Errorf("%s: not declared", l.name)
					continue
				}
				st, ok := obj.Type().Underlying().(*types.Struct)
				if !ok {
					t.Errorf("%s: not a struct", l.name)
					continue
				}
				vars := make([]*types.Var, st.NumFields())
				for i := range vars {
					vars[i] = st.Field(i)
				}
				offs := sizes.Offsetsof(vars)
				s := abiShape{size: uintptr(sizes.Sizeof(st)), align: uintptr(sizes.Alignof(st)), maxAlign: maxAlign, fields: map[string]goField{}, methods: map[string]string{}}
				for i, v := range vars {
					if v.Name() != "_" {
						s.named++
						s.fields[v.Name()] = goField{uintptr(offs[i]), uintptr(sizes.Sizeof(v.Type())), typesDesc(v.Type(), sizes)}
					}
				}
				ms := types.NewMethodSet(types.NewPointer(obj.Type()))
				for i := 0; i < ms.Len(); i++ {
					sig := ms.At(i).Obj().Type().(*types.Signature)
					if sig.Params().Len() == 0 && sig.Results().Len() == 1 {
						s.methods[ms.At(i).Obj().Name()] = typesDesc(sig.Results().At(0).Type(), sizes)
					}
				}
				shapes[l.name] = s
				for _, e := range checkShape(l, s) {
					t.Error(e)
				}
				fields += len(l.fields)
			}
			for _, x := range accs {
				for _, e := range checkAccessorType(x, shapes[x.typ]) {
					t.Error(e)
				}
			}
			for _, c := range consts {
				obj, ok := pkg.Scope().Lookup(c.name).(*types.Const)
				if !ok {
					t.Errorf("%s: no such constant", c.name)
					continue
				}
				v := obj.Val()
				var bits uint64
				if i, exact := constant.Int64Val(v); exact {
					bits = uint64(i)
				} else if u, exact := constant.Uint64Val(v); exact {
					bits = u
				} else {
					t.Errorf("%s: %v does not fit 64 bits", c.name, v)
					continue
				}
				for _, e := range checkConst(abiConst{name: c.name, got: bits, want: c.want}) {
					t.Error(e)
				}
			}
			for _, c := range strs {
				obj, ok := pkg.Scope().Lookup(c.name).(*types.Const)
				if !ok || obj.Val().Kind() != constant.String {
					t.Errorf("%s: no such string constant", c.name)
					continue
				}
				for _, e := range checkString(abiString{c.name, constant.StringVal(obj.Val()), c.want}) {
					t.Error(e)
				}
			}
			t.Logf("go/types %s: %d structs, %d fields, %d accessor types, %d constants, %d string constants checked", arch, len(layouts), fields, len(accs), len(consts), len(strs))
		})
	}
}

// typesDesc is reflectDesc for go/types.
func typesDesc(t types.Type, sizes types.Sizes) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.Int8, types.Int16, types.Int32, types.Int64:
			return fmt.Sprintf("i%d", 8*sizes.Sizeof(u))
		case types.Uint8, types.Uint16, types.Uint32, types.Uint64:
			return fmt.Sprintf("u%d", 8*sizes.Sizeof(u))
		case types.Int:
			return fmt.Sprintf("i%d (int)", 8*sizes.Sizeof(u))
		case types.Uint:
			return fmt.Sprintf("u%d (uint)", 8*sizes.Sizeof(u))
		case types.Uintptr:
			return "uptr"
		case types.UnsafePointer:
			return "ptr"
		case types.Bool:
			return "bool"
		}
		return u.Name()
	case *types.Pointer:
		return "ptr"
	case *types.Struct:
		return "rec"
	case *types.Array:
		return fmt.Sprintf("[%d]%s", u.Len(), typesDesc(u.Elem(), sizes))
	}
	return t.String()
}

// readTables reads the clang tables of an arch from the syntax of its zlayout files.
func readTables(arch string) (layouts []abiLayout, accs []accessorType, consts []abiConst, strs []abiString, err error) {
	files, err := archFiles(token.NewFileSet(), ".", arch, "zlayout_")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	num := func(e ast.Expr) uintptr {
		n, _ := strconv.ParseUint(e.(*ast.BasicLit).Value, 0, 64)
		return uintptr(n)
	}
	str := func(e ast.Expr) string {
		s, _ := strconv.Unquote(e.(*ast.BasicLit).Value)
		return s
	}
	// (*linux.X)(nil) -> X
	typeName := func(e ast.Expr) string {
		p := e.(*ast.CallExpr).Fun.(*ast.ParenExpr).X.(*ast.StarExpr)
		return p.X.(*ast.SelectorExpr).Sel.Name
	}
	for _, f := range files {
		for _, spec := range varSpecs(f) {
			// var layoutTable_SET = [...]abiLayout{abiLayout{...}, ...}
			tab, ok := spec.Values[0].(*ast.CompositeLit)
			if !ok {
				continue
			}
			at, ok := tab.Type.(*ast.ArrayType)
			if !ok {
				continue
			}
			kind := at.Elt.(*ast.Ident).Name
			for _, el := range tab.Elts {
				e := el.(*ast.CompositeLit).Elts
				switch kind {
				case "abiLayout":
					l := abiLayout{name: str(e[0]), size: num(e[2]), align: num(e[3]), packed: e[4].(*ast.Ident).Name == "true"}
					for _, fe := range e[5].(*ast.CompositeLit).Elts {
						fl := fe.(*ast.CompositeLit).Elts
						l.fields = append(l.fields, abiField{str(fl[0]), num(fl[1]), num(fl[2]), str(fl[3])})
					}
					layouts = append(layouts, l)
				case "abiAccessor":
					accs = append(accs, accessorType{typ: typeName(e[0]), get: str(e[2]), ctype: str(e[5])})
				case "abiConst":
					n, _ := strconv.ParseUint(e[3].(*ast.BasicLit).Value, 0, 64)
					consts = append(consts, abiConst{name: str(e[0]), want: n})
				case "abiString":
					strs = append(strs, abiString{name: str(e[0]), want: str(e[2])})
				}
			}
		}
	}
	return layouts, accs, consts, strs, nil
}

// varSpecs returns the specs of a file's var declarations.
func varSpecs(f *ast.File) []*ast.ValueSpec {
	var out []*ast.ValueSpec
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			if vs := s.(*ast.ValueSpec); len(vs.Values) == 1 {
				out = append(out, vs)
			}
		}
	}
	return out
}

// TestSysnumAllArches compares every arch's SYS_* constants (package linux's zsysnum files
// for that arch, type-checked) with package systab's table of that arch: the same names,
// the same numbers, nothing more.
func TestSysnumAllArches(t *testing.T) {
	hostOnly(t)
	for _, a := range systab.Arches() {
		pkg, err := typeCheck(repoRoot(), "github.com/rawlinux/linux", string(a), "zsysnum_")
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		want := map[string]int{}
		for _, e := range systab.Table(a) {
			want["SYS_"+strings.ToUpper(e.Name)] = e.Number
		}
		var got []string
		for _, n := range pkg.Scope().Names() {
			if strings.HasPrefix(n, "SYS_") {
				got = append(got, n)
			}
		}
		sort.Strings(got)
		for _, n := range got {
			v, _ := constant.Int64Val(pkg.Scope().Lookup(n).(*types.Const).Val())
			if w, ok := want[n]; !ok {
				t.Errorf("%s: %s = %d is not in systab", a, n, v)
			} else if int64(w) != v {
				t.Errorf("%s: %s = %d, systab says %d", a, n, v, w)
			}
			delete(want, n)
		}
		for n := range want {
			t.Errorf("%s: systab has %s, package linux does not", a, n)
		}
		t.Logf("%s: %d SYS_* constants agree with systab", a, len(got))
	}
}
