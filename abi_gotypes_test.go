package linux

import (
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

var abiArches = []string{"amd64", "386", "arm", "arm64", "riscv64", "ppc64", "ppc64le", "s390x",
	"mips", "mipsle", "mips64", "mips64le", "loong64"}

// TestABIGoTypesAllArches is the second, host-side path of the verification: for each of
// the 13 arches it type-checks the generated files with go/types under that arch's gc
// sizes (types.SizesFor("gc", arch)) and compares them with the same clang tables
// (zlayout_linux_<arch>_test.go, read as syntax), so all arches are checked without qemu.
func TestABIGoTypesAllArches(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("host-only test (go/types over the sources); the target path is TestABILayouts")
	}
	for _, arch := range abiArches {
		t.Run(arch, func(t *testing.T) {
			sizes := types.SizesFor("gc", arch)
			pkg, err := abiTypeCheck(arch, sizes)
			if err != nil {
				t.Fatal(err)
			}
			layouts, consts, err := abiReadTables(arch)
			if err != nil {
				t.Fatal(err)
			}
			fields := 0
			maxAlign := uintptr(sizes.Alignof(types.Typ[types.Uint64]))
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
				s := abiShape{size: uintptr(sizes.Sizeof(st)), align: uintptr(sizes.Alignof(st)), maxAlign: maxAlign, fields: map[string][2]uintptr{}}
				for i, v := range vars {
					if v.Name() != "_" {
						s.named++
						s.fields[v.Name()] = [2]uintptr{uintptr(offs[i]), uintptr(sizes.Sizeof(v.Type()))}
					}
				}
				for _, e := range checkShape(l, s) {
					t.Error(e)
				}
				fields += len(l.fields)
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
				for _, e := range checkConst(abiConst{c.name, bits, c.want}) {
					t.Error(e)
				}
			}
			t.Logf("go/types %s: %d structs, %d fields, %d constants checked", arch, len(layouts), fields, len(consts))
		})
	}
}

var abiImporter types.Importer

// abiTypeCheck type-checks the arch's generated files with the hand-written ones they use.
func abiTypeCheck(arch string, sizes types.Sizes) (*types.Package, error) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"ztypes_linux_" + arch + ".go", "zconst_linux_" + arch + ".go", "types_linux.go", "time_linux.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if abiImporter == nil {
		// time_linux.go imports "time", whose API does not depend on the arch: one host importer.
		abiImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)
	}
	conf := types.Config{Importer: abiImporter, Sizes: sizes}
	return conf.Check("github.com/rawlinux/linux", fset, files, nil)
}

// abiReadTables reads the clang tables of an arch from its zlayout file's syntax.
func abiReadTables(arch string) ([]abiLayout, []abiConst, error) {
	name := filepath.Join(".", "zlayout_linux_"+arch+"_test.go")
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
	if err != nil {
		return nil, nil, err
	}
	num := func(e ast.Expr) uintptr {
		n, _ := strconv.ParseUint(e.(*ast.BasicLit).Value, 0, 64)
		return uintptr(n)
	}
	str := func(e ast.Expr) string {
		s, _ := strconv.Unquote(e.(*ast.BasicLit).Value)
		return s
	}
	var layouts []abiLayout
	var consts []abiConst
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			list := vs.Values[0].(*ast.CompositeLit)
			for _, el := range list.Elts {
				e := el.(*ast.CompositeLit).Elts
				switch vs.Names[0].Name {
				case "abiLayouts":
					l := abiLayout{name: str(e[0]), size: num(e[2]), align: num(e[3]), packed: e[4].(*ast.Ident).Name == "true"}
					for _, fe := range e[5].(*ast.CompositeLit).Elts {
						fl := fe.(*ast.CompositeLit).Elts
						l.fields = append(l.fields, abiField{str(fl[0]), num(fl[1]), num(fl[2])})
					}
					layouts = append(layouts, l)
				case "abiConsts":
					n, _ := strconv.ParseUint(e[2].(*ast.BasicLit).Value, 0, 64)
					consts = append(consts, abiConst{name: str(e[0]), want: n})
				}
			}
		}
	}
	return layouts, consts, nil
}
