package seccomp

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"

	"github.com/rawlinux/linux/systab"
)

// Program is a compiled policy: the classic BPF the kernel runs, for the policy's arch.
type Program struct {
	Arch         systab.Arch
	Instructions []Instruction
	// Skipped lists the calls a SkipUnknown policy named that the arch's table lacks
	// ("arch:name" for a compat section's).
	Skipped []string
	r       *resolved
}

// The layout of a compiled program:
//
//	ld arch; jeq AUDIT_ARCH_<each section> -> section; ret BadArch
//	section: ld nr; a binary search over the number line
//
// The number line (0 to 2^32-1, as the kernel's unsigned comparisons see nr) is cut into
// segments of one action: the numbers of calls with rules, and the runs between them
// (default action; on amd64 the x32 range 0x40000000-0x7fffffff is BadArch). Adjacent
// segments of the same action merge, so an allow-list of 400 calls is a few dozen
// segments. A search node is "jge boundary" with the lower half following it; a range of
// segments in which at most four single numbers differ from one action is tested with
// "jeq" instead. A call with argument conditions leads to its rules: each condition loads
// an argument word and compares (two words on 64-bit arches for full-width arguments), a
// failed condition jumps to the next rule, the last falls back to the default. Jumps
// farther than 255 instructions (the limit of jt/jf) go through a "ja".
//
// Paths that read only nr and arch end in constant returns, so a kernel of 5.11 or later
// caches the "allow" decisions per number and skips the filter for those calls.

const (
	offNr   = 0
	offArch = 4
)

// argOffsets returns the offsets of the low and the high word of argument i.
func argOffsets(ai *archInfo, i int) (lo, hi uint32) {
	base := uint32(16 + 8*i)
	if ai.bigEndian {
		return base + 4, base
	}
	return base, base + 4
}

// Compile builds the filter of the policy.
func (p *Policy) Compile() (*Program, error) {
	r, err := p.resolve()
	if err != nil {
		return nil, err
	}
	a := newAsm()
	a.ld(offArch)
	entry := make([]int, len(r.sections))
	for i, s := range r.sections {
		entry[i] = a.label()
		a.jump(bpfJEQ, s.info.audit, entry[i], next)
	}
	a.ret(r.badArch)
	for i, s := range r.sections {
		a.bind(entry[i])
		a.ld(offNr)
		c := &compiler{a: a, r: r, s: s}
		c.tree(c.segments())
	}
	prog, err := a.assemble()
	if err != nil {
		return nil, err
	}
	if len(prog) > MaxInstructions {
		return nil, fmt.Errorf("seccomp: the %s policy compiles to %d instructions, more than the kernel's %d", p.Arch, len(prog), MaxInstructions)
	}
	if err := Validate(prog); err != nil {
		return nil, fmt.Errorf("seccomp: internal error: %v", err)
	}
	out := &Program{Arch: p.Arch, Instructions: prog, r: r}
	for i, s := range r.sections {
		for _, n := range s.skipped {
			if i > 0 {
				n = string(s.info.arch) + ":" + n
			}
			out.Skipped = append(out.Skipped, n)
		}
	}
	return out, nil
}

// MustCompile is Compile for policies known to be right; it panics on an error.
func (p *Policy) MustCompile() *Program {
	prog, err := p.Compile()
	if err != nil {
		panic(err)
	}
	return prog
}

// Run executes the program on d, as the kernel would for a call with that seccomp_data.
func (p *Program) Run(d Data) Action {
	b := d.bytes(p.byteOrder())
	return ActionOf(run(p.Instructions, &b, p.byteOrder()))
}

func (p *Program) byteOrder() binary.ByteOrder {
	bo, _ := ByteOrder(p.Arch)
	return bo
}

// Decide evaluates the policy the program was compiled from, without BPF (Policy.Decide).
func (p *Program) Decide(d Data) Decision { return p.r.decide(d) }

// Call returns the seccomp_data of a call of arch's table (the program's arch if arch is
// "") by name and arguments.
func (p *Program) Call(arch systab.Arch, name string, args ...uint64) (Data, error) {
	if arch == "" {
		arch = p.Arch
	}
	return CallData(arch, name, args...)
}

// CallData returns the seccomp_data the kernel gives a filter for the call name of arch's
// table made with arch's convention and arguments args (at most 6).
func CallData(arch systab.Arch, name string, args ...uint64) (Data, error) {
	ai, err := infoOf(arch)
	if err != nil {
		return Data{}, err
	}
	e, ok := systab.Lookup(arch, name)
	if !ok {
		return Data{}, fmt.Errorf("seccomp: %s's table has no system call %q", arch, name)
	}
	if len(args) > 6 {
		return Data{}, fmt.Errorf("seccomp: %d arguments (6 at most)", len(args))
	}
	d := Data{Nr: int32(e.Number), Arch: ai.audit}
	copy(d.Args[:], args)
	return d, nil
}

// MaxPath returns the most instructions the program executes for any call.
func (p *Program) MaxPath() int {
	prog := p.Instructions
	longest := make([]int, len(prog)+1)
	for pc := len(prog) - 1; pc >= 0; pc-- {
		in := prog[pc]
		switch {
		case in.Code&0x07 == bpfRET:
			longest[pc] = 1
		case in.Code == bpfJMP|bpfJA:
			longest[pc] = 1 + longest[pc+1+int(in.K)]
		case isCondJump(in.Code):
			longest[pc] = 1 + max(longest[pc+1+int(in.Jt)], longest[pc+1+int(in.Jf)])
		default:
			longest[pc] = 1 + longest[pc+1]
		}
	}
	return longest[0]
}

// String disassembles the program.
func (p *Program) String() string { return Disassemble(p.Instructions, p.byteOrder()) }

// compiler lays out one section.
type compiler struct {
	a *asm
	r *resolved
	s *section
}

// segment is a run [lo, hi) of numbers with one outcome: a constant return (rules nil) or
// the rules of one number.
type segment struct {
	lo, hi uint64
	ret    Action
	rules  []rrule
}

func (g segment) single() bool { return g.hi == g.lo+1 }

func (c *compiler) segments() []segment {
	nums := c.s.numbers()
	cuts := []uint64{0, 1 << 32}
	if c.s.info.arch == "amd64" {
		cuts = append(cuts, x32Bit, 0x80000000)
	}
	for _, n := range nums {
		cuts = append(cuts, uint64(n), uint64(n)+1)
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i] < cuts[j] })
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		if lo == hi {
			continue
		}
		g := segment{lo: lo, hi: hi, ret: c.s.base(c.r, uint32(lo))}
		if rules, ok := c.s.calls[uint32(lo)]; ok && hi == lo+1 {
			if len(rules[0].conds) == 0 {
				g.ret = rules[0].action
			} else {
				g.rules = rules
			}
		}
		if k := len(segs) - 1; k >= 0 && segs[k].rules == nil && g.rules == nil && segs[k].ret == g.ret {
			segs[k].hi = hi
			continue
		}
		segs = append(segs, g)
	}
	return segs
}

// maxLinear is how many single-number exceptions a range may have to be tested by jeq.
const maxLinear = 4

// tree emits the search over segs (A holds nr).
func (c *compiler) tree(segs []segment) {
	if len(segs) == 1 {
		c.leaf(segs[0])
		return
	}
	if c.linear(segs) {
		return
	}
	mid := len(segs) / 2
	right := c.a.label()
	c.a.jump(bpfJGE, uint32(segs[mid].lo), right, next)
	c.tree(segs[:mid])
	c.a.bind(right)
	c.tree(segs[mid:])
}

// linear emits segs as jeq tests of single numbers around one common return, if they
// allow it.
func (c *compiler) linear(segs []segment) bool {
	count := map[Action]int{}
	for _, g := range segs {
		if g.rules == nil {
			count[g.ret]++
		}
	}
	var common Action
	best := 0
	for _, g := range segs { // in order, so the choice does not depend on map order
		if g.rules == nil && count[g.ret] > best {
			common, best = g.ret, count[g.ret]
		}
	}
	var exc []segment
	for _, g := range segs {
		if g.rules != nil || g.ret != common {
			if !g.single() {
				return false
			}
			exc = append(exc, g)
		}
	}
	if len(exc) > maxLinear || best == 0 {
		return false
	}
	labels := make([]int, len(exc))
	byRet := map[Action]int{}
	for i, g := range exc {
		if g.rules == nil {
			if l, ok := byRet[g.ret]; ok {
				labels[i] = l
				c.a.jump(bpfJEQ, uint32(g.lo), l, next)
				continue
			}
		}
		labels[i] = c.a.label()
		if g.rules == nil {
			byRet[g.ret] = labels[i]
		}
		c.a.jump(bpfJEQ, uint32(g.lo), labels[i], next)
	}
	c.a.ret(common)
	done := map[int]bool{}
	for i, g := range exc {
		if done[labels[i]] {
			continue
		}
		done[labels[i]] = true
		c.a.bind(labels[i])
		c.leaf(g)
	}
	return true
}

// leaf emits one segment's outcome.
func (c *compiler) leaf(g segment) {
	if g.rules == nil {
		c.a.ret(g.ret)
		return
	}
	for _, rule := range g.rules {
		if len(rule.conds) == 0 {
			c.a.ret(rule.action)
			return
		}
		fail := c.a.label()
		for i := range rule.conds {
			c.cond(&rule.conds[i], fail)
		}
		c.a.ret(rule.action)
		c.a.bind(fail)
	}
	c.a.ret(c.s.base(c.r, uint32(g.lo)))
}

// cond emits a test that falls through when rc holds and jumps to fail when not.
func (c *compiler) cond(rc *rcond, fail int) {
	a := c.a
	lo, hi := argOffsets(c.s.info, rc.arg)
	vlo, vhi := uint32(rc.value), uint32(rc.value>>32)
	if !rc.wide {
		c.word(lo, rc.op, vlo, uint32(rc.mask), fail)
		return
	}
	ok := a.label()
	switch rc.op {
	case Eq:
		a.ld(hi)
		a.jump(bpfJEQ, vhi, next, fail)
		a.ld(lo)
		a.jump(bpfJEQ, vlo, next, fail)
	case Ne:
		a.ld(hi)
		a.jump(bpfJEQ, vhi, next, ok)
		a.ld(lo)
		a.jump(bpfJEQ, vlo, fail, next)
	case Gt, Ge:
		a.ld(hi)
		a.jump(bpfJGT, vhi, ok, next)
		a.jump(bpfJEQ, vhi, next, fail)
		a.ld(lo)
		if rc.op == Gt {
			a.jump(bpfJGT, vlo, next, fail)
		} else {
			a.jump(bpfJGE, vlo, next, fail)
		}
	case Lt, Le:
		a.ld(hi)
		a.jump(bpfJGT, vhi, fail, next)
		a.jump(bpfJEQ, vhi, next, ok)
		a.ld(lo)
		if rc.op == Lt {
			a.jump(bpfJGE, vlo, fail, next)
		} else {
			a.jump(bpfJGT, vlo, fail, next)
		}
	case MaskedEq:
		c.word(hi, MaskedEq, vhi, uint32(rc.mask>>32), fail)
		c.word(lo, MaskedEq, vlo, uint32(rc.mask), fail)
	}
	a.bind(ok)
}

// word emits a 32-bit comparison of the word at off.
func (c *compiler) word(off uint32, op Op, v, mask uint32, fail int) {
	a := c.a
	if op == MaskedEq {
		switch {
		case mask == 0 && v == 0:
			return // always true
		case v&^mask != 0:
			a.ja(fail) // never true
			return
		}
		a.ld(off)
		if mask != 0xffffffff {
			a.alu(bpfAND, mask)
		}
		a.jump(bpfJEQ, v, next, fail)
		return
	}
	a.ld(off)
	switch op {
	case Eq:
		a.jump(bpfJEQ, v, next, fail)
	case Ne:
		a.jump(bpfJEQ, v, fail, next)
	case Gt:
		a.jump(bpfJGT, v, next, fail)
	case Ge:
		a.jump(bpfJGE, v, next, fail)
	case Lt:
		a.jump(bpfJGE, v, fail, next)
	case Le:
		a.jump(bpfJGT, v, fail, next)
	}
}

// asm is an assembler for forward-only classic BPF with labels: it places a "ja"
// trampoline after a conditional jump whose target is beyond jt/jf's 255.
type asm struct {
	ins    []ains
	labels []int // label -> index of the instruction it precedes, -1 while unbound
	acc    int   // seccomp_data offset A holds on the fall-through path, -1 if unknown
}

type ains struct {
	code   uint16
	k      uint32
	jt, jf int // labels; next is the following instruction; a ja's target is jt
}

const next = -1

func newAsm() *asm { return &asm{acc: -1} }

func (a *asm) label() int {
	a.labels = append(a.labels, -1)
	return len(a.labels) - 1
}

func (a *asm) bind(l int) {
	a.labels[l] = len(a.ins)
	a.acc = -1
}

func (a *asm) emit(code uint16, k uint32, jt, jf int) {
	a.ins = append(a.ins, ains{code, k, jt, jf})
}

func (a *asm) ld(off uint32) {
	if a.acc == int(off) {
		return
	}
	a.emit(bpfLD|bpfW|bpfABS, off, next, next)
	a.acc = int(off)
}

func (a *asm) alu(op uint16, k uint32) {
	a.emit(bpfALU|op|bpfK, k, next, next)
	a.acc = -1
}

func (a *asm) ret(act Action) {
	a.emit(bpfRET|bpfK, act.Ret(), next, next)
	a.acc = -1
}

func (a *asm) jump(op uint16, k uint32, jt, jf int) {
	a.emit(bpfJMP|op|bpfK, k, jt, jf)
}

func (a *asm) ja(l int) {
	a.emit(bpfJMP|bpfJA, 0, l, next)
	a.acc = -1
}

// assemble resolves the labels, adding trampolines until every jump fits.
func (a *asm) assemble() ([]Instruction, error) {
	n := len(a.ins)
	tramp := make([]uint8, n) // bit 0: jt goes through a trampoline, bit 1: jf does
	pos := make([]int, n+1)
	target := func(l int) (int, error) {
		i := a.labels[l]
		if i < 0 || i >= n {
			return 0, fmt.Errorf("seccomp: internal error: label %d bound to %d of %d", l, i, n)
		}
		return pos[i], nil
	}
	for {
		p := 0
		for i := range a.ins {
			pos[i] = p
			p += 1 + bits.OnesCount8(tramp[i])
		}
		pos[n] = p
		changed := false
		for i, in := range a.ins {
			if !isCondJump(in.code) {
				continue
			}
			for b, l := range [2]int{in.jt, in.jf} {
				if l == next || tramp[i]&(1<<b) != 0 {
					continue
				}
				t, err := target(l)
				if err != nil {
					return nil, err
				}
				if t-pos[i]-1 > 255 {
					tramp[i] |= 1 << b
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	out := make([]Instruction, 0, pos[n])
	for i, in := range a.ins {
		switch {
		case in.code == bpfJMP|bpfJA:
			t, err := target(in.jt)
			if err != nil {
				return nil, err
			}
			out = append(out, Instruction{Code: in.code, K: uint32(t - pos[i] - 1)})
		case isCondJump(in.code):
			var offs [2]int
			var tramps []Instruction
			for b, l := range [2]int{in.jt, in.jf} {
				switch {
				case tramp[i]&(1<<b) != 0:
					offs[b] = len(tramps)
					t, err := target(l)
					if err != nil {
						return nil, err
					}
					slot := pos[i] + 1 + len(tramps)
					tramps = append(tramps, Instruction{Code: bpfJMP | bpfJA, K: uint32(t - slot - 1)})
				case l == next:
					offs[b] = pos[i+1] - pos[i] - 1
				default:
					t, err := target(l)
					if err != nil {
						return nil, err
					}
					offs[b] = t - pos[i] - 1
				}
				if offs[b] < 0 || offs[b] > 255 {
					return nil, fmt.Errorf("seccomp: internal error: jump offset %d at %d", offs[b], i)
				}
			}
			out = append(out, Instruction{Code: in.code, Jt: uint8(offs[0]), Jf: uint8(offs[1]), K: in.k})
			out = append(out, tramps...)
		default:
			out = append(out, Instruction{Code: in.code, K: in.k})
		}
	}
	return out, nil
}
