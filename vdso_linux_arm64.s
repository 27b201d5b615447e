#include "textflag.h"
#include "vdso_goffsets_linux.h"

// The direct vDSO call on arm64, as the runtime makes its own (runtime·nanotime1 in
// runtime/sys_linux_arm64.s): record the caller's PC and SP in m.vdsoPC/m.vdsoSP (the
// profiler unwinds from there while the vDSO runs), switch to the g0 stack (at least
// VG_ROOM bytes for the callee, 16-byte aligned), store g at the bottom of the signal stack
// (sigFetchG reads it there when a signal lands inside the vDSO of a program without cgo),
// call, clear the slot, switch back. C (AAPCS64) keeps x19-x28 (g is R28) and SP.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $24-32
	MOVD	fn+0(FP), R9
	MOVD	a0+8(FP), R0
	MOVD	p1+16(FP), R1
	MOVD	ZR, R2
	MOVD	RSP, R20	// R20-R22 are kept by C
	MOVD	VG_g_m(g), R21
	MOVD	VG_m_vdsoPC(R21), R3
	MOVD	VG_m_vdsoSP(R21), R4
	MOVD	R3, 8(RSP)
	MOVD	R4, 16(RSP)
	MOVD	$fn-8(FP), R3	// the caller's SP
	MOVD	LR, VG_m_vdsoPC(R21)
	MOVD	R3, VG_m_vdsoSP(R21)

	MOVD	VG_m_curg(R21), R3
	CMP	g, R3
	BNE	refuse
	MOVD	VG_m_g0(R21), R3
	MOVD	VG_g_sched_sp(R3), R4
	MOVD	VG_stack_lo(R3), R5
	SUB	R5, R4, R6
	CMP	$VG_ROOM, R6
	BLO	refuse
	SUB	$16, R4
	BIC	$15, R4
	MOVD	R4, RSP

	MOVBU	·vdsoTestNoSaveG(SB), R22
	CBNZ	R22, nosave
	MOVD	VG_m_gsignal(R21), R22
	CBZ	R22, nosave
	MOVD	VG_stack_lo(R22), R22
	CBZ	R22, nosave
	MOVD	g, (R22)
	BL	(R9)
	MOVD	ZR, (R22)
	B	done
nosave:
	BL	(R9)
done:
	MOVD	R20, RSP
	MOVD	16(RSP), R1
	MOVD	R1, VG_m_vdsoSP(R21)
	MOVD	8(RSP), R1
	MOVD	R1, VG_m_vdsoPC(R21)
	MOVD	R0, ret+24(FP)
	RET
refuse:
	MOVD	16(RSP), R1
	MOVD	R1, VG_m_vdsoSP(R21)
	MOVD	8(RSP), R1
	MOVD	R1, VG_m_vdsoPC(R21)
	MOVD	$1, R0
	MOVD	R0, ret+24(FP)
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), NOSPLIT|NOFRAME, $0-32
	JMP	·vdsoCall(SB)

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-8
	MOVD	g, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-8
	MOVD	RSP, R0
	MOVD	R0, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOVD	addr+0(FP), R0
	MOVD	(R0), R0
	MOVD	R0, ret+8(FP)
	RET

// Test helpers (vdso_direct_linux_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	RSP, R2
	MOVD	R2, (R1)
	MOVD	(R0), R0
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-8
	MOVD	$vdsoTestPeek<>(SB), R0
	MOVD	R0, ret+0(FP)
	RET
