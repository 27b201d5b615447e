// Command goffsets generates the offsets of the Go runtime's g and m fields that the vDSO
// trampolines read and write, from the toolchain that runs it: for every arch it compiles
// the runtime (go build -a -work) and reads the go_asm.h the compiler writes for the
// runtime's own assembly.
//
//   - zgoffsets_linux.h: the offsets as VG_* macros for the trampolines (vdso_linux.h
//     includes it), for the 64-bit and the 32-bit arches;
//   - zgoffsets_linux_notmips.go: the same offsets as constants for vdsoValidate, and
//     vdsoRuntimeRelease, the Go release they belong to.
//
// Only the arches with direct vDSO calls (gofile's notmips set) need them. On those, the
// runtime's offsets depend only on the word size; the generator stops if that changes.
//
// The offsets belong to one Go release: regenerate with the toolchain the module is built
// with. vdsoValidate checks them against independent facts at init, and the generator's
// test against the toolchain in use.
//
//	go run ./internal/gen/goffsets -kernel DIR -out .
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// An offset is one number the trampolines use: its macro, its Go constant, and how it is
// computed from go_asm.h's #defines (a sum of them).
type offset struct {
	macro, name string
	sum         []string
	doc         string
}

// offsets are the numbers generated, in order.
var offsets = []offset{
	{"VG_g_m", "vgGM", []string{"g_m"}, "g.m"},
	{"VG_g_sched_sp", "vgGSchedSP", []string{"g_sched", "gobuf_sp"}, "g.sched.sp"},
	{"VG_stack_lo", "vgStackLo", []string{"g_stack", "stack_lo"}, "g.stack.lo"},
	{"VG_stack_hi", "vgStackHi", []string{"g_stack", "stack_hi"}, "g.stack.hi"},
	{"VG_m_g0", "vgMG0", []string{"m_g0"}, "m.g0"},
	{"VG_m_procid", "vgMProcid", []string{"m_procid"}, "m.procid"},
	{"VG_m_gsignal", "vgMGsignal", []string{"m_gsignal"}, "m.gsignal"},
	{"VG_m_curg", "vgMCurg", []string{"m_curg"}, "m.curg"},
	{"VG_m_vdsoSP", "vgMVdsoSP", []string{"m_vdsoSP"}, "m.vdsoSP"},
	{"VG_m_vdsoPC", "vgMVdsoPC", []string{"m_vdsoPC"}, "m.vdsoPC"},
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("goffsets: ")
	d := arches.Flags()
	release, err := Release()
	if err != nil {
		log.Fatal(err)
	}
	vals := map[string]map[string]int64{}
	for _, a := range Arches() {
		v, err := Offsets(a.GOARCH)
		if err != nil {
			log.Fatal(err)
		}
		vals[a.GOARCH] = v
	}
	if err := write(d.Out, release, vals); err != nil {
		log.Fatal(err)
	}
}

// Arches are the arches with direct vDSO calls: all but the mips family.
func Arches() []arches.Arch {
	var l []arches.Arch
	for _, a := range arches.All {
		if !strings.HasPrefix(a.GOARCH, "mips") {
			l = append(l, a)
		}
	}
	return l
}

// Release is the Go release of the toolchain on PATH ("go1.26" for go1.26.8).
func Release() (string, error) {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOVERSION: %v", err)
	}
	v := strings.TrimSpace(string(out))
	if m := regexp.MustCompile(`^go\d+\.\d+`).FindString(v); m != "" {
		return m, nil
	}
	return "", fmt.Errorf("cannot read a release from %q", v)
}

var defineRe = regexp.MustCompile(`^#define (\w+) (-?\d+)$`)

// Offsets compiles the runtime for linux/goarch and returns the offsets from its go_asm.h.
func Offsets(goarch string) (map[string]int64, error) {
	cmd := exec.Command("go", "build", "-a", "-work", "-o", os.DevNull, "runtime")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	work := ""
	for _, l := range strings.Split(stderr.String(), "\n") {
		if w, ok := strings.CutPrefix(l, "WORK="); ok {
			work = strings.TrimSpace(w)
		}
	}
	if work != "" {
		defer os.RemoveAll(work)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: go build runtime: %v\n%s", goarch, err, stderr.String())
	}
	hdrs, _ := filepath.Glob(filepath.Join(work, "*", "go_asm.h"))
	for _, h := range hdrs {
		defs, err := readDefines(h)
		if err != nil {
			return nil, err
		}
		if _, ok := defs["m_vdsoSP"]; !ok {
			continue // not the runtime's
		}
		return pick(goarch, defs)
	}
	return nil, fmt.Errorf("%s: no go_asm.h of the runtime in %s", goarch, work)
}

// readDefines reads the numeric #defines of a go_asm.h.
func readDefines(path string) (map[string]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defs := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := defineRe.FindStringSubmatch(sc.Text()); m != nil {
			defs[m[1]], _ = strconv.ParseInt(m[2], 10, 64)
		}
	}
	return defs, sc.Err()
}

// pick computes the offsets from go_asm.h's #defines.
func pick(goarch string, defs map[string]int64) (map[string]int64, error) {
	out := map[string]int64{}
	for _, o := range offsets {
		var v int64
		for _, d := range o.sum {
			x, ok := defs[d]
			if !ok {
				return nil, fmt.Errorf("%s: go_asm.h has no %s (the runtime changed: see vdso_validate_linux_notmips.go)", goarch, d)
			}
			v += x
		}
		out[o.macro] = v
	}
	return out, nil
}

// byWordSize returns the offsets of the 64-bit and of the 32-bit arches, or an error when
// arches of one word size disagree.
func byWordSize(vals map[string]map[string]int64) (v64, v32 map[string]int64, err error) {
	for _, a := range Arches() {
		v := vals[a.GOARCH]
		p := &v64
		if a.PtrSize == 4 {
			p = &v32
		}
		if *p == nil {
			*p = v
			continue
		}
		for _, o := range offsets {
			if v[o.macro] != (*p)[o.macro] {
				return nil, nil, fmt.Errorf("%s: %s = %d, other %d-bit arches have %d: the offsets no longer depend on the word size only (extend internal/gen/goffsets)",
					a.GOARCH, o.macro, v[o.macro], 8*a.PtrSize, (*p)[o.macro])
			}
		}
	}
	if v64 == nil || v32 == nil {
		return nil, nil, fmt.Errorf("offsets of both word sizes are needed")
	}
	return v64, v32, nil
}

// write writes zgoffsets_linux.h and zgoffsets_linux_notmips.go.
func write(out, release string, vals map[string]map[string]int64) error {
	v64, v32, err := byWordSize(vals)
	if err != nil {
		return err
	}
	var a32 []string
	for _, a := range Arches() {
		if a.PtrSize == 4 {
			a32 = append(a32, a.GOARCH)
		}
	}
	from := "the " + release + " runtime's go_asm.h"
	var b strings.Builder
	b.WriteString(gofile.Header("goffsets", from) + "\n")
	b.WriteString("// Offsets of the runtime's g and m fields that the vDSO trampolines read and write, for\n")
	fmt.Fprintf(&b, "// %s (vdsoRuntimeRelease); vdsoValidate checks them at init.\n\n", release)
	// The assembler's preprocessor has #ifdef, not #if.
	for _, a := range a32 {
		fmt.Fprintf(&b, "#ifdef GOARCH_%s\n#define VG_32BIT\n#endif\n", a)
	}
	b.WriteString("\n#ifdef VG_32BIT\n")
	for _, o := range offsets {
		fmt.Fprintf(&b, "#define %s %d\n", o.macro, v32[o.macro])
	}
	b.WriteString("#else\n")
	for _, o := range offsets {
		fmt.Fprintf(&b, "#define %s %d\n", o.macro, v64[o.macro])
	}
	b.WriteString("#endif\n")
	if err := gofile.WriteRaw(filepath.Join(out, "zgoffsets_linux.h"), []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(gofile.Header("goffsets", from) + "\n")
	b.WriteString("//go:build linux && !(mips || mipsle || mips64 || mips64le)\n\npackage linux\n\nimport \"unsafe\"\n\n")
	fmt.Fprintf(&b, "// vdsoRuntimeRelease is the Go release whose runtime offsets these are.\nconst vdsoRuntimeRelease = %q\n\n", release)
	b.WriteString("// The offsets of zgoffsets_linux.h again, for vdsoValidate: the first number is the\n// 64-bit arches', the second the 32-bit arches'.\nconst (\n")
	b.WriteString("\tvg64 = unsafe.Sizeof(uintptr(0)) / 8 // 1 on the 64-bit arches, 0 on the 32-bit ones\n\n")
	for _, o := range offsets {
		fmt.Fprintf(&b, "\t%s = %d*vg64 + %d*(1-vg64) // %s\n", o.name, v64[o.macro], v32[o.macro], o.doc)
	}
	b.WriteString(")\n")
	return gofile.Write(filepath.Join(out, "zgoffsets_linux_notmips.go"), []byte(b.String()))
}
