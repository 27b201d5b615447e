package gofile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

func TestSplit(t *testing.T) {
	dir := t.TempDir()
	consts := Section{Doc: "From <x.h>.", Block: "const"}
	items := map[string][]Item{}
	for _, a := range arches.All {
		l := []Item{{Section: consts, Key: "A", Text: "A = 1"}}
		switch {
		case strings.HasPrefix(a.GOARCH, "mips64"):
			l = append(l, Item{Section: consts, Key: "B", Text: "B = 3"})
		case strings.HasPrefix(a.GOARCH, "mips"):
			l = append(l, Item{Section: consts, Key: "B", Text: "B = 2"})
		case a.GOARCH == "amd64":
			l = append(l, Item{Section: consts, Key: "B", Text: "B = 4"}, Item{Section: consts, Key: "C", Text: "C = 5"})
		default:
			l = append(l, Item{Section: consts, Key: "B", Text: "B = 4"})
		}
		l = append(l, Item{Key: "T", Text: "type T struct{ p unsafe.Pointer }", Imports: []string{"unsafe"}})
		items[a.GOARCH] = l
	}
	// A stale file of an earlier layout is removed.
	os.WriteFile(filepath.Join(dir, "z_linux_arm64.go"), []byte("package p\n"), 0o644)
	got, err := Split(File{Dir: dir, Base: "z", Package: "p", Header: func(s Set) string { return Header("test", s.Describe()) }}, items)
	if err != nil {
		t.Fatal(err)
	}
	want := "z_linux.go z_linux_notmips.go z_linux_mipsx.go z_linux_mips64x.go z_linux_amd64.go"
	if strings.Join(got, " ") != want {
		t.Fatalf("wrote %v, want %s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "z_linux_arm64.go")); !os.IsNotExist(err) {
		t.Errorf("stale per-arch file not removed: %v", err)
	}
	read := func(n string) string { b, _ := os.ReadFile(filepath.Join(dir, n)); return string(b) }
	all := read("z_linux.go")
	for _, w := range []string{"//go:build linux\n", "A = 1", "import (\n\t\"unsafe\"\n)", "type T struct", "all 13 arches"} {
		if !strings.Contains(all, w) {
			t.Errorf("z_linux.go lacks %q:\n%s", w, all)
		}
	}
	if strings.Contains(all, "B =") {
		t.Errorf("z_linux.go has B:\n%s", all)
	}
	if s := read("z_linux_notmips.go"); !strings.Contains(s, "//go:build linux && (amd64 || 386 || arm || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x)") || !strings.Contains(s, "B = 4") || strings.Contains(s, "C =") {
		t.Errorf("z_linux_notmips.go:\n%s", s)
	}
	if s := read("z_linux_amd64.go"); !strings.Contains(s, "C = 5") || strings.Contains(s, "B =") || strings.Contains(s, "import") {
		t.Errorf("z_linux_amd64.go:\n%s", s)
	}
	if s := read("z_linux_mipsx.go"); !strings.Contains(s, "B = 2") {
		t.Errorf("z_linux_mipsx.go:\n%s", s)
	}
}

func TestCoverIsDisjointAndComplete(t *testing.T) {
	all := Sets[0].Arches
	// Every subset of a few shapes is covered exactly once.
	for mask := 1; mask < 1<<len(all); mask += 37 {
		var class []string
		for i, a := range all {
			if mask>>i&1 != 0 {
				class = append(class, a)
			}
		}
		seen := map[string]int{}
		for _, i := range cover(Sets, class) {
			for _, a := range Sets[i].Arches {
				seen[a]++
			}
		}
		for _, a := range class {
			if seen[a] != 1 {
				t.Fatalf("class %v: %s covered %d times", class, a, seen[a])
			}
		}
		if len(seen) != len(class) {
			t.Fatalf("class %v: cover adds arches %v", class, seen)
		}
	}
}

func TestOrderRespectsEveryArch(t *testing.T) {
	dir := t.TempDir()
	sec := Section{Block: "const"}
	items := map[string][]Item{}
	for _, a := range arches.All {
		items[a.GOARCH] = []Item{{Section: sec, Key: "A", Text: "A = 1"}, {Section: sec, Key: "C", Text: "C = 3"}}
	}
	items["arm"] = []Item{{Section: sec, Key: "A", Text: "A = 1"}, {Section: sec, Key: "B", Text: "B = 2"}, {Section: sec, Key: "C", Text: "C = 3"}}
	if _, err := Split(File{Dir: dir, Base: "z", Package: "p"}, items); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "z_linux.go"))
	if s := string(b); strings.Index(s, "A = 1") > strings.Index(s, "C = 3") {
		t.Errorf("order:\n%s", s)
	}
}

func TestWriteLeavesUnchangedFileAlone(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.go")
	if err := Write(p, []byte("package x\nvar   A = 1\n")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if string(b) != "package x\n\nvar A = 1\n" {
		t.Errorf("not gofmt'd: %q", b)
	}
	if err := Write(p, []byte("package x\nvar A = (\n")); err == nil {
		t.Error("bad source written")
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestSetsAreTheFamilies pins the named sets (file names depend on them).
func TestSetsAreTheFamilies(t *testing.T) {
	want := map[string]string{
		"":        "amd64 386 arm arm64 riscv64 loong64 ppc64 ppc64le s390x mips mipsle mips64 mips64le",
		"64bit":   "amd64 arm64 riscv64 loong64 ppc64 ppc64le s390x mips64 mips64le",
		"notmips": "amd64 386 arm arm64 riscv64 loong64 ppc64 ppc64le s390x",
		"generic": "amd64 386 arm arm64 riscv64 loong64 s390x",
		"32bit":   "386 arm mips mipsle",
		"mipsany": "mips mipsle mips64 mips64le",
		"mipsx":   "mips mipsle",
		"mips64x": "mips64 mips64le",
		"ppc64x":  "ppc64 ppc64le",
		"gentab":  "arm64 riscv64 loong64",
		"le":      "amd64 386 arm arm64 riscv64 loong64 ppc64le mipsle mips64le",
		"be":      "ppc64 s390x mips mips64",
	}
	named := 0
	for _, s := range Sets {
		if len(s.Arches) == 1 && s.Name == s.Arches[0] {
			continue
		}
		named++
		if got := strings.Join(s.Arches, " "); got != want[s.Name] {
			t.Errorf("set %q: %s, want %s", s.Name, got, want[s.Name])
		}
	}
	if named != len(want) {
		t.Errorf("%d named sets, want %d", named, len(want))
	}
	if c := (Set{"mipsx", []string{"mips", "mipsle"}}).Constraint(); c != "linux && (mips || mipsle)" {
		t.Errorf("constraint %s", c)
	}
}

func TestImportsStandardLibraryFirst(t *testing.T) {
	dir := t.TempDir()
	items := map[string][]Item{}
	for _, a := range arches.All {
		items[a.GOARCH] = []Item{{Key: "T", Text: "var T = reflect.TypeFor[linux.X]()", Imports: []string{"github.com/rawlinux/linux", "reflect"}}}
	}
	if _, err := Split(File{Dir: dir, Base: "z", Package: "p"}, items); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "z_linux.go"))
	if !strings.Contains(string(b), "import (\n\t\"reflect\"\n\n\t\"github.com/rawlinux/linux\"\n)") {
		t.Errorf("imports:\n%s", b)
	}
}
