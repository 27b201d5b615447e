#include "textflag.h"
#include "vdso_linux.h"

// The direct vDSO call on loong64: see vdso_linux_arm64.s (the same steps, as the runtime's
// nanotime1 in runtime/sys_linux_loong64.s, and the same split into vdsoCall, an ordinary
// frame that sets m.vdsoPC/m.vdsoSP, and vdsoOnG0, which switches stacks). C keeps s0-s8
// (R23-R31) and R22 (fp; g in Go) and SP (R3), which must be 16-byte aligned at a call;
// arguments in R4-R11, return address in R1.

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), NOSPLIT, $0-32
	MOVV	fn+0(FP), R20
	MOVV	a0+8(FP), R4
	MOVV	p1+16(FP), R5
	MOVV	R0, R6
	MOVV	VG_g_m(g), R24	// R24 is kept by vdsoOnG0
	MOVV	R1, VG_m_vdsoPC(R24)
	MOVV	$fn-8(FP), R11	// the caller's SP
	MOVV	R11, VG_m_vdsoSP(R24)
	JAL	vdsoOnG0<>(SB)
	MOVV	R0, VG_m_vdsoSP(R24)
	MOVV	R4, ret+24(FP)
	RET

// vdsoOnG0 calls the C function at R20 with R4-R6 on the g0 stack (R24 = m) and returns its
// result in R4, or 1 without calling it when g is not m.curg or the g0 stack lacks VG_ROOM
// bytes. It keeps R24.
TEXT vdsoOnG0<>(SB), NOSPLIT|NOFRAME, $0
	MOVV	VG_m_curg(R24), R12
	BNE	g, R12, refuse
	MOVV	VG_m_g0(R24), R12
	MOVV	VG_g_sched_sp(R12), R13
	MOVV	VG_stack_lo(R12), R14
	SUBV	R14, R13, R15
	MOVV	$VG_ROOM, R16
	SGTU	R16, R15, R17
	BNE	R17, refuse
	SUBV	$16, R13
	AND	$~15, R13
	MOVV	R1, R26	// R23, R25, R26 are kept by C
	MOVV	R3, R23
	MOVV	R13, R3

	MOVBU	·vdsoTestNoSaveG(SB), R25
	BNE	R25, nosave
	MOVV	VG_m_gsignal(R24), R25
	BEQ	R25, nosave
	MOVV	VG_stack_lo(R25), R25
	BEQ	R25, nosave
	MOVV	g, (R25)
	JAL	(R20)
	MOVV	R0, (R25)
	JMP	done
nosave:
	JAL	(R20)
done:
	MOVV	R23, R3
	MOVV	R26, R1
	RET
refuse:
	MOVV	$1, R4
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), NOSPLIT|NOFRAME, $0-32
	JMP	·vdsoCall(SB)

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-8
	MOVV	g, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-8
	MOVV	R3, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOVV	addr+0(FP), R4
	MOVV	(R4), R4
	MOVV	R4, ret+8(FP)
	RET

// Test helpers (vdso_linux_greg_test.go): a C-ABI function for vdsoCall that returns
// the word at its first argument and its own SP in the second argument's target.
TEXT vdsoTestPeek<>(SB), NOSPLIT|NOFRAME, $0
	MOVV	R3, (R5)
	MOVV	(R4), R4
	RET

// func vdsoTestPeekAddr() uintptr
TEXT ·vdsoTestPeekAddr(SB), NOSPLIT, $0-8
	MOVV	$vdsoTestPeek<>(SB), R4
	MOVV	R4, ret+0(FP)
	RET
