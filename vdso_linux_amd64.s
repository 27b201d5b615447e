#include "textflag.h"
#include "funcdata.h"

// The vDSO trampolines: call a C function of the vDSO on the goroutine's own stack.
//
// The frame reserves 4128 bytes of locals. The callee runs with SP moved up near the top
// of that area (ADJSP, so the unwinder's pc-to-SP table stays exact and a profile taken in
// the trampoline unwinds to its callers), aligned to 16 bytes as the SysV ABI wants at a
// call: at least 4 KiB (plus the red zone's 128) of the frame lie below the callee's
// return address. The frame is not NOSPLIT, so the prologue grows the goroutine's stack when
// it lacks the room. Go keeps SP 8-byte aligned; the two paths cover SP = 0 and 8 mod 16.
//
// C clobbers everything but RBX, RBP, R12-R15; the ABI0 wrapper around this function
// restores R14 (g) and X15 for Go code. The callee's int result is in AX.

#define LOCALS 4128

#define CALLC \
	TESTQ	$8, SP \
	JNE	odd \
	ADJSP	$-(LOCALS-16) \
	CALL	R11 \
	ADJSP	$(LOCALS-16) \
	JMP	done \
odd: \
	ADJSP	$-(LOCALS-8) \
	CALL	R11 \
	ADJSP	$(LOCALS-8) \
done:

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), 0, $4128-32
	NO_LOCAL_POINTERS
	MOVQ	fn+0(FP), R11
	MOVQ	a0+8(FP), DI
	MOVQ	p1+16(FP), SI
	XORL	DX, DX
	CALLC
	MOVQ	AX, ret+24(FP)
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), 0, $4128-32
	NO_LOCAL_POINTERS
	MOVQ	fn+0(FP), R11
	MOVQ	p0+8(FP), DI
	MOVQ	p1+16(FP), SI
	XORL	DX, DX
	CALLC
	MOVQ	AX, ret+24(FP)
	RET
