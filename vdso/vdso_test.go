package vdso

import (
	"bytes"
	"debug/elf"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// wantClock is the clock_gettime symbol each arch's linker script exports
// (arch/*/.../vdso*.lds.S in Linux 7.2).
var wantClock = map[string]string{
	"amd64":   "__vdso_clock_gettime@LINUX_2.6",
	"386":     "__vdso_clock_gettime64@LINUX_2.6",
	"arm":     "__vdso_clock_gettime64@LINUX_2.6",
	"arm64":   "__kernel_clock_gettime@LINUX_2.6.39",
	"riscv64": "__vdso_clock_gettime@LINUX_4.15",
	"loong64": "__vdso_clock_gettime@LINUX_5.10",
	"ppc64":   "__kernel_clock_gettime@LINUX_2.6.15",
	"ppc64le": "__kernel_clock_gettime@LINUX_2.6.15",
	"s390x":   "__kernel_clock_gettime@LINUX_2.6.29",
}

func live(t *testing.T) *Image {
	t.Helper()
	if !Present() {
		if errors.Is(Err(), ErrNoVDSO) && strings.HasPrefix(runtime.GOARCH, "mips") {
			t.Skipf("this process has no vDSO (%v): qemu-user gives the mips family none", Err())
		}
		// The kernel maps one on every other arch, and so does qemu 11.
		t.Fatalf("no usable vDSO: %v", Err())
	}
	return Loaded()
}

func TestLive(t *testing.T) {
	im := live(t)
	syms := Symbols()
	if len(syms) == 0 {
		t.Fatal("no symbols")
	}
	for _, s := range syms {
		t.Logf("%v", s)
		if s.Addr < Base() || s.Addr >= Base()+uintptr(im.Size) {
			t.Errorf("%v: address outside [%#x, +%#x)", s, Base(), im.Size)
		}
	}
	want, ok := wantClock[runtime.GOARCH]
	if !ok {
		t.Skipf("no expectation for %s", runtime.GOARCH)
	}
	name, ver, _ := strings.Cut(want, "@")
	if Lookup(name, ver) == 0 {
		t.Errorf("%s not found", want)
	}
	if Lookup(name, "LINUX_0.0") != 0 {
		t.Errorf("%s found with a wrong version", name)
	}
	if Lookup("__vdso_no_such_function", "") != 0 {
		t.Error("found a function that does not exist")
	}
}

// TestAgainstDebugELF compares the parser with the standard library's debug/elf, which reads
// the section headers (an independent path to the same symbols).
func TestAgainstDebugELF(t *testing.T) {
	live(t)
	img := Bytes()
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Skipf("debug/elf cannot read the image (%v): section headers outside the loaded bytes", err)
	}
	dsyms, err := f.DynamicSymbols()
	if err != nil {
		t.Skipf("debug/elf: %v", err)
	}
	ours := map[string]Symbol{}
	for _, s := range Symbols() {
		ours[s.Name+"@"+s.Version] = s
	}
	n := 0
	for _, d := range dsyms {
		typ, bind := elf.ST_TYPE(d.Info), elf.ST_BIND(d.Info)
		if d.Section == elf.SHN_UNDEF || (typ != elf.STT_FUNC && typ != elf.STT_NOTYPE) || (bind != elf.STB_GLOBAL && bind != elf.STB_WEAK) {
			continue
		}
		n++
		key := d.Name + "@" + d.Version
		s, ok := ours[key]
		if !ok {
			t.Errorf("debug/elf has %s, the parser does not", key)
			continue
		}
		if s.Value != d.Value || s.Size != d.Size {
			t.Errorf("%s: value %#x size %d, debug/elf %#x size %d", key, s.Value, s.Size, d.Value, d.Size)
		}
	}
	if n != len(ours) {
		t.Errorf("debug/elf: %d function symbols, parser %d", n, len(ours))
	}
	// The runtime's "inside the vDSO" range, from debug/elf's program headers.
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			im := Loaded()
			start := int64(p.Off) - int64(p.Vaddr)
			if im.FirstLoadStart != start || im.FirstLoadEnd != start+int64(p.Memsz) {
				t.Errorf("first PT_LOAD range [%d, %d), debug/elf says [%d, %d)", im.FirstLoadStart, im.FirstLoadEnd, start, start+int64(p.Memsz))
			}
			break
		}
	}
}

// TestFunctionsInFirstLoad compares InFirstLoad with the runtime's rule computed from
// debug/elf's program headers for every function of the live vDSO. A kernel's vDSO is linked
// at address 0, so its functions lie inside (the direct calls of the register-g arches rely
// on it); qemu-user links its images at their load address, which puts them all outside.
func TestFunctionsInFirstLoad(t *testing.T) {
	im := live(t)
	f, err := elf.NewFile(bytes.NewReader(Bytes()))
	if err != nil {
		t.Skipf("debug/elf cannot read the image: %v", err)
	}
	var load *elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			load = p
			break
		}
	}
	if load == nil {
		t.Fatal("debug/elf finds no PT_LOAD")
	}
	inside, n := 0, 0
	for _, s := range Symbols() {
		if s.Size == 0 {
			continue // an absolute marker such as the LINUX_2.6 version symbol
		}
		n++
		// The runtime's range, [vaddr 0, vaddr p_memsz), and the symbol's bytes
		// [st_value, st_value+st_size), both as offsets in the image.
		lo := int64(load.Off - load.Vaddr)
		o := int64(s.Value - load.Vaddr + load.Off)
		want := lo <= o && o+int64(s.Size) <= lo+int64(load.Memsz)
		if got := im.InFirstLoad(s); got != want {
			t.Errorf("%v (%d bytes): InFirstLoad %v, debug/elf's program headers say %v", s, s.Size, got, want)
		}
		if want {
			inside++
		}
		out := s
		out.Offset = uint64(im.FirstLoadEnd) - s.Size/2
		if im.InFirstLoad(out) && s.Size > 1 {
			t.Errorf("%v moved to straddle the end still counts as inside", s)
		}
	}
	t.Logf("first PT_LOAD at vaddr %#x: %d of %d functions inside the runtime's vDSO range", load.Vaddr, inside, n)
	if load.Vaddr == 0 && inside != n {
		t.Errorf("an image linked at 0 with functions outside its first PT_LOAD")
	}
}

// TestTruncated parses every prefix of the real image and a copy with each byte of the
// headers flipped: errors are fine, panics are not.
func TestTruncated(t *testing.T) {
	live(t)
	img := Bytes()
	for n := 0; n < len(img); n++ {
		Parse(img[:n:n], 0)
	}
	for i := 0; i < len(img) && i < 1024; i++ {
		c := append([]byte(nil), img...)
		c[i] ^= 0xff
		Parse(c, 0)
	}
}

func TestHashes(t *testing.T) {
	for _, c := range []struct {
		s         string
		sysv, gnu uint32
	}{
		// Values from the ELF gABI and the GNU hash definition (h = h*33 + c from 5381).
		{"", 0, 5381},
		{"printf", 0x077905a6, 0x156b2bb8},
		{"exit", 0x0006cf04, 0x7c967e3f},
	} {
		if h := elfHash(c.s); h != c.sysv {
			t.Errorf("elfHash(%q) = %#x, want %#x", c.s, h, c.sysv)
		}
		if h := gnuHash(c.s); h != c.gnu {
			t.Errorf("gnuHash(%q) = %#x, want %#x", c.s, h, c.gnu)
		}
	}
}

// fuzzSeeds are more seeds for FuzzParse (synth_linux_test.go adds its synthetic images).
var fuzzSeeds []func() [][]byte

func FuzzParse(f *testing.F) {
	if Present() {
		f.Add(Bytes())
	}
	for _, seeds := range fuzzSeeds {
		for _, b := range seeds() {
			f.Add(b)
		}
	}
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	f.Add([]byte("\x7fELF\x01\x02\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		im, err := Parse(b, 0)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		for _, s := range im.Symbols() {
			if s.Offset >= uint64(len(b)) {
				t.Fatalf("%v: offset %#x beyond %d bytes", s, s.Offset, len(b))
			}
			im.InFirstLoad(s) // any image, any symbol: an answer, never a panic
			if got, ok := im.Lookup(s.Name, s.Version); !ok || got.Name != s.Name {
				t.Fatalf("Lookup(%q, %q) = %v, %v", s.Name, s.Version, got, ok)
			}
		}
	})
}
