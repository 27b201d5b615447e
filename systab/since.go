package systab

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Version is a Linux release: 5.6 is {5, 6, 0}, 2.6.39 is {2, 6, 39}. The zero Version
// means "not known".
type Version struct{ Major, Minor, Patch int }

// ParseVersion reads "5.6", "2.6.39", "v6.1" or "6.1.0". Anything after the third number
// (a suffix such as "-rc1" or "-generic") is not accepted: see linux.KernelRelease for
// release strings.
func ParseVersion(s string) (Version, error) {
	t := strings.TrimPrefix(s, "v")
	parts := strings.Split(t, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return Version{}, fmt.Errorf("systab: version %q: want MAJOR.MINOR[.PATCH]", s)
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 || x > 255 || p == "" || (len(p) > 1 && p[0] == '0') {
			return Version{}, fmt.Errorf("systab: version %q: %q is not a number", s, p)
		}
		n[i] = x
	}
	return Version{n[0], n[1], n[2]}, nil
}

// String is "5.6", "2.6.39"; "unknown" for the zero Version.
func (v Version) String() string {
	if v.IsZero() {
		return "unknown"
	}
	if v.Patch != 0 {
		return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	}
	return fmt.Sprintf("%d.%d", v.Major, v.Minor)
}

// IsZero reports the zero Version (unknown).
func (v Version) IsZero() bool { return v == Version{} }

// Compare returns -1, 0 or +1 as v is older than, the same as, or newer than w.
func (v Version) Compare(w Version) int {
	for _, d := range [3]int{v.Major - w.Major, v.Minor - w.Minor, v.Patch - w.Patch} {
		if d < 0 {
			return -1
		}
		if d > 0 {
			return 1
		}
	}
	return 0
}

// Less reports v older than w.
func (v Version) Less(w Version) bool { return v.Compare(w) < 0 }

func unpackVersion(p uint32) Version {
	return Version{int(p >> 16), int(p >> 8 & 0xff), int(p & 0xff)}
}

// Since is the first Linux release that has a system call on one arch, or a constant.
//
// Min and Max bound it: Min == Max is an exact answer; Min < Max is what the sources can
// say ("after 6.12, at most 7.2": the release is not dated more closely by anything this
// package is generated from); a zero Min is "at most Max", an old name whose first release
// is not dated (a constant in the oldest header snapshot, 5.10, that no man page dates).
// Versions before 2.6.12, where the kernel's git history starts, are the man pages' own
// (1.0, 2.2, 2.4...); what a port older than 2.6.12 had at its start is not told apart.
type Since struct {
	Min, Max Version
	// Sources names where the answer comes from, ";"-separated: "syscalls(2)" (the table
	// of that man page), "openat2(2) HISTORY", "open(2): (since Linux 2.6.23)",
	// "headers 5.10: absent; 6.1: present" (the UAPI header snapshots of Debian's suites),
	// "x86_64 number order", "arch: loong64 since 5.19" (the arch's first release).
	Sources string
	// Note explains what the sources alone do not: a disagreement between them and which
	// is right, or why a call came to this arch later than elsewhere.
	Note string
}

// Exact reports that the release is known exactly (Min == Max and not zero).
func (s Since) Exact() bool { return s.Min == s.Max && !s.Min.IsZero() }

// String is "5.6" when exact, "5.14..5.16" for a range, "<=5.10" when only the upper bound
// is known.
func (s Since) String() string {
	switch {
	case s.Exact():
		return s.Min.String()
	case s.Min.IsZero():
		return "<=" + s.Max.String()
	}
	return s.Min.String() + ".." + s.Max.String()
}

// On says whether a kernel of release k has it: yes (k >= Max), no (k < Min) or, for a
// release inside an inexact range, not known (known false).
func (s Since) On(k Version) (has, known bool) {
	switch {
	case !k.Less(s.Max):
		return true, true
	case !s.Min.IsZero() && k.Less(s.Min):
		return false, true
	}
	return false, false
}

// sinceRow is one generated entry: versions packed as major<<16 | minor<<8 | patch.
type sinceRow struct {
	name     string
	min, max uint32
	src      string
	note     string
}

func (r sinceRow) since() Since {
	return Since{Min: unpackVersion(r.min), Max: unpackVersion(r.max), Sources: r.src, Note: r.note}
}

func findRow(rows []sinceRow, name string) (sinceRow, bool) {
	i := sort.Search(len(rows), func(i int) bool { return rows[i].name >= name })
	if i < len(rows) && rows[i].name == name {
		return rows[i], true
	}
	return sinceRow{}, false
}

// ArchSince is the first release of arch's port (arm64 3.7, riscv64 4.15, loong64 5.19);
// zero for the ports older than 2.6.12 (amd64, 386, arm, ppc64, s390x, mips...), which
// the kernel's git history does not date. Every call on arch is at least this old.
func ArchSince(arch Arch) (Version, string) {
	i := archIndexOf(arch)
	if i < 0 {
		return Version{}, ""
	}
	r := sinceArches[i]
	return unpackVersion(r.min), r.src
}

// SyscallSince returns the first release that has the row name of arch's table on that
// arch: the call's own release, or the arch's first release for a call older than the
// port, or later where the arch wired the call up later than the others. Rows the kernel
// no longer implements (Implemented false) answer too: their Note says when they went.
func SyscallSince(arch Arch, name string) (Since, bool) {
	ai := archIndexOf(arch)
	if ai < 0 {
		return Since{}, false
	}
	if _, ok := Lookup(arch, name); !ok {
		return Since{}, false
	}
	if r, ok := findRow(sinceArchCalls[ai], name); ok {
		return r.since(), true
	}
	r, ok := findRow(sinceCalls, name)
	if !ok {
		return Since{}, false
	}
	s := r.since()
	first := unpackVersion(sinceArches[ai].min)
	if s.Max.IsZero() {
		return s, true // not dated (a number no release implemented)
	}
	if !first.IsZero() && !first.Less(s.Max) {
		// The call is older than the port: every kernel of this arch has it.
		return Since{Min: first, Max: first, Sources: sinceArches[ai].src + "; the call: " + s.String() + " (" + strings.ReplaceAll(s.Sources, "; ", ", ") + ")", Note: s.Note}, true
	}
	if !first.IsZero() && s.Min.Less(first) {
		s.Min = first
		s.Sources = sinceArches[ai].src + "; " + s.Sources
	}
	return s, true
}

// CallSince returns the release that brought the system call name on the first arch that
// had it (what the man pages date), independent of any arch.
func CallSince(name string) (Since, bool) {
	r, ok := findRow(sinceCalls, name)
	if !ok {
		return Since{}, false
	}
	return r.since(), true
}

// ConstSince returns the first release whose UAPI has the constant name (a flag, command or
// option of the typed flag sets: O_TMPFILE, RESOLVE_CACHED, CLONE_PIDFD, STATX_MNT_ID,
// IORING_OP_SEND...). Where a man page dates a constant differently for different calls
// (AT_EMPTY_PATH: 2.6.39, but 5.8 with faccessat2), the earliest is the constant's and Note
// lists the others.
func ConstSince(name string) (Since, bool) {
	r, ok := findRow(sinceConsts, name)
	if !ok {
		return Since{}, false
	}
	return r.since(), true
}

// ConstNames returns every constant ConstSince knows, sorted.
func ConstNames() []string {
	l := make([]string, len(sinceConsts))
	for i, r := range sinceConsts {
		l[i] = r.name
	}
	return l
}
