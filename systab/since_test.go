package systab

import (
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Version
	}{{"5.6", Version{5, 6, 0}}, {"2.6.39", Version{2, 6, 39}}, {"v6.1", Version{6, 1, 0}}, {"6.1.0", Version{6, 1, 0}}} {
		v, err := ParseVersion(c.in)
		if err != nil || v != c.want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", c.in, v, err, c.want)
		}
	}
	for _, bad := range []string{"", "5", "5.x", "5.6-rc1", "05.6", "5.6.7.8", "5..6", "256.1"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q): no error", bad)
		}
	}
	if s := (Version{2, 6, 39}).String(); s != "2.6.39" {
		t.Error(s)
	}
	if !(Version{5, 19, 0}).Less(Version{6, 0, 0}) || (Version{6, 1, 0}).Compare(Version{6, 1, 0}) != 0 || !(Version{2, 6, 39}).Less(Version{3, 0, 0}) {
		t.Error("Compare")
	}
}

func TestSinceOn(t *testing.T) {
	exact := Since{Min: Version{5, 6, 0}, Max: Version{5, 6, 0}}
	rng := Since{Min: Version{5, 14, 0}, Max: Version{5, 16, 0}}
	upper := Since{Max: Version{5, 10, 0}}
	for _, c := range []struct {
		s          Since
		k          Version
		has, known bool
	}{
		{exact, Version{5, 6, 0}, true, true}, {exact, Version{5, 5, 0}, false, true},
		{rng, Version{5, 15, 0}, false, false}, {rng, Version{5, 16, 0}, true, true}, {rng, Version{5, 13, 0}, false, true},
		{upper, Version{5, 10, 0}, true, true}, {upper, Version{4, 19, 0}, false, false},
	} {
		has, known := c.s.On(c.k)
		if has != c.has || known != c.known {
			t.Errorf("%v.On(%v) = %v, %v; want %v, %v", c.s, c.k, has, known, c.has, c.known)
		}
	}
	if exact.String() != "5.6" || rng.String() != "5.14..5.16" || upper.String() != "<=5.10" {
		t.Error(exact, rng, upper)
	}
}

// TestSinceCoverage: every row of every arch's table has an entry; every implemented row
// a release (exact or bounded) and its sources.
func TestSinceCoverage(t *testing.T) {
	for _, a := range Arches() {
		rows, exact := 0, 0
		for _, e := range Table(a) {
			s, ok := SyscallSince(a, e.Name)
			if !ok {
				t.Errorf("%s/%s: no entry", a, e.Name)
				continue
			}
			if !e.Implemented {
				if s.Note == "" {
					t.Errorf("%s/%s: not implemented, and no note says so", a, e.Name)
				}
				continue
			}
			rows++
			if s.Max.IsZero() || s.Sources == "" {
				t.Errorf("%s/%s: %v from %q", a, e.Name, s, s.Sources)
			}
			if !s.Min.IsZero() && s.Max.Less(s.Min) {
				t.Errorf("%s/%s: %v is empty", a, e.Name, s)
			}
			if first, _ := ArchSince(a); !first.IsZero() && !s.Min.IsZero() && s.Min.Less(first) {
				t.Errorf("%s/%s: %v, older than the port (%v)", a, e.Name, s, first)
			}
			if s.Exact() {
				exact++
			}
		}
		t.Logf("%s: %d implemented rows, %d dated exactly, %d bounded", a, rows, exact, rows-exact)
	}
	for _, n := range ConstNames() {
		s, _ := ConstSince(n)
		if s.Max.IsZero() || s.Sources == "" {
			t.Errorf("%s: %v from %q", n, s, s.Sources)
		}
	}
	if len(ConstNames()) < 1000 {
		t.Errorf("only %d constants", len(ConstNames()))
	}
}

// TestSinceOrder: in the range every arch shares (424 up), numbers were allocated in
// time order, so no call is older than one with a lower number, except where the entry's
// note says why (close_range, quotactl_fd).
func TestSinceOrder(t *testing.T) {
	for _, a := range Arches() {
		var prev Since
		prevName := ""
		_, _, off, _ := Source(a)
		for _, e := range Table(a) {
			if e.Number-off < 424 || !e.Implemented || a == "arm" && e.Number >= 0x0f0000 {
				// arm's private calls (__ARM_NR_BASE up) have numbers of their own
				continue
			}
			s, _ := SyscallSince(a, e.Name)
			if s.Note != "" {
				continue // its note says why it stands apart (allocated early, wired up late)
			}
			if prevName != "" && s.Max.Less(prev.Min) {
				t.Errorf("%s: %s %d (%v) is older than %s (%v), and no note explains it", a, e.Name, e.Number, s, prevName, prev)
			}
			prev, prevName = s, e.Name
		}
	}
}

// Spot checks against the examples and the man pages.
func TestSinceKnown(t *testing.T) {
	call := func(a Arch, name, want string) {
		t.Helper()
		s, ok := SyscallSince(a, name)
		if !ok || s.String() != want {
			t.Errorf("%s/%s: %v (%s), want %s", a, name, s, s.Sources, want)
		}
	}
	call("amd64", "openat2", "5.6")
	call("amd64", "statx", "4.11")
	call("loong64", "statx", "5.19")
	call("arm64", "openat", "3.7")
	call("riscv64", "openat2", "5.6")
	call("amd64", "io_uring_setup", "5.1")
	call("amd64", "rseq", "4.18")
	call("amd64", "membarrier", "4.3") // syscalls(2) says 3.17: explained
	call("amd64", "pkey_alloc", "4.9") // syscalls(2) says 4.8: explained
	call("386", "socket", "4.3")       // socketcall(2)
	call("amd64", "socket", "2.0")
	call("386", "arch_prctl", "4.12")
	for _, n := range []string{"listns", "rseq_slice_yield"} {
		s, _ := SyscallSince("amd64", n)
		if !(Version{6, 12, 0}).Less(s.Min) {
			t.Errorf("%s: %v, not after the 6.12 snapshot", n, s)
		}
	}
	for _, n := range []string{"iopl", "mount", "create_module", "nfsservctl"} { // the known traps
		s, _ := CallSince(n)
		if !s.Max.Less(Version{2, 6, 12}) {
			t.Errorf("%s: %v (%s): the page names a later change or a removal, not the first release", n, s, s.Sources)
		}
	}
	if s, _ := CallSince("nfsservctl"); !strings.Contains(s.Note, "removed in Linux 3.1") {
		t.Errorf("nfsservctl: note %q", s.Note)
	}
	cnst := func(name, want string) {
		t.Helper()
		s, ok := ConstSince(name)
		if !ok || s.String() != want {
			t.Errorf("%s: %v (%s), want %s", name, s, s.Sources, want)
		}
	}
	cnst("RESOLVE_CACHED", "5.12")
	cnst("O_TMPFILE", "3.11")
	cnst("CLONE_PIDFD", "5.2")
	cnst("MAP_FIXED_NOREPLACE", "4.17")
	cnst("AT_EMPTY_PATH", "2.6.39")
	cnst("STATX_MNT_ID", "5.8")
	cnst("LANDLOCK_ACCESS_FS_REFER", "5.19")
	cnst("IORING_OP_SEND", "5.6")
	cnst("PR_SET_NAME", "2.6.9")
	if s, _ := ConstSince("AT_EMPTY_PATH"); !strings.Contains(s.Note, "5.8") {
		t.Errorf("AT_EMPTY_PATH: the note should name faccessat2's 5.8: %q", s.Note)
	}
}
