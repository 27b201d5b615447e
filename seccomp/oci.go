package seccomp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// ociProfile is the seccomp section of the OCI runtime spec (config-linux.md), with the
// fields Docker's and moby's profiles add (archMap, includes, excludes).
type ociProfile struct {
	DefaultAction   string    `json:"defaultAction"`
	DefaultErrnoRet *uint     `json:"defaultErrnoRet"`
	Architectures   []string  `json:"architectures"`
	ArchMap         []ociArch `json:"archMap"`
	Syscalls        []ociRule `json:"syscalls"`
}

type ociArch struct {
	Architecture     string   `json:"architecture"`
	SubArchitectures []string `json:"subArchitectures"`
}

type ociRule struct {
	Names    []string    `json:"names"`
	Name     string      `json:"name"` // the old single-name form
	Action   string      `json:"action"`
	ErrnoRet *uint       `json:"errnoRet"`
	Args     []ociArg    `json:"args"`
	Includes *ociFilter  `json:"includes"`
	Excludes *ociFilter  `json:"excludes"`
	Comment  interface{} `json:"comment"`
}

type ociArg struct {
	Index    int    `json:"index"`
	Value    uint64 `json:"value"`
	ValueTwo uint64 `json:"valueTwo"`
	Op       string `json:"op"`
}

type ociFilter struct {
	Arches    []string `json:"arches"`
	Caps      []string `json:"caps"`
	MinKernel string   `json:"minKernel"`
}

// scmpArches maps libseccomp's arch names to Go's ("" for conventions no Go arch has).
var scmpArches = map[string]systab.Arch{
	"SCMP_ARCH_X86_64": "amd64", "SCMP_ARCH_X86": "386", "SCMP_ARCH_X32": "",
	"SCMP_ARCH_ARM": "arm", "SCMP_ARCH_AARCH64": "arm64",
	"SCMP_ARCH_MIPS": "mips", "SCMP_ARCH_MIPSEL": "mipsle", "SCMP_ARCH_MIPS64": "mips64", "SCMP_ARCH_MIPSEL64": "mips64le",
	"SCMP_ARCH_MIPS64N32": "", "SCMP_ARCH_MIPSEL64N32": "",
	"SCMP_ARCH_PPC": "", "SCMP_ARCH_PPC64": "ppc64", "SCMP_ARCH_PPC64LE": "ppc64le",
	"SCMP_ARCH_S390": "", "SCMP_ARCH_S390X": "s390x", "SCMP_ARCH_RISCV64": "riscv64", "SCMP_ARCH_LOONGARCH64": "loong64",
}

// compatOf is the 32-bit convention a 64-bit arch's kernel also runs, where Go has it.
var compatOf = map[systab.Arch]systab.Arch{"amd64": "386", "arm64": "arm", "mips64": "mips", "mips64le": "mipsle"}

// ParseOCI reads the seccomp section of an OCI runtime config (or a whole config.json, or a
// Docker/moby profile) as a Policy for arch (if "", the first of its architectures that Go
// has). What the profile means is kept, within what a policy can say:
//
//   - names absent from the arch's table are skipped (SkipUnknown), as libseccomp does;
//   - when the profile lists the arch's 32-bit compat convention (SCMP_ARCH_X86 for
//     amd64, SCMP_ARCH_ARM for arm64, the o32 mips for mips64), a compat section gets the
//     same rules; x32, n32, ppc32 and s390 have no Go arch, so their calls get BadArch;
//   - args are ANDed within an entry, entries are ORed; a call's conditional entries are
//     tried before its unconditional one, and a second unconditional entry is dropped;
//   - SCMP_CMP_MASKED_EQ's value is the mask and valueTwo the datum; arguments are
//     compared on their C type's width (see Cond), not always on 64 bits as libseccomp does;
//   - Docker's includes/excludes: an entry that needs capabilities (includes.caps) is
//     left out (the policy of an unprivileged container), includes.arches and
//     excludes.arches are honoured, minKernel is ignored.
func ParseOCI(b []byte, arch systab.Arch) (*Policy, error) {
	var wrapper struct {
		Linux *struct {
			Seccomp *json.RawMessage `json:"seccomp"`
		} `json:"linux"`
	}
	if json.Unmarshal(b, &wrapper) == nil && wrapper.Linux != nil && wrapper.Linux.Seccomp != nil {
		b = *wrapper.Linux.Seccomp
	}
	var prof ociProfile
	if err := json.Unmarshal(b, &prof); err != nil {
		return nil, fmt.Errorf("seccomp: OCI profile: %v", err)
	}
	listed := prof.Architectures
	for _, m := range prof.ArchMap {
		listed = append(listed, m.Architecture)
		listed = append(listed, m.SubArchitectures...)
	}
	if arch == "" {
		for _, s := range listed {
			if a := scmpArches[s]; a != "" {
				arch = a
				break
			}
		}
		if arch == "" {
			return nil, fmt.Errorf("seccomp: the OCI profile names no arch Go has; give one")
		}
	}
	defAct, err := ociAction(arch, prof.DefaultAction, prof.DefaultErrnoRet)
	if err != nil {
		return nil, err
	}
	p, err := ociSection(arch, defAct, prof.Syscalls)
	if err != nil {
		return nil, err
	}
	if c, ok := compatOf[arch]; ok {
		for _, s := range listed {
			if scmpArches[s] == c {
				cs, err := ociSection(c, defAct, prof.Syscalls)
				if err != nil {
					return nil, err
				}
				p.Compat = append(p.Compat, *cs)
				break
			}
		}
	}
	return p, nil
}

func ociAction(arch systab.Arch, name string, errnoRet *uint) (Action, error) {
	a, err := ParseAction(arch, name)
	if err != nil {
		return 0, err
	}
	if errnoRet != nil {
		switch a.Kind() {
		case ErrnoAction, TraceAction, TrapAction:
			if *errnoRet > 0xffff {
				return 0, fmt.Errorf("seccomp: errnoRet %d", *errnoRet)
			}
			a = a.Kind() | Action(*errnoRet)
		}
	}
	return a, nil
}

func ociSection(arch systab.Arch, def Action, entries []ociRule) (*Policy, error) {
	p := &Policy{Arch: arch, Default: def, SkipUnknown: true}
	var conditional, plain []Rule
	seenPlain := map[string]bool{}
	for i, e := range entries {
		if e.Includes != nil && (len(e.Includes.Caps) > 0 || len(e.Includes.Arches) > 0 && !slices.Contains(e.Includes.Arches, string(arch))) {
			continue
		}
		if e.Excludes != nil && slices.Contains(e.Excludes.Arches, string(arch)) {
			continue
		}
		act, err := ociAction(arch, e.Action, e.ErrnoRet)
		if err != nil {
			return nil, fmt.Errorf("seccomp: OCI entry %d: %v", i, err)
		}
		var conds []Cond
		for _, a := range e.Args {
			op, ok := parseOp(a.Op)
			if !ok {
				return nil, fmt.Errorf("seccomp: OCI entry %d: comparison %q", i, a.Op)
			}
			c := Cond{Arg: a.Index, Op: op, Value: a.Value}
			if op == MaskedEq {
				c.Mask, c.Value = a.Value, a.ValueTwo
			}
			conds = append(conds, c)
		}
		names := e.Names
		if e.Name != "" {
			names = append(names, e.Name)
		}
		for _, n := range names {
			n = strings.TrimSpace(n)
			if len(conds) > 0 {
				conditional = append(conditional, Rule{Syscall: n, Args: conds, Action: act})
			} else if !seenPlain[n] {
				seenPlain[n] = true
				plain = append(plain, Rule{Syscall: n, Action: act})
			}
		}
	}
	p.Rules = append(conditional, plain...)
	return p, nil
}
