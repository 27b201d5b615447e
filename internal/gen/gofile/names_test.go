package gofile

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// The module's file-naming rule (README, Architecture): a package is either Linux-only,
// every file constrained to linux, or portable. In a Linux-only package every file is
// <topic>_linux[_<set>][_test].go (or .s), where <set> is a GOARCH, a set of Sets, or one of
// the vDSO groups below, and a file named for a set builds for exactly that set's arches.

// linuxOnly are the Linux-only packages, relative to the module root.
var linuxOnly = []string{".", "raw", "internal/abitest"}

// handSets are the arch groups that are not in Sets: hand-written files' and the wrapper
// generator's own (internal/gen/wrap). A new one goes here and into the README's table.
var handSets = map[string][]string{
	"gtls":     {"amd64", "386"},                                                    // the vDSO with g kept in TLS
	"greg":     {"arm", "arm64", "riscv64", "loong64", "ppc64", "ppc64le", "s390x"}, // with g kept in a register
	"nodirect": {"mips", "mipsle", "mips64", "mips64le"},                            // no direct vDSO calls
	"notamd64": {"386", "arm", "arm64", "riscv64", "loong64", "ppc64", "ppc64le", "s390x", "mips", "mipsle", "mips64", "mips64le"},
	"archtab":  {"amd64", "386", "arm", "ppc64", "ppc64le", "s390x", "mips", "mipsle", "mips64", "mips64le"}, // not gentab: the arch's own table
	"regpair":  {"arm", "mips", "mipsle"},                                                                    // 64-bit arguments in aligned register pairs
	"le32":     {"386", "arm", "mipsle"},                                                                     // 32-bit little-endian
	"uid16":    {"386", "arm"},                                                                               // the 16-bit uid calls
	"readdir":  {"386", "mips", "mipsle"},                                                                    // the old readdir call
}

func TestModuleFileNames(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	sets := map[string][]string{}
	for _, s := range Sets {
		if s.Name != "" {
			sets[s.Name] = s.Arches
		}
	}
	for k, v := range handSets {
		if _, ok := sets[k]; ok {
			t.Fatalf("%s is a hand-written group and a set of Sets", k)
		}
		sets[k] = v
	}
	for _, pkg := range linuxOnly {
		dir := filepath.Join(root, pkg)
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range ents {
			name := e.Name()
			ext := filepath.Ext(name)
			if e.IsDir() || ext != ".go" && ext != ".s" {
				continue
			}
			n++
			base := strings.TrimSuffix(strings.TrimSuffix(name, ext), "_test")
			i := strings.Index(base, "_linux")
			if i < 0 || i+len("_linux") < len(base) && base[i+len("_linux")] != '_' {
				t.Errorf("%s/%s: a Linux-only package's files are named <topic>_linux[_<set>]", pkg, name)
				continue
			}
			if match(t, dir, name, "darwin", "amd64") {
				t.Errorf("%s/%s builds on darwin", pkg, name)
			}
			suffix := strings.TrimPrefix(base[i+len("_linux"):], "_")
			var want []string
			switch {
			case suffix == "":
				continue // every arch, or what its own //go:build says
			case sets[suffix] != nil:
				want = sets[suffix]
			default:
				if _, ok := arches.Lookup(suffix); !ok {
					t.Errorf("%s/%s: %q is no GOARCH and no named set", pkg, name, suffix)
					continue
				}
				want = []string{suffix}
			}
			var got []string
			for _, a := range arches.All {
				if match(t, dir, name, "linux", a.GOARCH) {
					got = append(got, a.GOARCH)
				}
			}
			slices.Sort(got)
			want = slices.Clone(want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s/%s: named for %s %v, builds for %v", pkg, name, suffix, want, got)
			}
		}
		if n == 0 {
			t.Errorf("%s: no files", pkg)
		}
	}
}

func match(t *testing.T, dir, name, goos, goarch string) bool {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = goos, goarch, false
	ok, err := ctxt.MatchFile(dir, name)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}
