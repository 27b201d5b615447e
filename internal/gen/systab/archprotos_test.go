package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

type mapFacts map[string]int64 // defined macros and their values; absent: undefined

func (m mapFacts) defined(n string) tri {
	if n == "UNKNOWN" {
		return unknown
	}
	_, ok := m[n]
	return triOf(ok)
}

func (m mapFacts) value(n string) (int64, bool) {
	if n == "UNKNOWN" {
		return 0, false
	}
	return m[n], true
}

func TestEvalC(t *testing.T) {
	f := mapFacts{"CONFIG_A": 1, "BITS_PER_LONG": 32}
	for _, c := range []struct {
		cond string
		want tri
	}{
		{"", yes},
		{"CONFIG_A", yes},
		{"CONFIG_B", no},
		{"!CONFIG_B && CONFIG_A", yes},
		{"defined(CONFIG_A) || UNKNOWN", yes},
		{"CONFIG_B && UNKNOWN", no},
		{"CONFIG_A && UNKNOWN", unknown},
		{"BITS_PER_LONG == 32", yes},
		{"!(BITS_PER_LONG == 32)", no},
		{"BITS_PER_LONG == 64 || !defined(CONFIG_A)", no},
		{"IS_ENABLED(CONFIG_A) && UNKNOWN == 3", unknown},
		{"!CONFIG_CLONE_BACKWARDS && !(defined(CONFIG_CLONE_BACKWARDS2))", yes},
	} {
		got, err := evalC(c.cond, f)
		if err != nil || got != c.want {
			t.Errorf("evalC(%q) = %v, %v; want %v", c.cond, got, err, c.want)
		}
	}
}

func TestCppLines(t *testing.T) {
	src := `#ifndef _GUARD_H
#define _GUARD_H
/* a comment
   over lines */
#ifdef CONFIG_A
SYSCALL_DEFINE1(a, int, x) // trailing
#elif defined(CONFIG_B)
long sys_b(void);
#else
long sys_c(unsigned long \
	y);
#endif
#ifndef CONFIG_D
int d;
#endif
#endif
`
	lines, err := cppLines(src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"SYSCALL_DEFINE1(a, int, x)":     "CONFIG_A",
		"long sys_b(void);":              "!CONFIG_A && defined(CONFIG_B)",
		"long sys_c(unsigned long   y);": "!CONFIG_A && !defined(CONFIG_B)",
		"int d;":                         "!CONFIG_D",
	}
	got := map[string]string{}
	for _, l := range lines {
		if !strings.HasPrefix(l.text, "#") {
			got[strings.Join(strings.Fields(l.text), " ")] = l.cond
		}
	}
	for text, cond := range want {
		text = strings.Join(strings.Fields(text), " ")
		if c, ok := got[text]; !ok || c != cond {
			t.Errorf("%q: cond %q (found %v), want %q; all: %q", text, c, ok, cond, got)
		}
	}
	if _, err := cppLines("#if A\n"); err == nil {
		t.Error("unbalanced #if accepted")
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestKconfig(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"arch/x86/Kconfig": `# the arch
config 64BIT
	bool "64-bit kernel" if "$(ARCH)" = "x86"
	default "$(ARCH)" != "i386"
	help
	  select NOT_A_SELECT
	  Text.

config X86_32
	def_bool y
	depends on !64BIT
	select CLONE_BACKWARDS
	select ARCH_SPLIT_ARG64

config X86_64
	def_bool y
	depends on 64BIT

config X86
	def_bool y
	select OLD_SIGACTION if X86_32
	select HAVE_IT if $(success,echo 'a (b)' | cat)

if X86_64
config ONLY64
	def_bool y
endif

config USER_OPT
	bool "An option"
	default y

config FROM_USER
	def_bool y
	depends on USER_OPT

source "arch/x86/Kconfig.more"
source "kernel/Kconfig.missing"
`,
		"arch/x86/Kconfig.more": `config MORE
	bool
	default y if X86_32
`,
		"init/Kconfig": "",
		"arch/Kconfig": `config CLONE_BACKWARDS
	bool
config ARCH_SPLIT_ARG64
	bool
config OLD_SIGACTION
	bool
config NOT_A_SELECT
	bool
`,
	})
	kc, err := readKconfig(tree, "x86")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		arch string
		want map[string]tri
	}{
		{"386", map[string]tri{"64BIT": no, "X86_32": yes, "X86_64": no, "CLONE_BACKWARDS": yes, "ARCH_SPLIT_ARG64": yes,
			"OLD_SIGACTION": yes, "ONLY64": no, "MORE": yes, "NOT_A_SELECT": unknown, "USER_OPT": unknown, "FROM_USER": unknown, "HAVE_IT": unknown, "NOWHERE": unknown}},
		{"amd64", map[string]tri{"64BIT": yes, "X86_32": no, "X86_64": yes, "CLONE_BACKWARDS": no, "ARCH_SPLIT_ARG64": no,
			"OLD_SIGACTION": no, "ONLY64": yes, "MORE": no}},
	} {
		a, _ := arches.Lookup(c.arch)
		kf, err := newKfacts(a, kc)
		if err != nil {
			t.Fatal(err)
		}
		for sym, want := range c.want {
			if got := kf.sym(sym); got != want {
				t.Errorf("%s: %s = %v, want %v (%s)", c.arch, sym, got, want, kf.explain(sym))
			}
		}
	}
	// A root must be an option with a prompt.
	saved := kconfigRoots["386"]
	defer func() { kconfigRoots["386"] = saved }()
	kconfigRoots["386"] = []string{"X86_32"}
	if _, err := newKfacts(arches.All[1], kc); err == nil {
		t.Error("a root without a prompt was accepted")
	}
}

func TestKbuildAndScan(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"arch/x86/Kconfig": "config 64BIT\n\tbool \"64-bit\"\nconfig X86_32\n\tdef_bool y\n\tdepends on !64BIT\nconfig X86_64\n\tdef_bool y\n\tdepends on 64BIT\nconfig VM86\n\tbool \"vm86\"\n",
		"arch/Kconfig":     "",
		"init/Kconfig":     "",
		"arch/x86/Makefile": `ifeq ($(CONFIG_X86_32),y)
        BITS := 32
else
        BITS := 64
endif
`,
		"arch/x86/Kbuild":          "obj-y += kernel/\n",
		"arch/x86/kernel/Makefile": "obj-y += signal_$(BITS).o \\\n\tother.o\nobj-$(CONFIG_VM86) += vm86_32.o\nobj-$(CONFIG_X86_64) += only64.o\ncomposite-y := part.o\n",
		"arch/x86/kernel/signal_32.c": `#ifdef CONFIG_COMPAT
#define MY_DEFINE0 COMPAT_SYSCALL_DEFINE0
#else
#define MY_DEFINE0 SYSCALL_DEFINE0
#endif
MY_DEFINE0(sigreturn)
{
}
SYSCALL_DEFINE3(two, int , fd , const char __user * , name,
		unsigned long, flags)
{
}
asmlinkage long sys_plain(int fd, struct foo __user *p)
{
}
asmlinkage long sys_decl(int fd);
`,
	})
	a386, _ := arches.Lookup("386")
	amd64, _ := arches.Lookup("amd64")
	kc, err := readKconfig(tree, "x86")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a    arches.Arch
		want map[string]tri
	}{
		{a386, map[string]tri{"signal_32.c": yes, "signal_64.c": no, "other.c": yes, "vm86_32.c": unknown, "only64.c": no, "part.c": unknown, "absent.c": no}},
		{amd64, map[string]tri{"signal_32.c": no, "signal_64.c": yes, "only64.c": yes}},
	} {
		kf, _ := newKfacts(c.a, kc)
		kb, err := newKbuild(tree, "x86", kf)
		if err != nil {
			t.Fatal(err)
		}
		for f, want := range c.want {
			if got, why := kb.built("arch/x86/kernel/" + f); got != want {
				t.Errorf("%s: %s built %v (%s), want %v", c.a.GOARCH, f, got, why, want)
			}
		}
	}
	defs, err := scanC(tree, "arch/x86/kernel/signal_32.c", false, map[string][]macroAlias{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range defs {
		got = append(got, d.entry+argString(d.args)+"["+d.cond+"]")
	}
	want := []string{
		"sys_sigreturn()[!CONFIG_COMPAT]",
		"sys_two(int fd, const char __user * name, unsigned long flags)[]",
		"sys_plain(int fd, struct foo __user * p)[]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scanC:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAsmBody(t *testing.T) {
	src := "foo:\n\tadd r0, sp, #8\n\tb sys_foo\nENDPROC(foo)\n\tLEAF(bar)\n\tjr t2\n\tEND(bar)\n"
	if b, ok := asmBody(src, "foo"); !ok || !strings.Contains(b, "b sys_foo") {
		t.Errorf("foo: %q %v", b, ok)
	}
	if b, ok := asmBody(src, "bar"); !ok || !strings.Contains(b, "jr t2") || strings.Contains(b, "sys_foo") {
		t.Errorf("bar: %q %v", b, ok)
	}
	if _, ok := asmBody(src, "baz"); ok {
		t.Error("baz found")
	}
}
