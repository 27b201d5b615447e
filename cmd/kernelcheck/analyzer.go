package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/rawlinux/linux/systab"
	"golang.org/x/tools/go/analysis"
)

const linuxPkg = "github.com/rawlinux/linux"

// Analyzer reports every use of a wrapper, SYS_* number or flag-set constant of package
// linux that needs a newer kernel than -min, on the arch -arch.
var Analyzer = &analysis.Analyzer{
	Name: "kernelcheck",
	Doc: `report uses of rawlinux calls and flags that need a newer kernel than -min

kernelcheck finds every reference to a function of github.com/rawlinux/linux that makes a
system call (a call, or a value such as f := linux.Openat2), every SYS_* number and every
constant of the typed flag sets (also inside linux.RESOLVE_BENEATH|linux.RESOLVE_CACHED, in
composite literals and in named constants, across packages), and reports those whose first
Linux release on -arch (default: GOARCH) is newer than -min. The releases are systab's
since-tables: a release the sources do not date exactly (a range) is reported when even
its earliest possible release is newer than -min; -strict reports the ranges that reach
above -min too.`,
	Run:       run,
	FactTypes: []analysis.Fact{new(needsFact)},
}

var (
	minFlag    string
	archFlag   string
	strictFlag bool
)

func init() {
	Analyzer.Flags.StringVar(&minFlag, "min", "", "the oldest kernel release the program must run on (required): 5.4, 6.1...")
	arch := os.Getenv("GOARCH")
	if arch == "" {
		arch = runtime.GOARCH
	}
	Analyzer.Flags.StringVar(&archFlag, "arch", arch, "the arch whose table answers (a call can be newer on one arch)")
	Analyzer.Flags.BoolVar(&strictFlag, "strict", false, "also report releases not dated exactly that may be newer than -min")
}

// needsFact is exported for a constant whose value comes from flag-set constants that need
// a newer kernel than -min: its uses in other packages are reported too.
type needsFact struct {
	Need string // "5.12"
	From string // "RESOLVE_CACHED"
}

func (*needsFact) AFact()           {}
func (f *needsFact) String() string { return "needs " + f.Need + " (" + f.From + ")" }

// config is -min and -arch, parsed once.
type config struct {
	min  systab.Version
	arch systab.Arch
	// first is the arch's first release: a kernel of this arch is at least that old.
	first systab.Version
	// rows maps a function of package linux to the row it makes on arch.
	rows map[string]string
}

var (
	cfgMu    sync.Mutex
	cfgCache = map[string]config{}
)

// getConfig parses the flags (once per setting: the tests change them between runs).
func getConfig() (config, error) {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	key := minFlag + " " + archFlag
	if c, ok := cfgCache[key]; ok {
		return c, nil
	}
	if minFlag == "" {
		return config{}, fmt.Errorf("-min is required (the oldest kernel release the program must run on, e.g. -min 5.4)")
	}
	v, err := systab.ParseVersion(minFlag)
	if err != nil {
		return config{}, fmt.Errorf("-min %s: %v", minFlag, err)
	}
	a := systab.Arch(archFlag)
	if systab.Table(a) == nil {
		return config{}, fmt.Errorf("-arch %s: not a Linux arch rawlinux knows", archFlag)
	}
	c := config{min: v, arch: a, rows: map[string]string{}}
	c.first, _ = systab.ArchSince(a)
	if c.min.Less(c.first) {
		c.min = c.first // no kernel of this arch is older than its port
	}
	for _, w := range systab.Wrappers(a) {
		if w.Status == systab.Typed && w.Go != "" {
			c.rows[w.Go] = w.Entry.Name
		}
	}
	cfgCache[key] = c
	return c, nil
}

// verdict says whether s needs a newer kernel than c.min: "" if not, else the release to
// print.
func (c config) verdict(s systab.Since) string {
	if s.Max.IsZero() {
		return ""
	}
	switch {
	case !s.Min.IsZero() && c.min.Less(s.Min):
		if s.Exact() {
			return s.Min.String()
		}
		return s.Min.String() + " at least (" + s.String() + ", not dated more closely)"
	case strictFlag && c.min.Less(s.Max):
		return s.Max.String() + " perhaps (" + s.String() + ", not dated more closely)"
	}
	return ""
}

func run(pass *analysis.Pass) (any, error) {
	c, err := getConfig()
	if err != nil {
		return nil, err
	}
	// The uses, in source order.
	ids := make([]*ast.Ident, 0, len(pass.TypesInfo.Uses))
	for id := range pass.TypesInfo.Uses {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].Pos() < ids[j].Pos() })
	// Constants declared here whose value needs a newer kernel, for the facts.
	need := map[*types.Const]*needsFact{}
	declOf := constDecls(pass)
	for _, id := range ids {
		obj := pass.TypesInfo.Uses[id]
		if obj == nil || obj.Pkg() == nil {
			continue
		}
		var msg, release, from string
		switch o := obj.(type) {
		case *types.Func:
			if o.Pkg().Path() != linuxPkg || o.Type().(*types.Signature).Recv() != nil {
				continue
			}
			row, ok := c.rows[o.Name()]
			if !ok {
				continue
			}
			s, ok := systab.SyscallSince(c.arch, row)
			if !ok {
				continue
			}
			if release = c.verdict(s); release != "" {
				msg = fmt.Sprintf("%s needs Linux %s (linux.%s on %s; -min %s)", row, release, o.Name(), c.arch, minFlag)
			}
		case *types.Const:
			if o.Pkg().Path() != linuxPkg {
				var f needsFact
				if o.Pkg() != pass.Pkg && pass.ImportObjectFact(o, &f) {
					msg = fmt.Sprintf("%s.%s needs Linux %s (it is %s; -min %s)", o.Pkg().Name(), o.Name(), f.Need, f.From, minFlag)
				}
				break
			}
			var s systab.Since
			var ok bool
			what := o.Name()
			if strings.HasPrefix(o.Name(), "SYS_") {
				row := strings.ToLower(strings.TrimPrefix(o.Name(), "SYS_"))
				s, ok = systab.SyscallSince(c.arch, row)
				what = row
			} else {
				s, ok = systab.ConstSince(o.Name())
			}
			if !ok {
				continue
			}
			if release = c.verdict(s); release != "" {
				from = o.Name()
				if what != o.Name() {
					msg = fmt.Sprintf("%s needs Linux %s (linux.%s on %s; -min %s)", what, release, o.Name(), c.arch, minFlag)
				} else {
					msg = fmt.Sprintf("%s needs Linux %s (-min %s)", o.Name(), release, minFlag)
				}
			}
		}
		if msg == "" {
			continue
		}
		pass.Reportf(id.Pos(), "%s", msg)
		// A package-level or local constant whose value this reference is part of.
		if k := declOf(id); k != nil && from != "" {
			if f := need[k]; f == nil || later(release, f.Need) {
				need[k] = &needsFact{Need: release, From: "linux." + from}
			}
		}
	}
	for k, f := range need {
		if k.Exported() && k.Parent() == pass.Pkg.Scope() {
			pass.ExportObjectFact(k, f)
		}
	}
	return nil, nil
}

// later reports release a ("5.12", "5.14 at least (...)") newer than b.
func later(a, b string) bool {
	va, _ := systab.ParseVersion(strings.Fields(a)[0])
	vb, _ := systab.ParseVersion(strings.Fields(b)[0])
	return vb.Less(va)
}

// constDecls returns a function that maps an identifier to the constant whose declaration's
// value contains it (nil outside constant declarations).
func constDecls(pass *analysis.Pass) func(*ast.Ident) *types.Const {
	type span struct {
		lo, hi int
		k      *types.Const
	}
	var spans []span
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				k, ok := pass.TypesInfo.Defs[name].(*types.Const)
				if !ok || i >= len(vs.Values) && len(vs.Values) != 0 {
					continue
				}
				if len(vs.Values) == 0 {
					continue
				}
				v := vs.Values[i]
				spans = append(spans, span{int(v.Pos()), int(v.End()), k})
			}
			return true
		})
	}
	return func(id *ast.Ident) *types.Const {
		for _, s := range spans {
			if int(id.Pos()) >= s.lo && int(id.Pos()) < s.hi {
				return s.k
			}
		}
		return nil
	}
}
