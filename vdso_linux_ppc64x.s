//go:build ppc64 || ppc64le

#include "textflag.h"
#include "asm_ppc64x.h"
#include "vdso_linux.h"

// The direct vDSO call on ppc64 and ppc64le: see vdso_linux_arm64.s (the same steps, as the
// runtime's nanotime1 in runtime/sys_linux_ppc64x.s). The vDSO's functions are entered at
// their symbol's address on both (the kernel's vDSO exports code addresses, no ELFv1
// function descriptors), with R12 = that address. C keeps R14-R31 (g is R30), R1 (SP,
// 16-byte aligned) and R2; the callee may store its back chain, CR, LR and TOC into the
// caller's frame header (up to 48 bytes in ELFv1, 32 in ELFv2): 112 bytes are left above
// the callee's SP for that. Go needs R0 = 0 back. The vDSO answers like a system call:
// positive errno with CR0[SO] set on failure; the result is negated to -errno here.
// The same split as on arm64: vdsoCall, an ordinary frame, sets m.vdsoPC/m.vdsoSP around
// vdsoOnG0, which switches stacks.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-32
	MOVD	fn+0(FP), R12
	MOVD	a0+8(FP), R3
	MOVD	p1+16(FP), R4
	MOVD	$0, R5
	MOVD	VG_g_m(g), R21	// R21 is kept by vdsoOnG0
	MOVD	LR, R14
	MOVD	R14, VG_m_vdsoPC(R21)
	MOVD	$fn-FIXED_FRAME(FP), R6	// the caller's SP
	MOVD	R6, VG_m_vdsoSP(R21)
	BL	vdsoOnG0<>(SB)
	MOVD	R0, VG_m_vdsoSP(R21)	// R0 is 0
	CMP	R3, $0
	BLE	ret
	NEG	R3, R3
ret:
	MOVD	R3, ret+24(FP)
	RET

// vdsoOnG0 calls the C function at R12 with R3-R5 on the g0 stack (R21 = m) and returns its
// result in R3, or -1 without calling it when g is not m.curg or the g0 stack lacks VG_ROOM
// bytes. It keeps R21 and leaves R0 = 0.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	VG_m_curg(R21), R6
	CMP	g, R6
	BNE	refuse
	MOVD	VG_m_g0(R21), R6
	MOVD	VG_g_sched_sp(R6), R7
	MOVD	VG_stack_lo(R6), R8
	SUB	R8, R7, R9
	MOVD	$VG_ROOM, R8
	CMPU	R9, R8
	BLT	refuse
	SUB	$(112+16), R7
	RLDICR	$0, R7, $59, R7
	MOVD	LR, R17	// R14-R29 are kept by C
	MOVD	R1, R15
	MOVD	R2, R16
	MOVD	R7, R1
	MOVD	R12, CTR

	MOVBZ	·vdsoTestNoSaveG(SB), R22
	CMP	R22, $0
	BNE	nosave
	MOVD	VG_m_gsignal(R21), R22
	CMP	R22, $0
	BEQ	nosave
	MOVD	VG_stack_lo(R22), R22
	CMP	R22, $0
	BEQ	nosave
	MOVD	g, (R22)
	BL	(CTR)
	MOVD	$0, R0
	MOVD	R0, (R22)
	JMP	done
nosave:
	BL	(CTR)
done:
	MOVD	$0, R0
	MOVD	R16, R2
	MOVD	R15, R1
	MOVD	R17, LR
	RET
refuse:
	MOVD	$-1, R3
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), NOSPLIT|NOFRAME, $0-32
	BR	·vdsoCall(SB)

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-8
	MOVD	g, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-8
	MOVD	R1, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOVD	addr+0(FP), R3
	MOVD	(R3), R3
	MOVD	R3, ret+8(FP)
	RET

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	R1, (R4)
	MOVD	(R3), R3
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-8
	MOVD	$vdsoTestPeek<>(SB), R3
	MOVD	R3, ret+0(FP)
	RET
