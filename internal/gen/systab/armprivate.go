package main

// arm's private system calls: the numbers __ARM_NR_BASE+1 ... of
// arch/arm/include/uapi/asm/unistd.h, which are not in arch/arm/tools/syscall.tbl.
// vector_swi (arch/arm/kernel/entry-common.S) sends a number at or above __ARM_NR_BASE to
// arm_syscall (arch/arm/kernel/traps.c), whose switch runs one case per call with the
// caller's registers. They are rows of arm's table here, with ABI "private" and entry
// point arm_syscall, and each row's prototype is what its case reads of the registers,
// checked against traps.c on every run.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// armPrivateABI is the ABI column of the private rows.
const armPrivateABI = "private"

type armPrivateCall struct {
	name     string
	args     []arg    // the registers the case reads, as the C function it calls names them
	evidence []string // regexps traps.c must match
	why      string   // the prototype's note
}

var armPrivateCalls = []armPrivateCall{
	{
		name:     "breakpoint",
		evidence: []string{`case NR\(breakpoint\):[^\n]*\n\s*regs->ARM_pc -= thumb_mode\(regs\) \? 2 : 4;\s*ptrace_break\(regs\);\s*return regs->ARM_r0;`},
		why:      "arm private call __ARM_NR_breakpoint (arch/arm/kernel/traps.c, arm_syscall): moves the caller's pc back onto the swi and raises SIGTRAP there (ptrace_break), as a debugger's breakpoint; no argument",
	},
	{
		name: "cacheflush",
		args: []arg{{"unsigned long", "start"}, {"unsigned long", "end"}, {"int", "flags"}},
		evidence: []string{`case NR\(cacheflush\):\s*return do_cache_op\(regs->ARM_r0, regs->ARM_r1, regs->ARM_r2\);`,
			`do_cache_op\(unsigned long start, unsigned long end, int flags\)\s*\{\s*if \(end < start \|\| flags\)\s*return -EINVAL;`},
		why: "arm private call __ARM_NR_cacheflush (arch/arm/kernel/traps.c, arm_syscall): r0-r2 go to do_cache_op(start, end, flags), which makes the instruction cache coherent for [start, end) (end exclusive); flags must be 0 (EINVAL)",
	},
	{
		name:     "usr26",
		evidence: []string{`case NR\(usr26\):\s*if \(!\(elf_hwcap & HWCAP_26BIT\)\)\s*break;\s*regs->ARM_cpsr &= ~MODE32_BIT;`},
		why:      "arm private call __ARM_NR_usr26 (arch/arm/kernel/traps.c, arm_syscall): switches the caller to 26-bit mode on a CPU with one (HWCAP_26BIT); elsewhere the switch breaks out and the caller gets SIGILL; no argument",
	},
	{
		name:     "usr32",
		evidence: []string{`case NR\(usr32\):\s*if \(!\(elf_hwcap & HWCAP_26BIT\)\)\s*break;\s*regs->ARM_cpsr \|= MODE32_BIT;`},
		why:      "arm private call __ARM_NR_usr32 (arch/arm/kernel/traps.c, arm_syscall): switches the caller back to 32-bit mode on a CPU with 26-bit mode (HWCAP_26BIT); elsewhere the caller gets SIGILL; no argument",
	},
	{
		name:     "set_tls",
		args:     []arg{{"unsigned long", "val"}},
		evidence: []string{`case NR\(set_tls\):\s*set_tls\(regs->ARM_r0\);\s*return 0;`},
		why:      "arm private call __ARM_NR_set_tls (arch/arm/kernel/traps.c, arm_syscall): r0 becomes the thread's TLS value (set_tls: the TPIDRURO register, or the kuser helper's copy); returns 0",
	},
	{
		name:     "get_tls",
		evidence: []string{`case NR\(get_tls\):\s*return current_thread_info\(\)->tp_value\[0\];`},
		why:      "arm private call __ARM_NR_get_tls (arch/arm/kernel/traps.c, arm_syscall): returns the thread's TLS value (tp_value[0]); no argument",
	},
}

var (
	armNRBaseRe   = regexp.MustCompile(`(?m)^#define\s+__ARM_NR_BASE\s+\(__NR_SYSCALL_BASE\s*\+\s*(0x[0-9a-fA-F]+|[0-9]+)\)`)
	armNRRe       = regexp.MustCompile(`(?m)^#define\s+__ARM_NR_(\w+)\s+\(__ARM_NR_BASE\s*\+\s*([0-9]+)\)`)
	armDispatchRe = regexp.MustCompile(`cmp\s+scno, #\(__ARM_NR_BASE - __NR_SYSCALL_BASE\)\s*\n[^\n]*\n\s*bcs\s+arm_syscall`)
)

// readArmPrivate returns arm's private rows (numbers from the EABI header: __NR_SYSCALL_BASE
// is 0 there) and their prototypes by name, after checking the dispatch and every case.
func readArmPrivate(ks *kernelSource) ([]row, map[string]resolvedProto, error) {
	const unistd, entry, traps = "arch/arm/include/uapi/asm/unistd.h", "arch/arm/kernel/entry-common.S", "arch/arm/kernel/traps.c"
	u, err := ks.read(unistd)
	if err != nil {
		return nil, nil, err
	}
	m := armNRBaseRe.FindStringSubmatch(u)
	if m == nil {
		return nil, nil, fmt.Errorf("%s: no __ARM_NR_BASE (__NR_SYSCALL_BASE+N)", unistd)
	}
	base, err := strconv.ParseInt(m[1], 0, 64)
	if err != nil {
		return nil, nil, err
	}
	e, err := ks.read(entry)
	if err != nil {
		return nil, nil, err
	}
	if !armDispatchRe.MatchString(e) {
		return nil, nil, fmt.Errorf("%s: vector_swi no longer sends the numbers from __ARM_NR_BASE to arm_syscall", entry)
	}
	t, err := ks.read(traps)
	if err != nil {
		return nil, nil, err
	}
	if !strings.Contains(t, "asmlinkage int arm_syscall(int no, struct pt_regs *regs)") {
		return nil, nil, fmt.Errorf("%s: no arm_syscall(int no, struct pt_regs *regs)", traps)
	}
	known := map[string]armPrivateCall{}
	for _, c := range armPrivateCalls {
		known[c.name] = c
	}
	var rows []row
	protos := map[string]resolvedProto{}
	for _, d := range armNRRe.FindAllStringSubmatch(u, -1) {
		name := d[1]
		n, _ := strconv.Atoi(d[2])
		c, ok := known[name]
		if !ok {
			return nil, nil, fmt.Errorf("%s: __ARM_NR_%s is new: describe its case of arm_syscall in armprivate.go", unistd, name)
		}
		delete(known, name)
		for _, ev := range c.evidence {
			if !regexp.MustCompile(ev).MatchString(t) {
				return nil, nil, fmt.Errorf("%s: the case of %s no longer matches %q: armprivate.go is out of date", traps, name, ev)
			}
		}
		rows = append(rows, row{number: int(base) + n, name: name, abi: armPrivateABI, entry: "arm_syscall"})
		protos[name] = resolvedProto{entry: "arm_syscall", source: traps, note: c.why, args: c.args}
	}
	if len(known) > 0 {
		var l []string
		for n := range known {
			l = append(l, n)
		}
		sort.Strings(l)
		return nil, nil, fmt.Errorf("%s: no __ARM_NR_ for %v any more", unistd, l)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].number < rows[j].number })
	return rows, protos, nil
}
