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

// fakeInclude writes errno headers shaped like the kernel's for arch a: the generic ones
// and an asm/errno.h that renumbers one errno and adds an alias.
func fakeInclude(t *testing.T, a arches.Arch) string {
	t.Helper()
	inc := t.TempDir()
	files := map[string]string{
		"asm-generic/errno-base.h": "#ifndef _ASM_GENERIC_ERRNO_BASE_H\n#define _ASM_GENERIC_ERRNO_BASE_H\n" +
			"#define\tEPERM\t\t 1\t/* Operation not permitted */\n" +
			"#define\tENOENT\t\t 2\t/* No such file or directory */\n" +
			"#define\tEAGAIN\t\t11\t/* Try again */\n#endif\n",
		"asm-generic/errno.h": "#include <asm-generic/errno-base.h>\n" +
			"#define\tEDEADLK\t\t35\t/* Resource deadlock would occur */\n" +
			"#define\tEWOULDBLOCK\tEAGAIN\t/* Operation would block */\n" +
			"#define\tEDEADLOCK\tEDEADLK\n",
		a.Triplet + "/asm/errno.h": "#include <asm-generic/errno.h>\n",
		"linux/errno.h":            "#include <asm/errno.h>\n",
	}
	for f, text := range files {
		p := filepath.Join(inc, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return inc
}

func TestHeaderDefines(t *testing.T) {
	a, _ := arches.Lookup("arm64")
	order, msgs, err := headerDefines(a, fakeInclude(t, a))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, " "); got != "EPERM ENOENT EAGAIN EDEADLK EWOULDBLOCK EDEADLOCK" {
		t.Errorf("order %s", got)
	}
	if msgs["EWOULDBLOCK"] != "Operation would block" || msgs["EPERM"] != "Operation not permitted" || msgs["EDEADLOCK"] != "" {
		t.Errorf("messages %v", msgs)
	}
}

// TestTable evaluates the fake headers with clang and checks the tables and the Go text:
// a number is named by its first definition, an alias without a comment says which it
// equals.
func TestTable(t *testing.T) {
	if _, err := exec.LookPath(cc.Compiler()); err != nil {
		if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" {
			t.Fatalf("%s not found", cc.Compiler())
		}
		t.Skipf("%s not found", cc.Compiler())
	}
	a, _ := arches.Lookup("amd64")
	tab, err := read(a, fakeInclude(t, a))
	if err != nil {
		t.Fatal(err)
	}
	if tab.names[11] != "EAGAIN" || tab.names[35] != "EDEADLK" || tab.messages[11] != "Try again" || len(tab.names) != 36 {
		t.Errorf("names %q", tab.names)
	}
	raw, linux := tab.items()
	text := map[string]string{}
	for _, it := range raw {
		text[it.Key] = it.Text
	}
	for k, want := range map[string]string{
		"EWOULDBLOCK": "EWOULDBLOCK Errno = 11 // Operation would block",
		"EDEADLOCK":   "EDEADLOCK Errno = 35 // same as EDEADLK",
		"EPERM":       "EPERM Errno = 1 // Operation not permitted",
	} {
		if text[k] != want {
			t.Errorf("%s: %q, want %q", k, text[k], want)
		}
	}
	if !strings.Contains(text["errnoNames"], "11: \"EAGAIN\",") || strings.Contains(text["errnoNames"], "EWOULDBLOCK") {
		t.Errorf("errnoNames:\n%s", text["errnoNames"])
	}
	if len(linux) != 6 || linux[0].Text != "EAGAIN = raw.EAGAIN" {
		t.Errorf("re-exports %v", linux)
	}
}

// TestWriteSplits: a table shared by some arches lands in their family's file.
func TestWriteSplits(t *testing.T) {
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "raw"), 0o755)
	tables := map[string]table{}
	for _, a := range arches.All {
		v := uint64(11)
		if strings.HasPrefix(a.GOARCH, "mips") {
			v = 12
		}
		tab := table{byName: []errno{{"EAGAIN", "Try again", v}, {"EPERM", "Operation not permitted", 1}},
			names: make([]string, v+1), messages: make([]string, v+1)}
		tab.names[1], tab.names[v] = "EPERM", "EAGAIN"
		tables[a.GOARCH] = tab
	}
	if err := write(out, tables); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"raw/zerrno_linux.go", "raw/zerrno_linux_mipsany.go", "raw/zerrno_linux_notmips.go", "zerrno_linux.go"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "raw/zerrno_linux_mipsany.go"))
	if !strings.Contains(string(b), "EAGAIN Errno = 12") || !strings.Contains(string(b), gofile.Header("errno", "the kernel's UAPI errno headers for mips, mipsle, mips64, mips64le")) {
		t.Errorf("raw/zerrno_linux_mipsany.go:\n%s", b)
	}
}
