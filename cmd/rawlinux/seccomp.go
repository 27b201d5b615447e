package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/seccomp"
	"github.com/rawlinux/linux/systab"
)

// seccompInstruction is one instruction in `rawlinux seccomp -json`.
type seccompInstruction struct {
	Code uint16 `json:"code"`
	Jt   uint8  `json:"jt"`
	Jf   uint8  `json:"jf"`
	K    uint32 `json:"k"`
	Text string `json:"text"`
}

// seccompCheck is the decision for one call.
type seccompCheck struct {
	Call   string   `json:"call"`
	Arch   string   `json:"arch"`
	Nr     int32    `json:"nr"`
	Args   []string `json:"args"`
	Action string   `json:"action"` // what the BPF program answers (the interpreter)
	Ret    string   `json:"ret"`    // its 32-bit value
	Why    string   `json:"why"`    // the policy's reason: "rule 3 (allow ioctl if ...)", "default", "bad arch"
}

type seccompAnswer struct {
	Arch         string               `json:"arch"`
	AuditArch    string               `json:"auditArch"`
	Rules        int                  `json:"rules"`
	Skipped      []string             `json:"skipped"`
	Instructions int                  `json:"instructions"`
	MaxPath      int                  `json:"maxPath"`
	Program      []seccompInstruction `json:"program,omitempty"`
	Check        *seccompCheck        `json:"check,omitempty"`
}

// seccompCmd compiles a policy file for an arch and prints the program, or the decision
// for one call (-check NAME ARGS...), or writes the program (-o FILE, struct sock_filter
// in the arch's byte order).
func seccompCmd(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("seccomp", flag.ContinueOnError)
	fs.SetOutput(w)
	archFlag := fs.String("arch", "", "the target arch (default: the policy's, else "+runtime.GOARCH+")")
	asJSON := fs.Bool("json", false, "print JSON")
	check := fs.String("check", "", "a call to decide: NAME (or ARCH:NAME for a compat section) followed by its arguments")
	out := fs.String("o", "", "write the program to FILE (struct sock_filter, the arch's byte order)")
	usage := "usage: rawlinux seccomp POLICY-FILE [-arch ARCH] [-json] [-check CALL [ARGS...]] [-o FILE]"
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%v\n%s", err, usage)
	}
	rest := fs.Args()
	if file == "" && len(rest) > 0 && *check == "" {
		file, rest = rest[0], rest[1:]
	}
	if file == "" || *check == "" && len(rest) > 0 {
		return fmt.Errorf("%s", usage)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	arch := systab.Arch(*archFlag)
	if arch == "" && seccomp.PolicyArch(b) == "" {
		arch = systab.Arch(runtime.GOARCH)
	}
	p, err := seccomp.ParsePolicy(b, arch)
	if err != nil {
		return err
	}
	prog, err := p.Compile()
	if err != nil {
		return err
	}
	_, auditName, _ := seccomp.AuditArch(prog.Arch)
	rules := len(p.Rules)
	for _, c := range p.Compat {
		rules += len(c.Rules)
	}
	a := seccompAnswer{Arch: string(prog.Arch), AuditArch: auditName, Rules: rules, Skipped: prog.Skipped,
		Instructions: len(prog.Instructions), MaxPath: prog.MaxPath()}
	if a.Skipped == nil {
		a.Skipped = []string{}
	}
	if *check != "" {
		c, err := checkCall(p, prog, *check, rest)
		if err != nil {
			return err
		}
		a.Check = c
	}
	if *out != "" {
		bin, _ := prog.MarshalBinary()
		if err := os.WriteFile(*out, bin, 0o644); err != nil {
			return err
		}
	}
	if *asJSON {
		if a.Check == nil {
			bo, _ := seccomp.ByteOrder(prog.Arch)
			lines := strings.Split(strings.TrimRight(seccomp.Disassemble(prog.Instructions, bo), "\n"), "\n")
			for i, in := range prog.Instructions {
				text := lines[i]
				if j := strings.Index(text, ": "); j >= 0 {
					text = text[j+2:]
				}
				a.Program = append(a.Program, seccompInstruction{in.Code, in.Jt, in.Jf, in.K, text})
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	fmt.Fprintf(w, "%s (%s): %d rules", a.Arch, a.AuditArch, a.Rules)
	if len(a.Skipped) > 0 {
		fmt.Fprintf(w, " (%d calls not in the table skipped: %s)", len(a.Skipped), strings.Join(a.Skipped, " "))
	}
	fmt.Fprintf(w, ", %d instructions, at most %d executed for a call\n", a.Instructions, a.MaxPath)
	if a.Check != nil {
		c := a.Check
		fmt.Fprintf(w, "%s(%s) on %s, number %d: %s (%s): %s\n", c.Call, strings.Join(c.Args, ", "), c.Arch, c.Nr, c.Action, c.Ret, c.Why)
		return nil
	}
	if *out != "" {
		fmt.Fprintf(w, "wrote %d bytes to %s\n", 8*len(prog.Instructions), *out)
		return nil
	}
	fmt.Fprint(w, prog)
	return nil
}

func checkCall(p *seccomp.Policy, prog *seccomp.Program, call string, args []string) (*seccompCheck, error) {
	arch := prog.Arch
	name := call
	if a, n, ok := strings.Cut(call, ":"); ok {
		arch, name = systab.Arch(a), n
	}
	if len(args) > 6 {
		return nil, fmt.Errorf("-check %s: %d arguments (6 at most)", call, len(args))
	}
	var vals []uint64
	for _, s := range args {
		var v uint64
		var err error
		if strings.HasPrefix(s, "-") {
			var x int64
			x, err = strconv.ParseInt(s, 0, 64)
			v = uint64(x)
		} else {
			v, err = strconv.ParseUint(s, 0, 64)
		}
		if err != nil {
			return nil, fmt.Errorf("-check %s: argument %q is no number", call, s)
		}
		vals = append(vals, v)
	}
	var d seccomp.Data
	var err error
	if n, perr := strconv.ParseInt(name, 0, 64); perr == nil {
		audit, _, ok := seccomp.AuditArch(arch)
		if !ok {
			return nil, fmt.Errorf("-check: unknown arch %q", arch)
		}
		d = seccomp.Data{Nr: int32(n), Arch: audit}
		copy(d.Args[:], vals)
	} else if d, err = seccomp.CallData(arch, name, vals...); err != nil {
		return nil, err
	}
	got := prog.Run(d)
	dec := prog.Decide(d)
	if got != dec.Action {
		return nil, fmt.Errorf("internal error: the program answers %s, the policy %s", got, dec.Action)
	}
	why := dec.Why
	if dec.Rule >= 0 {
		rules := p.Rules
		for _, c := range p.Compat {
			if c.Arch == dec.Arch {
				rules = c.Rules
			}
		}
		why += " (" + seccomp.FormatPolicy(&seccomp.Policy{Arch: dec.Arch, Rules: rules[dec.Rule : dec.Rule+1]})
		why = strings.TrimSuffix(why[:strings.LastIndex(why, "\n")], "\n")
		why = strings.Replace(why, "arch "+string(dec.Arch)+"\n", "", 1) + ")"
	}
	c := &seccompCheck{Call: name, Arch: string(arch), Nr: d.Nr, Action: got.String(), Ret: fmt.Sprintf("%#08x", got.Ret()), Why: why, Args: []string{}}
	for _, v := range vals {
		c.Args = append(c.Args, fmt.Sprintf("%#x", v))
	}
	return c, nil
}
