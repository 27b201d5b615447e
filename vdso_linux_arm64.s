#include "textflag.h"
#include "vdso_linux.h"

// The direct vDSO call on arm64, as the runtime makes its own (runtime·nanotime1 in
// runtime/sys_linux_arm64.s): record the caller's PC and SP in m.vdsoPC/m.vdsoSP (the
// profiler unwinds from there while the vDSO runs), switch to the g0 stack (at least
// VG_ROOM bytes for the callee, 16-byte aligned), store g at the bottom of the signal stack
// (sigFetchG reads it there when a signal lands inside the vDSO of a program without cgo),
// call, clear the slot, switch back. C (AAPCS64) keeps x19-x28 (g is R28) and SP.
//
// Two functions, so that every profile sample unwinds to the Go caller: the runtime's
// unwinder stops at a function that writes SP other than by its frame (SPWRITE), and only
// vdsoOnG0 does; vdsoCall, an ordinary frame, sets m.vdsoSP before it calls vdsoOnG0 and
// clears it after, so a sample in vdsoOnG0 or in the vDSO unwinds from m.vdsoPC/m.vdsoSP
// and one anywhere in vdsoCall unwinds through it. m.vdsoSP is 0 on entry: these run only
// on a goroutine (vdsoOnG0 refuses otherwise), never inside the runtime's own vDSO call.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-32
	MOVD	fn+0(FP), R9
	MOVD	a0+8(FP), R0
	MOVD	p1+16(FP), R1
	MOVD	VG_g_m(g), R21	// R21 is kept by vdsoOnG0
	MOVD	$fn-8(FP), R3	// the caller's SP
	MOVD	LR, VG_m_vdsoPC(R21)
	MOVD	R3, VG_m_vdsoSP(R21)
	BL	vdsoOnG0<>(SB)
	MOVD	ZR, VG_m_vdsoSP(R21)
	MOVD	R0, ret+24(FP)
	RET

// vdsoOnG0 calls the C function at R9 with R0, R1 and a NULL third argument on the g0
// stack (R21 = m) and returns its result in R0, or 1 without calling it when g is not
// m.curg or the g0 stack lacks VG_ROOM bytes. It keeps R21.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	ZR, R2
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
	MOVD	LR, R23	// R20, R22, R23 are kept by C
	MOVD	RSP, R20
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
	MOVD	R23, LR
	RET
refuse:
	MOVD	$1, R0
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

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
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
