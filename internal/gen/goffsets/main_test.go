package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestPick(t *testing.T) {
	defs := map[string]int64{"g_m": 48, "g_sched": 56, "gobuf_sp": 0, "g_stack": 0, "stack_lo": 0, "stack_hi": 8,
		"m_g0": 0, "m_procid": 64, "m_gsignal": 72, "m_curg": 184, "m_vdsoSP": 896, "m_vdsoPC": 904}
	v, err := pick("amd64", defs)
	if err != nil {
		t.Fatal(err)
	}
	if v["VG_g_sched_sp"] != 56 || v["VG_stack_hi"] != 8 || v["VG_m_vdsoPC"] != 904 {
		t.Errorf("offsets %v", v)
	}
	defs["g_sched"], defs["gobuf_sp"] = 40, 8 // a sum
	if v, _ := pick("amd64", defs); v["VG_g_sched_sp"] != 48 {
		t.Errorf("g.sched.sp = %d, want 40+8", v["VG_g_sched_sp"])
	}
	delete(defs, "m_vdsoSP")
	if _, err := pick("amd64", defs); err == nil {
		t.Error("a missing field accepted")
	}
}

func TestByWordSize(t *testing.T) {
	vals := map[string]map[string]int64{}
	for _, a := range Arches() {
		v := map[string]int64{}
		for _, o := range offsets {
			v[o.macro] = int64(8 * a.PtrSize)
		}
		vals[a.GOARCH] = v
	}
	if _, _, err := byWordSize(vals); err != nil {
		t.Fatal(err)
	}
	vals["s390x"]["VG_m_curg"]++
	if _, _, err := byWordSize(vals); err == nil || !strings.Contains(err.Error(), "s390x") {
		t.Errorf("a disagreeing 64-bit arch: %v", err)
	}
}

// TestCommittedOffsetsAreTheToolchains compiles the runtime of the Go in use for this arch
// and requires the committed zgoffsets_linux.h and vdsoRuntimeRelease to be what it says:
// after a Go upgrade this fails until go generate has been run.
func TestCommittedOffsetsAreTheToolchains(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("host-only test (runs go build)")
	}
	if testing.Short() {
		t.Skip("-short: compiles the runtime")
	}
	root := filepath.Join("..", "..", "..")
	rel, err := Release()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "zgoffsets_linux_notmips.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "const vdsoRuntimeRelease = \""+rel+"\"") {
		t.Errorf("zgoffsets_linux_notmips.go is not for %s (run go generate ./...)", rel)
	}
	got, err := Offsets(runtime.GOARCH)
	if err != nil {
		t.Fatal(err)
	}
	want := committed64(t, filepath.Join(root, "zgoffsets_linux.h"))
	for _, o := range offsets {
		if got[o.macro] != want[o.macro] {
			t.Errorf("%s: the %s runtime has %d, zgoffsets_linux.h %d (run go generate ./...)", o.macro, rel, got[o.macro], want[o.macro])
		}
	}
}

// committed64 reads the 64-bit arches' block (after #else) of the generated header.
func committed64(t *testing.T, path string) map[string]int64 {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`^#define (VG_\w+) (\d+)$`)
	out := map[string]int64{}
	in64 := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "#else":
			in64 = true
		case l == "#endif" && in64:
			return out
		}
		if m := re.FindStringSubmatch(l); m != nil && in64 {
			out[m[1]], _ = strconv.ParseInt(m[2], 10, 64)
		}
	}
	t.Fatalf("%s: no 64-bit block", path)
	return nil
}
