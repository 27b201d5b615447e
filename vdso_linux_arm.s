#include "textflag.h"
#include "vdso_linux.h"

// The direct vDSO call on arm: see vdso_linux_arm64.s (the same steps, as the runtime's
// vdsoCall in runtime/sys_linux_arm.s). AAPCS: arguments in R0-R3, result in R0, C keeps
// R4-R11 (g is R10) and SP (8-byte aligned at a call). The vDSO is Thumb code (odd
// addresses): BL (Rn) assembles to BLX, which switches modes. The same split as on arm64:
// vdsoCall, an ordinary frame, sets m.vdsoPC/m.vdsoSP around vdsoOnG0, which switches stacks.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-16
	MOVW	fn+0(FP), R4
	MOVW	a0+4(FP), R0
	MOVW	p1+8(FP), R1
	MOVW	$0, R2
	MOVW	VG_g_m(g), R6	// R6 is kept by vdsoOnG0
	MOVW	$fn-4(FP), R7	// the caller's SP
	MOVW	R14, VG_m_vdsoPC(R6)
	MOVW	R7, VG_m_vdsoSP(R6)
	BL	vdsoOnG0<>(SB)
	MOVW	$0, R7
	MOVW	R7, VG_m_vdsoSP(R6)
	MOVW	R0, ret+12(FP)
	RET

// vdsoOnG0 calls the C function at R4 with R0-R2 on the g0 stack (R6 = m) and returns its
// result in R0, or 1 without calling it when g is not m.curg or the g0 stack lacks VG_ROOM
// bytes. It keeps R6.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOVW	VG_m_curg(R6), R7
	CMP	g, R7
	B.NE	refuse
	MOVW	VG_m_g0(R6), R7
	MOVW	VG_g_sched_sp(R7), R8
	MOVW	VG_stack_lo(R7), R3
	SUB	R3, R8, R3
	CMP	$VG_ROOM, R3
	B.LO	refuse
	MOVW	R14, R9	// R5, R7-R9 are kept by C
	MOVW	R13, R5
	MOVW	R8, R13
	BIC	$0x7, R13
	MOVW	$0, R3

	MOVBU	·vdsoTestNoSaveG(SB), R7
	CMP	$0, R7
	B.NE	nosave
	MOVW	VG_m_gsignal(R6), R7
	CMP	$0, R7
	B.EQ	nosave
	MOVW	VG_stack_lo(R7), R7
	CMP	$0, R7
	B.EQ	nosave
	MOVW	g, (R7)
	BL	(R4)
	MOVW	$0, R8
	MOVW	R8, (R7)
	JMP	done
nosave:
	BL	(R4)
done:
	MOVW	R5, R13
	MOVW	R9, R14
	RET
refuse:
	MOVW	$1, R0
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), NOSPLIT|NOFRAME, $0-16
	B	·vdsoCall(SB)

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-4
	MOVW	g, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-4
	MOVW	R13, R0
	MOVW	R0, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-8
	MOVW	addr+0(FP), R0
	MOVW	(R0), R0
	MOVW	R0, ret+4(FP)
	RET

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOVW	R13, (R1)
	MOVW	(R0), R0
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-4
	MOVW	$vdsoTestPeek<>(SB), R0
	MOVW	R0, ret+0(FP)
	RET
