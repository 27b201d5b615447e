package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// sinceAnswer is `rawlinux since NAME -json`.
type sinceAnswer struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`           // "syscall" or "constant"
	Row     string   `json:"row,omitempty"`  // the table row (for SYS_* and wrapper names)
	Arch    string   `json:"arch,omitempty"` // the arch asked about (syscalls)
	Since   string   `json:"since"`          // "5.6", "5.14..5.16", "<=5.10"
	Min     string   `json:"min"`
	Max     string   `json:"max"`
	Exact   bool     `json:"exact"`
	Sources []string `json:"sources"`
	Note    string   `json:"note,omitempty"`
	// Implemented is false for a row the kernel answers with ENOSYS on this arch.
	Implemented *bool `json:"implemented,omitempty"`
	// Arches is the release on every arch whose table has the row.
	Arches map[string]string `json:"arches,omitempty"`
}

// since prints the kernel release that brought a system call (its table name, SYS_NAME or
// the Go wrapper's name) or a constant, and where that comes from.
func since(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("since", flag.ContinueOnError)
	fs.SetOutput(w)
	archFlag := fs.String("arch", runtime.GOARCH, "the arch whose table answers for a system call")
	asJSON := fs.Bool("json", false, "print JSON")
	var name string
	// The name may come before or after the flags.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if name == "" && fs.NArg() == 1 {
		name = fs.Arg(0)
	} else if name == "" || fs.NArg() > 0 {
		return fmt.Errorf("usage: rawlinux since NAME [-arch ARCH] [-json]")
	}
	arch := systab.Arch(*archFlag)
	if systab.Table(arch) == nil {
		return fmt.Errorf("no arch %q (rawlinux arches lists them)", arch)
	}
	a, err := sinceOf(name, arch)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	fmt.Fprintln(w, a.Since)
	what := a.Name
	if a.Row != "" && a.Row != a.Name {
		what += " (" + a.Row + ")"
	}
	if a.Kind == "syscall" {
		what += " on " + a.Arch
	}
	fmt.Fprintf(w, "%s: Linux %s\n", what, a.Since)
	if a.Implemented != nil && !*a.Implemented {
		fmt.Fprintf(w, "not implemented on %s in Linux %s: ENOSYS\n", a.Arch, systab.KernelVersion)
	}
	fmt.Fprintln(w, "sources:")
	for _, s := range a.Sources {
		fmt.Fprintf(w, "  %s\n", s)
	}
	if a.Note != "" {
		fmt.Fprintf(w, "note: %s\n", a.Note)
	}
	if len(a.Arches) > 0 {
		var other []string
		for _, x := range systab.Arches() {
			if v, ok := a.Arches[string(x)]; ok && x != arch && v != a.Since {
				other = append(other, string(x)+" "+v)
			}
		}
		if len(other) > 0 {
			fmt.Fprintf(w, "other arches: %s\n", strings.Join(other, ", "))
		}
	}
	return nil
}

func sinceOf(name string, arch systab.Arch) (sinceAnswer, error) {
	answer := func(kind, row string, s systab.Since) sinceAnswer {
		a := sinceAnswer{Name: name, Kind: kind, Row: row, Since: s.String(), Min: s.Min.String(), Max: s.Max.String(),
			Exact: s.Exact(), Note: s.Note}
		for _, x := range strings.Split(s.Sources, "; ") {
			if x != "" {
				a.Sources = append(a.Sources, x)
			}
		}
		return a
	}
	// A constant of the flag sets.
	if s, ok := systab.ConstSince(name); ok {
		return answer("constant", "", s), nil
	}
	// A table row, SYS_NAME, or a wrapper of package linux.
	row := name
	if strings.HasPrefix(name, "SYS_") {
		row = strings.ToLower(strings.TrimPrefix(name, "SYS_"))
	}
	if _, ok := systab.Lookup(arch, row); !ok {
		for _, w := range systab.Wrappers(arch) {
			if w.Go == name {
				row = w.Entry.Name
				break
			}
		}
	}
	e, ok := systab.Lookup(arch, row)
	if !ok {
		if other := systab.ArchesOf(row); len(other) > 0 {
			return sinceAnswer{}, fmt.Errorf("%s: not in %s's table (it is in %v's): use -arch", name, arch, other)
		}
		return sinceAnswer{}, fmt.Errorf("%s: no system call, SYS_* number, wrapper or flag-set constant of that name", name)
	}
	s, _ := systab.SyscallSince(arch, row)
	a := answer("syscall", row, s)
	a.Arch = string(arch)
	impl := e.Implemented
	a.Implemented = &impl
	a.Arches = map[string]string{}
	for _, x := range systab.ArchesOf(row) {
		if xs, ok := systab.SyscallSince(x, row); ok {
			a.Arches[string(x)] = xs.String()
		}
	}
	return a, nil
}
