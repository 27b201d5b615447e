// Package systab is the Linux system-call table of every arch that Go supports, in one
// place and in any build: the number, name, ABI and kernel entry points of each row of each
// arch's syscall table, and the C argument list of each entry point.
//
// It is meant for programs that deal with system calls of an arch other than, or besides,
// their own: tracers and strace-like decoders (a number seen in a tracee's register ->
// a name), seccomp-filter builders (a name -> the number for the filter's AUDIT_ARCH), audit
// log readers, and generators. It imports only the standard library and compiles for every
// GOOS/GOARCH; Current gives the table of the arch the program runs on.
//
// The data is generated (internal/gen/systab) from the kernel's own syscall tables
// (Linux 7.2.13), keeping exactly the rows the kernel build puts in the userspace header
// asm/unistd.h of each arch (x86-64: common and 64, not x32; arm: EABI; mips: o32 and n64
// with their 4000 and 5000 offsets; ...), and from include/linux/syscalls.h for the
// prototypes. Rows the kernel reserves or no longer implements are kept, with
// Implemented false: their numbers fail with ENOSYS. PrototypeOn gives the prototype that
// one arch's kernel compiles for each row: its own definitions in arch/<k>, the assembly
// entries followed to C, and the syscalls.h declaration its Kconfig selects.
//
// Lookups are cheap: ByNumber and Lookup use per-arch indexes (by number and by name) built
// once, on first use. Returned slices are copies; the tables themselves are never
// modified.
package systab

import (
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Arch is a Go architecture name (GOARCH): "amd64", "arm64", "mips64le"...
type Arch string

// Entry is one row of an arch's syscall table.
type Entry struct {
	Name   string // the table's name: "openat2", "rt_sigaction", "_llseek"
	Number int    // the number userspace passes, offset included (mips o32 4000+, n64 5000+)
	// ABI is the table's ABI column: "common", "64", "i386", "eabi", "nospu", "o32", "n64"...;
	// "private" for arm's private calls (__ARM_NR_cacheflush, set_tls...), which are not
	// in its table: their numbers are arch/arm/include/uapi/asm/unistd.h's
	// __ARM_NR_BASE+n, and arm_syscall (arch/arm/kernel/traps.c) runs them.
	ABI string
	// EntryPoint is the kernel function the number calls ("sys_openat2"), empty for a
	// reserved or removed number that the table lists without one.
	EntryPoint string
	// Compat is the table's compat entry point, the one a 32-bit task on a 64-bit kernel
	// reaches ("compat_sys_open"); on arm it is the OABI entry point. Empty if none.
	Compat string
	// Implemented reports that EntryPoint is present and not sys_ni_syscall.
	Implemented bool
}

// Arg is one C parameter of a syscall's entry point, as the kernel declares it
// (include/linux/syscalls.h, or the arch's own source for PrototypeOn). Type keeps the
// kernel's spelling with its __user annotations ("const char __user *"); Name is empty
// where the header declares the parameter without a name (the socket calls).
type Arg struct {
	Type string
	Name string
}

// Proto is one declaration of an entry point. Cond is the preprocessor condition it is
// declared under ("" for none, "CONFIG_CLONE_BACKWARDS", "BITS_PER_LONG == 32"...): a few
// entry points have one declaration per configuration.
type Proto struct {
	EntryPoint string
	Cond       string
	Args       []Arg
	// Source is where the declaration was read: "include/linux/syscalls.h",
	// "arch/x86/kernel/sys_ia32.c", or for an entry point that is assembly in front of a C
	// function, the chain "arch/arm/kernel/entry-common.S -> sys_statfs64
	// (include/linux/syscalls.h)".
	Source string
	// Note says, for an assembly entry point, what it does on the way to C and how the
	// arguments user space passes relate to the C function's, and for a C entry point
	// whose interface is not what its parameters say, what it is (mips's sysm_pipe
	// returns the second descriptor in a register); "" for all the others.
	Note string
}

type archTable struct {
	arch    Arch
	table   string // the kernel table, relative to the source tree
	abis    string // the ABIs kept, comma-separated
	header  string // the uapi header these rows make: unistd_64.h...
	offset  int    // added to the table's numbers
	entries []Entry
}

type prototype struct {
	entry string
	cond  string
	args  []Arg
}

func findArch(a Arch) *archTable {
	for i := range archTables {
		if archTables[i].arch == a {
			return &archTables[i]
		}
	}
	return nil
}

// Arches returns the 13 arches, amd64 first.
func Arches() []Arch {
	l := make([]Arch, len(archTables))
	for i, t := range archTables {
		l[i] = t.arch
	}
	return l
}

// Table returns a copy of arch's table sorted by number, or nil for an unknown arch.
func Table(arch Arch) []Entry {
	t := findArch(arch)
	if t == nil {
		return nil
	}
	return append([]Entry(nil), t.entries...)
}

// Current returns the table of runtime.GOARCH (nil if Go runs on an arch Linux tables do
// not cover, such as wasm).
func Current() []Entry { return Table(Arch(runtime.GOARCH)) }

// archIndex is the lookup structure of one arch, built for all arches on first use.
type archIndex struct {
	t      *archTable
	byName map[string]int32
	byNum  []int32 // number-offset -> index+1 in t.entries, 0 for no row
}

var indexes = sync.OnceValue(func() map[Arch]*archIndex {
	m := make(map[Arch]*archIndex, len(archTables))
	for i := range archTables {
		t := &archTables[i]
		x := &archIndex{t: t, byName: make(map[string]int32, len(t.entries))}
		last := t.entries[len(t.entries)-1].Number - t.offset
		x.byNum = make([]int32, last+1)
		for j, e := range t.entries {
			x.byName[e.Name] = int32(j)
			x.byNum[e.Number-t.offset] = int32(j + 1)
		}
		m[t.arch] = x
	}
	return m
})

// Lookup returns the row of arch's table named name (the table's spelling: "openat2",
// "newfstatat", "_llseek").
func Lookup(arch Arch, name string) (Entry, bool) {
	x := indexes()[arch]
	if x == nil {
		return Entry{}, false
	}
	i, ok := x.byName[name]
	if !ok {
		return Entry{}, false
	}
	return x.t.entries[i], true
}

// ByNumber returns the row of arch's table with number n (offset included).
func ByNumber(arch Arch, n int) (Entry, bool) {
	x := indexes()[arch]
	if x == nil {
		return Entry{}, false
	}
	n -= x.t.offset
	if n < 0 || n >= len(x.byNum) || x.byNum[n] == 0 {
		return Entry{}, false
	}
	return x.t.entries[x.byNum[n]-1], true
}

var allNames = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	var l []string
	for _, t := range archTables {
		for _, e := range t.entries {
			if !seen[e.Name] {
				seen[e.Name] = true
				l = append(l, e.Name)
			}
		}
	}
	sort.Strings(l)
	return l
})

// Names returns every syscall name of any arch, sorted.
func Names() []string { return append([]string(nil), allNames()...) }

// ArchesOf returns the arches whose table has name, in Arches order.
func ArchesOf(name string) []Arch {
	var l []Arch
	for _, t := range archTables {
		if _, ok := indexes()[t.arch].byName[name]; ok {
			l = append(l, t.arch)
		}
	}
	return l
}

// Source describes where arch's table comes from: the kernel table file, the ABIs kept
// (comma-separated) and the offset added to its numbers.
func Source(arch Arch) (table, abis string, offset int, ok bool) {
	t := findArch(arch)
	if t == nil {
		return "", "", 0, false
	}
	return t.table, t.abis, t.offset, true
}

func protosOf(entry string) []prototype {
	i := sort.Search(len(prototypes), func(i int) bool { return prototypes[i].entry >= entry })
	j := i
	for j < len(prototypes) && prototypes[j].entry == entry {
		j++
	}
	return prototypes[i:j]
}

// Prototypes returns every declaration of an entry point ("sys_clone": three, one per
// CONFIG_CLONE_BACKWARDS* setting). A name without the sys_ prefix is looked up as
// sys_<name> first, then as the entry point that syscall has in the tables.
func Prototypes(name string) []Proto {
	for _, entry := range entryCandidates(name) {
		ps := protosOf(entry)
		if len(ps) == 0 {
			continue
		}
		out := make([]Proto, len(ps))
		for i, p := range ps {
			out[i] = Proto{EntryPoint: p.entry, Cond: p.cond, Args: append([]Arg(nil), p.args...), Source: syscallsH}
		}
		return out
	}
	return nil
}

// Prototype returns the C arguments of a syscall for the typed wrappers: name is an entry
// point ("sys_openat2") or a syscall name ("openat2": sys_openat2 if syscalls.h declares it,
// else the entry point the tables give it, e.g. "mmap2" -> sys_mmap_pgoff). Where the
// header has several declarations under #if, the one of the default configuration (the
// last #else, or the only one) is returned; Prototypes gives them all.
func Prototype(name string) ([]Arg, bool) {
	ps := Prototypes(name)
	if len(ps) == 0 {
		return nil, false
	}
	best := ps[0]
	for _, p := range ps {
		if isDefaultCond(p.Cond) {
			best = p
		}
	}
	return best.Args, true
}

// Prototype returns the C arguments of e's entry point (see the package function).
func (e Entry) Prototype() ([]Arg, bool) {
	if e.EntryPoint == "" {
		return nil, false
	}
	return Prototype(e.EntryPoint)
}

// isDefaultCond reports a condition made only of negations: the #else branch.
func isDefaultCond(c string) bool {
	if c == "" {
		return true
	}
	for _, part := range strings.Split(c, " && ") {
		if !strings.HasPrefix(part, "!") {
			return false
		}
	}
	return true
}

func entryCandidates(name string) []string {
	if strings.HasPrefix(name, "sys_") || strings.HasPrefix(name, "compat_sys_") || strings.HasPrefix(name, "__sys_") {
		return []string{name}
	}
	c := []string{"sys_" + name}
	for _, t := range archTables {
		if i, ok := indexes()[t.arch].byName[name]; ok {
			if ep := t.entries[i].EntryPoint; ep != "" && ep != c[len(c)-1] {
				c = append(c, strings.TrimPrefix(ep, "__"))
			}
		}
	}
	return c
}
