package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// TestHeaderRecords: the records a header defines are found in its text, tagged or
// typedef-named, nested or not, and in the asm/ headers it includes.
func TestHeaderRecords(t *testing.T) {
	inc := t.TempDir()
	a := arch(t, "arm64")
	os.MkdirAll(filepath.Join(inc, "linux"), 0o755)
	os.MkdirAll(filepath.Join(inc, a.Triplet, "asm"), 0o755)
	os.WriteFile(filepath.Join(inc, "linux", "rl.h"), []byte(`#include <asm/rl.h>
/* struct in_a_comment { int x; }; */
struct rl_a { struct rl_inner { int x; } in; };
union rl_b { int i; };
typedef struct { int y; } rl_c;
typedef struct rl_d { int z; } rl_d;
struct rl_e __attribute__((packed)) { int w; };
struct rl_fwd;
`), 0o644)
	os.WriteFile(filepath.Join(inc, a.Triplet, "asm", "rl.h"), []byte("struct rl_asm { long r; };\n"), 0o644)
	tags, err := headerRecords(a, inc, "linux/rl.h", map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(tags)
	want := []string{"rl_a", "rl_asm", "rl_b", "rl_c", "rl_d", "rl_d", "rl_e", "rl_inner"}
	if !slices.Equal(tags, want) {
		t.Errorf("records %v, want %v", tags, want)
	}
}

func TestLegacyRequest(t *testing.T) {
	types := []byte{'T', 0x89}
	for _, c := range []struct {
		v    int64
		neg  bool
		want bool
	}{
		{0x5401, false, true}, {0x8933, false, true}, {0x89, false, false}, {0x01, false, false},
		{0x4b31, false, false}, {0x15401, false, false}, {-0x5401, true, false},
	} {
		if got := legacyRequest(constant{value: c.v, negative: c.neg}, types); got != c.want {
			t.Errorf("%#x: %v, want %v", c.v, got, c.want)
		}
	}
}

// TestTypeRequests: requests by encoding (through other macros), by the legacy rule, by
// naming a request; not through a decoder or in NotRequests; a request on one arch is one
// on all; a group typing a non-request IoctlCmd is an error.
func TestTypeRequests(t *testing.T) {
	mk := func(a string, consts []constant, body map[string]string, legacy map[string][]byte) *archResult {
		ar := arch(t, a)
		return &archResult{a: ar, consts: consts, ioctl: ioctlInfo{body: body, legacy: legacy}}
	}
	body := map[string]string{
		"_IOR":        "_IOC(_IOC_READ,(type),(nr),(sizeof(size)))",
		"RL_GET":      "_IOR('r', 1, int)",
		"RL_ALIAS":    "RL_GET",
		"RL_OLDALIAS": "RL_OLD",
		"RL_NR":       "_IOC_NR(RL_GET)",
		"TCSANOW":     "RL_GET",
		"RL_TYPE":     "0x72",
	}
	consts := func() []constant {
		return []constant{{name: "RL_GET", value: 0x80047201}, {name: "RL_ALIAS", value: 0x80047201},
			{name: "RL_OLD", value: 0x5401, header: "x"}, {name: "RL_OLDALIAS", value: 0x5401},
			{name: "RL_NR", value: 1}, {name: "TCSANOW", value: 0x80047201}, {name: "RL_TYPE", value: 0x72},
			{name: "RL_ELSEWHERE", value: 0x5402}}
	}
	legacy := map[string][]byte{"RL_OLD": {'T'}}
	res := map[string]*archResult{}
	for _, a := range arches.All {
		res[a.GOARCH] = mk(a.GOARCH, consts(), map[string]string{}, nil)
	}
	res["amd64"] = mk("amd64", consts(), body, legacy)
	res["mips"] = mk("mips", consts(), map[string]string{"RL_ELSEWHERE": "_IOC(1,2,3,4)"}, nil)
	if err := typeRequests(res); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"amd64", "arm64"} {
		got := map[string]string{}
		for _, c := range res[a].consts {
			got[c.name] = c.goType
		}
		for n, want := range map[string]string{"RL_GET": "IoctlCmd", "RL_ALIAS": "IoctlCmd", "RL_OLD": "IoctlCmd",
			"RL_OLDALIAS": "IoctlCmd", "RL_NR": "", "TCSANOW": "", "RL_TYPE": "", "RL_ELSEWHERE": "IoctlCmd"} {
			if got[n] != want {
				t.Errorf("%s: %s typed %q, want %q", a, n, got[n], want)
			}
		}
	}
	res["amd64"].consts = append(res["amd64"].consts, constant{name: "RL_NOT", value: 3, goType: "IoctlCmd"})
	if err := typeRequests(res); err == nil || !strings.Contains(err.Error(), "RL_NOT") {
		t.Errorf("a group's IoctlCmd on a non-request: %v", err)
	}
}

func TestIRString(t *testing.T) {
	for in, want := range map[string]string{`abc`: "abc", `a\00`: "a\x00", `\5C\22x`: `\"x`, `a\\b`: `a\b`} {
		if got, err := irString(in); err != nil || got != want {
			t.Errorf("irString(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := irString(`\5`); err == nil {
		t.Error("a short escape decoded")
	}
}

// The synthetic header of TestFamiliesSmall.
const familiesHeader = `
enum rl_pos { RL_P0, RL_P1 };
enum rl_neg { RL_N = -1, RL_N0 };
typedef enum { RL_T0 } rl_t;
struct rl_fam {
	enum rl_pos p;
	enum rl_neg n;
	rl_t t;
	unsigned char data[8] __attribute__((aligned(8)));
};
#ifdef __SIZEOF_INT128__
struct rl_wide { unsigned long long a; unsigned __int128 v; };
#endif
#define RL_NAME "fam\\ily"
#define RL_NUM 3
`

// TestFamiliesSmall: clang's integer type of each enum, a 128-bit integer, C's alignment
// where no field has it, string constants.
func TestFamiliesSmall(t *testing.T) {
	if _, err := exec.LookPath(cc.Compiler()); err != nil {
		if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" {
			t.Fatalf("%s not found", cc.Compiler())
		}
		t.Skipf("%s not found", cc.Compiler())
	}
	inc := t.TempDir()
	os.WriteFile(filepath.Join(inc, "rl_fam.h"), []byte(familiesHeader), 0o644)
	for _, name := range []string{"amd64", "arm", "s390x"} {
		a := arch(t, name)
		u := &unit{a: a, include: inc, headers: []string{"rl_fam.h"}}
		recs := []string{"struct rl_fam"}
		if a.PtrSize == 8 {
			recs = append(recs, "struct rl_wide") // __int128 is a 64-bit arches' type
		}
		nodes, lays, err := u.astAndLayouts(recs)
		if err != nil {
			t.Fatal(err)
		}
		w, err := newWorld(a, nodes, lays, map[string]bool{})
		if err != nil {
			t.Fatal(err)
		}
		if w.enumGo, err = u.enumTypes(nodes); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if _, err := w.emit(w.records[r], "", ""); err != nil {
				t.Fatalf("%s: %v", r, err)
			}
		}
		fam := w.byName["Fam"].decl()
		for _, want := range []string{"P uint32", "N int32", "T uint32", "_ [0]uint64"} {
			if a.PtrSize == 4 && want == "_ [0]uint64" {
				continue // gc's largest alignment is 4 there
			}
			if !strings.Contains(fam, want) {
				t.Errorf("%s: Fam lacks %q:\n%s", name, want, fam)
			}
		}
		if a.PtrSize == 8 {
			if wide := w.byName["Wide"].decl(); !strings.Contains(wide, "V [2]uint64") {
				t.Errorf("%s: Wide:\n%s", name, wide)
			}
		}
		cs, err := u.stringConstants([]string{"RL_NAME", "RL_NUM"}, map[string]string{"RL_NAME": "rl_fam.h"})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 || cs[0].name != "RL_NAME" || cs[0].str != `fam\ily` || cs[0].literal() != `"fam\\ily"` {
			t.Errorf("%s: string constants %+v", name, cs)
		}
	}
}

// TestWriteTables: the verification tables are one static slice per file and kind, with
// one registration each, and the files of sets that get nothing are removed.
func TestWriteTables(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "zt_linux_s390x_test.go"), []byte("stale"), 0o644)
	items := map[string][]gofile.Item{}
	for _, a := range arches.All {
		items[a.GOARCH] = []gofile.Item{
			{Section: secConsts, Key: "A", Text: `_ = value(abiConst{"A", uint64(linux.A), 0, 0x1})`},
			{Section: secStrConsts, Key: "S", Text: `_ = text(abiString{"S", linux.S, "s"})`},
		}
		if a.GOARCH == "arm64" {
			items[a.GOARCH] = append(items[a.GOARCH], gofile.Item{Section: secConsts, Key: "B", Text: `_ = value(abiConst{"B", uint64(linux.B), 0, 0x2})`})
		}
	}
	if err := writeTables(gofile.File{Dir: dir, Base: "zt", Package: "abitest", Test: true}, items); err != nil {
		t.Fatal(err)
	}
	all, err := os.ReadFile(filepath.Join(dir, "zt_linux_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"var valueTable_all = [...]abiConst{", `abiConst{"A", uint64(linux.A), 0, 0x1},`, "var _ = values(valueTable_all[:])",
		"var textTable_all = [...]abiString{", "var _ = texts(textTable_all[:])"} {
		if !strings.Contains(string(all), want) {
			t.Errorf("zt_linux_test.go lacks %q:\n%s", want, all)
		}
	}
	arm, err := os.ReadFile(filepath.Join(dir, "zt_linux_arm64_test.go"))
	if err != nil || !strings.Contains(string(arm), "var valueTable_arm64 = [...]abiConst{") {
		t.Errorf("zt_linux_arm64_test.go: %v\n%s", err, arm)
	}
	if _, err := os.Stat(filepath.Join(dir, "zt_linux_s390x_test.go")); !os.IsNotExist(err) {
		t.Errorf("the stale file of a set without items is still there: %v", err)
	}
}

// TestSpecFamilies: every arch has its register set, the legacy ioctl headers are in the
// translation units, the struct headers too.
func TestSpecFamilies(t *testing.T) {
	for _, a := range arches.All {
		if spec.PtraceRegs[a.GOARCH] == "" || spec.ArchRenames[a.GOARCH][spec.PtraceRegs[a.GOARCH]] != "PtraceRegs" {
			t.Errorf("%s: no PtraceRegs", a.GOARCH)
		}
		for _, l := range spec.IoctlLegacyHeaders {
			if !inUnit(a, l.Header) {
				t.Errorf("%s: legacy ioctl header %s is not in the unit", a.GOARCH, l.Header)
			}
		}
	}
	for _, h := range spec.StructHeaders {
		found := false
		for _, a := range arches.All {
			found = found || inUnit(a, h)
		}
		if !found {
			t.Errorf("struct header %s is in no arch's unit", h)
		}
	}
	// The 32-bit arches' large-file renames survive (each arch got its own map).
	if spec.ArchRenames["386"]["stat64"] != "Stat_t" || spec.ArchRenames["arm"]["rl_user_regs_struct"] != "" {
		t.Errorf("ArchRenames: 386 %v, arm %v", spec.ArchRenames["386"], spec.ArchRenames["arm"])
	}
}
