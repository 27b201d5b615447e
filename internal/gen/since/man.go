package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// A manDir is one man tree (usr/share/man of a package).
type manDir struct {
	root  string // .../usr/share/man
	label string // "manpages-dev 6.20"
}

// page reads section sec's page name ("openat2", "2"; "PR_SET_NAME", "2const"),
// following ".so" links; "" if there is none.
func (m manDir) page(name, sec string) string {
	t, _ := m.resolve(name, sec)
	return t
}

// resolve is page, and the name of the page the links lead to.
func (m manDir) resolve(name, sec string) (string, string) {
	for i := 0; i < 4; i++ {
		dir := "man" + strings.TrimRight(sec, "abcdefghijklmnopqrstuvwxyz")
		b, err := readGz(filepath.Join(m.root, dir, name+"."+sec+".gz"))
		if err != nil {
			return "", ""
		}
		t := string(b)
		first := ""
		for _, l := range strings.Split(t, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, `.\"`) && !strings.HasPrefix(l, `'\"`) {
				first = l
				break
			}
		}
		so := soRe.FindStringSubmatch(first)
		if so == nil {
			// A copy of another page (sync_file_range2.2) names it in .TH.
			if m := thRe.FindStringSubmatch(t); m != nil {
				return t, m[1]
			}
			return t, name
		}
		name, sec = so[2], so[3]
	}
	return "", ""
}

var thRe = regexp.MustCompile(`(?m)^\.TH\s+"?([\w.+-]+)"?\s`)

var soRe = regexp.MustCompile(`^\.so\s+(man\w+/)?([\w.+-]+?)\.(\w+)$`)

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// pages lists the pages of section dir ("man2"): name and section suffix.
func (m manDir) pages(dir string) [][2]string {
	ents, _ := os.ReadDir(filepath.Join(m.root, dir))
	var l [][2]string
	for _, e := range ents {
		n := strings.TrimSuffix(e.Name(), ".gz")
		i := strings.LastIndex(n, ".")
		if i < 0 {
			continue
		}
		l = append(l, [2]string{n[:i], n[i+1:]})
	}
	return l
}

// uncomment drops roff comment lines and trailing comments.
func uncomment(t string) []string {
	var out []string
	for _, l := range strings.Split(t, "\n") {
		if strings.HasPrefix(l, `.\"`) || strings.HasPrefix(l, `'\"`) {
			continue
		}
		if i := strings.Index(l, `\"`); i >= 0 {
			l = strings.TrimRight(l[:i], " ")
		}
		out = append(out, l)
	}
	return out
}

// plain strips font escapes and roff quoting from one line: `\f[B]statx\f[](2)` -> "statx(2)".
func plain(l string) string {
	l = fontRe.ReplaceAllString(l, "")
	l = strings.NewReplacer(`\-`, "-", `\~`, " ", `\ `, " ", `\[em]`, "-", `\%`, "", `\&`, "", `"`, "").Replace(l)
	if strings.HasPrefix(l, ".") {
		if i := strings.IndexByte(l, ' '); i > 0 {
			l = l[i+1:]
		} else {
			l = ""
		}
	}
	return strings.TrimSpace(l)
}

var fontRe = regexp.MustCompile(`\\f(\[[A-Z]*\]|[A-Z])`)

// section returns the lines of the .SH section named title, uncommented.
func section(t, title string) []string {
	var out []string
	in := false
	for _, l := range uncomment(t) {
		if strings.HasPrefix(l, ".SH ") {
			in = strings.Trim(strings.TrimSpace(l[4:]), `"`) == title
			continue
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

// verRe matches a kernel version in running text.
var verRe = `(\d+\.\d+(?:\.\d+)?)`

func mustVersion(s string) systab.Version {
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		parts = parts[:3]
	}
	v, err := systab.ParseVersion(strings.Join(parts, "."))
	if err != nil {
		panic(err)
	}
	return v
}

// A syscallsRow is one row of syscalls(2)'s table.
type syscallsRow struct {
	version systab.Version
	notes   string
}

// parseSyscallsTable reads the table of syscalls(2): call -> the kernel column (the
// largest version where it lists one per stable series: "2.6; 2.4.18" is 2.6) and the
// notes column.
func parseSyscallsTable(t string) (map[string]syscallsRow, error) {
	lines := uncomment(t)
	var rows []string
	in := false
	var cur strings.Builder
	block := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, ".TS"):
			in = true
			continue
		case strings.HasPrefix(l, ".TE"):
			in = false
			continue
		}
		if !in {
			continue
		}
		// T{ ... T} blocks continue a row over several lines.
		if strings.HasSuffix(l, "T{") {
			cur.WriteString(strings.TrimSuffix(l, "T{"))
			block = true
			continue
		}
		if strings.HasPrefix(l, "T}") {
			cur.WriteString(strings.TrimPrefix(l, "T}"))
			if strings.HasSuffix(l, "T{") {
				continue
			}
			block = false
			if !strings.HasSuffix(cur.String(), "\t") && !strings.HasSuffix(l, "\tT{") {
				rows = append(rows, cur.String())
				cur.Reset()
			}
			continue
		}
		if block {
			cur.WriteString(" " + plain(l))
			continue
		}
		rows = append(rows, l)
	}
	nameRe := regexp.MustCompile(`^(?:\.BR\s+)?(?:\\f\[B\])?([a-z_0-9]+)(?:\\f\[\])?\s*\(2\)`)
	out := map[string]syscallsRow{}
	for _, r := range rows {
		cols := strings.Split(r, "\t")
		m := nameRe.FindStringSubmatch(strings.TrimSpace(cols[0]))
		if m == nil || len(cols) < 2 {
			continue
		}
		name := m[1]
		notes := ""
		if len(cols) > 2 {
			notes = plain(strings.Join(cols[2:], " "))
		}
		var v systab.Version
		for _, s := range regexp.MustCompile(verRe).FindAllString(cols[1], -1) {
			if x := mustVersion(s); v.Less(x) {
				v = x
			}
		}
		if v.IsZero() {
			// pread64: "Added as "pread" in 2.2; renamed "pread64" in 2.6".
			if m := regexp.MustCompile(`in ` + verRe).FindStringSubmatch(notes); m != nil {
				v = mustVersion(m[1])
			}
		}
		if v.IsZero() {
			return nil, fmt.Errorf("syscalls(2): no version for %s: %q", name, r)
		}
		out[name] = syscallsRow{v, notes}
	}
	if len(out) < 400 {
		return nil, fmt.Errorf("syscalls(2): only %d rows parsed", len(out))
	}
	return out, nil
}

// A history is what a page's HISTORY section says of one function.
type history struct {
	version systab.Version // first release; zero if none given
	removed systab.Version // "Removed in Linux X"
	text    string         // the sentence it was read from
}

var (
	histItemRe  = regexp.MustCompile(`^\.(?:BR|B|TQ|TP)\b`)
	histFuncRe  = regexp.MustCompile(`^\.BR?\s+([a-z_0-9]+)\s*(?:\(\))?`)
	removedRe   = regexp.MustCompile(`(?i)removed in (?:Linux )?` + verRe)
	linuxVerRe  = regexp.MustCompile(`(^|[^A-Za-z])((?:[Aa]dded|[Ii]ntroduced|[Aa]ppeared) in )?Linux ` + verRe)
	beforeLinux = regexp.MustCompile(`(?i)(before|prior to|since|until|after|starting (?:in|with)|as of|removed in|in|from|to|with|and|or)\s+$`)
)

// parseHistory reads a page's HISTORY section: per function named in a .TP list
// (".TP\n.BR clone3 ()\nLinux 5.3."), or for the whole page. Only the first paragraph
// counts (later ones tell of changes), and a "Linux X" counts only as a statement of
// its own ("POSIX.1-2001. Linux 2.1.23.", "Linux 2.6.10."), not inside a sentence
// ("Prior to Linux 5.5 ...", "since Linux 2.4 ...").
func parseHistory(t string) map[string]history {
	lines := section(t, "HISTORY")
	out := map[string]history{}
	var funcs []string // the current .TP item's functions ("" for the page)
	var para []string
	flush := func() {
		text := strings.Join(para, " ")
		para = nil
		if strings.TrimSpace(text) == "" {
			return
		}
		h := readHistory(text)
		keys := funcs
		if len(keys) == 0 {
			keys = []string{""}
		}
		for _, k := range keys {
			if _, done := out[k]; !done {
				out[k] = h
			}
		}
	}
	item := false // inside the header lines of a .TP item
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, ".TP"):
			flush()
			funcs, item = nil, true
			continue
		case strings.HasPrefix(l, ".TQ"):
			item = true
			continue
		case strings.HasPrefix(l, ".P") || strings.HasPrefix(l, ".PP") || strings.HasPrefix(l, ".SS") || strings.HasPrefix(l, ".IP"):
			flush()
			if strings.HasPrefix(l, ".SS") {
				funcs = []string{"-"} // a subsection: not about the functions
			} else if len(funcs) == 0 {
				funcs = []string{"-"} // later paragraphs of the page: changes, not the first release
			}
			item = false
			continue
		}
		if item {
			if m := histFuncRe.FindStringSubmatch(l); m != nil && strings.Contains(l, "()") {
				funcs = append(funcs, m[1])
				continue
			}
			if len(funcs) == 0 {
				funcs = []string{"-"} // an item about something else (a flag)
			}
			item = false
		}
		para = append(para, plain(l))
	}
	flush()
	delete(out, "-")
	return out
}

func readHistory(text string) history {
	h := history{text: strings.TrimSpace(text)}
	if m := removedRe.FindStringSubmatch(text); m != nil {
		h.removed = mustVersion(m[1])
	}
	for _, m := range linuxVerRe.FindAllStringSubmatchIndex(text, -1) {
		pre := text[:m[0]+len(text[m[2]:m[3]])]
		if m[4] < 0 && beforeLinux.MatchString(pre) {
			continue
		}
		h.version = mustVersion(text[m[6]:m[7]])
		break
	}
	return h
}

// A tag is a constant's version as one man page gives it.
type tag struct {
	version systab.Version
	where   string // "open(2)"
	text    string
	// stable are the stable releases the page says took it back ("since Linux 5.16,
	// 5.15.154, and 5.10.220").
	stable []systab.Version
}

var (
	constRe      = regexp.MustCompile(`\b([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{2,}[A-Z0-9]*)\b`)
	sinceLinuxRe = regexp.MustCompile(`\(since Linux ` + verRe + `((?:,? (?:and )?\d+\.\d+\.\d+)*)[);,]`)
	availableRe  = regexp.MustCompile(`(?i)available since (?:kernel |Linux )?` + verRe)
)

// parseTags finds the constants a page dates: ".BR O_TMPFILE " (since Linux 3.11)"", a
// .TP item whose header is a constant and whose first lines say "(since Linux X)", a table
// row "STATX_MNT_ID\tWant stx_mnt_id (since Linux 5.8)" (or its continuation line), and in
// liburing's pages an item whose text says "Available since 5.6". known filters the names
// (the constants of package linux).
func parseTags(t, where string, known func(string) bool, add func(name string, tg tag), describe func(name string)) {
	lines := uncomment(t)
	var item []string // constants named by the current .TP item's header
	itemLine := -1    // index of the item's header line
	var row []string  // constants of the last table row
	inTable := false
	kernelCol, kernelVer := -1, systab.Version{}
	for i, l := range lines {
		p := plain(l)
		switch {
		case strings.HasPrefix(l, ".TS"):
			inTable = true
		case strings.HasPrefix(l, ".TE"):
			inTable, row, kernelCol, kernelVer = false, nil, -1, systab.Version{}
		case strings.HasPrefix(l, ".TP"):
			item, itemLine = nil, i+1
		case strings.HasPrefix(l, ".SH") || strings.HasPrefix(l, ".SS"):
			item, itemLine = nil, -1
		}
		names := func(s string) []string {
			var l []string
			for _, m := range constRe.FindAllString(s, -1) {
				if known(m) {
					l = append(l, m)
				}
			}
			return l
		}
		if i == itemLine || (len(item) > 0 && i == itemLine+1 && strings.HasPrefix(l, ".TQ")) {
			if strings.HasPrefix(l, ".TQ") {
				itemLine = i + 1
			} else if strings.HasPrefix(l, ".B") || strings.HasPrefix(l, ".I") {
				item = append(item, names(p)...)
				for _, n := range names(p) {
					describe(n)
				}
			}
		}
		if inTable && !strings.HasPrefix(l, ".") {
			cols := strings.Split(l, "\t")
			// A table with a Kernel column (landlock(7): ABI, Kernel, newly introduced
			// constants; "\^" repeats the row above).
			for i, c := range cols {
				if strings.TrimSpace(c) == "Kernel" {
					kernelCol = i
				}
			}
			if kernelCol >= 0 && kernelCol < len(cols) {
				c := strings.TrimSpace(cols[kernelCol])
				if regexp.MustCompile(`^` + verRe + `$`).MatchString(c) {
					kernelVer = mustVersion(c)
				}
				if !kernelVer.IsZero() && (c == `\^` || regexp.MustCompile(`^`+verRe+`$`).MatchString(c)) {
					for j, x := range cols {
						if j == kernelCol {
							continue
						}
						for _, n := range names(plain(x)) {
							add(n, tag{kernelVer, where, "table: Kernel " + kernelVer.String(), nil})
						}
					}
				}
			}
			if c := names(plain(cols[0])); len(c) > 0 && strings.TrimSpace(cols[0]) != "" {
				row = c
				for _, n := range c {
					describe(n)
				}
			}
		}
		var v systab.Version
		var text string
		var stable []systab.Version
		if m := sinceLinuxRe.FindStringSubmatch(p + ")"); m != nil {
			v, text = mustVersion(m[1]), strings.TrimRight(m[0], ",;")
			for _, x := range regexp.MustCompile(verRe).FindAllString(m[2], -1) {
				stable = append(stable, mustVersion(x))
			}
			if len(stable) > 0 {
				text += ")"
			}
		} else if m := availableRe.FindStringSubmatch(p); m != nil && strings.Contains(where, "liburing") {
			v, text = mustVersion(m[1]), m[0]
		}
		if v.IsZero() {
			continue
		}
		var targets []string
		switch {
		case (strings.HasPrefix(l, ".B") || strings.HasPrefix(l, ".I")) && len(names(p)) > 0 && strings.Index(p, "since") > strings.LastIndex(p, names(p)[len(names(p))-1]):
			// .BR NAME " (since Linux X)"
			targets = names(p)
		case inTable && !strings.HasPrefix(l, "."):
			targets = row
		case len(item) > 0 && (i <= itemLine+3 || strings.Contains(where, "liburing")):
			targets = item
		}
		for _, n := range targets {
			add(n, tag{v, where, strings.TrimSpace(text), stable})
		}
	}
}

// parseConstHistory reads a 2const page (PR_SET_NAME.2const): the HISTORY of the page's
// constant, or of the constants its .TP list names.
func parseConstHistory(t, name string, known func(string) bool) map[string]systab.Version {
	out := map[string]systab.Version{}
	lines := section(t, "HISTORY")
	var cur []string
	first := true
	for _, l := range lines {
		p := plain(l)
		switch {
		case strings.HasPrefix(l, ".TP"):
			cur, first = nil, false
			continue
		case strings.HasPrefix(l, ".P") || strings.HasPrefix(l, ".SS"):
			if first {
				first = false
				cur = []string{"-"}
			}
			continue
		}
		if (strings.HasPrefix(l, ".B ") || strings.HasPrefix(l, ".BR ")) && len(cur) == 0 {
			for _, m := range constRe.FindAllString(p, -1) {
				if known(m) {
					cur = append(cur, m)
				}
			}
			continue
		}
		m := linuxVerRe.FindStringSubmatchIndex(p)
		if m == nil {
			continue
		}
		pre := p[:m[0]+len(p[m[2]:m[3]])]
		if m[4] < 0 && beforeLinux.MatchString(pre) {
			continue
		}
		v := mustVersion(p[m[6]:m[7]])
		targets := cur
		if first && len(targets) == 0 && name != "" {
			targets = []string{name}
		}
		for _, n := range targets {
			if _, ok := out[n]; !ok && n != "-" && known(n) {
				out[n] = v
			}
		}
	}
	return out
}

// sortedKeys of a map.
func sortedKeys[V any](m map[string]V) []string {
	l := make([]string, 0, len(m))
	for k := range m {
		l = append(l, k)
	}
	sort.Strings(l)
	return l
}

var _ = bytes.Equal

// nameSection returns the functions a page's NAME section names ("pkey_alloc, pkey_free \-
// allocate or free a protection key"): a HISTORY without a per-function list speaks of
// them all.
func nameSection(t string) map[string]bool {
	out := map[string]bool{}
	l := strings.Join(section(t, "NAME"), " ")
	if i := strings.Index(l, `\-`); i >= 0 {
		l = l[:i]
	}
	for _, f := range strings.FieldsFunc(l, func(r rune) bool { return r == ',' || r == ' ' }) {
		out[strings.TrimSpace(f)] = true
	}
	return out
}
