package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

func arch(t *testing.T, name string) arches.Arch {
	a, ok := arches.Lookup(name)
	if !ok {
		t.Fatalf("no arch %s", name)
	}
	return a
}

// TestScalars: the C integer types map to Go types of the same signedness and width on
// every arch (long follows the word size; char is byte everywhere).
func TestScalars(t *testing.T) {
	for _, a := range arches.All {
		w := &world{a: a}
		word := "64"
		if a.PtrSize == 4 {
			word = "32"
		}
		for c, want := range map[string]string{
			"char": "uint8", "signed char": "int8", "unsigned char": "uint8", "_Bool": "bool",
			"short": "int16", "unsigned short": "uint16", "int": "int32", "unsigned int": "uint32",
			"long": "int" + word, "unsigned long": "uint" + word,
			"long long": "int64", "unsigned long long": "uint64",
		} {
			got, _, ok := w.scalar(c)
			if !ok || got != want {
				t.Errorf("%s: C %s is %s, want %s", a.GOARCH, c, got, want)
			}
		}
	}
}

// TestGoTypeOf translates typedefs, arrays and pointers without clang.
func TestGoTypeOf(t *testing.T) {
	for _, c := range []struct {
		arch, c, want string
		size          int64
	}{
		{"amd64", "__u32", "uint32", 4},
		{"amd64", "__kernel_long_t", "int64", 8},
		{"386", "__kernel_long_t", "int32", 4},
		{"amd64", "__u32[4]", "[4]uint32", 16},
		{"amd64", "char[2][3]", "[2][3]uint8", 6},
		{"amd64", "const char *", "*byte", 8},
		{"arm", "void *", "*byte", 4},
		{"amd64", "int *", "*int32", 8},
		{"amd64", "void (*)(int)", "uintptr", 8},
		{"amd64", "char **", "uintptr", 8},
		{"amd64", "enum e", "int32", 4},
		{"amd64", "__u8[]", "[0]uint8", 0},
	} {
		w := &world{a: arch(t, c.arch), records: map[string]*record{}, typedefs: map[string]string{
			"__u32": "unsigned int", "__u8": "unsigned char", "__kernel_long_t": "long"}}
		ct, err := w.goTypeOf(c.c, nil, "", "")
		if err != nil {
			t.Errorf("%s %s: %v", c.arch, c.c, err)
			continue
		}
		if ct.goType != c.want || ct.size != c.size {
			t.Errorf("%s: C %s is %s (%d bytes), want %s (%d)", c.arch, c.c, ct.goType, ct.size, c.want, c.size)
		}
	}
	w := &world{a: arch(t, "amd64"), records: map[string]*record{}, typedefs: map[string]string{}}
	if _, err := w.goTypeOf("float", nil, "", ""); err == nil {
		t.Error("float translated")
	}
}

func TestLiteral(t *testing.T) {
	for c, want := range map[constant]string{
		{value: 7}:                   "7",
		{value: 10}:                  "0xa",
		{value: -1}:                  "0xffffffffffffffff", // the 64-bit pattern of an unsigned value
		{value: -22, negative: true}: "-22",
	} {
		if got := c.literal(); got != want {
			t.Errorf("%+v: %s, want %s", c, got, want)
		}
	}
}

// The synthetic header of TestGenerateSmall: a bit-field, an anonymous union, a union with
// an anonymous struct member, a packed struct with an unaligned 64-bit field.
const smallHeader = `
struct test_small {
	short s_a;
	unsigned short s_b;
	unsigned int s_lo:3, s_hi:5;
	union { unsigned int s_u32; unsigned char s_u8; };
	long s_l;
	char s_name[4];
	void *s_p;
	unsigned long long __s_pad;
};
struct test_packed { unsigned int p_a; unsigned long long p_b; } __attribute__((packed));
union rl_views { struct { unsigned int first; int second; }; unsigned long long raw; };
`

// TestGenerateSmall runs the generator's C-to-Go pipeline (AST and layouts, the Go types,
// clang's field types, the accessors' bytes) on a synthetic header for a little- and a
// big-endian arch and a 32-bit one, and checks the Go it makes. It needs clang-19 only.
func TestGenerateSmall(t *testing.T) {
	if _, err := exec.LookPath(cc.Compiler()); err != nil {
		if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" {
			t.Fatalf("%s not found", cc.Compiler())
		}
		t.Skipf("%s not found", cc.Compiler())
	}
	inc := t.TempDir()
	if err := os.WriteFile(filepath.Join(inc, "rl_small.h"), []byte(smallHeader), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("unnamed-view", func(t *testing.T) {
		// An anonymous struct member of a union must be named in spec.UnionViews.
		u := &unit{a: arch(t, "amd64"), include: inc, headers: []string{"rl_small.h"}}
		nodes, lays, err := u.astAndLayouts([]string{"union rl_views"})
		if err != nil {
			t.Fatal(err)
		}
		w, err := newWorld(u.a, nodes, lays, map[string]bool{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.emit(w.records["union rl_views"], "", ""); err == nil || !strings.Contains(err.Error(), "UnionViews") {
			t.Errorf("union rl_views: %v, want an error naming spec.UnionViews", err)
		}
	})
	for _, name := range []string{"amd64", "s390x", "arm"} {
		a := arch(t, name)
		t.Run(name, func(t *testing.T) {
			u := &unit{a: a, include: inc, headers: []string{"rl_small.h"}}
			recs := []string{"struct test_small", "struct test_packed"}
			nodes, lays, err := u.astAndLayouts(recs)
			if err != nil {
				t.Fatal(err)
			}
			w, err := newWorld(a, nodes, lays, map[string]bool{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if _, err := w.emit(w.records[r], "", ""); err != nil {
					t.Fatal(err)
				}
			}
			types := sortedGoTypes(w.emitted)
			if err := u.fieldTypes(types); err != nil {
				t.Fatal(err)
			}
			accs, err := u.accessorBytes(types)
			if err != nil {
				t.Fatal(err)
			}
			small, packed := w.byName["TestSmall"], w.byName["TestPacked"]
			if small == nil || packed == nil {
				t.Fatalf("types %v", w.byName)
			}
			word := map[int]string{4: "int32", 8: "int64"}[a.PtrSize]
			for _, want := range []string{"\tA int16 // s_a\n", "\tB uint16 // s_b\n", "\tBits uint32 // bit-fields",
				"\tU32 uint32 // s_u32 (a union member", "\tL " + word + " // s_l\n", "\tName [4]uint8", "\tP *byte", "\t_ uint64"} {
				if !strings.Contains(small.decl(), want) {
					t.Errorf("TestSmall lacks %q:\n%s", want, small.decl())
				}
			}
			ctypes := map[string]string{}
			for _, f := range small.fields {
				ctypes[f.name] = f.ctype
			}
			wantC := map[string]string{"A": "i16", "B": "u16", "Bits": "bits", "U32": "u32", "L": "i" + word[3:], "Name": "[4]char", "P": "ptr"}
			for f, c := range wantC {
				if ctypes[f] != c {
					t.Errorf("TestSmall.%s: clang's type %q, want %q", f, ctypes[f], c)
				}
			}
			// The bit-fields' shifts follow the byte order.
			shift := map[bool]string{false: ">> 3) & 0x1f", true: ">> 24) & 0x1f"}[a.BigEndian]
			found := false
			for _, m := range small.methods {
				if m.name == "Hi" {
					found = strings.Contains(m.text, shift)
				}
			}
			if !found {
				t.Errorf("TestSmall.Hi: no %q in %v", shift, small.methods)
			}
			// The packed struct's 8-byte field at offset 4 is bytes with accessors on the
			// arches where gc aligns uint64 to 8, a plain field where it aligns it to 4.
			if a.PtrSize == 8 && !strings.Contains(packed.decl(), "B [8]byte") {
				t.Errorf("TestPacked.B not stored bytewise:\n%s", packed.decl())
			}
			// Every accessor check compiled in C and has bytes, with the member's C type.
			n := 0
			for _, x := range accs {
				if x.g == small && x.c.get == "U8" {
					n++
					if x.c.ctype != "u8" || sparse(x.bytes) == "" {
						t.Errorf("U8 check: ctype %q bytes %q", x.c.ctype, sparse(x.bytes))
					}
				}
			}
			if n != 1 {
				t.Errorf("%d accessor checks of TestSmall.U8", n)
			}
		})
	}
}

// TestItemsShareAcrossArches: identical declarations land in one file, and a struct's doc
// states its C size only where every arch sharing the declaration agrees.
func TestItemsShareAcrossArches(t *testing.T) {
	res := map[string]*archResult{}
	for _, a := range arches.All {
		g := &goType{name: "T", cdesc: "struct t", cSize: int64(a.PtrSize), cAlign: int64(a.PtrSize),
			fields: []goField{{name: "P", typ: "uintptr", size: int64(a.PtrSize), ctype: "ptr"}}}
		res[a.GOARCH] = &archResult{a: a, types: []*goType{g}, left: map[string]string{}}
	}
	items, err := typeItems(res)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := gofile.Split(gofile.File{Dir: dir, Base: "ztypes", Package: "p"}, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0] != "ztypes_linux.go" {
		t.Fatalf("files %v, want one for all arches", files)
	}
	b, _ := os.ReadFile(filepath.Join(dir, files[0]))
	if s := string(b); !strings.Contains(s, "// T is struct t (its size and alignment follow the arch).") || !strings.Contains(s, "_ structs.HostLayout") {
		t.Errorf("ztypes_linux.go:\n%s", s)
	}
}
