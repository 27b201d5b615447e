package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The spec format (spec/*.spec; spec/README.md is the reference for people):
//
//	# a comment
//	func Openat2(dirfd FD, path string, how *OpenHow) (fd FD, err error)
//		doc opens path relative to dirfd, with the resolution rules of how
//		filename = path
//		size = sizeof(how)
//
// A stanza is a Go function declaration without a body, then indented lines. Lines:
//
//	doc TEXT          the doc comment's first sentence, after the function's name
//	note TEXT         a further paragraph of the doc comment (repeatable)
//	man PAGE          the man page (default: the call's row name, section 2): "fstatat", "stat.2"
//	nonblocking WHY   the call never blocks: it uses raw.RawSyscall* (WHY is kept in the spec)
//	call ROW [SETS]   a syscall row this function makes, in order of preference: on each arch
//	                  the first listed row that the arch's table has (and that is in SETS, a
//	                  comma-separated list of arches or gofile set names) is called
//	C = EXPR          how the C argument C of the entry point is made (see below)
//	ENTRY.C = EXPR    the same, only where the row's entry point is ENTRY (sys_old_msgctl.cmd):
//	                  it takes precedence over a plain C = EXPR line
//	handwritten FILE  the body is written by hand in FILE (the declaration must match)
//
// Without call lines the function makes the row whose canonical name it has (Openat2 ->
// openat2). A C argument with no mapping line takes the Go parameter of the same name.
// EXPR is a Go parameter, a Go constant expression, or one of
//
//	len(P)       the length of slice P
//	sizeof(P)    unsafe.Sizeof(*P), the size of what pointer P points to
//	&R           the address of named result R: an out-parameter the kernel fills
//	lo(P), hi(P) the low and high word of 64-bit P (hi is 0 on 64-bit arches)
//	nullable(P)  string P as a C string, or NULL when P is ""
//	uintptr(C)   constant C's bits unchanged (for values above the int range of 32-bit arches)
//
// Top-level lines "rawonly ROW[,ROW...]: WHY" list rows that get no typed wrapper; where no
// function of the package has a row's canonical name, the generator declares one that says
// why and returns ENOSYS, so that go doc finds every row.

type mapping struct {
	carg string
	expr string
	line int
}

type callRow struct {
	row  string
	sets []string // empty: every arch
	line int
}

type param struct {
	name string
	typ  string // Go type, as written
}

type stanza struct {
	file, goName  string
	line          int
	params        []param
	results       []param // the error result included; names may be ""
	hasErr        bool
	doc           string
	notes         []string
	man           string
	nonblocking   string
	calls         []callRow
	maps          []mapping
	explicitCalls bool
	handwritten   string // the file of package linux that holds the function's body
}

type rawOnly struct {
	rows []string
	why  string
	file string
	line int
}

type spec struct {
	stanzas []*stanza
	rawonly []rawOnly
	groups  []*group
	groupOf map[string]*group // row -> its group
}

// A group is one spec file's set of rows (its "rows" lines): the calls it covers, every one
// of which must get a typed wrapper or a rawonly reason on every arch that implements it.
type group struct {
	name, title string // the file's base name ("file"), its "group" line
	rows        []string
	file        string
	line        int
}

var (
	rawonlyRe = regexp.MustCompile(`^rawonly\s+([\w,\s]+):\s*(.+)$`)
	mapRe     = regexp.MustCompile(`^(\w+(?:\.\w+)?)\s*=\s*(.+)$`)
)

func readSpec(dir string) (*spec, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.spec"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("no spec files in %s", dir)
	}
	sp := &spec{groupOf: map[string]*group{}}
	for _, f := range files {
		if err := readSpecFile(sp, f); err != nil {
			return nil, err
		}
	}
	return sp, nil
}

func readSpecFile(sp *spec, path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	name := filepath.Base(path)
	grp := &group{name: strings.TrimSuffix(name, ".spec"), file: name}
	sp.groups = append(sp.groups, grp)
	sc := bufio.NewScanner(fh)
	var cur *stanza
	n := 0
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		indented := raw[0] == '\t' || raw[0] == ' '
		if !indented {
			cur = nil
			if rest, ok := strings.CutPrefix(line, "group "); ok {
				grp.title, grp.line = strings.TrimSpace(rest), n
				continue
			}
			if rest, ok := strings.CutPrefix(line, "rows "); ok {
				for _, r := range strings.Fields(rest) {
					if g, dup := sp.groupOf[r]; dup {
						return bad("row %s is already in group %s (%s)", r, g.name, g.file)
					}
					sp.groupOf[r] = grp
					grp.rows = append(grp.rows, r)
				}
				continue
			}
			if m := rawonlyRe.FindStringSubmatch(line); m != nil {
				var rows []string
				for _, r := range strings.Split(m[1], ",") {
					if r = strings.TrimSpace(r); r != "" {
						rows = append(rows, r)
					}
				}
				sp.rawonly = append(sp.rawonly, rawOnly{rows, m[2], name, n})
				continue
			}
			if !strings.HasPrefix(line, "func ") {
				return bad("expected a func declaration or rawonly line: %q", line)
			}
			st, err := parseFunc(line)
			if err != nil {
				return bad("%v", err)
			}
			st.file, st.line = name, n
			sp.stanzas = append(sp.stanzas, st)
			cur = st
			continue
		}
		if cur == nil {
			return bad("indented line outside a stanza")
		}
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch word {
		case "doc":
			cur.doc = rest
		case "note":
			cur.notes = append(cur.notes, rest)
		case "man":
			cur.man = rest
		case "nonblocking":
			if rest == "" {
				return bad("nonblocking needs a reason")
			}
			cur.nonblocking = rest
		case "handwritten":
			if rest == "" {
				return bad("handwritten FILE")
			}
			cur.handwritten = rest
		case "call":
			f := strings.Fields(rest)
			if len(f) == 0 || len(f) > 2 {
				return bad("call ROW [SETS]")
			}
			c := callRow{row: f[0], line: n}
			if len(f) == 2 {
				c.sets = strings.Split(f[1], ",")
			}
			cur.calls = append(cur.calls, c)
			cur.explicitCalls = true
		default:
			m := mapRe.FindStringSubmatch(line)
			if m == nil {
				return bad("unknown line %q", line)
			}
			for _, x := range cur.maps {
				if x.carg == m[1] {
					return bad("%s mapped twice", m[1])
				}
			}
			cur.maps = append(cur.maps, mapping{m[1], strings.TrimSpace(m[2]), n})
		}
	}
	return sc.Err()
}

// parseFunc reads "func Name(params) results" with go/parser.
func parseFunc(line string) (*stanza, error) {
	src := "package p\n" + line + "\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return nil, err
	}
	if len(f.Decls) != 1 {
		return nil, fmt.Errorf("one func declaration expected")
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || fd.Body != nil || fd.Recv != nil {
		return nil, fmt.Errorf("a func declaration without body expected")
	}
	st := &stanza{goName: fd.Name.Name}
	text := func(e ast.Expr) string { return src[e.Pos()-1 : e.End()-1] }
	for _, fl := range fd.Type.Params.List {
		if len(fl.Names) == 0 {
			return nil, fmt.Errorf("parameters must be named")
		}
		for _, nm := range fl.Names {
			st.params = append(st.params, param{nm.Name, text(fl.Type)})
		}
	}
	if fd.Type.Results != nil {
		for _, fl := range fd.Type.Results.List {
			t := text(fl.Type)
			if len(fl.Names) == 0 {
				st.results = append(st.results, param{"", t})
			}
			for _, nm := range fl.Names {
				st.results = append(st.results, param{nm.Name, t})
			}
		}
	}
	for i, r := range st.results {
		if r.typ == "error" {
			if i != len(st.results)-1 {
				return nil, fmt.Errorf("error must be the last result")
			}
			st.hasErr = true
		}
	}
	return st, nil
}
