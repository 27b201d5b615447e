package seccomp

import (
	"encoding/binary"
	"fmt"

	"github.com/rawlinux/linux/systab"
)

// The kernel tells a filter which calling convention a system call used by the AUDIT_ARCH_*
// value in seccomp_data.arch. include/uapi/linux/audit.h builds each value from the ELF
// machine number (include/uapi/linux/elf-em.h) and two bits:
//
//	#define __AUDIT_ARCH_64BIT 0x80000000
//	#define __AUDIT_ARCH_LE    0x40000000
//	#define AUDIT_ARCH_X86_64  (EM_X86_64|__AUDIT_ARCH_64BIT|__AUDIT_ARCH_LE)
//
// The table below derives them the same way, from the machine numbers of elf-em.h (Linux
// 7.2.13); seccomp's tests check them against debug/elf's machine numbers and, on Linux,
// against the ABI's constants where the build has them.
const (
	auditArch64Bit = 0x80000000
	auditArchLE    = 0x40000000

	// x32BIT is __X32_SYSCALL_BIT (arch/x86/include/uapi/asm/unistd.h): x32 calls reach the
	// kernel as AUDIT_ARCH_X86_64 with this bit set in the number.
	x32Bit = 0x40000000
)

// ELF machine numbers, include/uapi/linux/elf-em.h.
const (
	em386       = 3
	emMIPS      = 8
	emPPC64     = 21
	emS390      = 22
	emARM       = 40
	emX86_64    = 62
	emAArch64   = 183
	emRISCV     = 243
	emLoongArch = 258
)

// archInfo is what the compiler needs to know about an arch beyond its table.
type archInfo struct {
	arch      systab.Arch
	machine   uint32 // ELF e_machine
	is64      bool   // seccomp_data.args are 64-bit words (else only the low word is used)
	bigEndian bool   // byte order of seccomp_data's fields
	audit     uint32 // AUDIT_ARCH_*
	name      string // the audit.h name, for messages and the disassembly
}

func mk(a systab.Arch, machine uint32, is64, be bool, name string) archInfo {
	audit := machine
	if is64 {
		audit |= auditArch64Bit
	}
	if !be {
		audit |= auditArchLE
	}
	return archInfo{a, machine, is64, be, audit, name}
}

var archInfos = []archInfo{
	mk("amd64", emX86_64, true, false, "AUDIT_ARCH_X86_64"),
	mk("386", em386, false, false, "AUDIT_ARCH_I386"),
	mk("arm", emARM, false, false, "AUDIT_ARCH_ARM"),
	mk("arm64", emAArch64, true, false, "AUDIT_ARCH_AARCH64"),
	mk("riscv64", emRISCV, true, false, "AUDIT_ARCH_RISCV64"),
	mk("loong64", emLoongArch, true, false, "AUDIT_ARCH_LOONGARCH64"),
	mk("ppc64", emPPC64, true, true, "AUDIT_ARCH_PPC64"),
	mk("ppc64le", emPPC64, true, false, "AUDIT_ARCH_PPC64LE"),
	mk("s390x", emS390, true, true, "AUDIT_ARCH_S390X"),
	mk("mips", emMIPS, false, true, "AUDIT_ARCH_MIPS"),
	mk("mipsle", emMIPS, false, false, "AUDIT_ARCH_MIPSEL"),
	mk("mips64", emMIPS, true, true, "AUDIT_ARCH_MIPS64"),
	mk("mips64le", emMIPS, true, false, "AUDIT_ARCH_MIPSEL64"),
}

func infoOf(a systab.Arch) (*archInfo, error) {
	for i := range archInfos {
		if archInfos[i].arch == a {
			return &archInfos[i], nil
		}
	}
	return nil, fmt.Errorf("seccomp: unknown arch %q (one of %v)", a, systab.Arches())
}

func (ai *archInfo) order() binary.ByteOrder {
	if ai.bigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// AuditArch returns the AUDIT_ARCH_* value the kernel puts in seccomp_data.arch for a
// system call made with arch's convention, and its name in linux/audit.h.
func AuditArch(arch systab.Arch) (value uint32, name string, ok bool) {
	ai, err := infoOf(arch)
	if err != nil {
		return 0, "", false
	}
	return ai.audit, ai.name, true
}

// ArchOfAudit returns the arch whose convention an AUDIT_ARCH_* value names (for the
// disassembly and for reading a seccomp_data): "" for a value none of the 13 arches has.
func ArchOfAudit(v uint32) systab.Arch {
	for _, ai := range archInfos {
		if ai.audit == v {
			return ai.arch
		}
	}
	return ""
}

// ByteOrder returns the byte order of arch's seccomp_data (the order in which a filter
// reads the two 32-bit halves of each argument).
func ByteOrder(arch systab.Arch) (binary.ByteOrder, bool) {
	ai, err := infoOf(arch)
	if err != nil {
		return nil, false
	}
	return ai.order(), true
}
