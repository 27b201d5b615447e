package systab_test

import (
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

// Facts from the kernel, not from the generated tables:
//   - Go's 13 Linux arches;
//   - mips numbers start at __NR_Linux: 4000 for o32, 5000 for n64
//     (arch/mips/include/uapi/asm/unistd.h); every other arch starts at 0;
//   - from 424 (pidfd_send_signal, Linux 5.1) up, every arch gives a new call the same
//     number (the comment above 424 in every table): openat2 is 437, clone3 435,
//     pidfd_open 434, io_uring_setup 425.
var (
	goArches = []systab.Arch{"amd64", "386", "arm", "arm64", "riscv64", "loong64", "ppc64", "ppc64le",
		"s390x", "mips", "mipsle", "mips64", "mips64le"}
	kernelOffset = map[systab.Arch]int{"mips": 4000, "mipsle": 4000, "mips64": 5000, "mips64le": 5000}
)

func TestArches(t *testing.T) {
	got := systab.Arches()
	if len(got) != 13 {
		t.Fatalf("Arches() has %d arches, want 13: %v", len(got), got)
	}
	want := append([]systab.Arch(nil), goArches...)
	sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
	sorted := append([]systab.Arch(nil), got...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	if !reflect.DeepEqual(sorted, want) {
		t.Fatalf("Arches() = %v, want the set %v", got, want)
	}
	if got[0] != "amd64" {
		t.Errorf("Arches()[0] = %s, want amd64", got[0])
	}
	if systab.Table("wasm") != nil {
		t.Errorf("Table(wasm) is not nil")
	}
	if _, ok := systab.Lookup("wasm", "read"); ok {
		t.Errorf("Lookup(wasm, read) found a row")
	}
	if _, ok := systab.ByNumber("nosuch", 0); ok {
		t.Errorf("ByNumber(nosuch, 0) found a row")
	}
}

// TestConsistency checks each arch's table on its own: sorted, unique numbers and names,
// numbers in the arch's range, Implemented agreeing with the entry point, lookups finding
// every row.
func TestConsistency(t *testing.T) {
	for _, a := range systab.Arches() {
		tab := systab.Table(a)
		if len(tab) < 300 {
			t.Errorf("%s: only %d rows", a, len(tab))
			continue
		}
		off := kernelOffset[a]
		names := map[string]bool{}
		impl := 0
		for i, e := range tab {
			if i > 0 && e.Number <= tab[i-1].Number {
				t.Errorf("%s: %s (%d) after %s (%d): not sorted or duplicate number", a, e.Name, e.Number, tab[i-1].Name, tab[i-1].Number)
			}
			if names[e.Name] {
				t.Errorf("%s: name %s twice", a, e.Name)
			}
			names[e.Name] = true
			if e.ABI == "private" {
				// arm's private calls: __ARM_NR_BASE (0x0f0000) + 1 ... (TestArmPrivate).
				if a != "arm" || e.Number <= 0x0f0000 || e.Number >= 0x0f0800 {
					t.Errorf("%s: %s = %#x: a private row outside arm's [0x0f0001, 0x0f0800)", a, e.Name, e.Number)
				}
			} else if e.Number < off || e.Number >= off+1000 {
				t.Errorf("%s: %s = %d is outside [%d, %d)", a, e.Name, e.Number, off, off+1000)
			}
			if e.Name == "" || e.ABI == "" {
				t.Errorf("%s: row %d has no name or ABI: %+v", a, e.Number, e)
			}
			want := e.EntryPoint != "" && e.EntryPoint != "sys_ni_syscall"
			if e.Implemented != want {
				t.Errorf("%s: %s: Implemented %v with entry point %q", a, e.Name, e.Implemented, e.EntryPoint)
			}
			if e.Implemented {
				impl++
			}
			if got, ok := systab.Lookup(a, e.Name); !ok || got != e {
				t.Errorf("%s: Lookup(%s) = %+v, %v; want %+v", a, e.Name, got, ok, e)
			}
			if got, ok := systab.ByNumber(a, e.Number); !ok || got != e {
				t.Errorf("%s: ByNumber(%d) = %+v, %v; want %+v", a, e.Number, got, ok, e)
			}
		}
		if tab[0].Number != off && !(a == "s390x" && tab[0].Number == 1) { // s390 has no syscall 0
			t.Errorf("%s: first number %d (%s), want %d", a, tab[0].Number, tab[0].Name, off)
		}
		if _, ok := systab.ByNumber(a, off-1); ok {
			t.Errorf("%s: ByNumber(%d) found a row below the offset", a, off-1)
		}
		if _, ok := systab.Lookup(a, "no_such_syscall"); ok {
			t.Errorf("%s: Lookup(no_such_syscall) found a row", a)
		}
		table, abis, offset, ok := systab.Source(a)
		if !ok || offset != off || table == "" || abis == "" {
			t.Errorf("%s: Source = %q %q %d %v", a, table, abis, offset, ok)
		}
		for _, e := range tab {
			if !strings.Contains(","+abis+",", ","+e.ABI+",") && e.ABI != "private" {
				t.Errorf("%s: %s has ABI %s, not among the kept ABIs %s", a, e.Name, e.ABI, abis)
			}
		}
		t.Logf("%-9s %d rows, %d implemented, ABIs %s of %s", a, len(tab), impl, abis, table)
	}
}

// TestSharedRange checks the numbers every arch shares since Linux 5.1 (424 and up): the
// same name at the same number (minus the mips offset) on every arch that has the row.
func TestSharedRange(t *testing.T) {
	for _, name := range []string{"io_uring_setup", "pidfd_open", "clone3", "openat2", "close_range", "faccessat2", "landlock_create_ruleset", "futex_waitv", "cachestat", "mseal", "statmount"} {
		if _, ok := systab.Lookup("amd64", name); !ok {
			t.Errorf("amd64 has no %s", name)
		}
	}
	amd64 := map[int]string{}
	for _, e := range systab.Table("amd64") {
		if e.Number >= 424 {
			amd64[e.Number] = e.Name
		}
	}
	for _, a := range systab.Arches() {
		off := kernelOffset[a]
		e, ok := systab.Lookup(a, "openat2")
		if !ok || e.Number != 437+off || !e.Implemented {
			t.Errorf("%s: openat2 = %+v, %v; want number %d, implemented", a, e, ok, 437+off)
		}
		for _, e := range systab.Table(a) {
			n := e.Number - off
			if n < 424 || e.ABI == "private" {
				continue
			}
			if amd64[n] != e.Name {
				t.Errorf("%s: %d (+%d) is %s, amd64 has %q", a, n, off, e.Name, amd64[n])
			}
		}
	}
}

// TestKnownNumbers asserts a few numbers that the kernel's tables fix (and that ABIs in
// the wild depend on).
func TestKnownNumbers(t *testing.T) {
	for _, c := range []struct {
		arch systab.Arch
		name string
		num  int
	}{
		{"amd64", "read", 0}, {"amd64", "getpid", 39}, {"amd64", "rt_sigaction", 13},
		{"386", "exit", 1}, {"386", "getpid", 20}, {"386", "_llseek", 140},
		{"arm", "getpid", 20}, {"arm", "arm_fadvise64_64", 270},
		{"arm64", "getpid", 172}, {"riscv64", "getpid", 172}, {"loong64", "getpid", 172},
		{"arm64", "io_setup", 0}, {"riscv64", "riscv_flush_icache", 259},
		{"ppc64", "getpid", 20}, {"s390x", "getpid", 20},
		{"mips", "getpid", 4020}, {"mipsle", "syscall", 4000},
		{"mips64", "read", 5000}, {"mips64le", "getpid", 5038},
	} {
		e, ok := systab.Lookup(c.arch, c.name)
		if !ok || e.Number != c.num {
			t.Errorf("%s: %s = %d (found %v), want %d", c.arch, c.name, e.Number, ok, c.num)
		}
	}
	// x32 and oabi rows must not leak into amd64 and arm.
	for _, c := range []struct {
		arch systab.Arch
		abi  string
	}{{"amd64", "x32"}, {"arm", "oabi"}, {"ppc64", "spu"}, {"ppc64", "32"}, {"s390x", "32"}, {"arm64", "32"}} {
		for _, e := range systab.Table(c.arch) {
			if e.ABI == c.abi {
				t.Errorf("%s: row %s has ABI %s", c.arch, e.Name, c.abi)
			}
		}
	}
	// Reserved numbers are kept, not implemented.
	if e, ok := systab.Lookup("amd64", "uselib"); !ok || e.Implemented || e.EntryPoint != "" {
		t.Errorf("amd64 uselib = %+v, %v; want a row without entry point", e, ok)
	}
	if e, ok := systab.Lookup("s390x", "afs_syscall"); !ok || e.Implemented || e.EntryPoint != "sys_ni_syscall" {
		t.Errorf("s390x afs_syscall = %+v, %v; want sys_ni_syscall", e, ok)
	}
	if e, ok := systab.Lookup("386", "open"); !ok || e.Compat != "compat_sys_open" {
		t.Errorf("386 open = %+v, %v; want compat entry compat_sys_open", e, ok)
	}
	if _, ok := systab.Lookup("arm", "memfd_secret"); ok {
		t.Errorf("arm has memfd_secret (the kernel does not give it to arm)")
	}
}

func TestNames(t *testing.T) {
	names := systab.Names()
	if !sort.StringsAreSorted(names) {
		t.Fatal("Names() is not sorted")
	}
	set := map[string]bool{}
	for _, n := range names {
		if set[n] {
			t.Fatalf("Names() has %s twice", n)
		}
		set[n] = true
	}
	count := 0
	for _, a := range systab.Arches() {
		for _, e := range systab.Table(a) {
			if !set[e.Name] {
				t.Errorf("Names() lacks %s of %s", e.Name, a)
			}
			count++
		}
	}
	for _, n := range names {
		if len(systab.ArchesOf(n)) == 0 {
			t.Errorf("%s is in Names() but in no table", n)
		}
	}
	if got := systab.ArchesOf("openat2"); len(got) != 13 {
		t.Errorf("ArchesOf(openat2) = %v, want all 13", got)
	}
	names[0] = "changed"
	if systab.Names()[0] == "changed" {
		t.Error("Names() returns the package's own slice")
	}
	t.Logf("%d names, %d rows in all", len(names), count)
}

func TestTableIsACopy(t *testing.T) {
	tab := systab.Table("amd64")
	tab[0].Name = "changed"
	if e, _ := systab.ByNumber("amd64", tab[0].Number); e.Name == "changed" {
		t.Fatal("Table returns the package's own slice")
	}
}

func TestCurrent(t *testing.T) {
	cur := systab.Current()
	known := false
	for _, a := range goArches {
		if string(a) == runtime.GOARCH {
			known = true
		}
	}
	if !known {
		if cur != nil {
			t.Fatalf("Current() on %s has %d rows", runtime.GOARCH, len(cur))
		}
		t.Skipf("GOARCH %s has no Linux table", runtime.GOARCH)
	}
	if !reflect.DeepEqual(cur, systab.Table(systab.Arch(runtime.GOARCH))) {
		t.Fatal("Current() differs from Table(runtime.GOARCH)")
	}
}

func TestPrototype(t *testing.T) {
	// include/linux/syscalls.h:
	//   asmlinkage long sys_openat2(int dfd, const char __user *filename,
	//                               struct open_how __user *how, size_t size);
	want := []systab.Arg{{"int", "dfd"}, {"const char __user *", "filename"}, {"struct open_how __user *", "how"}, {"size_t", "size"}}
	for _, name := range []string{"openat2", "sys_openat2"} {
		got, ok := systab.Prototype(name)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("Prototype(%s) = %v, %v; want %v", name, got, ok, want)
		}
	}
	e, _ := systab.Lookup("arm64", "openat2")
	if got, ok := e.Prototype(); !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("arm64 openat2 Entry.Prototype = %v, %v", got, ok)
	}
	// sys_getpid(void)
	if got, ok := systab.Prototype("getpid"); !ok || len(got) != 0 {
		t.Errorf("Prototype(getpid) = %v, %v; want no arguments", got, ok)
	}
	// execve: const char __user *const __user *argv
	if got, ok := systab.Prototype("execve"); !ok || len(got) != 3 || got[1] != (systab.Arg{"const char __user *const __user *", "argv"}) {
		t.Errorf("Prototype(execve) = %v, %v", got, ok)
	}
	// mmap2 has no sys_mmap2: the tables call sys_mmap_pgoff (6 arguments).
	if got, ok := systab.Prototype("mmap2"); !ok || len(got) != 6 || got[5].Name != "pgoff" {
		t.Errorf("Prototype(mmap2) = %v, %v; want sys_mmap_pgoff's six arguments", got, ok)
	}
	// sys_clone has one declaration per CONFIG_CLONE_BACKWARDS* setting.
	ps := systab.Prototypes("clone")
	if len(ps) != 3 {
		t.Errorf("Prototypes(clone) = %v, want 3 declarations", ps)
	}
	if got, ok := systab.Prototype("clone"); !ok || len(got) != 5 || got[2].Type != "int __user *" || got[3].Type != "int __user *" {
		t.Errorf("Prototype(clone) = %v, %v; want the default (parent_tid, child_tid, tls) order", got, ok)
	}
	if _, ok := systab.Prototype("no_such_syscall"); ok {
		t.Error("Prototype(no_such_syscall) found one")
	}
	// Every implemented row's entry point that starts with sys_ has a prototype, apart from
	// the arch-specific entry points the generic header does not declare.
	missing := map[string]bool{}
	have := 0
	for _, a := range systab.Arches() {
		for _, e := range systab.Table(a) {
			if !e.Implemented || !strings.HasPrefix(e.EntryPoint, "sys_") {
				continue
			}
			if _, ok := e.Prototype(); ok {
				have++
			} else {
				missing[e.EntryPoint] = true
			}
		}
	}
	var l []string
	for m := range missing {
		l = append(l, m)
	}
	sort.Strings(l)
	t.Logf("%d rows with a prototype; entry points without one in syscalls.h (arch-specific): %d %v", have, len(l), l)
	for _, generic := range []string{"sys_read", "sys_openat", "sys_clone3", "sys_rt_sigaction", "sys_mmap_pgoff"} {
		if missing[generic] {
			t.Errorf("%s has no prototype", generic)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	systab.Lookup("amd64", "read")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := systab.Lookup("mips64le", "openat2"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkByNumber(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := systab.ByNumber("mips64le", 5437); !ok {
			b.Fatal("not found")
		}
	}
}

// TestArmPrivate: arm's private calls, which its table does not list, are rows with the
// numbers of __ARM_NR_* (asm/unistd.h: __ARM_NR_BASE 0x0f0000 plus 1 to 6), ABI private,
// entry point arm_syscall, each with the prototype of its own case.
func TestArmPrivate(t *testing.T) {
	want := map[string]struct {
		n    int
		args string
	}{
		"breakpoint": {0x0f0001, ""}, "cacheflush": {0x0f0002, "start,end,flags"}, "usr26": {0x0f0003, ""},
		"usr32": {0x0f0004, ""}, "set_tls": {0x0f0005, "val"}, "get_tls": {0x0f0006, ""},
	}
	n := 0
	for _, e := range systab.Table("arm") {
		if e.ABI != "private" {
			continue
		}
		n++
		w, ok := want[e.Name]
		if !ok || e.Number != w.n || e.EntryPoint != "arm_syscall" || !e.Implemented {
			t.Errorf("%+v: want number %#x, arm_syscall, implemented (%v)", e, w.n, ok)
		}
		p, ok := e.PrototypeOn("arm")
		if !ok || argNames(p.Args) != w.args || p.Source != "arch/arm/kernel/traps.c" || !strings.Contains(p.Note, "__ARM_NR_"+e.Name) {
			t.Errorf("%s: prototype %+v, %v; want args %q from traps.c", e.Name, p, ok, w.args)
		}
		if q, ok := systab.PrototypeOn("arm", e.Name); !ok || !reflect.DeepEqual(p, q) {
			t.Errorf("%s: PrototypeOn by name = %+v, %v", e.Name, q, ok)
		}
		if got, ok := systab.ByNumber("arm", w.n); !ok || got != e {
			t.Errorf("ByNumber(arm, %#x) = %+v, %v", w.n, got, ok)
		}
	}
	if n != len(want) {
		t.Errorf("%d private rows, want %d", n, len(want))
	}
	// The shared entry point answers by row name only.
	if p, ok := systab.PrototypeOn("arm", "arm_syscall"); ok {
		t.Errorf("PrototypeOn(arm, arm_syscall) = %+v: the private rows share it", p)
	}
	for _, a := range systab.Arches() {
		if a == "arm" {
			continue
		}
		for _, e := range systab.Table(a) {
			if e.ABI == "private" {
				t.Errorf("%s: private row %s", a, e.Name)
			}
		}
	}
}
