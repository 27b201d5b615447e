package seccomp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// Instruction is one classic BPF instruction, struct sock_filter of linux/filter.h: the
// same layout (8 bytes: code, jt, jf, k), so a []Instruction is what
// seccomp(SECCOMP_SET_MODE_FILTER) takes through a struct sock_fprog.
type Instruction struct {
	Code uint16 // class, size, mode, operation and source bits (linux/bpf_common.h)
	Jt   uint8  // conditional jumps: how many instructions to skip when true
	Jf   uint8  // ... and when false
	K    uint32 // the constant operand
}

// Classic BPF opcodes: linux/bpf_common.h and linux/filter.h.
const (
	// classes
	bpfLD   = 0x00
	bpfLDX  = 0x01
	bpfST   = 0x02
	bpfSTX  = 0x03
	bpfALU  = 0x04
	bpfJMP  = 0x05
	bpfRET  = 0x06
	bpfMISC = 0x07
	// sizes
	bpfW = 0x00
	bpfH = 0x08
	bpfB = 0x10
	// modes
	bpfIMM = 0x00
	bpfABS = 0x20
	bpfIND = 0x40
	bpfMEM = 0x60
	bpfLEN = 0x80
	bpfMSH = 0xa0
	// ALU operations
	bpfADD = 0x00
	bpfSUB = 0x10
	bpfMUL = 0x20
	bpfDIV = 0x30
	bpfOR  = 0x40
	bpfAND = 0x50
	bpfLSH = 0x60
	bpfRSH = 0x70
	bpfNEG = 0x80
	bpfMOD = 0x90
	bpfXOR = 0xa0
	// jumps
	bpfJA   = 0x00
	bpfJEQ  = 0x10
	bpfJGT  = 0x20
	bpfJGE  = 0x30
	bpfJSET = 0x40
	// sources
	bpfK = 0x00
	bpfX = 0x08
	// return value (filter.h)
	bpfA = 0x10
	// misc
	bpfTAX = 0x00
	bpfTXA = 0x80

	// MaxInstructions is BPF_MAXINSNS: the kernel refuses a longer filter.
	MaxInstructions = 4096
	// memWords is BPF_MEMWORDS, the scratch memory M[0..15].
	memWords = 16
	// dataSize is sizeof(struct seccomp_data).
	dataSize = 64
)

// Data is struct seccomp_data (linux/seccomp.h): what a filter sees of a system call.
// Args hold the six argument registers; on a 32-bit arch only their low 32 bits mean
// anything.
type Data struct {
	Nr                 int32     // the system call's number (mips: offset included)
	Arch               uint32    // AUDIT_ARCH_* of the calling convention
	InstructionPointer uint64    // where the call was made
	Args               [6]uint64 // the arguments
}

// bytes lays d out as the kernel does for an arch of byte order bo.
func (d *Data) bytes(bo binary.ByteOrder) [dataSize]byte {
	var b [dataSize]byte
	bo.PutUint32(b[0:], uint32(d.Nr))
	bo.PutUint32(b[4:], d.Arch)
	bo.PutUint64(b[8:], d.InstructionPointer)
	for i, a := range d.Args {
		bo.PutUint64(b[16+8*i:], a)
	}
	return b
}

// codeAllowed is the kernel's set of seccomp instructions: those bpf_check_classic
// (net/core/filter.c) knows, less those seccomp_check_filter (kernel/seccomp.c) refuses
// (the packet loads other than 32-bit absolute ones, BPF_MOD, BPF_LDX|BPF_B|BPF_MSH).
func codeAllowed(code uint16) bool {
	switch code {
	case bpfRET | bpfK, bpfRET | bpfA,
		bpfALU | bpfADD | bpfK, bpfALU | bpfADD | bpfX,
		bpfALU | bpfSUB | bpfK, bpfALU | bpfSUB | bpfX,
		bpfALU | bpfMUL | bpfK, bpfALU | bpfMUL | bpfX,
		bpfALU | bpfDIV | bpfK, bpfALU | bpfDIV | bpfX,
		bpfALU | bpfAND | bpfK, bpfALU | bpfAND | bpfX,
		bpfALU | bpfOR | bpfK, bpfALU | bpfOR | bpfX,
		bpfALU | bpfXOR | bpfK, bpfALU | bpfXOR | bpfX,
		bpfALU | bpfLSH | bpfK, bpfALU | bpfLSH | bpfX,
		bpfALU | bpfRSH | bpfK, bpfALU | bpfRSH | bpfX,
		bpfALU | bpfNEG,
		bpfLD | bpfW | bpfABS, bpfLD | bpfW | bpfLEN, bpfLDX | bpfW | bpfLEN,
		bpfLD | bpfIMM, bpfLDX | bpfIMM,
		bpfMISC | bpfTAX, bpfMISC | bpfTXA,
		bpfLD | bpfMEM, bpfLDX | bpfMEM, bpfST, bpfSTX,
		bpfJMP | bpfJA,
		bpfJMP | bpfJEQ | bpfK, bpfJMP | bpfJEQ | bpfX,
		bpfJMP | bpfJGE | bpfK, bpfJMP | bpfJGE | bpfX,
		bpfJMP | bpfJGT | bpfK, bpfJMP | bpfJGT | bpfX,
		bpfJMP | bpfJSET | bpfK, bpfJMP | bpfJSET | bpfX:
		return true
	}
	return false
}

func isCondJump(code uint16) bool {
	return code&0x07 == bpfJMP && code&0xf0 != bpfJA
}

// ErrInvalid is what Validate's errors wrap: the kernel would refuse the program (EINVAL).
var ErrInvalid = errors.New("invalid seccomp program")

func invalid(pc int, format string, args ...any) error {
	return fmt.Errorf("%w: instruction %d: %s", ErrInvalid, pc, fmt.Sprintf(format, args...))
}

// Validate reports whether the kernel would accept prog as a seccomp filter, applying the
// same rules as its checks (bpf_check_classic, check_load_and_stores and
// seccomp_check_filter in Linux 7.2): 1 to 4096 instructions, only the instructions seccomp
// allows, 32-bit aligned loads inside seccomp_data, no constant division by zero or shift
// by 32 or more, jumps that stay inside the program, scratch memory read only after it was
// written on every path, and a return as the last instruction.
func Validate(prog []Instruction) error {
	n := len(prog)
	if n == 0 || n > MaxInstructions {
		return fmt.Errorf("%w: %d instructions (1 to %d)", ErrInvalid, n, MaxInstructions)
	}
	for pc, in := range prog {
		if !codeAllowed(in.Code) {
			return invalid(pc, "opcode %#04x is not allowed in a seccomp filter", in.Code)
		}
		switch in.Code {
		case bpfALU | bpfDIV | bpfK:
			if in.K == 0 {
				return invalid(pc, "division by zero")
			}
		case bpfALU | bpfLSH | bpfK, bpfALU | bpfRSH | bpfK:
			if in.K >= 32 {
				return invalid(pc, "shift by %d", in.K)
			}
		case bpfLD | bpfMEM, bpfLDX | bpfMEM, bpfST, bpfSTX:
			if in.K >= memWords {
				return invalid(pc, "scratch memory M[%d] (16 words)", in.K)
			}
		case bpfJMP | bpfJA:
			if in.K >= uint32(n-pc-1) {
				return invalid(pc, "jump past the end")
			}
		case bpfLD | bpfW | bpfABS:
			if in.K >= dataSize || in.K&3 != 0 {
				return invalid(pc, "load at offset %d (aligned words of the 64-byte seccomp_data)", in.K)
			}
		}
		if isCondJump(in.Code) && (pc+int(in.Jt)+1 >= n || pc+int(in.Jf)+1 >= n) {
			return invalid(pc, "conditional jump past the end")
		}
	}
	if c := prog[n-1].Code; c != bpfRET|bpfK && c != bpfRET|bpfA {
		return invalid(n-1, "the last instruction is not a return")
	}
	// Scratch memory: a load must follow a store to the same word on every path
	// (check_load_and_stores: one pass, the program only jumps forward).
	masks := make([]uint16, n)
	for i := range masks {
		masks[i] = 0xffff
	}
	valid := uint16(0)
	for pc, in := range prog {
		valid &= masks[pc]
		switch {
		case in.Code == bpfST || in.Code == bpfSTX:
			valid |= 1 << in.K
		case in.Code == bpfLD|bpfMEM || in.Code == bpfLDX|bpfMEM:
			if valid&(1<<in.K) == 0 {
				return invalid(pc, "M[%d] read before it is written", in.K)
			}
		case in.Code == bpfJMP|bpfJA:
			masks[pc+1+int(in.K)] &= valid
			valid = 0xffff
		case isCondJump(in.Code):
			masks[pc+1+int(in.Jt)] &= valid
			masks[pc+1+int(in.Jf)] &= valid
			valid = 0xffff
		}
	}
	return nil
}

// Run executes prog on d as the kernel's seccomp does for an arch of byte order bo (the
// order in which the program reads seccomp_data's words: the arch's own) and returns the
// filter's value, SECCOMP_RET_* with its data (ActionOf gives the Action). It returns an
// error, and runs nothing, if Validate refuses prog.
//
// The semantics are the kernel's for classic BPF converted for seccomp: 32-bit unsigned
// registers A and X, 16 scratch words, a division by an X of 0 ending the program with 0
// (SECCOMP_RET_KILL_THREAD), shifts by X taken modulo 32 as the JITs do.
func Run(prog []Instruction, d *Data, bo binary.ByteOrder) (uint32, error) {
	if err := Validate(prog); err != nil {
		return 0, err
	}
	b := d.bytes(bo)
	return run(prog, &b, bo), nil
}

// run executes a validated program.
func run(prog []Instruction, b *[dataSize]byte, bo binary.ByteOrder) uint32 {
	var a, x uint32
	var m [memWords]uint32
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		switch in.Code {
		case bpfRET | bpfK:
			return in.K
		case bpfRET | bpfA:
			return a
		case bpfLD | bpfW | bpfABS:
			a = bo.Uint32(b[in.K:])
		case bpfLD | bpfW | bpfLEN:
			a = dataSize
		case bpfLDX | bpfW | bpfLEN:
			x = dataSize
		case bpfLD | bpfIMM:
			a = in.K
		case bpfLDX | bpfIMM:
			x = in.K
		case bpfLD | bpfMEM:
			a = m[in.K]
		case bpfLDX | bpfMEM:
			x = m[in.K]
		case bpfST:
			m[in.K] = a
		case bpfSTX:
			m[in.K] = x
		case bpfMISC | bpfTAX:
			x = a
		case bpfMISC | bpfTXA:
			a = x
		case bpfALU | bpfNEG:
			a = -a
		case bpfJMP | bpfJA:
			pc += int(in.K)
		default:
			v := in.K
			if in.Code&bpfX != 0 {
				v = x
			}
			switch in.Code & 0x07 {
			case bpfALU:
				switch in.Code & 0xf0 {
				case bpfADD:
					a += v
				case bpfSUB:
					a -= v
				case bpfMUL:
					a *= v
				case bpfDIV:
					if v == 0 {
						return 0
					}
					a /= v
				case bpfAND:
					a &= v
				case bpfOR:
					a |= v
				case bpfXOR:
					a ^= v
				case bpfLSH:
					a <<= v & 31
				case bpfRSH:
					a >>= v & 31
				}
			case bpfJMP:
				var t bool
				switch in.Code & 0xf0 {
				case bpfJEQ:
					t = a == v
				case bpfJGT:
					t = a > v
				case bpfJGE:
					t = a >= v
				case bpfJSET:
					t = a&v != 0
				}
				if t {
					pc += int(in.Jt)
				} else {
					pc += int(in.Jf)
				}
			}
		}
	}
	return 0 // not reached for a validated program
}

// dataField names the seccomp_data word at offset off for the disassembly.
func dataField(off uint32, bo binary.ByteOrder) string {
	switch {
	case off == 0:
		return "nr"
	case off == 4:
		return "arch"
	case off == 8 || off == 12:
		hi := (off == 12) == (bo != binary.BigEndian)
		return "ip" + map[bool]string{true: ".hi", false: ".lo"}[hi]
	case off >= 16 && off < dataSize:
		i := (off - 16) / 8
		hi := (off%8 == 4) == (bo != binary.BigEndian)
		return fmt.Sprintf("args[%d]%s", i, map[bool]string{true: ".hi", false: ".lo"}[hi])
	}
	return fmt.Sprintf("[%d]", off)
}

// Disassemble prints prog one instruction a line in the notation of the kernel's
// bpf_dbg tool (tools/bpf), with the seccomp_data field of each load, the jump targets
// as absolute instruction numbers and the action of each return. bo is the byte order of
// the program's arch (it decides which half of an argument a load reads); nil means
// little-endian.
func Disassemble(prog []Instruction, bo binary.ByteOrder) string {
	if bo == nil {
		bo = binary.LittleEndian
	}
	var sb strings.Builder
	w := len(fmt.Sprint(len(prog)))
	for pc, in := range prog {
		fmt.Fprintf(&sb, "%*d: %s\n", w, pc, disasm(pc, in, bo))
	}
	return sb.String()
}

func disasm(pc int, in Instruction, bo binary.ByteOrder) string {
	src := fmt.Sprintf("#%#x", in.K)
	if in.Code&bpfX != 0 {
		src = "x"
	}
	switch in.Code {
	case bpfRET | bpfK:
		return fmt.Sprintf("ret #%#08x\t; %s", in.K, ActionOf(in.K))
	case bpfRET | bpfA:
		return "ret a"
	case bpfLD | bpfW | bpfABS:
		return fmt.Sprintf("ld [%d]\t; %s", in.K, dataField(in.K, bo))
	case bpfLD | bpfW | bpfLEN:
		return "ld #len"
	case bpfLDX | bpfW | bpfLEN:
		return "ldx #len"
	case bpfLD | bpfIMM:
		return fmt.Sprintf("ld #%#x", in.K)
	case bpfLDX | bpfIMM:
		return fmt.Sprintf("ldx #%#x", in.K)
	case bpfLD | bpfMEM:
		return fmt.Sprintf("ld M[%d]", in.K)
	case bpfLDX | bpfMEM:
		return fmt.Sprintf("ldx M[%d]", in.K)
	case bpfST:
		return fmt.Sprintf("st M[%d]", in.K)
	case bpfSTX:
		return fmt.Sprintf("stx M[%d]", in.K)
	case bpfMISC | bpfTAX:
		return "tax"
	case bpfMISC | bpfTXA:
		return "txa"
	case bpfALU | bpfNEG:
		return "neg"
	case bpfJMP | bpfJA:
		return fmt.Sprintf("ja %d", pc+1+int(in.K))
	}
	ops := map[uint16]string{bpfADD: "add", bpfSUB: "sub", bpfMUL: "mul", bpfDIV: "div", bpfAND: "and",
		bpfOR: "or", bpfXOR: "xor", bpfLSH: "lsh", bpfRSH: "rsh", bpfMOD: "mod"}
	jmps := map[uint16]string{bpfJEQ: "jeq", bpfJGT: "jgt", bpfJGE: "jge", bpfJSET: "jset"}
	switch in.Code & 0x07 {
	case bpfALU:
		if op, ok := ops[in.Code&0xf0]; ok && in.Code&^0xf8 == bpfALU {
			return op + " " + src
		}
	case bpfJMP:
		if op, ok := jmps[in.Code&0xf0]; ok && in.Code&^0xf8 == bpfJMP {
			return fmt.Sprintf("%s %s, %d, %d", op, src, pc+1+int(in.Jt), pc+1+int(in.Jf))
		}
	}
	return fmt.Sprintf(".word code=%#04x jt=%d jf=%d k=%#x", in.Code, in.Jt, in.Jf, in.K)
}
