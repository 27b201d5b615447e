#include "textflag.h"
#include "vdso_linux.h"

// The direct vDSO call on riscv64: see vdso_linux_arm64.s (the same steps, as the runtime's
// nanotime1 in runtime/sys_linux_riscv64.s, and the same split into vdsoCall, an ordinary
// frame that sets m.vdsoPC/m.vdsoSP, and vdsoOnG0, which switches stacks). C keeps s0-s11
// (g is X27 = s11) and SP, which must be 16-byte aligned at a call.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-32
	MOV	fn+0(FP), A7
	MOV	a0+8(FP), A0
	MOV	p1+16(FP), A1
	MOV	ZERO, A2
	MOV	VG_g_m(g), S3	// S3 is kept by vdsoOnG0
	MOV	RA, VG_m_vdsoPC(S3)
	MOV	$fn-8(FP), T0	// the caller's SP
	MOV	T0, VG_m_vdsoSP(S3)
	CALL	vdsoOnG0<>(SB)
	MOV	ZERO, VG_m_vdsoSP(S3)
	MOV	A0, ret+24(FP)
	RET

// func vdsoCall5(fn, a0, a1, a2, a3, a4 uintptr) int
TEXT ·vdsoCall5(SB), NOSPLIT, $0-56
	MOV	fn+0(FP), A7
	MOV	a0+8(FP), A0
	MOV	a1+16(FP), A1
	MOV	a2+24(FP), A2
	MOV	a3+32(FP), A3
	MOV	a4+40(FP), A4
	MOV	VG_g_m(g), S3
	MOV	RA, VG_m_vdsoPC(S3)
	MOV	$fn-8(FP), T0
	MOV	T0, VG_m_vdsoSP(S3)
	CALL	vdsoOnG0<>(SB)
	MOV	ZERO, VG_m_vdsoSP(S3)
	MOV	A0, ret+48(FP)
	RET

// vdsoOnG0 calls the C function at A7 with A0-A5 on the g0 stack (S3 = m) and returns its
// result in A0, or 1 without calling it when g is not m.curg or the g0 stack lacks VG_ROOM
// bytes. It keeps S3.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOV	VG_m_curg(S3), T1
	BNE	g, T1, refuse
	MOV	VG_m_g0(S3), T1
	MOV	VG_g_sched_sp(T1), T2
	MOV	VG_stack_lo(T1), T3
	SUB	T3, T2, T4
	MOV	$VG_ROOM, T5
	BLTU	T4, T5, refuse
	SUB	$16, T2
	AND	$~15, T2
	MOV	RA, S5	// S2, S4, S5 are kept by C
	MOV	X2, S2
	MOV	T2, X2

	MOVBU	·vdsoTestNoSaveG(SB), S4
	BNEZ	S4, nosave
	MOV	VG_m_gsignal(S3), S4
	BEQZ	S4, nosave
	MOV	VG_stack_lo(S4), S4
	BEQZ	S4, nosave
	MOV	g, (S4)
	JALR	RA, A7
	MOV	ZERO, (S4)
	JMP	done
nosave:
	JALR	RA, A7
done:
	MOV	S2, X2
	MOV	S5, RA
	RET
refuse:
	MOV	$1, A0
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), NOSPLIT|NOFRAME, $0-32
	JMP	·vdsoCall(SB)

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-8
	MOV	g, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-8
	MOV	X2, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOV	addr+0(FP), A0
	MOV	(A0), A0
	MOV	A0, ret+8(FP)
	RET

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOV	X2, (A1)
	MOV	(A0), A0
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-8
	MOV	$vdsoTestPeek<>(SB), A0
	MOV	A0, ret+0(FP)
	RET
