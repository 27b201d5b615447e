package main

// Entry points that exist only in assembly: which C entry each reaches, and why, read
// from the .S files and checked against them on every run (the label's body must contain
// the evidence: by default a branch to the target). The mips __sys_* save-static
// wrappers are not here: save_static_function(sys_X) in arch/mips/kernel/syscall.c makes
// them (arch/mips/include/asm/sim.h), and the generator reads those lines and checks
// the macro.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type asmAlias struct {
	kernel string // the kernel arch directory
	entry  string // the label the syscall table names
	file   string // the .S file that defines it, relative to the tree
	target string // the C entry point it branches to; "" when it dispatches elsewhere
	// ownArgs: args are what user space passes, not the target's (the wrapper supplies or
	// consumes some of them).
	ownArgs  bool
	args     []arg
	evidence []string // regexps the label's body must match; default: a branch to target
	why      string
}

var asmAliases = []asmAlias{
	{
		kernel: "arm", entry: "sys_sigreturn_wrapper", file: "arch/arm/kernel/entry-common.S", target: "sys_sigreturn",
		ownArgs: true, args: nil,
		evidence: []string{`add\s+r0, sp, #S_OFF`, `\bb\s+sys_sigreturn\b`},
		why:      "add r0, sp, #S_OFF; b sys_sigreturn: the wrapper passes the saved registers as sys_sigreturn's struct pt_regs *regs; user space passes no argument",
	},
	{
		kernel: "arm", entry: "sys_rt_sigreturn_wrapper", file: "arch/arm/kernel/entry-common.S", target: "sys_rt_sigreturn",
		ownArgs: true, args: nil,
		evidence: []string{`add\s+r0, sp, #S_OFF`, `\bb\s+sys_rt_sigreturn\b`},
		why:      "add r0, sp, #S_OFF; b sys_rt_sigreturn: the wrapper passes the saved registers as sys_rt_sigreturn's struct pt_regs *regs; user space passes no argument",
	},
	{
		kernel: "arm", entry: "sys_statfs64_wrapper", file: "arch/arm/kernel/entry-common.S", target: "sys_statfs64",
		evidence: []string{`teq\s+r1, #88`, `moveq\s+r1, #84`, `\bb\s+sys_statfs64\b`},
		why:      "teq r1, #88; moveq r1, #84; b sys_statfs64: a size of 88 (struct statfs64 without arm's packed attribute) is passed on as 84, the size of the kernel's packed struct statfs64; same arguments",
	},
	{
		kernel: "arm", entry: "sys_fstatfs64_wrapper", file: "arch/arm/kernel/entry-common.S", target: "sys_fstatfs64",
		evidence: []string{`teq\s+r1, #88`, `moveq\s+r1, #84`, `\bb\s+sys_fstatfs64\b`},
		why:      "teq r1, #88; moveq r1, #84; b sys_fstatfs64: a size of 88 (struct statfs64 without arm's packed attribute) is passed on as 84, the size of the kernel's packed struct statfs64; same arguments",
	},
	{
		kernel: "arm", entry: "sys_mmap2", file: "arch/arm/kernel/entry-common.S", target: "sys_mmap_pgoff",
		evidence: []string{`str\s+r5, \[sp, #4\]`, `\bb\s+sys_mmap_pgoff\b`},
		why:      "str r5, [sp, #4]; b sys_mmap_pgoff: the sixth argument (r5) is stored where the C calling convention expects it, on the stack; the offset is in 4096-byte units (arm's page size); same arguments",
	},
	{
		kernel: "mips", entry: "sys_syscall", file: "arch/mips/kernel/scall32-o32.S", target: "",
		ownArgs: true,
		args: []arg{{"unsigned long", "number"}, {"unsigned long", "arg1"}, {"unsigned long", "arg2"}, {"unsigned long", "arg3"},
			{"unsigned long", "arg4"}, {"unsigned long", "arg5"}, {"unsigned long", "arg6"}, {"unsigned long", "arg7"}},
		evidence: []string{`subu\s+t0, a0, __NR_O32_Linux`, `lw\s+t2, sys_call_table\(t1\)`, `move\s+a0, a1`, `lw\s+a3, 16\(sp\)`, `lw\s+t6, 28\(sp\)`, `jr\s+t2`},
		why: "indirect syscall: the o32 number in a0 (4000 + n, not syscall itself) selects sys_call_table's entry, which gets a1-a3 and " +
			"the stack words at 16-28(sp) shifted down by one: up to 7 arguments; a bad number returns -ENOSYS",
	},
}

// entryNote is what a wrapper author must know about a C entry point whose interface is
// not what its parameters say, checked against its file on every run.
type entryNote struct {
	kernel, entry, file string
	evidence            []string // regexps the file must match
	why                 string
}

var entryNotes = []entryNote{
	{
		kernel: "mips", entry: "sysm_pipe", file: "arch/mips/kernel/syscall.c",
		evidence: []string{`asmlinkage int sysm_pipe\(void\)`, `current_pt_regs\(\)->regs\[3\] = fd\[1\];`, `return fd\[0\];`},
		why:      "pipe(2) on mips takes no argument: the read end is the return value (v0) and the write end comes back in v1 (current_pt_regs()->regs[3] = fd[1])",
	},
}

// checkEntryNotes checks the notes of one kernel arch against their files.
func checkEntryNotes(tree, karch string) ([]entryNote, error) {
	var out []entryNote
	for _, n := range entryNotes {
		if n.kernel != karch {
			continue
		}
		data, err := os.ReadFile(filepath.Join(tree, n.file))
		if err != nil {
			return nil, err
		}
		for _, e := range n.evidence {
			if !regexp.MustCompile(e).Match(data) {
				return nil, fmt.Errorf("%s: %s no longer matches %q: the note on %s is out of date", n.file, n.entry, e, n.entry)
			}
		}
		out = append(out, n)
	}
	return out, nil
}

var labelStartRe = `^\s*(?:%[1]s:|(?:LEAF|ENTRY|SYM_FUNC_START|SYM_CODE_START)\(%[1]s\)|NESTED\(%[1]s,)`

// asmBody returns the lines of label's body in an assembly file: from the label to its
// ENDPROC/END, or to the next label.
func asmBody(text, label string) (string, bool) {
	start := regexp.MustCompile(fmt.Sprintf(labelStartRe, regexp.QuoteMeta(label)))
	end := regexp.MustCompile(fmt.Sprintf(`^\s*(?:ENDPROC|END|SYM_FUNC_END|SYM_CODE_END)\(%s\)`, regexp.QuoteMeta(label)))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !start.MatchString(l) {
			continue
		}
		var body []string
		for _, m := range lines[i+1:] {
			if end.MatchString(m) {
				return strings.Join(body, "\n"), true
			}
			body = append(body, m)
		}
		return "", false
	}
	return "", false
}

var (
	saveStaticMacroRe = regexp.MustCompile(`(?s)#define\s+save_static_function\(symbol\)(.*?)\n\s*\n`)
)

// checkAsmAliases checks the alias table of one kernel arch against its .S files, and the
// save_static_function macro of arch/mips/include/asm/sim.h.
func checkAsmAliases(tree, karch string) ([]asmAlias, error) {
	var out []asmAlias
	for _, al := range asmAliases {
		if al.kernel != karch {
			continue
		}
		data, err := os.ReadFile(filepath.Join(tree, al.file))
		if err != nil {
			return nil, fmt.Errorf("%v (kernel.sh extracts the .S files of the alias table)", err)
		}
		body, ok := asmBody(string(data), al.entry)
		if !ok {
			return nil, fmt.Errorf("%s: no label %s (with its ENDPROC/END)", al.file, al.entry)
		}
		ev := al.evidence
		if len(ev) == 0 {
			ev = []string{`\b(?:b|j)\s+` + regexp.QuoteMeta(al.target) + `\b`}
		}
		for _, e := range ev {
			if !regexp.MustCompile(e).MatchString(body) {
				return nil, fmt.Errorf("%s: %s no longer matches %q: the alias table is out of date", al.file, al.entry, e)
			}
		}
		out = append(out, al)
	}
	if karch == "mips" {
		const sim = "arch/mips/include/asm/sim.h"
		data, err := os.ReadFile(filepath.Join(tree, sim))
		if err != nil {
			return nil, fmt.Errorf("%v (kernel.sh extracts it)", err)
		}
		ms := saveStaticMacroRe.FindAllStringSubmatch(string(data)+"\n\n", -1)
		if len(ms) == 0 {
			return nil, fmt.Errorf("%s: no save_static_function macro", sim)
		}
		for _, m := range ms {
			for _, want := range []string{`".globl\t__" #symbol`, `"j\t" #symbol`} {
				if !strings.Contains(m[1], want) {
					return nil, fmt.Errorf("%s: save_static_function no longer has %s: it may not be __symbol jumping to symbol", sim, want)
				}
			}
		}
	}
	return out, nil
}
