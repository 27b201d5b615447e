#include "textflag.h"
#include "vdso_linux.h"

// The direct vDSO call on s390x: see vdso_linux_arm64.s (the same steps, as the runtime's
// nanotime1 in runtime/sys_linux_s390x.s). The s390x ELF ABI: arguments in R2-R6, return
// address in R14, result in R2; C keeps R6-R13 (g is R13) and R15 (SP), which must be
// 8-byte aligned, and the caller provides a 160-byte register save area at 0(R15) that the
// callee may write: it lies inside the reserved room here. The same split as on arm64:
// vdsoCall, an ordinary frame, sets m.vdsoPC/m.vdsoSP around vdsoOnG0, which switches stacks.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-32
	MOVD	fn+0(FP), R1
	MOVD	a0+8(FP), R2
	MOVD	p1+16(FP), R3
	MOVD	$0, R4
	MOVD	VG_g_m(g), R8	// R8 is kept by vdsoOnG0
	MOVD	R14, VG_m_vdsoPC(R8)
	MOVD	$fn-8(FP), R5	// the caller's SP
	MOVD	R5, VG_m_vdsoSP(R8)
	BL	vdsoOnG0<>(SB)
	MOVD	$0, VG_m_vdsoSP(R8)
	MOVD	R2, ret+24(FP)
	RET

// vdsoOnG0 calls the C function at R1 with R2-R4 on the g0 stack (R8 = m) and returns its
// result in R2, or 1 without calling it when g is not m.curg or the g0 stack lacks VG_ROOM
// bytes. It keeps R8.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	VG_m_curg(R8), R5
	CMPBNE	g, R5, refuse
	MOVD	VG_m_g0(R8), R5
	MOVD	VG_g_sched_sp(R5), R6
	MOVD	VG_stack_lo(R5), R0
	SUB	R0, R6, R12
	MOVD	$VG_ROOM, R0
	CMPUBLT	R12, R0, refuse
	SUB	$(160+16), R6
	MOVD	$~7, R0
	AND	R0, R6
	MOVD	R14, R12	// R7, R9, R12 are kept by C
	MOVD	R15, R7
	MOVD	R6, R15

	MOVBZ	·vdsoTestNoSaveG(SB), R9
	CMPBNE	R9, $0, nosave
	MOVD	VG_m_gsignal(R8), R9
	CMPBEQ	R9, $0, nosave
	MOVD	VG_stack_lo(R9), R9
	CMPBEQ	R9, $0, nosave
	MOVD	g, (R9)
	BL	R1
	MOVD	$0, (R9)
	JMP	done
nosave:
	BL	R1
done:
	MOVD	R7, R15
	MOVD	R12, R14
	RET
refuse:
	MOVD	$1, R2
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
	MOVD	R15, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOVD	addr+0(FP), R2
	MOVD	(R2), R2
	MOVD	R2, ret+8(FP)
	RET

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOVD	R15, (R3)
	MOVD	(R2), R2
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-8
	MOVD	$vdsoTestPeek<>(SB), R2
	MOVD	R2, ret+0(FP)
	RET
