// Command wrap generates the typed system-call wrappers of package linux from the spec
// (spec/*.spec: one stanza per Go function, see spec/README.md) and the kernel's
// prototypes and tables (package systab):
//
//   - zsyscall_linux*.go: one function per stanza on every arch whose table has a row it
//     can call, split by gofile into the bodies all arches share, family files and per-arch
//     files (the 64-bit arguments that 32-bit arches pass in register pairs, o32's eight
//     arguments, per-arch rows);
//
//   - zsyscall_linux*_test.go: the list of functions each arch must have, which every
//     arch's test build (and go vet per GOARCH) compiles;
//
//   - systab/zwrappers.go: for every row of every arch, the wrapper that makes it (typed), or
//     why none does (raw-only, with the reason; unimplemented; pending).
//
//     go run ./internal/gen/wrap -out .
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
	"github.com/rawlinux/linux/systab"
)

func main() {
	flag.String("kernel", "", "unused (the kernel's facts come from package systab)")
	out := flag.String("out", ".", "module root")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("wrap: ")
	if err := readStructTypes(*out); err != nil {
		log.Fatal(err)
	}
	sp, err := readSpec(filepath.Join(*out, "spec"))
	if err != nil {
		log.Fatal(err)
	}
	g, err := generate(sp)
	if err != nil {
		log.Fatal(err)
	}
	if err := g.write(*out); err != nil {
		log.Fatal(err)
	}
}

// camel is a row's canonical Go name: CamelCase split at underscores.
func camel(row string) string {
	var b strings.Builder
	for _, p := range strings.Split(row, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// Row status in the coverage table.
const (
	stTyped         = "typed"
	stRawOnly       = "raw_only"
	stUnimplemented = "unimplemented"
	stPending       = "pending"
)

type cover struct {
	status, goName, reason string
}

type gen struct {
	sp        *spec
	items     map[string][]gofile.Item // GOARCH -> wrappers
	coverage  map[string]map[string]cover
	rowsByCam map[string]string            // canonical name -> row (any arch)
	declared  map[string]map[string]string // Go name -> GOARCH -> the stanza that declares it there
}

func generate(sp *spec) (*gen, error) {
	g := &gen{sp: sp, items: map[string][]gofile.Item{},
		coverage: map[string]map[string]cover{}, rowsByCam: map[string]string{}, declared: map[string]map[string]string{}}
	for _, name := range systab.Names() {
		g.rowsByCam[camel(name)] = name
	}
	var errs []string
	seen := map[string]*stanza{}
	for _, st := range sp.stanzas {
		where := fmt.Sprintf("%s:%d", st.file, st.line)
		// A Go name may have several stanzas when each says which arches it is for (call
		// lines with sets) and no arch gets two of them (checked in g.stanza): one
		// signature per arch, as for set_thread_area (a struct on 386, an address on mips).
		if prev, dup := seen[st.goName]; dup && (!st.explicitCalls || !prev.explicitCalls || !hasSets(st) || !hasSets(prev)) {
			errs = append(errs, fmt.Sprintf("%s: %s already declared at %s:%d (stanzas of one name must each restrict their call lines to arches, which must not overlap)", where, st.goName, prev.file, prev.line))
			continue
		}
		seen[st.goName] = st
		if !st.explicitCalls {
			row, ok := g.rowsByCam[st.goName]
			if !ok {
				errs = append(errs, fmt.Sprintf("%s: %s is no row's canonical name: say which rows it calls", where, st.goName))
				continue
			}
			st.calls = []callRow{{row: row, line: st.line}}
		}
		if err := g.stanza(st); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %s: %v", where, st.goName, err))
		}
	}
	for _, ro := range sp.rawonly {
		for _, row := range ro.rows {
			if len(systab.ArchesOf(row)) == 0 {
				errs = append(errs, fmt.Sprintf("%s:%d: rawonly %s: no such row", ro.file, ro.line, row))
			}
		}
	}
	for _, gr := range sp.groups {
		if len(gr.rows) > 0 && gr.title == "" {
			errs = append(errs, fmt.Sprintf("%s: rows without a group line", gr.file))
		}
		for _, row := range gr.rows {
			if len(systab.ArchesOf(row)) == 0 {
				errs = append(errs, fmt.Sprintf("%s: group %s lists %s, which no arch's table has", gr.file, gr.name, row))
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("spec errors:\n\t%s", strings.Join(errs, "\n\t"))
	}
	g.account()
	g.rawOnlyStubs(seen)
	// Every row of a group is covered wherever it is implemented.
	for _, a := range arches.All {
		for _, e := range systab.Table(systab.Arch(a.GOARCH)) {
			if gr := sp.groupOf[e.Name]; gr != nil && g.coverage[a.GOARCH][e.Name].status == stPending {
				errs = append(errs, fmt.Sprintf("%s: %s (group %s) has no typed wrapper and no rawonly reason on %s", gr.file, e.Name, gr.name, a.GOARCH))
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("spec errors:\n\t%s", strings.Join(errs, "\n\t"))
	}
	return g, nil
}

// rowOn picks the row st makes on arch a: the first call line whose row a's table has.
func rowOn(st *stanza, a arches.Arch) (systab.Entry, bool) {
	for _, c := range st.calls {
		if len(c.sets) > 0 && !inSets(a.GOARCH, c.sets) {
			continue
		}
		if e, ok := systab.Lookup(systab.Arch(a.GOARCH), c.row); ok && e.Implemented {
			return e, true
		}
	}
	return systab.Entry{}, false
}

func inSets(goarch string, sets []string) bool {
	for _, s := range sets {
		if s == goarch {
			return true
		}
		for _, gs := range gofile.Sets {
			if gs.Name == s {
				for _, x := range gs.Arches {
					if x == goarch {
						return true
					}
				}
			}
		}
	}
	return false
}

// hasSets reports whether every call line of st names the arches it is for.
func hasSets(st *stanza) bool {
	for _, c := range st.calls {
		if len(c.sets) == 0 {
			return false
		}
	}
	return len(st.calls) > 0
}

func (g *gen) stanza(st *stanza) error {
	any := false
	used := map[string]bool{} // mapping lines some entry point used
	where := fmt.Sprintf("%s:%d", st.file, st.line)
	for _, a := range arches.All {
		e, ok := rowOn(st, a)
		if !ok {
			continue
		}
		any = true
		if g.declared[st.goName] == nil {
			g.declared[st.goName] = map[string]string{}
		}
		if prev, dup := g.declared[st.goName][a.GOARCH]; dup {
			return fmt.Errorf("%s is also declared on %s by the stanza at %s", st.goName, a.GOARCH, prev)
		}
		g.declared[st.goName][a.GOARCH] = where
		if st.handwritten != "" {
			g.mark(a.GOARCH, e.Name, cover{stTyped, st.goName, ""})
			continue
		}
		proto, ok := prototypeOn(a, e)
		if !ok {
			return fmt.Errorf("%s: no prototype for %s (%s)", a.GOARCH, e.Name, e.EntryPoint)
		}
		body, err := emit(st, a, e, proto, used)
		if err != nil {
			return fmt.Errorf("%s (%s on %s): %v", e.Name, e.EntryPoint, a.GOARCH, err)
		}
		g.items[a.GOARCH] = append(g.items[a.GOARCH], gofile.Item{Key: st.goName, Text: body,
			Imports: imports(body)})
		g.mark(a.GOARCH, e.Name, cover{stTyped, st.goName, ""})
	}
	if !any {
		return fmt.Errorf("no arch has any of its rows")
	}
	if st.handwritten != "" {
		return checkHandwritten(st)
	}
	for _, m := range st.maps {
		if !used[m.carg] {
			return fmt.Errorf("line %d: %s: no entry point of its rows has a C argument of that name", m.line, m.carg)
		}
	}
	return nil
}

func (g *gen) mark(goarch, row string, c cover) {
	if g.coverage[goarch] == nil {
		g.coverage[goarch] = map[string]cover{}
	}
	if old, ok := g.coverage[goarch][row]; ok && old.status == stTyped {
		// Two functions make this row (a canonical name and a portable one): the
		// canonical one names it.
		if old.goName == camel(row) || c.status != stTyped {
			return
		}
		if c.goName != camel(row) {
			return
		}
	}
	g.coverage[goarch][row] = c
}

// account fills in every row no stanza made: the rows a canonical name replaced on this
// arch with another row, the rawonly lines, unimplemented and pending rows.
func (g *gen) account() {
	rawonly := map[string]rawOnly{}
	for _, ro := range g.sp.rawonly {
		for _, r := range ro.rows {
			rawonly[r] = ro
		}
	}
	byName := map[string][]*stanza{}
	for _, st := range g.sp.stanzas {
		byName[st.goName] = append(byName[st.goName], st)
	}
	for _, a := range arches.All {
		for _, e := range systab.Table(systab.Arch(a.GOARCH)) {
			if _, done := g.coverage[a.GOARCH][e.Name]; done {
				continue
			}
			switch {
			case !e.Implemented:
				g.mark(a.GOARCH, e.Name, cover{stUnimplemented, "", unimplementedReason(e)})
			case rawonly[e.Name].why != "":
				g.mark(a.GOARCH, e.Name, cover{stRawOnly, "", rawonly[e.Name].why})
			case byName[camel(e.Name)] != nil:
				var st *stanza
				var other systab.Entry
				ok := false
				for _, s := range byName[camel(e.Name)] {
					if other, ok = rowOn(s, a); ok {
						st = s
						break
					}
				}
				if !ok {
					g.mark(a.GOARCH, e.Name, cover{stPending, "", ""})
					continue
				}
				g.mark(a.GOARCH, e.Name, cover{stRawOnly, "", fmt.Sprintf("%s makes %s on this arch instead (%s)", st.goName, other.Name, supersededWhy(e.Name, other.Name))})
			default:
				g.mark(a.GOARCH, e.Name, cover{stPending, "", ""})
			}
		}
	}
}

// rawOnlyStubs declares the canonical name of every row that a rawonly line covers and that
// no function of the package has (a stanza's or a hand-written one), on each arch that
// implements the row, so that go doc finds it: a function that does not make the call but
// says why and returns ENOSYS. A canonical name that is already a type's keeps the type.
func (g *gen) rawOnlyStubs(stanzas map[string]*stanza) {
	for _, ro := range g.sp.rawonly {
		for _, row := range ro.rows {
			name := camel(row)
			if _, ok := stanzas[name]; ok || len(handwrittenDecls[name]) > 0 || declaredTypes[name] {
				continue
			}
			for _, a := range arches.All {
				e, ok := systab.Lookup(systab.Arch(a.GOARCH), row)
				if !ok || !e.Implemented || g.coverage[a.GOARCH][row].status != stRawOnly {
					continue
				}
				g.items[a.GOARCH] = append(g.items[a.GOARCH], gofile.Item{Key: name, Text: rawOnlyStub(name, row, ro.why)})
			}
		}
	}
}

// rawOnlyStub is the text of the declaration rawOnlyStubs makes.
func rawOnlyStub(name, row, why string) string {
	var b strings.Builder
	for _, l := range wrap(name+" is not a wrapper: package linux does not make "+row+"(2), which stays raw-only: "+strings.TrimSuffix(why, ".")+".", 90) {
		fmt.Fprintf(&b, "// %s\n", l)
	}
	fmt.Fprintf(&b, "//\n// It returns ENOSYS without entering the kernel; the row stays reachable as SYS_%s through\n// package raw.\n", strings.ToUpper(row))
	page := strings.TrimPrefix(row, "_")
	fmt.Fprintf(&b, "//\n// See [%s(2)].\n//\n// [%s(2)]: https://man7.org/linux/man-pages/man2/%s.2.html\n", page, page, page)
	fmt.Fprintf(&b, "func %s() error { return ENOSYS }\n", name)
	return b.String()
}

func unimplementedReason(e systab.Entry) string {
	if e.EntryPoint == "" {
		return "the table reserves the number without an entry point"
	}
	return "the entry point is " + e.EntryPoint + ": the kernel answers ENOSYS"
}

// supersededWhy says why a canonical name makes another row than its own.
func supersededWhy(row, other string) string {
	switch {
	case strings.HasSuffix(other, "_time64"):
		return "the 64-bit time ABI; " + row + " is the y2038-unsafe 32-bit one"
	case strings.HasSuffix(other, "32") && !strings.HasSuffix(row, "32"):
		return "32-bit user and group ids; " + row + " takes 16-bit ones"
	case strings.HasSuffix(other, "64"):
		return "the large-file ABI; " + row + " has 32-bit sizes and offsets"
	}
	return "the same operation"
}

func (g *gen) write(out string) error {
	if _, err := gofile.Split(gofile.File{Dir: out, Base: "zsyscall", Package: "linux", Sets: wrapSets,
		Header: func(s gofile.Set) string {
			return gofile.Header("wrap", "spec/*.spec and the kernel's prototypes (package systab), for "+s.Describe())
		}}, g.items); err != nil {
		return err
	}
	return g.writeCoverage(filepath.Join(out, "systab", "zwrappers.go"))
}

// wrapSets are gofile's sets and two more: the arches whose table is their own (not the
// asm-generic scripts/syscall.tbl of gofile's "gentab" set), which have the calls older
// than the *at forms (open, stat, dup2...), and the arches that pass 64-bit arguments in
// register pairs.
var wrapSets = func() []gofile.Set {
	var others []string
	for _, a := range arches.All {
		if a.Table != "scripts/syscall.tbl" {
			others = append(others, a.GOARCH)
		}
	}
	return append(append([]gofile.Set(nil), gofile.Sets...), gofile.Set{Name: "archtab", Arches: others},
		// The 32-bit arches whose C ABI passes a 64-bit argument in an aligned register
		// pair (arm EABI, mips o32); 386's entry points take such arguments split.
		gofile.Set{Name: "regpair", Arches: []string{"arm", "mips", "mipsle"}})
}()

func (g *gen) writeCoverage(path string) error {
	var b strings.Builder
	b.WriteString(gofile.Header("wrap", "spec/*.spec and the syscall tables"))
	b.WriteString("\npackage systab\n\n")
	b.WriteString("// wrapperTables holds, per arch in Arches order, one entry per row of its table in the\n// table's order: how package linux covers it.\nvar wrapperTables = [...][]wrapperRow{\n")
	for _, a := range arches.All {
		fmt.Fprintf(&b, "\t// %s\n\t{\n", a.GOARCH)
		for _, e := range systab.Table(systab.Arch(a.GOARCH)) {
			c := g.coverage[a.GOARCH][e.Name]
			grp := ""
			if gr := g.sp.groupOf[e.Name]; gr != nil {
				grp = gr.name
			}
			fmt.Fprintf(&b, "\t\t{%s, %q, %q, %q},\n", statusConst(c.status), c.goName, c.reason, grp)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n")
	return gofile.Write(path, []byte(b.String()))
}

func statusConst(s string) string {
	switch s {
	case stTyped:
		return "Typed"
	case stRawOnly:
		return "RawOnly"
	case stUnimplemented:
		return "Unimplemented"
	}
	return "Pending"
}

func imports(body string) []string {
	var l []string
	if strings.Contains(body, "unsafe.") {
		l = append(l, "unsafe")
	}
	if strings.Contains(body, "raw.") {
		l = append(l, "github.com/rawlinux/linux/raw")
	}
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// handwrittenDecls are the function declarations of the hand-written files, as source text
// without the body ("func Name(params) results"), by name and file.
var handwrittenDecls = map[string]map[string]string{}

// checkHandwritten requires the hand-written function to be declared as the spec says: in
// the stanza's file or, when the name is declared in one way only, in whichever file the
// build of an arch selects.
func checkHandwritten(st *stanza) error {
	decls := handwrittenDecls[st.goName]
	decl, ok := decls[st.handwritten]
	if !ok {
		for _, d := range decls {
			if ok && norm(d) != norm(decl) {
				return fmt.Errorf("handwritten in %s, which does not declare func %s, and other files declare it differently", st.handwritten, st.goName)
			}
			decl, ok = d, true
		}
	}
	if !ok {
		return fmt.Errorf("handwritten in %s, but no file of the package declares func %s", st.handwritten, st.goName)
	}
	want := "func " + st.goName + "(" + joinParams(st.params) + ")"
	if len(st.results) > 0 {
		var rs []string
		named := false
		for _, r := range st.results {
			if r.name != "" {
				named = true
			}
		}
		if named {
			rs = []string{joinParams(st.results)} // (cpu, node int, err error)
		} else {
			for _, r := range st.results {
				rs = append(rs, r.typ)
			}
		}
		if len(rs) == 1 && !named {
			want += " " + rs[0]
		} else {
			want += " (" + strings.Join(rs, ", ") + ")"
		}
	}
	// The same parameters and results, by name and type, however they are grouped
	// ((cpu, node int) or (cpu int, node int)).
	got, err := parseFunc(strings.TrimSpace(decl))
	if err != nil || !sameParams(got.params, st.params) || !sameParams(got.results, st.results) {
		return fmt.Errorf("the spec says %q, %s declares %q", want, st.handwritten, decl)
	}
	return nil
}

func sameParams(a, b []param) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].name != b[i].name || norm(a[i].typ) != norm(b[i].typ) {
			return false
		}
	}
	return true
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// declaredTypes are the names of every type package linux declares.
var declaredTypes = map[string]bool{}

// aliases are the type aliases of package linux (name -> aliased name).
var aliases = map[string]string{}

// readStructTypes notes every struct type that package linux declares (in any file of the
// module root, any arch).
func readStructTypes(root string) error {
	files, err := filepath.Glob(filepath.Join(root, "*.go"))
	if err != nil {
		return err
	}
	defer func() {
		for a, t := range aliases {
			if structTypes[t] {
				structTypes[a] = true
			}
		}
	}()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return err
		}
		src, _ := os.ReadFile(f)
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil && !strings.HasPrefix(filepath.Base(f), "zsyscall") {
				if handwrittenDecls[fd.Name.Name] == nil {
					handwrittenDecls[fd.Name.Name] = map[string]string{}
				}
				handwrittenDecls[fd.Name.Name][filepath.Base(f)] = string(src[fd.Pos()-1 : fd.Body.Pos()-1])
			}
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				declaredTypes[ts.Name.Name] = true
				switch t := ts.Type.(type) {
				case *ast.StructType, *ast.ArrayType:
					// A composite literal is the zero value of both (T{}).
					structTypes[ts.Name.Name] = true
				case *ast.Ident:
					if ts.Assign.IsValid() {
						aliases[ts.Name.Name] = t.Name
					}
				}
			}
		}
	}
	return nil
}
