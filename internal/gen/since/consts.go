package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// constants dates every constant of package linux that a flag set names: the man pages'
// tags (the earliest, where pages differ: a later one is a call's later support of the
// flag, listed in the note), bracketed by the header snapshots.
func constants(in *inputs, r *results, fail func(string, ...any)) {
	known := func(n string) bool { return in.consts[n] && inFlagSet(n) }
	tags := map[string][]tag{}
	context := map[string][]tag{}
	described := map[string][]string{} // constant -> man2 pages that describe it in a list
	add := func(n string, t tag) { tags[n] = append(tags[n], t) }
	for _, src := range []struct {
		m    manDir
		dirs []string
	}{{in.dev, []string{"man2"}}, {in.man7, []string{"man7"}}, {in.uring, []string{"man2"}}} {
		for _, d := range src.dirs {
			for _, p := range src.m.pages(d) {
				t := src.m.page(p[0], p[1])
				if t == "" {
					continue
				}
				where := p[0] + "(" + p[1] + ")"
				if src.m.label == "liburing" {
					where = "liburing " + where
				}
				page := p[0]
				parseTags(t, where, known, add, func(n string) {
					if src.m.label == "manpages-dev" && p[1] == "2" {
						described[n] = append(described[n], page)
					}
				})
				name := ""
				if p[1] == "2const" {
					name = p[0]
				}
				if src.m.label != "liburing" {
					for n, v := range parseConstHistory(t, name, known) {
						tg := tag{v, where + " HISTORY", "Linux " + v.String(), nil}
						if name == "" {
							// A flag item of a call's HISTORY (chmod(2): AT_SYMLINK_NOFOLLOW,
							// Linux 6.5) dates the flag with that call, not the flag.
							context[n] = append(context[n], tg)
							continue
						}
						add(n, tg)
					}
				}
			}
		}
	}
	cur := in.snaps[len(in.snaps)-1]
	for _, n := range sortedKeys(in.consts) {
		if !inFlagSet(n) {
			continue
		}
		e := &entry{}
		r.consts[n] = e
		ts := tags[n]
		sort.SliceStable(ts, func(i, j int) bool { return ts[i].version.Less(ts[j].version) })
		f, hasF := constFacts[n]
		if len(ts) > 0 {
			e.iv = interval{ts[0].version, ts[0].version}
			e.add(ts[0].where + ": " + ts[0].text)
			var later []string
			seen := map[string]bool{}
			for _, t := range ts[1:] {
				if t.version != ts[0].version && !seen[t.where+t.version.String()] {
					seen[t.where+t.version.String()] = true
					later = append(later, fmt.Sprintf("%s in %s", t.version, t.where))
				}
			}
			if len(later) > 0 {
				e.note = "later releases for some calls: " + strings.Join(later, ", ")
			}
		}
		for _, t := range context[n] {
			e.note = joinNote(e.note, fmt.Sprintf("%s with the call of %s (%s)", t.version, t.where, t.text))
		}
		if len(ts) == 0 {
			withCall(n, described[n], r, e)
		}
		if hasF {
			if f.v != "" {
				v := mustVersion(f.v)
				e.iv = interval{v, v}
			}
			if f.page != "" {
				if err := checkQuote(in, f.page, f.quote); err != nil {
					fail("constFacts %s: %v", n, err)
				}
				e.add(f.page + ": " + f.quote)
			}
			e.note = joinNote(f.why, e.note)
		}
		// The header snapshots.
		var parts []string
		var stable []systab.Version
		if len(ts) > 0 {
			stable = ts[0].stable
		}
		excused := func(s *snapshot) bool {
			if hasF && strings.Contains(" "+f.headers+" ", " "+s.version.String()+" ") {
				return true
			}
			for p, why := range uapiLate {
				if strings.HasPrefix(n, p) && cur.x86[n] && !s.x86[n] {
					e.note = joinNote(e.note, why)
					return true
				}
			}
			return false
		}
		for _, s := range in.snaps[:len(in.snaps)-1] {
			view, now := s.all, cur.all
			if s.onlyX86 {
				view, now = s.x86, cur.x86
			}
			switch {
			case view[n]:
				parts = append(parts, s.version.String()+": present")
				if s.version.Less(e.iv.lo) {
					if bp := backport(stable, s.label); !bp.IsZero() {
						e.note = joinNote(e.note, "backported to "+bp.String()+" (the page), which the "+s.label+" headers are")
						continue
					}
					if excused(s) {
						continue
					}
					fail("%s: the %s headers have it, the man pages say %s (%s)", n, s.label, e.iv, strings.Join(e.sources, "; "))
					continue
				}
				if e.iv.hi.IsZero() || s.version.Less(e.iv.hi) {
					e.iv.hi = s.version
				}
			case now[n]:
				parts = append(parts, s.version.String()+": absent")
				lo := next(s.version)
				if !e.iv.hi.IsZero() && e.iv.hi.Less(lo) {
					if excused(s) {
						continue
					}
					fail("%s: the %s headers lack it, the man pages say %s (%s)", n, s.label, e.iv, strings.Join(e.sources, "; "))
					continue
				}
				e.iv.lo = maxV(e.iv.lo, lo)
			}
		}
		if len(parts) > 0 {
			e.add("headers " + strings.Join(parts, ", "))
		}
		if e.iv.hi.IsZero() {
			if cur.all[n] {
				e.iv.hi = current
				e.add("headers " + current.String() + ": present")
			} else {
				e.iv.hi = current
				e.add("package linux (Linux " + systab.KernelVersion + ")")
				e.note = joinNote(e.note, "not in the UAPI headers (the kernel source's definition): only the man pages could date it")
			}
		}
	}
}

// withCall bounds a constant no tag dates from below by the calls of its flag set, where
// the set is those calls' own: RESOLVE_BENEATH is no older than openat2 (5.6). (The man
// pages' habit of tagging only the flags that came after their call is not taken as a
// source: pages written after the fact list later flags untagged, as futex_waitv(2) does
// FUTEX2_NUMA and landlock_restrict_self(2) its logging flags; the header snapshots catch
// them.)
func withCall(n string, _ []string, r *results, e *entry) {
	var lo systab.Version
	var from string
	for _, fs := range flagSets {
		if !fs.own || !strings.HasPrefix(n, fs.prefix) {
			continue
		}
		for _, c := range fs.calls {
			g, ok := r.calls[c]
			if !ok || !g.iv.exact() {
				continue
			}
			if lo.IsZero() || g.iv.lo.Less(lo) {
				lo, from = g.iv.lo, fmt.Sprintf("a flag of %s only (%s): no older", strings.Join(fs.calls, ", "), g.iv.lo)
			}
		}
	}
	if !lo.IsZero() && e.iv.lo.Less(lo) {
		e.iv.lo = lo
		e.add(from)
	}
}

// backport returns the stable release of stable that the snapshot labelled label
// ("5.10.223-1") has: same series, not newer.
func backport(stable []systab.Version, label string) systab.Version {
	v := label
	if i := strings.IndexAny(v, "-~+"); i >= 0 {
		v = v[:i]
	}
	full := mustVersion(v)
	for _, s := range stable {
		if s.Major == full.Major && s.Minor == full.Minor && !full.Less(s) {
			return s
		}
	}
	return systab.Version{}
}

// stats are the coverage lines.
func stats(in *inputs, r *results) []string {
	var l []string
	exact, rng, none, total := 0, 0, 0, 0
	for _, e := range r.calls {
		total++
		switch {
		case e.iv.hi.IsZero():
			none++
		case e.iv.exact():
			exact++
		default:
			rng++
		}
	}
	l = append(l, fmt.Sprintf("calls: %d names, %d dated exactly, %d bounded (a range), %d numbers no release implemented (reserved, never dated)", total, exact, rng, none))
	src := map[string]int{}
	for _, e := range r.calls {
		for _, s := range e.sources {
			k := s
			switch {
			case strings.HasPrefix(s, "syscalls(2)"):
				k = "syscalls(2) table"
			case strings.Contains(s, "(2) HISTORY"):
				k = "a page's HISTORY"
			case strings.HasPrefix(s, "headers"):
				k = "header snapshots"
			case strings.Contains(s, "number order"):
				k = "number order"
			case strings.HasPrefix(s, "arch:") || strings.HasPrefix(s, "the call"):
				k = "the port's first release"
			case s == "no source dates it":
				k = "nothing (reserved numbers, never implemented)"
			default:
				k = "facts.go, with the man page's words"
			}
			src[k]++
		}
	}
	for _, k := range sortedKeys(src) {
		l = append(l, fmt.Sprintf("calls dated by %s: %d", k, src[k]))
	}
	for _, a := range archOrder() {
		rows, ex, ranges := 0, 0, 0
		for _, e := range systab.Table(systab.Arch(a)) {
			if !e.Implemented {
				continue
			}
			rows++
			iv := rule(r.calls[e.Name], r.firsts[a])
			if x, ok := r.arch[a][e.Name]; ok {
				iv = x.iv
			}
			if iv.exact() {
				ex++
			} else {
				ranges++
			}
		}
		l = append(l, fmt.Sprintf("%s: %d implemented rows, %d exact, %d ranges, %d rows of its own", a, rows, ex, ranges, len(r.arch[a])))
	}
	ce, cr, cu := 0, 0, 0
	csrc := map[string]int{}
	for _, e := range r.consts {
		switch {
		case e.iv.exact():
			ce++
		case e.iv.lo.IsZero():
			cu++
		default:
			cr++
		}
		for _, s := range e.sources {
			switch {
			case strings.HasPrefix(s, "headers"):
				csrc["header snapshots"]++
			case strings.HasPrefix(s, "liburing"):
				csrc["liburing pages"]++
			case strings.Contains(s, "(7)"):
				csrc["man7 pages"]++
			case strings.Contains(s, "2const"):
				csrc["2const pages"]++
			case strings.Contains(s, "(2"):
				csrc["man2 pages"]++
			case strings.HasPrefix(s, "a flag of"):
				csrc["their calls' release (a lower bound)"]++
			default:
				csrc["other"]++
			}
		}
	}
	l = append(l, fmt.Sprintf("constants: %d of %d flag sets (%d calls), %d dated exactly, %d bounded, %d only at most (old: in the 5.10 snapshot)", len(r.consts), len(flagSets), len(flagCalls()), ce, cr, cu))
	for _, k := range sortedKeys(csrc) {
		l = append(l, fmt.Sprintf("constants dated by %s: %d", k, csrc[k]))
	}
	return l
}

func archOrder() []string {
	var l []string
	for _, a := range systab.Arches() {
		l = append(l, string(a))
	}
	return l
}
