#include "textflag.h"
#include "funcdata.h"
#include "vdso_linux.h"

// The vDSO trampolines for i386 (cdecl: arguments on the stack, result in AX; the callee
// keeps BX, SI, DI, BP). As on amd64, the frame reserves 4128 bytes and the callee runs
// with SP moved up near the top of it by ADJSP (exact unwind tables), 16-byte aligned at the
// call as the i386 psABI wants: 4 paths for SP = 0, 4, 8, 12 mod 16, each leaving at least
// 4 KiB of the frame below the callee's return address.
//
// With vdsoSetM (the runtime offsets validated at init) the trampolines set m.vdsoPC and
// m.vdsoSP to their caller's PC and SP for the call, as the runtime's nanotime1 does, so that
// a profile sample inside the vDSO unwinds to the Go caller; SI (kept by the callee) holds m,
// or 0. They never run in a signal handler, so m.vdsoSP is 0 before and cleared after.

#define SETM \
	XORL	SI, SI \
	CMPB	·vdsoSetM(SB), $0 \
	JEQ	nom \
	MOVL	TLS, SI \
	MOVL	0(SI)(TLS*1), SI \
	MOVL	VG_g_m(SI), SI \
	LEAL	fn+0(FP), BX \
	MOVL	-4(BX), DI \
	MOVL	DI, VG_m_vdsoPC(SI) \
	MOVL	BX, VG_m_vdsoSP(SI) \
nom:

#define CLEARM \
	TESTL	SI, SI \
	JEQ	nocl \
	MOVL	$0, VG_m_vdsoSP(SI) \
nocl:

#define LOCALS 4128

#define CALLAT(k) \
	ADJSP	$-(k) \
	MOVL	CX, 0(SP) \
	MOVL	DX, 4(SP) \
	MOVL	$0, 8(SP) \
	CALL	AX \
	ADJSP	$(k)

#define CALLC \
	MOVL	SP, BX \
	ANDL	$15, BX \
	CMPL	BX, $4 \
	JEQ	m4 \
	CMPL	BX, $8 \
	JEQ	m8 \
	CMPL	BX, $12 \
	JEQ	m12 \
	CALLAT(LOCALS-16) \
	JMP	done \
m4: \
	CALLAT(LOCALS-20) \
	JMP	done \
m8: \
	CALLAT(LOCALS-24) \
	JMP	done \
m12: \
	CALLAT(LOCALS-28) \
done:

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), 0, $4128-16
	NO_LOCAL_POINTERS
	MOVL	fn+0(FP), AX
	MOVL	a0+4(FP), CX
	MOVL	p1+8(FP), DX
	SETM
	CALLC
	CLEARM
	MOVL	AX, ret+12(FP)
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), 0, $4128-16
	NO_LOCAL_POINTERS
	MOVL	fn+0(FP), AX
	MOVL	p0+4(FP), CX
	MOVL	p1+8(FP), DX
	SETM
	CALLC
	CLEARM
	MOVL	AX, ret+12(FP)
	RET

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-4
	MOVL	TLS, AX
	MOVL	0(AX)(TLS*1), AX
	MOVL	AX, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-4
	MOVL	SP, AX
	MOVL	AX, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-8
	MOVL	addr+0(FP), AX
	MOVL	(AX), AX
	MOVL	AX, ret+4(FP)
	RET
