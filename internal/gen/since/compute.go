package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// gitStart is the first release of the kernel's git history: older versions are the man
// pages' word, not checked against the number order.
var gitStart = systab.Version{Major: 2, Minor: 6, Patch: 12}

// pageText is a page's text with roff removed and white space collapsed, for quotes.
func pageText(m manDir, name, sec string) string {
	t := m.page(name, sec)
	var b []string
	for _, l := range uncomment(t) {
		if p := plain(l); p != "" {
			b = append(b, p)
		}
	}
	return strings.Join(strings.Fields(strings.Join(b, " ")), " ")
}

// checkQuote requires quote in page (sec 2 of manpages-dev unless page says "name.sec").
func checkQuote(in *inputs, page, quote string) error {
	name, sec, ok := strings.Cut(page, ".")
	if !ok {
		sec = "2"
	}
	m := in.dev
	if strings.HasPrefix(sec, "7") {
		m = in.man7
	}
	t := pageText(m, name, sec)
	if t == "" {
		return fmt.Errorf("no page %s", page)
	}
	if !strings.Contains(t, strings.Join(strings.Fields(quote), " ")) {
		return fmt.Errorf("%s does not say %q", page, quote)
	}
	return nil
}

func compute(in *inputs) (*results, error) {
	r := &results{calls: map[string]*entry{}, arch: map[string]map[string]*entry{}, firsts: map[string]*entry{}, consts: map[string]*entry{}}
	var errs []string
	fail := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }

	// The ports' first releases.
	for _, a := range arches.All {
		f, ok := archFirsts[a.GOARCH]
		if !ok {
			fail("%s: no archFirsts entry", a.GOARCH)
			continue
		}
		e := &entry{note: f.why}
		if f.v != "" {
			v := mustVersion(f.v)
			e.iv = interval{v, v}
			e.add("arch: " + a.GOARCH + " since " + f.v)
		} else {
			e.iv = interval{systab.Version{}, gitStart}
			e.add("arch: " + a.GOARCH + " before 2.6.12")
		}
		r.firsts[a.GOARCH] = e
	}

	// 1. Each call's release from the man pages.
	histCache := map[string]map[string]history{}
	histPage := map[string]string{}
	histNames := map[string]map[string]bool{}
	historyOf := func(page, fn string) (history, string, bool) {
		h, ok := histCache[page]
		if !ok {
			t, real := in.dev.resolve(page, "2")
			h = parseHistory(t)
			histCache[page], histPage[page], histNames[page] = h, real, nameSection(t)
		}
		if x, ok := h[fn]; ok && !x.version.IsZero() || ok && !x.removed.IsZero() {
			return x, histPage[page], true
		}
		// The page's own HISTORY (not one that a link leads to: sync_file_range2.2 is
		// sync_file_range.2) speaks of the page's call.
		if x, ok := h[""]; ok && fn == page && (histPage[page] == page || histNames[page][fn]) && (!x.version.IsZero() || !x.removed.IsZero()) {
			return x, histPage[page], true
		}
		return history{}, "", false
	}
	removedNote := map[string]string{}
	for _, name := range systab.Names() {
		e := &entry{}
		r.calls[name] = e
		key := strings.TrimPrefix(name, "_")
		if a, ok := manAlias[name]; ok {
			key = a
		}
		st, hasSt := in.syscalls[name]
		if !hasSt {
			st, hasSt = in.syscalls[key]
		}
		var h history
		var page string
		hasH := false
		for _, p := range []string{key, name} {
			if h, page, hasH = historyOf(p, key); hasH {
				break
			}
			if h, page, hasH = historyOf(p, name); hasH {
				break
			}
		}
		if !hasH {
			// The page of another name that .so-links here (lstat -> stat.2) lists key.
			if t := in.dev.page(key, "2"); t != "" {
				hh := parseHistory(t)
				if x, ok := hh[key]; ok && !x.version.IsZero() {
					h, page, hasH = x, key, true
				}
			}
		}
		var tv, pv systab.Version
		if hasSt {
			tv = st.version
			e.add("syscalls(2): " + tv.String())
			if m := regexp.MustCompile(`Removed in ` + verRe).FindStringSubmatch(st.notes); m != nil {
				removedNote[name] = "removed in Linux " + m[1] + " (syscalls(2))"
			}
		}
		if hasH {
			pv = h.version
			if !pv.IsZero() {
				e.add(page + "(2) HISTORY: " + pv.String())
			}
			if !h.removed.IsZero() {
				removedNote[name] = "removed in Linux " + h.removed.String() + " (" + page + "(2) HISTORY)"
			}
		}
		f, hasF := callFacts[name]
		switch {
		case hasF:
			if f.v != "" {
				v := mustVersion(f.v)
				e.iv = interval{v, v}
			}
			e.note = f.why
			if f.page != "" {
				if err := checkQuote(in, f.page, f.quote); err != nil {
					fail("callFacts %s: %v", name, err)
				}
				e.add(f.page + ": " + f.quote)
			}
			if f.v != "" && !tv.IsZero() && !pv.IsZero() && tv != pv && f.v != tv.String() && f.v != pv.String() {
				fail("callFacts %s: %s is neither syscalls(2)'s %s nor the page's %s", name, f.v, tv, pv)
			}
			if f.v != "" && !pv.IsZero() && tv.IsZero() && f.v != pv.String() {
				fail("callFacts %s: %s, the page says %s", name, f.v, pv)
			}
			if f.v != "" && pv.IsZero() && !tv.IsZero() && f.v != tv.String() {
				fail("callFacts %s: %s, syscalls(2) says %s", name, f.v, tv)
			}
		case !tv.IsZero() && !pv.IsZero() && tv != pv:
			if tv.Less(gitStart) && pv.Less(gitStart) {
				e.iv = interval{pv, pv}
				e.note = fmt.Sprintf("syscalls(2) says %s, %s(2) %s: both before 2.6.12, where the kernel's git history starts, so neither is checked here; the page's own HISTORY is taken", tv, page, pv)
			} else {
				fail("%s: syscalls(2) says %s, %s(2) HISTORY says %s: explain in callFacts", name, tv, page, pv)
			}
		case !pv.IsZero():
			e.iv = interval{pv, pv}
		case !tv.IsZero():
			e.iv = interval{tv, tv}
		}
		if n, ok := removedNote[name]; ok {
			if e.note != "" {
				e.note += "; "
			}
			e.note += n
		}
	}

	// 2. The number order of x86_64 and of the shared range (424 up): every dated call is
	// at least as new as every dated call with a lower number, and an undated one lies
	// between its dated neighbours.
	for _, a := range arches.All {
		if a.GOARCH != "amd64" {
			continue
		}
		rows := byNumber(a.GOARCH)
		order(a.GOARCH, rows, func(n string) *entry { return r.calls[n] }, fail, "x86_64 number order", false)
	}

	// The order's exceptions are the calls' notes.
	for _, k := range sortedKeys(orderExceptions) {
		why := orderExceptions[k]
		arch, name, _ := strings.Cut(k, "/")
		which := "its number"
		if arch != "*" {
			which = "its " + arch + " number"
		}
		if e, ok := r.calls[name]; ok {
			e.note = joinNote(e.note, which+" breaks the time order: "+why)
		}
	}

	// 3. The header snapshots date the calls of amd64 and 386 (the older suites' amd64
	// package has both).
	for _, name := range sortedKeys(r.calls) {
		e := r.calls[name]
		for _, ga := range []string{"amd64", "386"} {
			if x, ok := systab.Lookup(systab.Arch(ga), name); !ok || !x.Implemented {
				continue
			}
			bracket(e, in.snaps, ga, name, fail)
			break
		}
	}

	// 4. Per arch: the port's release, the arch's own number order, its headers, and what
	// facts.go says of rows an arch wired up later.
	for _, a := range arches.All {
		r.arch[a.GOARCH] = map[string]*entry{}
		first := r.firsts[a.GOARCH]
		rows := byNumber(a.GOARCH)
		per := map[string]*entry{}
		for _, row := range rows {
			g := r.calls[row.Name]
			e := &entry{iv: g.iv, note: g.note}
			e.sources = append(e.sources, g.sources...)
			if first.iv.exact() && !e.iv.hi.IsZero() {
				if !first.iv.lo.Less(e.iv.hi) {
					e.iv = first.iv
					e.sources = append([]string{first.sources[0]}, prefixed("the call", g)...)
				} else if e.iv.lo.Less(first.iv.lo) {
					e.iv.lo = first.iv.lo
					e.sources = append([]string{first.sources[0]}, e.sources...)
				}
			}
			if e.iv.hi.IsZero() {
				e.iv.hi = current
				e.iv.lo = maxV(e.iv.lo, first.iv.lo)
			}
			per[row.Name] = e
		}
		for _, row := range rows {
			bracket(per[row.Name], in.snaps, a.GOARCH, row.Name, fail)
		}
		order(a.GOARCH, numbered(a.GOARCH, rows), func(n string) *entry { return per[n] }, fail, a.GOARCH+" number order", true)
		for _, row := range rows {
			e := per[row.Name]
			if f, ok := rowFacts[a.GOARCH+"/"+row.Name]; ok && f.v == "" {
				lo, hi := mustVersion(f.lo), mustVersion(f.hi)
				if hi.Less(e.iv.lo) || e.iv.hi.Less(lo) {
					fail("rowFacts %s/%s: %s..%s is outside %s", a.GOARCH, row.Name, f.lo, f.hi, e.iv)
				}
				e.iv = interval{lo, hi} // the fact replaces the port rule
				e.note = joinNote(e.note, f.why)
				e.add("facts: " + f.lo + ".." + f.hi)
			} else if ok {
				v := mustVersion(f.v)
				if v.Less(e.iv.lo) || e.iv.hi.Less(v) {
					fail("rowFacts %s/%s: %s is outside %s (%s)", a.GOARCH, row.Name, f.v, e.iv, strings.Join(e.sources, "; "))
				}
				if f.page != "" {
					if err := checkQuote(in, f.page, f.quote); err != nil {
						fail("rowFacts %s/%s: %v", a.GOARCH, row.Name, err)
					}
					e.add(f.page + ": " + f.quote)
				}
				e.iv = interval{v, v}
				e.note = joinNote(e.note, f.why)
			}
		}
		// Keep what the generic rule (the call's release or the port's, whichever is later)
		// does not give.
		for _, row := range rows {
			e := per[row.Name]
			if !sameAsRule(e, r.calls[row.Name], first) {
				r.arch[a.GOARCH][row.Name] = e
			}
		}
		// Rows the kernel does not implement: their note.
		for _, row := range systab.Table(systab.Arch(a.GOARCH)) {
			if row.Implemented {
				continue
			}
			g := r.calls[row.Name]
			why := "not implemented on " + a.GOARCH + " in Linux " + systab.KernelVersion + " (ENOSYS)"
			if row.EntryPoint == "" {
				why = "the table reserves the number without an entry point: ENOSYS on " + a.GOARCH
			}
			e := &entry{iv: g.iv, sources: g.sources, note: joinNote(g.note, why)}
			if len(e.sources) == 0 {
				e.sources = []string{a.GOARCH + " table of Linux " + systab.KernelVersion}
			}
			r.arch[a.GOARCH][row.Name] = e
		}
	}
	// A call no man page dates exactly takes what the arches say: it came when the first
	// arch had it.
	for name, g := range r.calls {
		if g.iv.exact() {
			continue
		}
		var lo, hi systab.Version
		var best *entry
		for _, a := range arches.All {
			e, ok := r.arch[a.GOARCH][name]
			if !ok || e.iv.hi.IsZero() {
				continue
			}
			if x, _ := systab.Lookup(systab.Arch(a.GOARCH), name); !x.Implemented {
				continue
			}
			if best == nil || e.iv.hi.Less(hi) {
				hi = e.iv.hi
			}
			if best == nil || e.iv.lo.Less(lo) {
				lo = e.iv.lo
			}
			if best == nil || e.iv.hi.Less(best.iv.hi) {
				best = e
			}
		}
		if best == nil {
			continue
		}
		if !g.iv.hi.IsZero() && g.iv.hi.Less(hi) {
			hi = g.iv.hi
		}
		lo = maxV(lo, g.iv.lo)
		if lo != g.iv.lo || hi != g.iv.hi {
			g.iv = interval{lo, hi}
			for _, s := range best.sources {
				g.add(s)
			}
			if g.note == "" {
				g.note = best.note
			}
		}
	}
	for name, g := range r.calls {
		if len(g.sources) == 0 {
			g.sources = []string{"no source dates it"}
			if g.note == "" {
				g.note = "no man page, number order or header snapshot dates " + name
			}
		}
	}
	// Rows whose answer is now the rule's are dropped again (a call first dated in step 4).
	for _, a := range arches.All {
		for name, e := range r.arch[a.GOARCH] {
			if x, ok := systab.Lookup(systab.Arch(a.GOARCH), name); ok && x.Implemented && sameAsRule(e, r.calls[name], r.firsts[a.GOARCH]) {
				delete(r.arch[a.GOARCH], name)
			}
		}
	}

	constants(in, r, fail)
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("%d problems:\n\t%s", len(errs), strings.Join(errs, "\n\t"))
	}
	r.stats = stats(in, r)
	return r, nil
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

func prefixed(what string, g *entry) []string {
	return []string{what + ": " + g.iv.String() + " (" + strings.Join(g.sources, ", ") + ")"}
}

// rule is systab.SyscallSince's generic answer for a row: the call's release, or the port's
// when that is later.
func rule(g, first *entry) interval {
	s := g.iv
	f := first.iv
	if s.hi.IsZero() {
		return s // not dated: not the port's release either
	}
	if f.exact() && !f.lo.Less(s.hi) {
		return f
	}
	if f.exact() && s.lo.Less(f.lo) {
		s.lo = f.lo
	}
	return s
}

func sameAsRule(e, g, first *entry) bool {
	return e.iv == rule(g, first) && e.note == g.note
}

// bracket narrows e by the header snapshots that have arch's headers: a snapshot that
// names the call bounds it above, one that lacks it below.
func bracket(e *entry, snaps []*snapshot, arch, name string, fail func(string, ...any)) {
	nr := name
	if a, ok := nrAlias[name]; ok {
		nr = a
	}
	var parts []string
	for _, s := range snaps {
		calls := s.calls[arch]
		if calls == nil || s.version.Major == current.Major && s.version.Minor == current.Minor {
			continue
		}
		if calls[nr] {
			parts = append(parts, s.version.String()+": present")
			if s.version.Less(e.iv.lo) {
				if f, ok := headerFacts[arch+"/"+name]; ok {
					e.note = joinNote(e.note, f)
					continue
				}
				fail("%s/%s: the %s headers have it, the others say %s (%s)", arch, name, s.label, e.iv, strings.Join(e.sources, "; "))
				continue
			}
			if e.iv.hi.IsZero() || s.version.Less(e.iv.hi) {
				e.iv.hi = s.version
			}
		} else {
			parts = append(parts, s.version.String()+": absent")
			lo := next(s.version)
			if !e.iv.hi.IsZero() && e.iv.hi.Less(lo) {
				if f, ok := headerFacts[arch+"/"+name]; ok {
					e.note = joinNote(e.note, f)
					continue
				}
				if e.iv.exact() && arch != "amd64" {
					// The arch wired it up later than the call came: the headers say so.
					e.note = joinNote(e.note, fmt.Sprintf("on %s only after %s (the %s headers lack it, the call is %s)", arch, s.version, s.label, e.iv))
					e.iv = interval{lo, current}
					e.late = true
					continue
				}
				fail("%s/%s: the %s headers lack it, the others say %s (%s)", arch, name, s.label, e.iv, strings.Join(e.sources, "; "))
				continue
			}
			e.iv.lo = maxV(e.iv.lo, lo)
		}
	}
	if len(parts) > 0 {
		e.add("headers " + strings.Join(parts, ", "))
	}
}

// order applies the time order of arch's numbers (rows: implemented, by number) to the
// entries get returns: a dated row older than a dated row with a lower number is an error
// unless orderExceptions explains it; an undated row (or a range) is bounded by its dated
// neighbours; a dated row below the running maximum on an arch other than amd64 was wired up
// there later than the call came (its range is then [running max, the next dated row]).
func order(arch string, rows []systab.Entry, get func(string) *entry, fail func(string, ...any), label string, convertLate bool) {
	a, _ := arches.Lookup(arch)
	ordered := func(e systab.Entry) bool {
		n := e.Number - a.Offset
		if a.Table == "scripts/syscall.tbl" {
			return n >= 260 // asm-generic allocated 0-259 at once
		}
		return true
	}
	first := archFirsts[arch].v
	excepted := func(name string) bool {
		return orderExceptions[arch+"/"+name] != "" || orderExceptions["*/"+name] != ""
	}
	// An anchor is a row dated exactly, after 2.6.12 and after the port (a row the port
	// brought says nothing of when its number was allocated).
	anchor := func(e systab.Entry) (systab.Version, bool) {
		x := get(e.Name)
		if x == nil || !x.iv.exact() || x.iv.lo.Less(gitStart) || excepted(e.Name) || !ordered(e) {
			return systab.Version{}, false
		}
		if first != "" && !mustVersion(first).Less(x.iv.lo) {
			return systab.Version{}, false
		}
		return x.iv.lo, true
	}
	// Running maximum from below, with the row that set it.
	var maxBelow []systab.Version
	var maxFrom []string
	var m systab.Version
	from := ""
	for _, e := range rows {
		maxBelow = append(maxBelow, m)
		maxFrom = append(maxFrom, from)
		if v, ok := anchor(e); ok && m.Less(v) {
			m, from = v, fmt.Sprintf("%s %d", e.Name, e.Number)
		}
	}
	// Rows dated below the running maximum: on this arch later than the call, or, in the
	// range all arches share (424 up), an error.
	//
	// Numbers are allocated when a patch is queued, which can be a release or two before
	// it is merged, so a small inversion (accept4 288, 2.6.28, below the 2.6.27 calls
	// 289-294) says nothing. Below 424 a row is taken as late only when at least two
	// lower-numbered rows are more than two releases newer than it.
	late := map[string]bool{}
	for i, e := range rows {
		x := get(e.Name)
		v, ok := anchor(e)
		if !ok && x != nil && x.iv.exact() && x.iv.lo.Less(gitStart) && ordered(e) && !excepted(e.Name) && (first == "" || mustVersion(first).Less(gitStart)) {
			// A call older than 2.6.12 numbered among the git era's calls came to this arch
			// later (386's direct socket calls, 359 up, came in 4.3).
			v, ok = gitStart, true
		}
		if !ok || !v.Less(maxBelow[i]) {
			continue
		}
		if e.Number-a.Offset >= 424 {
			if convertLate {
				fail("%s: %s %d is %s, older than %s (%s), in the range every arch shares: explain in orderExceptions", label, e.Name, e.Number, x.iv, maxBelow[i], maxFrom[i])
			}
			continue
		}
		newer := 0
		for _, f := range rows[:i] {
			if w, ok := anchor(f); ok && releasesBetween(v, w) > 2 {
				newer++
			}
		}
		if newer >= 2 {
			late[e.Name] = true
		}
	}
	// Running minimum from above.
	minAbove := make([]systab.Version, len(rows))
	minFrom := make([]string, len(rows))
	m, from = systab.Version{}, ""
	for i := len(rows) - 1; i >= 0; i-- {
		minAbove[i], minFrom[i] = m, from
		if v, ok := anchor(rows[i]); ok && !late[rows[i].Name] && (m.IsZero() || v.Less(m)) {
			m, from = v, fmt.Sprintf("%s %d", rows[i].Name, rows[i].Number)
		}
	}
	for i, e := range rows {
		x := get(e.Name)
		if x == nil || !ordered(e) || excepted(e.Name) || x.late {
			continue
		}
		lo, hi := maxBelow[i], minAbove[i]
		if x.iv.exact() {
			if !late[e.Name] || !convertLate {
				continue
			}
			if hi.IsZero() {
				hi = current
			}
			// Wired up on this arch later than the call came.
			x.note = joinNote(x.note, fmt.Sprintf("on %s later than the call (%s): its number %d follows %s (%s)", arch, x.iv, e.Number, maxFrom[i], lo))
			x.iv = interval{lo, x.iv.hi}
			if !hi.IsZero() {
				x.iv.hi = hi
			} else {
				x.iv.hi = current
			}
			x.add(fmt.Sprintf("%s: after %s, before %s", label, maxFrom[i], orNone(minFrom[i])))
			continue
		}
		nlo, nhi := x.iv.lo, x.iv.hi
		if !lo.IsZero() && nlo.Less(lo) {
			nlo = lo
		}
		if !hi.IsZero() && (nhi.IsZero() || hi.Less(nhi)) {
			nhi = hi
		}
		if nhi.IsZero() {
			nhi = current
		}
		if !nlo.IsZero() && nhi.Less(nlo) {
			fail("%s: %s %d: %s after %s (%s) and before %s (%s)", label, e.Name, e.Number, x.iv, lo, maxFrom[i], hi, minFrom[i])
			continue
		}
		if nlo != x.iv.lo || nhi != x.iv.hi {
			x.iv = interval{nlo, nhi}
			x.add(fmt.Sprintf("%s: after %s, before %s", label, orNone(maxFrom[i]), orNone(minFrom[i])))
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// lastMinor is each series' last release.
var lastMinor = map[int]int{3: 19, 4: 20, 5: 19, 6: 19}

// releasesBetween counts the releases from a to b (b newer), 2.6.x counting by its third
// number; an approximation past the last 6.x release a snapshot shows.
func releasesBetween(a, b systab.Version) int {
	idx := func(v systab.Version) int {
		if v.Major < 3 {
			return v.Patch - 39 - 1 // 2.6.39 is one before 3.0
		}
		n := 0
		for m := 3; m < v.Major; m++ {
			last, ok := lastMinor[m]
			if !ok {
				last = 19
			}
			n += last + 1
		}
		return n + v.Minor
	}
	return idx(b) - idx(a)
}

// armPrivateBase is where arm's private calls start (__ARM_NR_BASE, asm/unistd.h): their
// numbers say nothing of when they came, so the number order leaves them out.
const armPrivateBase = 0x0f0000

// numbered returns the rows whose numbers follow the order in which calls were added.
func numbered(arch string, rows []systab.Entry) []systab.Entry {
	if arch != "arm" {
		return rows
	}
	var l []systab.Entry
	for _, e := range rows {
		if e.Number < armPrivateBase {
			l = append(l, e)
		}
	}
	return l
}
