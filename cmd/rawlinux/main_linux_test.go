//go:build linux

package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
	"github.com/rawlinux/linux/vdso"
)

// output runs the command with args and returns what it printed and its error.
func output(t *testing.T, args ...string) (string, error) {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	err = run(args)
	os.Stdout = saved
	b, rerr := os.ReadFile(f.Name())
	if rerr != nil {
		t.Fatal(rerr)
	}
	return string(b), err
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }

// TestLookup checks "rawlinux lookup" against systab and against the kernel's numbering:
// from 424 on, every arch has the same number, plus 4000 on mips o32 and 5000 on mips n64.
func TestLookup(t *testing.T) {
	for _, name := range []string{"openat2", "pidfd_open", "getpid", "mmap2", "rt_sigaction"} {
		out, err := output(t, "lookup", name)
		if err != nil {
			t.Fatalf("lookup %s: %v", name, err)
		}
		ls := lines(out)
		if len(ls) != len(systab.Arches()) {
			t.Fatalf("lookup %s: %d lines for %d arches:\n%s", name, len(ls), len(systab.Arches()), out)
		}
		for i, a := range systab.Arches() {
			f := strings.Fields(ls[i])
			e, ok := systab.Lookup(a, name)
			if !ok {
				if len(f) != 2 || f[0] != string(a) || f[1] != "-" {
					t.Errorf("lookup %s: %q, want %s without a number", name, ls[i], a)
				}
				continue
			}
			want := []string{string(a), strconv.Itoa(e.Number), e.EntryPoint}
			if !e.Implemented {
				want = append(want, "(not", "implemented)")
			}
			if strings.Join(f, " ") != strings.Join(want, " ") {
				t.Errorf("lookup %s: %q, want %q", name, ls[i], strings.Join(want, " "))
			}
		}
	}
	out, _ := output(t, "lookup", "openat2")
	for _, l := range lines(out) {
		f := strings.Fields(l)
		want := "437"
		switch f[0] {
		case "mips", "mipsle":
			want = "4437"
		case "mips64", "mips64le":
			want = "5437"
		}
		if f[1] != want {
			t.Errorf("lookup openat2: %q, want number %s (Linux 5.6's 437)", l, want)
		}
	}
	if out, err := output(t, "lookup", "no_such_call"); err == nil || strings.Count(out, " -\n") != len(systab.Arches()) {
		t.Errorf("lookup no_such_call: %v\n%s", err, out)
	}
	if _, err := output(t, "lookup"); err == nil {
		t.Error("lookup without a name succeeded")
	}
}

// TestTable checks "rawlinux table ARCH": a header and one row per systab entry, in order.
func TestTable(t *testing.T) {
	for _, arch := range []string{"arm64", "mips", "s390x", ""} {
		args := []string{"table"}
		a := systab.Arch(arch)
		if arch != "" {
			args = append(args, arch)
		} else {
			a = systab.Arch(runtime.GOARCH)
		}
		out, err := output(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		ls := lines(out)
		tab := systab.Table(a)
		if len(ls) != 1+len(tab) || !strings.HasPrefix(ls[0], "NUMBER") {
			t.Fatalf("%v: %d lines for %d entries", args, len(ls), len(tab))
		}
		for i, e := range tab {
			f := strings.Fields(ls[1+i])
			want := []string{strconv.Itoa(e.Number), e.Name, e.ABI}
			if !e.Implemented {
				want = append(want, "(not", "implemented)")
			}
			want = append(want, e.EntryPoint)
			if e.Compat != "" {
				want = append(want, e.Compat)
			}
			if strings.Join(f, " ") != strings.Join(strings.Fields(strings.Join(want, " ")), " ") {
				t.Errorf("%v row %d: %q, want %q", args, i, ls[1+i], strings.Join(want, " "))
			}
		}
	}
	if _, err := output(t, "table", "vax"); err == nil {
		t.Error("table vax succeeded")
	}
}

// TestArches checks "rawlinux arches": per arch the row count, the implemented count and the
// lowest and highest numbers of its systab table.
func TestArches(t *testing.T) {
	out, err := output(t, "arches")
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(out)
	if len(ls) != 1+len(systab.Arches()) {
		t.Fatalf("%d lines:\n%s", len(ls), out)
	}
	for i, a := range systab.Arches() {
		tab := systab.Table(a)
		impl, lo, hi := 0, tab[0].Number, tab[0].Number
		for _, e := range tab {
			if e.Implemented {
				impl++
			}
			lo, hi = min(lo, e.Number), max(hi, e.Number)
		}
		want := fmt.Sprintf("%s %d %d %d %d", a, len(tab), impl, lo, hi)
		if got := strings.Join(strings.Fields(ls[1+i]), " "); got != want {
			t.Errorf("arches: %q, want %q", got, want)
		}
	}
}

// TestSummary checks the command without arguments: the running kernel as /proc tells it, this
// build, the arch's table, and the vDSO's functions as package vdso finds them.
func TestSummary(t *testing.T) {
	out, err := output(t, "summary")
	if err != nil {
		t.Fatal(err)
	}
	ls := lines(out)
	rel, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ls[0], "kernel:   Linux "+strings.TrimSpace(string(rel))+" ") {
		t.Errorf("first line %q; the kernel is %s", ls[0], rel)
	}
	if want := "build:    linux/" + runtime.GOARCH + ", " + runtime.Version(); ls[1] != want {
		t.Errorf("second line %q, want %q", ls[1], want)
	}
	tab := systab.Current()
	impl := 0
	for _, e := range tab {
		if e.Implemented {
			impl++
		}
	}
	want := fmt.Sprintf("syscalls: %d rows in %s's table of Linux %s, %d implemented", len(tab), runtime.GOARCH, systab.KernelVersion, impl)
	if !strings.HasPrefix(ls[2], want) {
		t.Errorf("third line %q, want %q", ls[2], want)
	}
	if !vdso.Present() {
		if !strings.HasPrefix(ls[3], "vdso:     none") || len(ls) != 4 {
			t.Errorf("no vDSO here, yet the command says:\n%s", strings.Join(ls[3:], "\n"))
		}
		return
	}
	syms := vdso.Symbols()
	if want := fmt.Sprintf("vdso:     at %#x, %d functions", vdso.Base(), len(syms)); ls[3] != want {
		t.Errorf("vdso line %q, want %q", ls[3], want)
	}
	if !strings.HasPrefix(ls[4], "          calls: ") {
		t.Errorf("calls line %q", ls[4])
	}
	if len(ls) != 5+len(syms) {
		t.Fatalf("%d symbol lines for %d symbols", len(ls)-5, len(syms))
	}
	im := vdso.Loaded()
	for i, s := range syms {
		want := []string{s.Name, s.Version, fmt.Sprintf("%#x", s.Addr), strconv.FormatUint(s.Size, 10), "bytes"}
		if s.Size > 0 && !im.InFirstLoad(s) {
			want = append(want, "outside", "the", "runtime's", "vDSO", "range")
		}
		if got := strings.Join(strings.Fields(ls[5+i]), " "); got != strings.Join(strings.Fields(strings.Join(want, " ")), " ") {
			t.Errorf("symbol line %q, want %q", got, want)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, h := range []string{"help", "-h", "--help"} {
		out, err := output(t, h)
		if err != nil || out != usage {
			t.Errorf("%s: %v\n%s", h, err, out)
		}
	}
	if _, err := output(t, "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) || !strings.Contains(err.Error(), usage) {
		t.Errorf("an unknown command: %v", err)
	}
}
