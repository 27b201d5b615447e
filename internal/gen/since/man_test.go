package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

func TestParseHistory(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       map[string]string // function -> version ("" page level)
	}{
		{"page", ".SH HISTORY\nLinux 5.6.\n.\\\" commit fddb\n.P\nLater, FreeBSD 13...\n.SH NOTES\n", map[string]string{"": "5.6"}},
		{"standards", ".SH HISTORY\nPOSIX.1-2001.\nLinux 2.1.23.\n.SH SEE\n", map[string]string{"": "2.1.23"}},
		{"removed", ".SH HISTORY\nRemoved in Linux 3.1.\nRemoved in glibc 2.28.\n.SH SEE\n", map[string]string{"": ""}},
		{"prior", ".SH HISTORY\nPrior to Linux 5.5\n.BR iopl ()\nallowed the thread...\n.SH SEE\n", map[string]string{"": ""}},
		{"list", ".SH HISTORY\n.TP\n.BR clone3 ()\nLinux 5.3.\n.SS Linux 2.4 and earlier\nIn the Linux 2.4.x series\n.SH NOTES\n", map[string]string{"clone3": "5.3"}},
		{"flag item", ".SH HISTORY\n.TP\n.BR fchmodat ()\nPOSIX.1-2008.\nLinux 2.6.16,\nglibc 2.4.\n.TP\n.B AT_SYMLINK_NOFOLLOW\nPOSIX.1-2008,\nLinux 6.5.\n.SH SEE\n", map[string]string{"fchmodat": "2.6.16"}},
		{"added", ".SH HISTORY\nPOSIX.1-2001.\n.P\nAdded in Linux 2.1.60; the entries...\n.SH SEE\n", map[string]string{}},
	} {
		h := parseHistory(c.text)
		for fn, want := range c.want {
			got := h[fn].version
			if (want == "" && !got.IsZero()) || (want != "" && got.String() != want) {
				t.Errorf("%s: %q: %v, want %q (%+v)", c.name, fn, got, want, h)
			}
		}
		if _, ok := h[""]; c.name == "flag item" && ok {
			t.Errorf("%s: a flag's item counted for the page: %+v", c.name, h)
		}
	}
}

func TestParseTags(t *testing.T) {
	text := `.SH DESCRIPTION
.TP
.BR O_TMPFILE " (since Linux 3.11)"
Create an unnamed temporary regular file.
.TP
.B O_PATH
(since Linux 2.6.39)
Obtain a file descriptor.
.TP
.BR FAN_FS_ERROR " (since Linux 5.16, 5.15.154, and 5.10.220)"
Create an event.
.TS
lB l.
STATX_MNT_ID	Want stx_mnt_id (since Linux 5.8)
STATX_DIOALIGN	Want stx_dio_mem_align and stx_dio_offset_align.
	(since Linux 6.1; support varies by filesystem)
.TE
.TS
ABI	Kernel	Newly introduced constants
1	5.13	LANDLOCK_ACCESS_FS_EXECUTE
\^	\^	LANDLOCK_ACCESS_FS_WRITE_FILE
2	5.19	LANDLOCK_ACCESS_FS_REFER
.TE
`
	got := map[string]tag{}
	parseTags(text, "test(2)", func(string) bool { return true }, func(n string, tg tag) { got[n] = tg }, func(string) {})
	for n, want := range map[string]string{"O_TMPFILE": "3.11", "O_PATH": "2.6.39", "FAN_FS_ERROR": "5.16", "STATX_MNT_ID": "5.8",
		"STATX_DIOALIGN": "6.1", "LANDLOCK_ACCESS_FS_EXECUTE": "5.13", "LANDLOCK_ACCESS_FS_WRITE_FILE": "5.13", "LANDLOCK_ACCESS_FS_REFER": "5.19"} {
		if got[n].version.String() != want {
			t.Errorf("%s: %v, want %s", n, got[n].version, want)
		}
	}
	if s := got["FAN_FS_ERROR"].stable; len(s) != 2 || s[1].String() != "5.10.220" {
		t.Errorf("FAN_FS_ERROR stable releases: %v", s)
	}
	if bp := backport(got["FAN_FS_ERROR"].stable, "5.10.223-1"); bp.String() != "5.10.220" {
		t.Errorf("backport: %v", bp)
	}
}

func TestReleasesBetween(t *testing.T) {
	v := func(s string) systab.Version { return mustVersion(s) }
	for _, c := range []struct {
		a, b string
		n    int
	}{{"2.6.37", "2.6.39", 2}, {"2.6.39", "3.0", 1}, {"3.19", "4.0", 1}, {"4.20", "5.0", 1}, {"5.19", "6.0", 1}, {"5.6", "5.9", 3}} {
		if got := releasesBetween(v(c.a), v(c.b)); got != c.n {
			t.Errorf("%s..%s: %d, want %d", c.a, c.b, got, c.n)
		}
	}
}

// TestGenerate runs the generator on the pinned material (RAWLINUX_KERNEL, which test.sh
// sets) and requires the committed systab/zsince.go: the cross-checks of compute pass
// and the output is what is committed.
func TestGenerate(t *testing.T) {
	k := os.Getenv("RAWLINUX_KERNEL")
	if k == "" {
		t.Skip("RAWLINUX_KERNEL is not set (test.sh sets it to internal/gen/kernel.sh's directory)")
	}
	if os.Getenv("RAWLINUX_QEMU") != "" {
		t.Skip("a generator runs on the host; under qemu-user only its unit tests run")
	}
	d := arches.KernelDirs(k, filepath.Join("..", "..", ".."))
	in, err := load(d)
	if err != nil {
		t.Fatal(err)
	}
	r, err := compute(in)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "zsince.go")
	if err := write(out, in, r); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(filepath.Join("..", "..", "..", "systab", "zsince.go"))
	if string(got) != string(want) {
		t.Error("systab/zsince.go is not what the generator makes: run go generate ./...")
	}
	for _, s := range r.stats {
		t.Log(s)
	}
}
