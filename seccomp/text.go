package seccomp

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// ParsePolicy reads a policy in any of three forms, told apart by their start:
//
//   - the text form (FormatPolicy writes it), one directive a line, # comments:
//
//     arch amd64
//     default errno EPERM
//     badarch kill-process
//     skip-unknown
//     allow read write close exit_group
//     errno ENOSYS openat2 clone3
//     allow ioctl if arg1 != 0x5412
//     allow socket if arg0 <= 10 and arg1 & 0xf == 1
//     errno 1 #0x40000027
//     compat 386
//     allow read
//
//     A rule is an action (with its datum: errno NAME-or-NUMBER, trap N, trace N), the
//     calls it applies to (names of the arch's table, or #NUMBER), and after "if" the
//     conditions that must all hold: argN OP VALUE with OP one of == != < <= > >=, or
//     argN & MASK == VALUE; argN:32 and argN:64 force a width. "compat ARCH" starts a
//     section for a further convention (its own default line optional); the lines after
//     it belong to it.
//
//   - the JSON of a Policy (encoding/json; "{" and an "arch" or "rules" key);
//
//   - an OCI runtime-spec seccomp section or a Docker/moby profile (a "defaultAction" key):
//     see ParseOCI.
//
// arch, if not "", is the target: it replaces the text form's arch line (a policy may
// leave the arch to its user) and chooses the OCI profile's arch.
func ParsePolicy(b []byte, arch systab.Arch) (*Policy, error) {
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '{' {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(t, &probe); err != nil {
			return nil, fmt.Errorf("seccomp: policy JSON: %v", err)
		}
		_, oci := probe["defaultAction"]
		if _, ok := probe["linux"]; ok || oci {
			return ParseOCI(t, arch)
		}
		var p Policy
		if err := json.Unmarshal(t, &p); err != nil {
			return nil, fmt.Errorf("seccomp: policy JSON: %v", err)
		}
		if arch != "" {
			p.Arch = arch
		}
		return &p, nil
	}
	return parseText(b, arch)
}

// PolicyArch returns the arch a policy file names for itself: the text form's arch line,
// the JSON's "arch", an OCI profile's first arch that Go has; "" if it names none.
func PolicyArch(b []byte) systab.Arch {
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '{' {
		var probe struct {
			Arch          systab.Arch `json:"arch"`
			Architectures []string    `json:"architectures"`
			ArchMap       []ociArch   `json:"archMap"`
			Linux         *struct {
				Seccomp *struct {
					Architectures []string `json:"architectures"`
				} `json:"seccomp"`
			} `json:"linux"`
		}
		if json.Unmarshal(t, &probe) != nil {
			return ""
		}
		if probe.Arch != "" {
			return probe.Arch
		}
		l := probe.Architectures
		for _, m := range probe.ArchMap {
			l = append(l, m.Architecture)
		}
		if probe.Linux != nil && probe.Linux.Seccomp != nil {
			l = append(l, probe.Linux.Seccomp.Architectures...)
		}
		for _, s := range l {
			if a := scmpArches[s]; a != "" {
				return a
			}
		}
		return ""
	}
	return textArch(b)
}

// textArch returns the text form's arch line, if any.
func textArch(b []byte) systab.Arch {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == "arch" {
			return systab.Arch(f[1])
		}
		if len(f) > 0 && f[0] == "compat" {
			break
		}
	}
	return ""
}

var condRE = regexp.MustCompile(`^arg([0-9]+)(?::([0-9]+))?\s*(?:&\s*(\S+)\s*(==)|(==|!=|<=|>=|<|>))\s*(\S+)$`)

func parseText(b []byte, arch systab.Arch) (*Policy, error) {
	if arch == "" {
		arch = textArch(b) // errno names are the arch's: know it before the first rule
	}
	p := &Policy{Arch: arch}
	cur := p
	sc := bufio.NewScanner(bytes.NewReader(b))
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') && !isNumberToken(line[i:]) {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("seccomp: line %d: %s", ln, fmt.Sprintf(format, args...))
		}
		switch f[0] {
		case "arch":
			if len(f) != 2 {
				return nil, bad("arch NAME")
			}
			if cur != p {
				return nil, bad("arch inside a compat section")
			}
			continue // read before (textArch), or replaced by the caller's arch
		case "default", "badarch":
			a, err := ParseAction(cur.Arch, strings.Join(f[1:], " "))
			if err != nil {
				return nil, bad("%v", err)
			}
			if f[0] == "default" {
				cur.Default = a
			} else if cur != p {
				return nil, bad("badarch belongs to the main section")
			} else {
				p.BadArch = a
			}
			continue
		case "skip-unknown":
			p.SkipUnknown = true
			continue
		case "compat":
			if len(f) != 2 {
				return nil, bad("compat ARCH")
			}
			p.Compat = append(p.Compat, Policy{Arch: systab.Arch(f[1])})
			cur = &p.Compat[len(p.Compat)-1]
			continue
		}
		// A rule: ACTION [DATUM] CALL... [if COND [and COND]...]
		n := 1
		switch strings.ToLower(f[0]) {
		case "errno", "trap", "trace", "scmp_act_errno", "scmp_act_trap", "scmp_act_trace":
			n = 2
		}
		if len(f) <= n {
			return nil, bad("a rule is ACTION CALL... [if CONDITION [and CONDITION]...]")
		}
		act, err := ParseAction(cur.Arch, strings.Join(f[:n], " "))
		if err != nil {
			return nil, bad("%v", err)
		}
		rest := strings.Join(f[n:], " ")
		calls, conds, _ := strings.Cut(rest, " if ")
		if strings.HasSuffix(rest, " if") {
			return nil, bad("if without a condition")
		}
		var cs []Cond
		if conds != "" {
			for _, s := range regexp.MustCompile(`\s+(?:and|&&)\s+`).Split(conds, -1) {
				c, err := parseCond(strings.TrimSpace(s))
				if err != nil {
					return nil, bad("%v", err)
				}
				cs = append(cs, c)
			}
		}
		for _, name := range strings.Fields(calls) {
			r := Rule{Syscall: name, Args: cs, Action: act}
			if strings.HasPrefix(name, "#") {
				v, err := strconv.ParseInt(name[1:], 0, 64)
				if err != nil {
					return nil, bad("%q is no number", name)
				}
				r.Syscall, r.Number = "", int(v)
			}
			cur.Rules = append(cur.Rules, r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if p.Arch == "" {
		return nil, fmt.Errorf("seccomp: the policy names no arch (an arch line, or give one)")
	}
	return p, nil
}

func isNumberToken(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f[0]) < 2 {
		return false
	}
	_, err := strconv.ParseInt(f[0][1:], 0, 64)
	return err == nil
}

func parseCond(s string) (Cond, error) {
	m := condRE.FindStringSubmatch(s)
	if m == nil {
		return Cond{}, fmt.Errorf("condition %q: argN OP VALUE or argN & MASK == VALUE", s)
	}
	var c Cond
	c.Arg, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		c.Width, _ = strconv.Atoi(m[2])
	}
	v, err := parseValue(m[6])
	if err != nil {
		return Cond{}, fmt.Errorf("condition %q: %v", s, err)
	}
	c.Value = v
	if m[3] != "" {
		c.Op = MaskedEq
		if c.Mask, err = parseValue(m[3]); err != nil {
			return Cond{}, fmt.Errorf("condition %q: %v", s, err)
		}
	} else {
		c.Op, _ = parseOp(m[5])
	}
	return c, nil
}

func parseValue(s string) (uint64, error) {
	if strings.HasPrefix(s, "-") {
		v, err := strconv.ParseInt(s, 0, 64)
		return uint64(v), err
	}
	return strconv.ParseUint(s, 0, 64)
}

// FormatPolicy writes p in the text form ParsePolicy reads: unconditional rules of one
// action on one line, each conditional rule on a line of its own, in the rules' order.
func FormatPolicy(p *Policy) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "arch %s\n", p.Arch)
	if p.Default.IsSet() {
		fmt.Fprintf(&sb, "default %s\n", p.Default)
	}
	if p.BadArch.IsSet() {
		fmt.Fprintf(&sb, "badarch %s\n", p.BadArch)
	}
	if p.SkipUnknown {
		sb.WriteString("skip-unknown\n")
	}
	formatRules(&sb, p.Rules)
	for _, c := range p.Compat {
		fmt.Fprintf(&sb, "compat %s\n", c.Arch)
		if c.Default.IsSet() {
			fmt.Fprintf(&sb, "default %s\n", c.Default)
		}
		formatRules(&sb, c.Rules)
	}
	return sb.String()
}

func formatRules(sb *strings.Builder, rules []Rule) {
	for i := 0; i < len(rules); {
		r := rules[i]
		names := []string{r.name()}
		j := i + 1
		if len(r.Args) == 0 {
			for j < len(rules) && len(rules[j].Args) == 0 && rules[j].Action == r.Action && len(names) < 8 {
				names = append(names, rules[j].name())
				j++
			}
		}
		fmt.Fprintf(sb, "%s %s", r.Action, strings.Join(names, " "))
		for k, c := range r.Args {
			sep := " and "
			if k == 0 {
				sep = " if "
			}
			sb.WriteString(sep + c.format())
		}
		sb.WriteString("\n")
		i = j
	}
}

// MarshalBinary returns the program as the kernel takes it: struct sock_filter after
// struct sock_filter in the byte order of the program's arch (what bubblewrap's --seccomp
// descriptor and prctl/seccomp callers in other languages read).
func (p *Program) MarshalBinary() ([]byte, error) {
	bo := p.byteOrder()
	out := make([]byte, 8*len(p.Instructions))
	for i, in := range p.Instructions {
		bo.PutUint16(out[8*i:], in.Code)
		out[8*i+2], out[8*i+3] = in.Jt, in.Jf
		bo.PutUint32(out[8*i+4:], in.K)
	}
	return out, nil
}

// ParseInstructions reads what MarshalBinary writes, in byte order bo.
func ParseInstructions(b []byte, bo binary.ByteOrder) ([]Instruction, error) {
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("seccomp: %d bytes is no whole number of 8-byte instructions", len(b))
	}
	prog := make([]Instruction, len(b)/8)
	for i := range prog {
		prog[i] = Instruction{Code: bo.Uint16(b[8*i:]), Jt: b[8*i+2], Jf: b[8*i+3], K: bo.Uint32(b[8*i+4:])}
	}
	return prog, nil
}
