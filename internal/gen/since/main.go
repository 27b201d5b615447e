// Command since generates systab/zsince.go: the first Linux release of every system call on
// every arch and of every constant of the typed flag sets, each with the sources it comes
// from (see systab.SyscallSince). Sources, all pinned in internal/gen/deps.lock:
//
//   - manpages-dev: the table of syscalls(2), each page's HISTORY section, the
//     "(since Linux X)" tags of flags and the HISTORY of the 2const pages;
//   - manpages (man7) and liburing-dev (io_uring_setup/enter/register: "Available since X");
//   - the syscall tables of Linux 7.2 (package systab): numbers were allocated in time order
//     on x86_64, on each arch with a table of its own, and in the range every arch shares from
//     424 up, so a call numbered after one of release X is at least X;
//   - the UAPI header snapshots of Debian's suites (bullseye 5.10, bookworm 6.1, trixie 6.12)
//     and the 7.2 headers: a name a snapshot has is at most that release, one it lacks (while
//     today's headers of the same arches have it) is newer;
//   - facts.go: what the sources cannot say alone (the arches' first releases, disagreements
//     and which source is right, calls an arch wired up late), each with its reason and, where a
//     man page says it, the words the generator checks are there.
//
// A disagreement between sources that facts.go does not explain stops the generator.
//
//	go run ./internal/gen/since -kernel $(internal/gen/kernel.sh) -out .
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
	"github.com/rawlinux/linux/systab"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("since: ")
	d := arches.Flags()
	in, err := load(d)
	if err != nil {
		log.Fatal(err)
	}
	res, err := compute(in)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(filepath.Join(d.Out, "systab", "zsince.go"), in, res); err != nil {
		log.Fatal(err)
	}
}

// current is the release of the pinned kernel (7.2): an upper bound of everything.
var current = func() systab.Version {
	v := mustVersion(systab.KernelVersion)
	return systab.Version{Major: v.Major, Minor: v.Minor}
}()

// inputs are what the generator reads.
type inputs struct {
	dev, man7, uring manDir
	syscalls         map[string]syscallsRow
	snaps            []*snapshot
	consts           map[string]bool // constants of package linux
}

func load(d arches.Dirs) (*inputs, error) {
	in := &inputs{
		dev:   manDir{filepath.Join(d.Kernel, "man"), "manpages-dev"},
		man7:  manDir{filepath.Join(d.Kernel, "since", "manpages"), "manpages"},
		uring: manDir{filepath.Join(d.Kernel, "since", "liburing"), "liburing"},
	}
	t := in.dev.page("syscalls", "2")
	if t == "" {
		return nil, fmt.Errorf("no syscalls(2) in %s", in.dev.root)
	}
	var err error
	if in.syscalls, err = parseSyscallsTable(t); err != nil {
		return nil, err
	}
	if in.snaps, err = loadSnapshots(d.Kernel, mustVersion(fmt.Sprintf("%d.%d", current.Major, current.Minor))); err != nil {
		return nil, err
	}
	if in.consts, err = packageConsts(d.Out); err != nil {
		return nil, err
	}
	return in, nil
}

// packageConsts are the constant names of package linux (every arch's files).
func packageConsts(root string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(root, "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, s := range gd.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.IsExported() {
						out[n.Name] = true
					}
				}
			}
		}
	}
	if len(out) < 1000 {
		return nil, fmt.Errorf("package linux: only %d constants found in %s", len(out), root)
	}
	return out, nil
}

// interval is what is known of a release: [lo, hi]; lo zero is "at most hi".
type interval struct{ lo, hi systab.Version }

func (iv interval) exact() bool { return iv.lo == iv.hi && !iv.lo.IsZero() }

func (iv interval) String() string {
	switch {
	case iv.exact():
		return iv.lo.String()
	case iv.lo.IsZero():
		return "<=" + iv.hi.String()
	}
	return iv.lo.String() + ".." + iv.hi.String()
}

// next is the release after a snapshot's (5.10 -> 5.11): snapshots are never at a major
// boundary (x.19 / x.20, 2.6.39).
func next(v systab.Version) systab.Version { return systab.Version{Major: v.Major, Minor: v.Minor + 1} }

func maxV(a, b systab.Version) systab.Version {
	if a.Less(b) {
		return b
	}
	return a
}

func minV(a, b systab.Version) systab.Version {
	if b.Less(a) {
		return b
	}
	return a
}

// entry is one computed answer.
type entry struct {
	iv      interval
	sources []string
	note    string
	late    bool // the arch wired the call up later than it came (the headers say so)
}

func (e *entry) add(s string) {
	for _, x := range e.sources {
		if x == s {
			return
		}
	}
	e.sources = append(e.sources, s)
}

type results struct {
	calls  map[string]*entry            // the call (first arch)
	arch   map[string]map[string]*entry // GOARCH -> row -> the row on that arch
	firsts map[string]*entry            // GOARCH -> the port's first release
	consts map[string]*entry
	stats  []string // the coverage lines for the generated file's comment
}

func write(path string, in *inputs, r *results) error {
	var b strings.Builder
	b.WriteString(gofile.Header("since", "manpages-dev, manpages, liburing-dev, the UAPI header snapshots of Debian's suites and the syscall tables of Linux "+systab.KernelVersion))
	b.WriteString("\npackage systab\n\n")
	b.WriteString("// Coverage:\n")
	for _, s := range r.stats {
		fmt.Fprintf(&b, "//   - %s\n", s)
	}
	b.WriteString("\n")
	pack := func(v systab.Version) string {
		if v.IsZero() {
			return "0"
		}
		return fmt.Sprintf("0x%02x%02x%02x", v.Major, v.Minor, v.Patch)
	}
	row := func(name string, e *entry) string {
		return fmt.Sprintf("\t{%q, %s, %s, %q, %q},\n", name, pack(e.iv.lo), pack(e.iv.hi), strings.Join(e.sources, "; "), e.note)
	}
	b.WriteString("// sinceArches is the first release of each arch's port, in archTables order.\nvar sinceArches = [...]sinceRow{\n")
	for _, a := range arches.All {
		b.WriteString(row(a.GOARCH, r.firsts[a.GOARCH]))
	}
	b.WriteString("}\n\n// sinceCalls is the release that brought each call (on the first arch that had it), by name.\nvar sinceCalls = []sinceRow{\n")
	for _, n := range sortedKeys(r.calls) {
		b.WriteString(row(n, r.calls[n]))
	}
	b.WriteString("}\n\n// sinceArchCalls are, per arch in archTables order, the rows whose release on that arch is not\n// the call's release or the port's (whichever is later), by name.\nvar sinceArchCalls = [...][]sinceRow{\n")
	for _, a := range arches.All {
		fmt.Fprintf(&b, "\t// %s\n\t{\n", a.GOARCH)
		for _, n := range sortedKeys(r.arch[a.GOARCH]) {
			b.WriteString("\t" + row(n, r.arch[a.GOARCH][n]))
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n\n// sinceConsts is the release that brought each constant of the flag sets, by name.\nvar sinceConsts = []sinceRow{\n")
	for _, n := range sortedKeys(r.consts) {
		b.WriteString(row(n, r.consts[n]))
	}
	b.WriteString("}\n")
	return gofile.Write(path, []byte(b.String()))
}

// byNumber returns arch's implemented rows in number order.
func byNumber(arch string) []systab.Entry {
	var l []systab.Entry
	for _, e := range systab.Table(systab.Arch(arch)) {
		if e.Implemented {
			l = append(l, e)
		}
	}
	sort.Slice(l, func(i, j int) bool { return l[i].Number < l[j].Number })
	return l
}
