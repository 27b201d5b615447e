package systab_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

// TestPrototypeOnEveryRow: every implemented row of every arch's table has the prototype
// of its own entry point, by table name, by entry point and through Entry.PrototypeOn.
func TestPrototypeOnEveryRow(t *testing.T) {
	bySource := map[string]int{}
	for _, a := range systab.Arches() {
		var missing []string
		have := 0
		for _, e := range systab.Table(a) {
			p, ok := systab.PrototypeOn(a, e.Name)
			if !e.Implemented {
				if ok {
					t.Errorf("%s: %s is not implemented (%q) but has a prototype %+v", a, e.Name, e.EntryPoint, p)
				}
				continue
			}
			if !ok {
				missing = append(missing, e.Name+"="+e.EntryPoint)
				continue
			}
			have++
			if p.EntryPoint != e.EntryPoint || p.Source == "" {
				t.Errorf("%s: %s: prototype %+v: want entry point %s and a source", a, e.Name, p, e.EntryPoint)
			}
			// arm's private rows share arm_syscall: they answer by name (TestArmPrivate).
			if q, ok := systab.PrototypeOn(a, e.EntryPoint); e.ABI != "private" && (!ok || !reflect.DeepEqual(p, q)) {
				t.Errorf("%s: PrototypeOn(%s) = %+v, %v; by table name %+v", a, e.EntryPoint, q, ok, p)
			}
			if q, ok := e.PrototypeOn(a); !ok || !reflect.DeepEqual(p, q) {
				t.Errorf("%s: %s: Entry.PrototypeOn = %+v, %v; want %+v", a, e.Name, q, ok, p)
			}
			if p.Source == "include/linux/syscalls.h" {
				found := false
				for _, d := range systab.Prototypes(e.EntryPoint) {
					found = found || (d.Cond == p.Cond && reflect.DeepEqual(d.Args, p.Args))
				}
				if !found {
					t.Errorf("%s: %s: %+v is not one of Prototypes(%s)", a, e.Name, p, e.EntryPoint)
				}
			}
			src := p.Source
			if i := strings.Index(src, " -> "); i >= 0 {
				src = src[:i] + " -> ..."
			}
			bySource[src]++
		}
		if len(missing) > 0 {
			t.Errorf("%s: %d implemented rows without a prototype: %s", a, len(missing), strings.Join(missing, " "))
		}
		t.Logf("%-9s %d of %d implemented rows have a prototype", a, have, have+len(missing))
	}
	var l []string
	for s, n := range bySource {
		l = append(l, s)
		_ = n
	}
	sort.Strings(l)
	for _, s := range l {
		t.Logf("%5d rows from %s", bySource[s], s)
	}
}

func argNames(args []systab.Arg) string {
	var l []string
	for _, a := range args {
		l = append(l, a.Name)
	}
	return strings.Join(l, ",")
}

func argTypes(args []systab.Arg) string {
	var l []string
	for _, a := range args {
		l = append(l, a.Type)
	}
	return strings.Join(l, ",")
}

// TestPrototypeOnKnown checks facts read from the kernel sources by hand.
func TestPrototypeOnKnown(t *testing.T) {
	for _, c := range []struct {
		arch         systab.Arch
		name         string
		entry        string
		source       string // prefix
		names, types string // names "?", types "": not checked
	}{
		// arch/x86/kernel/sys_ia32.c: SYSCALL_DEFINE5(ia32_pread64, unsigned int, fd,
		// char __user *, ubuf, u32, count, u32, poslo, u32, poshi)
		{"386", "pread64", "sys_ia32_pread64", "arch/x86/kernel/sys_ia32.c", "fd,ubuf,count,poslo,poshi", "unsigned int,char __user *,u32,u32,u32"},
		{"386", "fallocate", "sys_ia32_fallocate", "arch/x86/kernel/sys_ia32.c", "fd,mode,offset_lo,offset_hi,len_lo,len_hi", ""},
		// syscalls.h under CONFIG_ARCH_SPLIT_ARG64 (config X86_32 selects it): the mask in two.
		{"386", "fanotify_mark", "sys_fanotify_mark", "include/linux/syscalls.h", "fanotify_fd,flags,mask_1,mask_2,dfd,pathname", "int,unsigned int,unsigned int,unsigned int,int,const char __user *"},
		{"amd64", "fanotify_mark", "sys_fanotify_mark", "include/linux/syscalls.h", "fanotify_fd,flags,mask,fd,pathname", "int,unsigned int,u64,int,const char __user *"},
		{"arm", "fanotify_mark", "sys_fanotify_mark", "include/linux/syscalls.h", "fanotify_fd,flags,mask,fd,pathname", ""},
		{"mips", "fanotify_mark", "sys_fanotify_mark", "include/linux/syscalls.h", "fanotify_fd,flags,mask,fd,pathname", ""},
		// arch/arm/kernel/sys_arm.c: the advice before the 64-bit offsets (register pairs).
		{"arm", "arm_fadvise64_64", "sys_arm_fadvise64_64", "arch/arm/kernel/sys_arm.c", "fd,advice,offset,len", "int,int,loff_t,loff_t"},
		// s390 has no six-register mmap: sys_old_mmap takes a pointer to the arguments.
		{"s390x", "mmap", "sys_old_mmap", "include/linux/syscalls.h", "arg", "struct mmap_arg_struct __user *"},
		{"mips", "mmap", "sys_mips_mmap", "arch/mips/kernel/syscall.c", "addr,len,prot,flags,fd,offset", "unsigned long,unsigned long,unsigned long,unsigned long,unsigned long,off_t"},
		{"mips64le", "mmap", "sys_mips_mmap", "arch/mips/kernel/syscall.c", "addr,len,prot,flags,fd,offset", ""},
		{"mips", "mmap2", "sys_mips_mmap2", "arch/mips/kernel/syscall.c", "addr,len,prot,flags,fd,pgoff", ""},
		{"amd64", "mmap", "sys_mmap", "arch/x86/kernel/sys_x86_64.c", "addr,len,prot,flags,fd,off", ""},
		{"ppc64", "mmap", "sys_mmap", "arch/powerpc/kernel/syscalls.c", "addr,len,prot,flags,fd,offset", "unsigned long,size_t,unsigned long,unsigned long,unsigned long,off_t"},
		{"riscv64", "mmap", "sys_mmap", "arch/riscv/kernel/sys_riscv.c", "?", ""},
		{"arm64", "mmap", "sys_mmap", "arch/arm64/kernel/sys.c", "?", ""},
		{"loong64", "mmap", "sys_mmap", "arch/loongarch/kernel/syscall.c", "?", ""},
		// sys_clone from kernel/fork.c, per CONFIG_CLONE_BACKWARDS*.
		{"amd64", "clone", "sys_clone", "kernel/fork.c", "clone_flags,newsp,parent_tidptr,child_tidptr,tls", ""},
		{"loong64", "clone", "sys_clone", "kernel/fork.c", "clone_flags,newsp,parent_tidptr,child_tidptr,tls", ""},
		{"386", "clone", "sys_clone", "kernel/fork.c", "clone_flags,newsp,parent_tidptr,tls,child_tidptr", ""},
		{"arm64", "clone", "sys_clone", "kernel/fork.c", "clone_flags,newsp,parent_tidptr,tls,child_tidptr", ""},
		{"s390x", "clone", "sys_clone", "kernel/fork.c", "newsp,clone_flags,parent_tidptr,child_tidptr,tls", ""},
		{"mips", "clone", "__sys_clone", "arch/mips/kernel/syscall.c -> sys_clone (kernel/fork.c)", "clone_flags,newsp,parent_tidptr,tls,child_tidptr", ""},
		{"mips64", "clone3", "__sys_clone3", "arch/mips/kernel/syscall.c -> sys_clone3 (include/linux/syscalls.h)", "uargs,size", ""},
		{"mips", "sysmips", "__sys_sysmips", "arch/mips/kernel/syscall.c -> sys_sysmips (arch/mips/kernel/syscall.c)", "cmd,arg1,arg2", ""},
		{"mips", "fork", "__sys_fork", "arch/mips/kernel/syscall.c -> sys_fork", "", ""},
		// sigsuspend: three arguments with CONFIG_OLD_SIGSUSPEND3; mips defines its own (a
		// pointer to the mask). ppc64's table keeps sigsuspend for 32-bit tasks only.
		{"386", "sigsuspend", "sys_sigsuspend", "include/linux/syscalls.h", "unused1,unused2,mask", ""},
		{"mips", "sigsuspend", "sys_sigsuspend", "arch/mips/kernel/signal.c", "uset", "sigset_t __user *"},
		// Assembly entries.
		{"arm", "statfs64", "sys_statfs64_wrapper", "arch/arm/kernel/entry-common.S -> sys_statfs64 (include/linux/syscalls.h)", "path,sz,buf", ""},
		{"arm", "fstatfs64", "sys_fstatfs64_wrapper", "arch/arm/kernel/entry-common.S -> sys_fstatfs64", "fd,sz,buf", ""},
		{"arm", "mmap2", "sys_mmap2", "arch/arm/kernel/entry-common.S -> sys_mmap_pgoff", "addr,len,prot,flags,fd,pgoff", ""},
		{"arm", "sigreturn", "sys_sigreturn_wrapper", "arch/arm/kernel/entry-common.S -> sys_sigreturn (arch/arm/kernel/signal.c)", "", ""},
		{"arm", "rt_sigreturn", "sys_rt_sigreturn_wrapper", "arch/arm/kernel/entry-common.S -> sys_rt_sigreturn", "", ""},
		{"mips", "syscall", "sys_syscall", "arch/mips/kernel/scall32-o32.S", "number,arg1,arg2,arg3,arg4,arg5,arg6,arg7", ""},
		// One entry point, two definitions in one arch dir: the build's file.
		{"ppc64", "swapcontext", "sys_swapcontext", "arch/powerpc/kernel/signal_64.c", "old_ctx,new_ctx,ctx_size", "struct ucontext __user *,struct ucontext __user *,long"},
		{"ppc64le", "rt_sigreturn", "sys_rt_sigreturn", "arch/powerpc/kernel/signal_64.c", "", ""},
		{"ppc64", "pciconfig_iobase", "sys_pciconfig_iobase", "arch/powerpc/kernel/pci_64.c", "which,in_bus,in_devfn", ""},
		{"386", "rt_sigreturn", "sys_rt_sigreturn", "arch/x86/kernel/signal_32.c", "", ""},
		{"amd64", "rt_sigreturn", "sys_rt_sigreturn", "arch/x86/kernel/signal_64.c", "", ""},
		// Arch-only entry points.
		{"riscv64", "riscv_flush_icache", "sys_riscv_flush_icache", "arch/riscv/kernel/sys_riscv.c", "start,end,flags", "uintptr_t,uintptr_t,uintptr_t"},
		{"riscv64", "riscv_hwprobe", "sys_riscv_hwprobe", "arch/riscv/kernel/sys_hwprobe.c", "pairs,pair_count,cpusetsize,cpus,flags", ""},
		{"amd64", "arch_prctl", "sys_arch_prctl", "arch/x86/kernel/process.c", "option,arg2", "int,unsigned long"},
		{"386", "set_thread_area", "sys_set_thread_area", "arch/x86/kernel/tls.c", "u_info", "struct user_desc __user *"},
		{"mips", "set_thread_area", "sys_set_thread_area", "arch/mips/kernel/syscall.c", "addr", "unsigned long"},
		{"386", "vm86", "sys_vm86", "arch/x86/kernel/vm86_32.c", "cmd,arg", ""},
		{"amd64", "modify_ldt", "sys_modify_ldt", "arch/x86/kernel/ldt.c", "func,ptr,bytecount", "int,void __user *,unsigned long"},
		{"s390x", "ipc", "sys_s390_ipc", "arch/s390/kernel/syscall.c", "call,first,second,third,ptr", ""},
		{"s390x", "personality", "sys_s390_personality", "arch/s390/kernel/syscall.c", "personality", "unsigned int"},
		{"ppc64", "personality", "sys_ppc64_personality", "arch/powerpc/kernel/syscalls.c", "personality", "unsigned long"},
		{"ppc64", "rtas", "sys_rtas", "arch/powerpc/kernel/rtas.c", "uargs", ""},
		{"ppc64", "switch_endian", "sys_switch_endian", "arch/powerpc/kernel/syscalls.c", "", ""},
		{"mips", "pipe", "sysm_pipe", "arch/mips/kernel/syscall.c", "", ""},
		{"mips", "cacheflush", "sys_cacheflush", "arch/mips/mm/cache.c", "addr,bytes,cache", ""},
		// Plain syscalls.h rows stay as they were.
		{"arm64", "openat2", "sys_openat2", "include/linux/syscalls.h", "dfd,filename,how,size", ""},
	} {
		p, ok := systab.PrototypeOn(c.arch, c.name)
		if !ok {
			t.Errorf("%s %s: no prototype", c.arch, c.name)
			continue
		}
		if p.EntryPoint != c.entry || !strings.HasPrefix(p.Source, c.source) {
			t.Errorf("%s %s: entry %s from %q; want %s from %q", c.arch, c.name, p.EntryPoint, p.Source, c.entry, c.source)
		}
		if c.names != "?" {
			if got := argNames(p.Args); got != c.names {
				t.Errorf("%s %s: arguments (%s), want (%s)", c.arch, c.name, got, c.names)
			}
		}
		if c.types != "" {
			if got := argTypes(p.Args); got != c.types {
				t.Errorf("%s %s: types (%s), want (%s)", c.arch, c.name, got, c.types)
			}
		}
	}
	// Notes on the assembly entries.
	for _, c := range []struct {
		arch       systab.Arch
		name, note string
	}{
		{"arm", "sigreturn", "struct pt_regs *regs"},
		{"arm", "statfs64", "84"},
		{"arm", "mmap2", "4096"},
		{"mips", "clone", "save_static_function"},
		{"mips", "syscall", "sys_call_table"},
		{"mips64le", "pipe", "v1"},
	} {
		if p, _ := systab.PrototypeOn(c.arch, c.name); !strings.Contains(p.Note, c.note) {
			t.Errorf("%s %s: note %q does not mention %q", c.arch, c.name, p.Note, c.note)
		}
	}
	if p, _ := systab.PrototypeOn("amd64", "read"); p.Note != "" || p.Source != "include/linux/syscalls.h" {
		t.Errorf("amd64 read: %+v", p)
	}
}

func TestPrototypeOnEdges(t *testing.T) {
	if _, ok := systab.PrototypeOn("wasm", "read"); ok {
		t.Error("PrototypeOn(wasm, read) found one")
	}
	if _, ok := systab.PrototypeOn("amd64", "no_such_syscall"); ok {
		t.Error("PrototypeOn(amd64, no_such_syscall) found one")
	}
	// A row that is not implemented has none; its entry point, asked for directly, is the
	// syscalls.h declaration.
	if e, ok := systab.Lookup("s390x", "afs_syscall"); !ok || e.Implemented {
		t.Fatalf("s390x afs_syscall = %+v", e)
	}
	if _, ok := systab.PrototypeOn("s390x", "afs_syscall"); ok {
		t.Error("s390x afs_syscall (sys_ni_syscall) has a prototype")
	}
	// An entry point outside the arch's table: the syscalls.h declaration whose condition
	// holds there. sys_utime needs __ARCH_WANT_SYS_UTIME (arm64 has not), sys_chown16
	// CONFIG_HAVE_UID16 (mips has not, arm has).
	if p, ok := systab.PrototypeOn("arm64", "sys_utime"); ok {
		t.Errorf("arm64 sys_utime = %+v", p)
	}
	if p, ok := systab.PrototypeOn("mips", "sys_chown16"); ok {
		t.Errorf("mips sys_chown16 = %+v", p)
	}
	if p, ok := systab.PrototypeOn("arm", "sys_chown16"); !ok || len(p.Args) != 3 || p.Cond != "CONFIG_HAVE_UID16" {
		t.Errorf("arm sys_chown16 = %+v, %v", p, ok)
	}
	// sys_clone3 is in every table; sys_fanotify_mark outside one picks by the arch.
	if p, ok := systab.PrototypeOn("amd64", "sys_fanotify_mark"); !ok || len(p.Args) != 5 {
		t.Errorf("amd64 sys_fanotify_mark = %+v, %v", p, ok)
	}
	// The results are copies.
	p, _ := systab.PrototypeOn("386", "pread64")
	p.Args[0].Name = "changed"
	if q, _ := systab.PrototypeOn("386", "pread64"); q.Args[0].Name != "fd" {
		t.Error("PrototypeOn returns the package's own slice")
	}
	q, _ := systab.PrototypeOn("arm64", "openat2")
	q.Args[0].Name = "changed"
	if r, _ := systab.PrototypeOn("arm64", "openat2"); r.Args[0].Name != "dfd" {
		t.Error("PrototypeOn returns the package's own slice (syscalls.h)")
	}
	// An entry taken from another arch's table asks that entry point on the given arch.
	e, _ := systab.Lookup("386", "pread64")
	if _, ok := e.PrototypeOn("amd64"); ok {
		t.Error("sys_ia32_pread64 found on amd64")
	}
	// Prototypes keeps its syscalls.h meaning, with the source.
	for _, p := range systab.Prototypes("clone") {
		if p.Source != "include/linux/syscalls.h" {
			t.Errorf("Prototypes(clone): %+v", p)
		}
	}
}

func BenchmarkPrototypeOn(b *testing.B) {
	systab.PrototypeOn("amd64", "read")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := systab.PrototypeOn("mips", "mmap"); !ok {
			b.Fatal("not found")
		}
	}
}
