// Command rawlinux reports what rawlinux knows about this machine and the kernel ABI.
//
//	rawlinux [-json]         the report: kernel, vDSO speed, the calls this kernel supports, the fallbacks, seccomp
//	rawlinux summary         the running kernel, the arch, its syscall table in brief, the vDSO
//	rawlinux table [ARCH]    the whole syscall table of ARCH (default: this build's arch)
//	rawlinux arches          every arch's table size, side by side
//	rawlinux lookup NAME     NAME's number on every arch
//	rawlinux coverage [-json] [-v]   how package linux covers every row of every arch
//	rawlinux since NAME [-arch ARCH] [-json]   the kernel release that brought a call or flag
//	rawlinux seccomp POLICY-FILE [-arch ARCH] [-json] [-check CALL ARGS...] [-o FILE]   a seccomp policy's BPF
package main

import (
	"fmt"
	"os"
	"runtime"
	"text/tabwriter"

	"github.com/rawlinux/linux/systab"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rawlinux:", err)
		os.Exit(1)
	}
}

// run runs the command line args (without the program name), printing to os.Stdout.
func run(args []string) error {
	cmd := "report"
	if len(args) > 0 && args[0] != "-json" {
		cmd, args = args[0], args[1:]
	}
	if asJSON, rest := withJSON(args); asJSON && (cmd == "table" || cmd == "arches" || cmd == "lookup" || cmd == "summary") {
		return tableJSON(os.Stdout, cmd, rest)
	}
	var err error
	switch cmd {
	case "report":
		err = reportCmd(os.Stdout, args)
	case "summary":
		err = summary()
	case "seccomp":
		err = seccompCmd(os.Stdout, args)
	case "table":
		arch := systab.Arch(runtime.GOARCH)
		if len(args) > 0 {
			arch = systab.Arch(args[0])
		}
		err = table(arch)
	case "arches":
		arches()
	case "lookup":
		if len(args) != 1 {
			err = fmt.Errorf("usage: rawlinux lookup NAME")
		} else {
			err = lookup(args[0])
		}
	case "coverage":
		err = coverage(os.Stdout, args)
	case "since":
		err = since(os.Stdout, args)
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
	default:
		err = fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
	return err
}

const usage = `usage:
  rawlinux [-json]         the report: the kernel, the vDSO's speed, which calls this kernel
                           supports (probed), what each fallback chooses, seccomp's state
  rawlinux summary         the running kernel, the arch, its syscall table in brief, the vDSO
  rawlinux table [ARCH]    the whole syscall table of ARCH (default: this build's arch)
  rawlinux arches          every arch's table size, side by side
  rawlinux lookup NAME     NAME's number on every arch
                           (summary, table, arches and lookup take -json too)
  rawlinux coverage [-json] [-v]
                           how package linux covers every row of every arch: typed,
                           raw-only (with the reason), unimplemented, pending
  rawlinux since NAME [-arch ARCH] [-json]
                           the kernel release that brought a system call (its name, SYS_NAME
                           or the wrapper's name) on ARCH, or a flag constant, and the sources
  rawlinux seccomp POLICY-FILE [-arch ARCH] [-json] [-check CALL [ARGS...]] [-o FILE]
                           compile a seccomp policy (text, JSON or an OCI/Docker profile) for
                           ARCH: its BPF, or the decision for one call; -o writes the program
`

func summary() error {
	u, err := uname()
	if err != nil {
		return err
	}
	fmt.Printf("kernel:   %s %s %s (%s)\n", u.sysname, u.release, u.version, u.machine)
	fmt.Printf("build:    %s/%s, %s\n", runtime.GOOS, runtime.GOARCH, runtime.Version())
	tab := systab.Current()
	impl := 0
	for _, e := range tab {
		if e.Implemented {
			impl++
		}
	}
	fmt.Printf("syscalls: %d rows in %s's table of Linux %s, %d implemented (rawlinux table: all of them)\n",
		len(tab), runtime.GOARCH, systab.KernelVersion, impl)
	printVDSO()
	return nil
}

func table(arch systab.Arch) error {
	tab := systab.Table(arch)
	if tab == nil {
		return fmt.Errorf("no arch %q (rawlinux arches lists them)", arch)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tNAME\tABI\tENTRY POINT\tCOMPAT ENTRY\t")
	for _, e := range tab {
		entry := e.EntryPoint
		if !e.Implemented {
			entry = "(not implemented) " + entry
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t\n", e.Number, e.Name, e.ABI, entry, e.Compat)
	}
	return w.Flush()
}

func arches() {
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "ARCH\tROWS\tIMPLEMENTED\tLOWEST\tHIGHEST\t")
	for _, a := range systab.Arches() {
		tab := systab.Table(a)
		impl := 0
		for _, e := range tab {
			if e.Implemented {
				impl++
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t\n", a, len(tab), impl, tab[0].Number, tab[len(tab)-1].Number)
	}
	w.Flush()
}

func lookup(name string) error {
	found := false
	for _, a := range systab.Arches() {
		if e, ok := systab.Lookup(a, name); ok {
			found = true
			state := ""
			if !e.Implemented {
				state = " (not implemented)"
			}
			fmt.Printf("%-9s %5d  %s%s\n", a, e.Number, e.EntryPoint, state)
		} else {
			fmt.Printf("%-9s     -\n", a)
		}
	}
	if !found {
		return fmt.Errorf("no arch has a system call named %q", name)
	}
	return nil
}
