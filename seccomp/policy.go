package seccomp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// Policy is a seccomp filter described by system-call names: for each call (by its name in
// the target arch's table, systab) an ordered list of rules, each with argument conditions
// and an action, and a default action for every call no rule matches. One Policy builds
// for any of the 13 arches from any build: Compile resolves the names through the arch's
// table, checks the arch first (AUDIT_ARCH_*) and lays the rules out as a binary search
// over the call numbers.
type Policy struct {
	// Arch is the target: the arch whose convention the filtered program uses.
	Arch systab.Arch `json:"arch"`
	// Default is the action for a call no rule matches. It must be set.
	Default Action `json:"default"`
	// BadArch is the action for a call made with another convention (another
	// seccomp_data.arch than Arch and the Compat sections': the i386 int $0x80 entry of an
	// amd64 program, say) and, on amd64, for x32 numbers (0x40000000 set) that no rule
	// names. Unset means KillProcess.
	BadArch Action `json:"badArch,omitempty"`
	// Rules are tried in order; the first whose conditions all hold decides.
	Rules []Rule `json:"rules"`
	// Compat are further conventions the same program may use, each with its own rules
	// and default (Default unset: the Policy's): a "386" section of an amd64 policy
	// filters the int $0x80 entry (AUDIT_ARCH_I386, i386 numbers), an "arm" section of an
	// arm64 policy the AArch32 compat entry. Their BadArch and Compat must be unset.
	Compat []Policy `json:"compat,omitempty"`
	// SkipUnknown drops the rules whose call is not in the arch's table (a policy written
	// for several arches names open, stat, mmap2... that some lack); without it such a
	// rule is an error. Program.Skipped lists what was dropped. The main policy's
	// SkipUnknown holds for its Compat sections too.
	SkipUnknown bool `json:"skipUnknown,omitempty"`
}

// Rule is one rule of a Policy: Action for the call Syscall (a name of the arch's table)
// when every condition of Args holds.
type Rule struct {
	// Syscall is the call's name in the arch's table ("openat2", "mmap2", "_llseek").
	Syscall string `json:"syscall,omitempty"`
	// Number is the call's number (offset included on mips) when Syscall is "": numbers
	// the table does not name, such as x32 calls on amd64 (0x40000000 | n).
	Number int    `json:"number,omitempty"`
	Args   []Cond `json:"args,omitempty"`
	Action Action `json:"action"`
}

// Op is an argument comparison. Comparisons are unsigned, on the argument's width.
type Op uint8

const (
	Eq       Op = iota + 1 // arg == Value
	Ne                     // arg != Value
	Lt                     // arg < Value
	Le                     // arg <= Value
	Gt                     // arg > Value
	Ge                     // arg >= Value
	MaskedEq               // arg & Mask == Value
)

var opNames = [...]string{Eq: "==", Ne: "!=", Lt: "<", Le: "<=", Gt: ">", Ge: ">=", MaskedEq: "&=="}

func (o Op) String() string {
	if int(o) < len(opNames) && opNames[o] != "" {
		return opNames[o]
	}
	return fmt.Sprintf("op(%d)", uint8(o))
}

// MarshalText writes the operator as String does ("==", "&==").
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads "==", "!=", "<", "<=", ">", ">=", "&==" and the names eq, ne, lt,
// le, gt, ge, masked_eq (with or without libseccomp's SCMP_CMP_ prefix).
func (o *Op) UnmarshalText(b []byte) error {
	v, ok := parseOp(string(b))
	if !ok {
		return fmt.Errorf("seccomp: unknown comparison %q", b)
	}
	*o = v
	return nil
}

func parseOp(s string) (Op, bool) {
	s = strings.TrimPrefix(strings.ToLower(s), "scmp_cmp_")
	for i, n := range opNames {
		if n != "" && n == s {
			return Op(i), true
		}
	}
	switch s {
	case "eq":
		return Eq, true
	case "ne":
		return Ne, true
	case "lt":
		return Lt, true
	case "le":
		return Le, true
	case "gt":
		return Gt, true
	case "ge":
		return Ge, true
	case "masked_eq", "masked-eq", "maskedeq":
		return MaskedEq, true
	}
	return 0, false
}

// Cond is a condition on one argument of a call.
//
// An argument's width decides what is compared. On a 32-bit arch every argument is one
// 32-bit register, and only its low word is compared (the high word of seccomp_data's
// u64 means nothing there; a 64-bit C argument such as a loff_t takes two argument
// registers, each compared on its own). On a 64-bit arch an argument whose C type is 32
// bits wide or less (int, unsigned int, pid_t, umode_t: the kernel's prototype for that
// arch, systab.PrototypeOn) is compared on its low word only, because the kernel ignores
// the register's high half: comparing all 64 bits would let a caller slip past a rule by
// setting high bits (an ioctl request with bit 32 set is the same request to the kernel).
// Any other argument is compared on all 64 bits, its high half included. Width forces a
// width (32 or 64) where the prototype does not say what is meant.
type Cond struct {
	Arg   int    `json:"arg"` // 0 to 5
	Op    Op     `json:"op"`
	Value uint64 `json:"value"`
	Mask  uint64 `json:"mask,omitempty"` // MaskedEq
	Width int    `json:"width,omitempty"`
}

// Arg names argument i (0 to 5) for a condition: Arg(1).Eq(0x5401).
type Arg int

// Eq is the condition arg == v.
func (a Arg) Eq(v uint64) Cond { return Cond{Arg: int(a), Op: Eq, Value: v} }

// Ne is the condition arg != v.
func (a Arg) Ne(v uint64) Cond { return Cond{Arg: int(a), Op: Ne, Value: v} }

// Lt is the condition arg < v.
func (a Arg) Lt(v uint64) Cond { return Cond{Arg: int(a), Op: Lt, Value: v} }

// Le is the condition arg <= v.
func (a Arg) Le(v uint64) Cond { return Cond{Arg: int(a), Op: Le, Value: v} }

// Gt is the condition arg > v.
func (a Arg) Gt(v uint64) Cond { return Cond{Arg: int(a), Op: Gt, Value: v} }

// Ge is the condition arg >= v.
func (a Arg) Ge(v uint64) Cond { return Cond{Arg: int(a), Op: Ge, Value: v} }

// MaskedEq is the condition arg & mask == v.
func (a Arg) MaskedEq(mask, v uint64) Cond {
	return Cond{Arg: int(a), Op: MaskedEq, Mask: mask, Value: v}
}

// WithWidth returns c comparing bits (32 or 64) of the argument whatever its C type says.
func (c Cond) WithWidth(bits int) Cond { c.Width = bits; return c }

// String spells c as the policy files do: "arg1 == 0x5401", "arg2 & 0x4 == 0x0".
func (c Cond) String() string { return c.format() }

func (c Cond) format() string {
	arg := fmt.Sprintf("arg%d", c.Arg)
	if c.Width != 0 {
		arg += fmt.Sprintf(":%d", c.Width)
	}
	if c.Op == MaskedEq {
		return fmt.Sprintf("%s & %#x == %#x", arg, c.Mask, c.Value)
	}
	return fmt.Sprintf("%s %s %#x", arg, c.Op, c.Value)
}

// Add appends a rule: action for the call name when every condition holds.
func (p *Policy) Add(action Action, name string, conds ...Cond) *Policy {
	p.Rules = append(p.Rules, Rule{Syscall: name, Args: conds, Action: action})
	return p
}

// AddAll appends one unconditional rule per name.
func (p *Policy) AddAll(action Action, names ...string) *Policy {
	for _, n := range names {
		p.Add(action, n)
	}
	return p
}

// The resolved form of a policy: numbers, widths and words, shared by the compiler and
// the reference evaluator (Decide).

type rcond struct {
	arg   int
	op    Op
	wide  bool   // compare 64 bits (else the low word)
	value uint64 // truncated to 32 bits when !wide
	mask  uint64
	src   Cond
}

type rrule struct {
	index  int // in the section's Rules
	conds  []rcond
	action Action
}

type section struct {
	info    *archInfo
	def     Action
	calls   map[uint32][]rrule // by number
	skipped []string
}

type resolved struct {
	badArch  Action
	sections []*section
}

// x32 reports whether n is in the range that, on amd64, means the x32 ABI.
func (s *section) x32(n uint32) bool {
	return s.info.arch == "amd64" && n >= x32Bit && n < 0x80000000
}

// base returns the action for call n when no rule matches.
func (s *section) base(r *resolved, n uint32) Action {
	if s.x32(n) {
		return r.badArch
	}
	return s.def
}

func (p *Policy) resolve() (*resolved, error) {
	r := &resolved{badArch: p.BadArch}
	if !r.badArch.IsSet() {
		r.badArch = KillProcess
	}
	if !p.Default.IsSet() {
		return nil, fmt.Errorf("seccomp: the policy has no default action")
	}
	s, err := p.resolveSection(p.Default)
	if err != nil {
		return nil, err
	}
	r.sections = append(r.sections, s)
	for i := range p.Compat {
		c := &p.Compat[i]
		if c.BadArch.IsSet() || len(c.Compat) > 0 {
			return nil, fmt.Errorf("seccomp: compat section %s: BadArch and Compat belong to the main policy", c.Arch)
		}
		def := c.Default
		if !def.IsSet() {
			def = p.Default
		}
		cc := *c
		cc.SkipUnknown = c.SkipUnknown || p.SkipUnknown
		cs, err := cc.resolveSection(def)
		if err != nil {
			return nil, err
		}
		if cs.info.bigEndian != s.info.bigEndian {
			// The kernel lays seccomp_data out in its own byte order, the main arch's; no
			// kernel runs tasks of the other order.
			return nil, fmt.Errorf("seccomp: compat section %s has another byte order than %s", cs.info.arch, s.info.arch)
		}
		for _, o := range r.sections {
			if o.info.audit == cs.info.audit {
				return nil, fmt.Errorf("seccomp: two sections for %s (%s)", cs.info.name, cs.info.arch)
			}
		}
		r.sections = append(r.sections, cs)
	}
	return r, nil
}

func (p *Policy) resolveSection(def Action) (*section, error) {
	ai, err := infoOf(p.Arch)
	if err != nil {
		return nil, err
	}
	s := &section{info: ai, def: def, calls: map[uint32][]rrule{}}
	for i, rule := range p.Rules {
		where := fmt.Sprintf("seccomp: %s rule %d (%s)", p.Arch, i, rule.describe())
		if !rule.Action.IsSet() {
			return nil, fmt.Errorf("%s: no action", where)
		}
		var nr uint32
		proto := []systab.Arg(nil)
		if rule.Syscall != "" {
			e, ok := systab.Lookup(p.Arch, rule.Syscall)
			if !ok {
				if p.SkipUnknown {
					s.skipped = append(s.skipped, rule.Syscall)
					continue
				}
				return nil, fmt.Errorf("%s: %s's table has no system call %q", where, p.Arch, rule.Syscall)
			}
			nr = uint32(e.Number)
			if pr, ok := systab.PrototypeOn(p.Arch, rule.Syscall); ok {
				proto = pr.Args
			}
		} else {
			if n := int64(rule.Number); n < -1<<31 || n > 1<<32-1 {
				return nil, fmt.Errorf("%s: number out of range", where)
			}
			nr = uint32(rule.Number)
		}
		rr := rrule{index: i, action: rule.Action}
		for _, c := range rule.Args {
			rc, err := resolveCond(ai, c, proto, rule.Syscall)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", where, err)
			}
			rr.conds = append(rr.conds, rc)
		}
		prev := s.calls[nr]
		if n := len(prev); n > 0 && len(prev[n-1].conds) == 0 && !(len(rr.conds) == 0 && prev[n-1].action == rr.action) {
			// The earlier rule matches every call: this one could never decide.
			// (An exact repetition is allowed: merged profiles repeat names.)
			first := p.Rules[prev[n-1].index]
			return nil, fmt.Errorf("%s: never reached: rule %d (%s) decides every %s call", where, prev[n-1].index, first.describe(), rule.name())
		}
		if n := len(prev); n > 0 && len(prev[n-1].conds) == 0 {
			continue
		}
		s.calls[nr] = append(prev, rr)
	}
	return s, nil
}

func (r Rule) name() string {
	if r.Syscall != "" {
		return r.Syscall
	}
	return fmt.Sprintf("#%d", r.Number)
}

func (r Rule) describe() string {
	var sb strings.Builder
	sb.WriteString(r.Action.String() + " " + r.name())
	for _, c := range r.Args {
		sb.WriteString(" " + c.format())
	}
	return sb.String()
}

// cTypeBits is the width of the C types of the kernel's syscall prototypes on 64-bit
// arches that are narrower than a register; every other type (pointers, long, size_t,
// loff_t, u64, aio_context_t...) is a whole register.
var cTypeBits = map[string]int{
	"int": 32, "unsigned int": 32, "unsigned": 32, "uint": 32, "u32": 32, "__u32": 32, "__s32": 32,
	"uint32_t": 32, "pid_t": 32, "uid_t": 32, "gid_t": 32, "qid_t": 32, "key_serial_t": 32,
	"key_t": 32, "mqd_t": 32, "timer_t": 32, "clockid_t": 32, "rwf_t": 32,
	"enum landlock_rule_type": 32, "umode_t": 16, "old_uid_t": 16, "old_gid_t": 16,
}

// wideCTypes are the non-pointer types known to be a whole register on 64-bit arches.
var wideCTypes = map[string]bool{
	"long": true, "unsigned long": true, "size_t": true, "loff_t": true, "off_t": true,
	"u64": true, "uintptr_t": true, "aio_context_t": true, "old_sigset_t": true,
	"__sighandler_t": true, "cap_user_header_t": true, "cap_user_data_t": true, "const cap_user_data_t": true,
}

// argBits returns the width of a C argument type on a 64-bit arch, and whether the type is
// known.
func argBits(ctype string) (int, bool) {
	if strings.Contains(ctype, "*") || wideCTypes[ctype] {
		return 64, true
	}
	b, ok := cTypeBits[ctype]
	return b, ok
}

func resolveCond(ai *archInfo, c Cond, proto []systab.Arg, name string) (rcond, error) {
	if c.Arg < 0 || c.Arg > 5 {
		return rcond{}, fmt.Errorf("argument %d (0 to 5)", c.Arg)
	}
	if c.Op < Eq || c.Op > MaskedEq {
		return rcond{}, fmt.Errorf("unknown comparison %d", c.Op)
	}
	wide := ai.is64
	switch c.Width {
	case 0:
		if ai.is64 && proto != nil {
			if c.Arg >= len(proto) {
				return rcond{}, fmt.Errorf("arg%d: %s takes %d arguments on %s (set Width to compare an unused register)", c.Arg, name, len(proto), ai.arch)
			}
			if bits, ok := argBits(proto[c.Arg].Type); ok && bits <= 32 {
				wide = false
			}
		}
	case 32:
		wide = false
	case 64:
		if !ai.is64 {
			return rcond{}, fmt.Errorf("arg%d: a 64-bit comparison on 32-bit %s, where an argument is one 32-bit register (a 64-bit C argument takes two: compare each)", c.Arg, ai.arch)
		}
	default:
		return rcond{}, fmt.Errorf("arg%d: width %d (32 or 64)", c.Arg, c.Width)
	}
	rc := rcond{arg: c.Arg, op: c.Op, wide: wide, value: c.Value, mask: c.Mask, src: c}
	if !wide {
		v, ok := narrow(c.Value)
		if !ok {
			return rcond{}, fmt.Errorf("arg%d is compared on 32 bits (%s), %#x does not fit", c.Arg, widthReason(ai, proto, c.Arg), c.Value)
		}
		rc.value = v
		if c.Op == MaskedEq {
			m, ok := narrow(c.Mask)
			if !ok {
				return rcond{}, fmt.Errorf("arg%d is compared on 32 bits (%s), mask %#x does not fit", c.Arg, widthReason(ai, proto, c.Arg), c.Mask)
			}
			rc.mask = m
		}
	}
	return rc, nil
}

func widthReason(ai *archInfo, proto []systab.Arg, i int) string {
	if !ai.is64 {
		return string(ai.arch) + " is a 32-bit arch"
	}
	if proto != nil && i < len(proto) {
		return "its C type is " + proto[i].Type
	}
	return "Width 32"
}

// narrow returns v's low 32 bits if v is a 32-bit value zero- or sign-extended (-1 is
// 0xffffffff for an int argument).
func narrow(v uint64) (uint64, bool) {
	if v>>32 == 0 || v>>31 == 1<<33-1 {
		return v & 0xffffffff, true
	}
	return 0, false
}

// holds evaluates the condition on a seccomp_data argument, directly on 64-bit integers
// (the compiler's two-word code is checked against this).
func (c *rcond) holds(arg uint64) bool {
	if !c.wide {
		arg &= 0xffffffff
	}
	switch c.op {
	case Eq:
		return arg == c.value
	case Ne:
		return arg != c.value
	case Lt:
		return arg < c.value
	case Le:
		return arg <= c.value
	case Gt:
		return arg > c.value
	case Ge:
		return arg >= c.value
	case MaskedEq:
		return arg&c.mask == c.value
	}
	return false
}

// Decision says why a policy decides as it does for a call.
type Decision struct {
	Action Action
	// Arch is the section that decided, "" when seccomp_data.arch matched none (BadArch).
	Arch systab.Arch
	// Rule is the index of the deciding rule in that section's Rules, -1 for its default
	// (or BadArch).
	Rule int
	// Why says it in words: "rule 3", "default", "x32 number", "bad arch".
	Why string
}

// Decide evaluates the policy for d directly, without BPF: the reference the compiled
// program is tested against, and what `rawlinux seccomp` explains.
func (p *Policy) Decide(d Data) (Decision, error) {
	r, err := p.resolve()
	if err != nil {
		return Decision{}, err
	}
	return r.decide(d), nil
}

func (r *resolved) decide(d Data) Decision {
	for _, s := range r.sections {
		if s.info.audit != d.Arch {
			continue
		}
		n := uint32(d.Nr)
	rules:
		for _, rule := range s.calls[n] {
			for i := range rule.conds {
				if !rule.conds[i].holds(d.Args[rule.conds[i].arg]) {
					continue rules
				}
			}
			return Decision{rule.action, s.info.arch, rule.index, fmt.Sprintf("rule %d", rule.index)}
		}
		if s.x32(n) {
			return Decision{r.badArch, s.info.arch, -1, "x32 number"}
		}
		return Decision{s.def, s.info.arch, -1, "default"}
	}
	return Decision{r.badArch, "", -1, "bad arch"}
}

// numbers returns the section's numbers with rules, sorted.
func (s *section) numbers() []uint32 {
	l := make([]uint32, 0, len(s.calls))
	for n := range s.calls {
		l = append(l, n)
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	return l
}
