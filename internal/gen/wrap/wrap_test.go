package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

func arch(t *testing.T, name string) arches.Arch {
	a, ok := arches.Lookup(name)
	if !ok {
		t.Fatal(name)
	}
	return a
}

func stanzaOf(t *testing.T, text string) *stanza {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.spec"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sp, err := readSpec(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.stanzas) != 1 {
		t.Fatalf("%d stanzas", len(sp.stanzas))
	}
	st := sp.stanzas[0]
	if len(st.calls) == 0 {
		st.calls = []callRow{{row: "x"}}
	}
	return st
}

func body(t *testing.T, st *stanza, goarch string, proto ...systab.Arg) (string, error) {
	t.Helper()
	return emit(st, arch(t, goarch), systab.Entry{Name: "pread64", EntryPoint: "sys_pread64"}, proto, map[string]bool{})
}

var pread = []systab.Arg{{Type: "unsigned int", Name: "fd"}, {Type: "char __user *", Name: "buf"}, {Type: "size_t", Name: "count"}, {Type: "loff_t", Name: "pos"}}

func TestRegisterPairs(t *testing.T) {
	st := stanzaOf(t, "func Pread64(fd FD, buf []byte, pos int64) (int, error)\n\tcount = len(buf)\n")
	cases := map[string]string{
		"amd64":  "raw.Syscall6(SYS_PREAD64, uintptr(fd), uintptr(p0), uintptr(len(buf)), uintptr(pos), 0, 0)",
		"arm":    "raw.Syscall6(SYS_PREAD64, uintptr(fd), uintptr(p0), uintptr(len(buf)), 0, pair0(uint64(pos)), pair1(uint64(pos)))",
		"mips":   "raw.Syscall6(SYS_PREAD64, uintptr(fd), uintptr(p0), uintptr(len(buf)), 0, pair0(uint64(pos)), pair1(uint64(pos)))",
		"mips64": "raw.Syscall6(SYS_PREAD64, uintptr(fd), uintptr(p0), uintptr(len(buf)), uintptr(pos), 0, 0)",
	}
	for a, want := range cases {
		got, err := body(t, st, a, pread...)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if !strings.Contains(got, want) {
			t.Errorf("%s:\n%s\nwant %s", a, got, want)
		}
	}
	// 386 passes one register per argument: a 64-bit one needs a split entry point.
	if _, err := body(t, st, "386", pread...); err == nil || !strings.Contains(err.Error(), "386") {
		t.Errorf("386 with a loff_t argument: %v", err)
	}
}

func TestSevenWordsOnO32(t *testing.T) {
	st := stanzaOf(t, "func SyncFileRange(fd FD, offset, nbytes int64, flags uint32) error\n")
	proto := []systab.Arg{{Type: "int", Name: "fd"}, {Type: "loff_t", Name: "offset"}, {Type: "loff_t", Name: "nbytes"}, {Type: "unsigned int", Name: "flags"}}
	got, err := body(t, st, "mipsle", proto...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "raw.Syscall8(SYS_PREAD64, uintptr(fd), 0, pair0(uint64(offset)), pair1(uint64(offset)), pair0(uint64(nbytes)), pair1(uint64(nbytes)), uintptr(flags), 0)") {
		t.Errorf("mipsle:\n%s", got)
	}
	// Nowhere else do seven words fit.
	proto7 := append(proto[:3:3], systab.Arg{Type: "int", Name: "a"}, systab.Arg{Type: "int", Name: "b"}, systab.Arg{Type: "int", Name: "c"}, systab.Arg{Type: "int", Name: "d"})
	st7 := stanzaOf(t, "func X(fd FD, offset, nbytes int64, a, b, c, d int) error\n")
	if _, err := body(t, st7, "amd64", proto7...); err == nil {
		t.Error("seven arguments accepted on amd64")
	}
}

func TestMappingsAndConversions(t *testing.T) {
	st := stanzaOf(t, "func Openat2(dirfd FD, path string, how *OpenHow) (FD, error)\n\tdfd = dirfd\n\tfilename = path\n\tsize = sizeof(how)\n")
	proto := []systab.Arg{{Type: "int", Name: "dfd"}, {Type: "const char __user *", Name: "filename"}, {Type: "struct open_how __user *", Name: "how"}, {Type: "size_t", Name: "size"}}
	got, err := body(t, st, "amd64", proto...)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"var p0buf cbuf", "p0, cerr := cstring(path, &p0buf)", "unsafe.Sizeof(*how)", "return FD(r1), nil", "https://man7.org/linux/man-pages/man2/"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	// An unmapped C argument without a parameter of its name is an error.
	bad := stanzaOf(t, "func Openat2(dirfd FD, path string, how *OpenHow) (FD, error)\n\tfilename = path\n")
	if _, err := body(t, bad, "amd64", proto...); err == nil || !strings.Contains(err.Error(), "dfd") {
		t.Errorf("unmapped dfd: %v", err)
	}
	// A parameter that reaches no argument is an error.
	unused := stanzaOf(t, "func F(fd FD, extra int) error\n")
	if _, err := body(t, unused, "amd64", systab.Arg{Type: "int", Name: "fd"}); err == nil || !strings.Contains(err.Error(), "extra") {
		t.Errorf("unused parameter: %v", err)
	}
	// An out-parameter is a named result, zeroed on error.
	out := stanzaOf(t, "func Fstat(fd FD) (st Stat_t, err error)\n\tstatbuf = &st\n")
	structTypes["Stat_t"] = true
	got, err = body(t, out, "amd64", systab.Arg{Type: "unsigned int", Name: "fd"}, systab.Arg{Type: "struct stat __user *", Name: "statbuf"})
	if err != nil || !strings.Contains(got, "uintptr(unsafe.Pointer(&st))") || !strings.Contains(got, "return Stat_t{}, errno") {
		t.Errorf("out-parameter: %v\n%s", err, got)
	}
	// A negative constant goes through an int variable.
	c := stanzaOf(t, "func Stat(path string) (st Stat_t, err error)\n\tfilename = path\n\tstatbuf = &st\n\tdfd = AT_FDCWD\n")
	got, err = body(t, c, "arm64", systab.Arg{Type: "int", Name: "dfd"}, systab.Arg{Type: "const char __user *", Name: "filename"}, systab.Arg{Type: "struct stat __user *", Name: "statbuf"})
	if err != nil || !strings.Contains(got, ":= int(AT_FDCWD)") {
		t.Errorf("constant: %v\n%s", err, got)
	}
	// lo/hi are the words of a split 64-bit value; hi is 0 on 64-bit arches.
	lh := stanzaOf(t, "func Preadv(fd FD, off int64) error\n\tpos_l = lo(off)\n\tpos_h = hi(off)\n")
	p := []systab.Arg{{Type: "unsigned long", Name: "fd"}, {Type: "unsigned long", Name: "pos_l"}, {Type: "unsigned long", Name: "pos_h"}}
	if got, _ := body(t, lh, "amd64", p...); !strings.Contains(got, "uintptr(off), 0") {
		t.Errorf("lo/hi on amd64:\n%s", got)
	}
	if got, _ := body(t, lh, "arm", p...); !strings.Contains(got, "uintptr(uint32(off)), uintptr(uint64(off) >> 32)") {
		t.Errorf("lo/hi on arm:\n%s", got)
	}
}

func TestSpecErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"func F() error\n\tbogus line\n", "unknown line"},
		{"func F() error\n\tfd = x\n\tfd = y\n", "mapped twice"},
		{"\tdoc x\n", "outside a stanza"},
		{"func F(int) error\n", "named"},
		{"func F() (error, int)\n", "last"},
		{"something else\n", "expected a func"},
		{"rows read\nrows read\n", "already in group"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "t.spec"), []byte(c.text), 0o644)
		if _, err := readSpec(dir); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}

func TestCamel(t *testing.T) {
	for row, want := range map[string]string{"openat2": "Openat2", "close_range": "CloseRange", "_llseek": "Llseek",
		"io_uring_setup": "IoUringSetup", "fadvise64_64": "Fadvise6464", "rt_sigaction": "RtSigaction"} {
		if got := camel(row); got != want {
			t.Errorf("camel(%q) = %q, want %q", row, got, want)
		}
	}
}

// TestCommittedSpecGenerates runs the whole generator on the committed spec: every stanza
// must generate on every arch it covers (the same check go generate makes).
func TestCommittedSpecGenerates(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if err := readStructTypes(root); err != nil {
		t.Fatal(err)
	}
	sp, err := readSpec(filepath.Join(root, "spec"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := generate(sp)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.items["amd64"]); n < 100 {
		t.Fatalf("only %d wrappers on amd64", n)
	}
}
