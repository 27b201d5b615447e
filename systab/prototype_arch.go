package systab

import (
	"sort"
	"strings"
	"sync"
)

// syscallsH is where the generic declarations come from.
const syscallsH = "include/linux/syscalls.h"

// archProto is a prototype read from outside syscalls.h (zprototypes_arch.go).
type archProto struct {
	entry  string
	source string
	cond   string
	note   string
	args   []Arg
}

// protoExtra is a C function that assembly entry points lead to and no row names.
type protoExtra struct {
	entry string
	ref   int16 // as in protoRefs
}

// PrototypeOn returns the declaration of a syscall's entry point that arch's kernel
// compiles, with the C arguments of that arch: name is a row of arch's table ("pread64",
// "mmap") or an entry point ("sys_ia32_pread64", "__sys_clone", "sys_statfs64_wrapper").
//
// For every implemented row of every arch's table the answer comes, in this order, from
// the arch's own definition (SYSCALL_DEFINEn or asmlinkage in arch/<k>/**/*.c, in a file
// the arch's build compiles and an #if branch its configuration takes), an assembly entry
// point followed to the C function it reaches (Note says what it does on the way), the
// arch header's declaration (arch/<k>/include/asm/syscalls*.h), kernel/fork.c for
// sys_clone (syscalls.h gives it no parameter names), else the include/linux/syscalls.h
// declaration whose condition holds on arch: 386 gets sys_fanotify_mark with the 64-bit
// mask split in two (CONFIG_ARCH_SPLIT_ARG64), s390x sys_clone with newsp first
// (CONFIG_CLONE_BACKWARDS2). The arch's configuration is read from its Kconfig files.
//
// The C function an assembly entry point leads to is answered the same way (arm's
// sys_sigreturn, mips's sys_clone). Any other entry point that is not in arch's table is
// answered from syscalls.h alone: its first declaration whose condition holds, or may
// hold, on arch. PrototypeOn reports false for
// an unknown arch, a name it has no declaration for, and a row that is not implemented.
func PrototypeOn(arch Arch, name string) (Proto, bool) {
	ai := archIndexOf(arch)
	if ai < 0 {
		return Proto{}, false
	}
	if e, ok := Lookup(arch, name); ok {
		if !e.Implemented {
			return Proto{}, false
		}
		return rowProto(ai, int(indexes()[arch].byName[name]))
	}
	if j, ok := entryRows()[ai][name]; ok {
		return rowProto(ai, j)
	}
	for _, x := range protoExtras[ai] {
		if x.entry == name {
			p := refProto(x.ref)
			p.EntryPoint = name
			return p, true
		}
	}
	entry := name
	if !strings.HasPrefix(entry, "sys_") && !strings.HasPrefix(entry, "compat_sys_") && !strings.HasPrefix(entry, "__sys_") {
		entry = "sys_" + entry
	}
	i, j := protoRange(entry)
	for k := i; k < j; k++ {
		if holds(ai, k) {
			return genericProto(k), true
		}
	}
	return Proto{}, false
}

// PrototypeOn returns the declaration of e's entry point that arch's kernel compiles (see
// the package function): e is normally a row of arch's own table, whose own prototype it
// is (arm's private rows share the entry point arm_syscall, each with its own arguments).
func (e Entry) PrototypeOn(arch Arch) (Proto, bool) {
	if !e.Implemented {
		return Proto{}, false
	}
	if r, ok := Lookup(arch, e.Name); ok && r == e {
		return PrototypeOn(arch, e.Name)
	}
	return PrototypeOn(arch, e.EntryPoint)
}

func archIndexOf(a Arch) int {
	for i := range archTables {
		if archTables[i].arch == a {
			return i
		}
	}
	return -1
}

// rowProto returns the prototype of row j of archTables[ai].
func rowProto(ai, j int) (Proto, bool) {
	refs := protoRefs[ai]
	if j >= len(refs) || refs[j] == 0 {
		return Proto{}, false
	}
	p := refProto(refs[j])
	p.EntryPoint = archTables[ai].entries[j].EntryPoint
	return p, true
}

// refProto returns the prototype a protoRefs value names.
func refProto(ref int16) Proto {
	if r := int(ref); r > 0 {
		return genericProto(r - 1)
	}
	a := &archProtos[-int(ref)-1]
	return Proto{EntryPoint: a.entry, Cond: a.cond, Args: append([]Arg(nil), a.args...), Source: a.source, Note: a.note}
}

func genericProto(k int) Proto {
	p := &prototypes[k]
	return Proto{EntryPoint: p.entry, Cond: p.cond, Args: append([]Arg(nil), p.args...), Source: syscallsH}
}

// protoRange returns the indexes [i, j) of entry's declarations in prototypes.
func protoRange(entry string) (int, int) {
	i := sort.Search(len(prototypes), func(i int) bool { return prototypes[i].entry >= entry })
	j := i
	for j < len(prototypes) && prototypes[j].entry == entry {
		j++
	}
	return i, j
}

// holds reports whether prototypes[k]'s condition holds, or may, on archTables[ai].
func holds(ai, k int) bool {
	w := protoHolds[ai]
	return k/64 < len(w) && w[k/64]&(1<<(k%64)) != 0
}

// entryRows maps, per arch, each implemented entry point to its first row.
var entryRows = sync.OnceValue(func() []map[string]int {
	l := make([]map[string]int, len(archTables))
	for i := range archTables {
		m := map[string]int{}
		for j, e := range archTables[i].entries {
			// arm's private rows share arm_syscall: only their names answer.
			if _, ok := m[e.EntryPoint]; !ok && e.Implemented && e.ABI != privateABI {
				m[e.EntryPoint] = j
			}
		}
		l[i] = m
	}
	return l
})

// privateABI is the ABI of arm's private rows (see Entry.ABI).
const privateABI = "private"
