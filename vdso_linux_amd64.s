#include "textflag.h"
#include "funcdata.h"
#include "vdso_linux.h"

// The vDSO trampolines: call a C function of the vDSO on the goroutine's own stack.
//
// The frame reserves 4128 bytes of locals. The callee runs with SP moved up near the top
// of that area (ADJSP, so the unwinder's pc-to-SP table stays exact and a profile taken in
// the trampoline unwinds to its callers), aligned to 16 bytes as the SysV ABI wants at a
// call: at least 4 KiB (plus the red zone's 128) of the frame lie below the callee's
// return address. The frame is not NOSPLIT, so the prologue grows the goroutine's stack when
// it lacks the room. Go keeps SP 8-byte aligned; the two paths cover SP = 0 and 8 mod 16.
// SP is tested through a copy: any instruction other than CMP and ADJSP whose destination
// is SP (even TESTQ $8, SP) makes the assembler flag the function SPWRITE, and the
// runtime's unwinder stops at such a function, so profile samples taken here would lose
// their callers. For the same reason SP is not aligned with an AND.
//
// C clobbers everything but RBX, RBP, R12-R15; Go code called from here or returned to
// reloads R14 (g) and X15 itself (ABI0 callers restore them after the call). The callee's
// int result is in AX.

#define LOCALS 4128

#define CALLC \
	MOVQ	SP, R12 \
	TESTQ	$8, R12 \
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

// SETM(first) sets m.vdsoPC/m.vdsoSP to the caller's PC and SP (first names the function's first
// argument, just above its return address) when vdsoSetM, as the runtime does around its own
// vDSO calls; R13 holds g on entry and m, or 0, after (C keeps R13). CLEARM clears m.vdsoSP
// after the call. These trampolines never run in a signal handler, so m.vdsoSP is 0 before.
#define SETM(first) \
	CMPB	·vdsoSetM(SB), $0 \
	JEQ	nom \
	MOVQ	VG_g_m(R13), R13 \
	LEAQ	first+0(FP), AX \
	MOVQ	-8(AX), R12 \
	MOVQ	R12, VG_m_vdsoPC(R13) \
	MOVQ	AX, VG_m_vdsoSP(R13) \
	JMP	setm \
nom: \
	XORL	R13, R13 \
setm:

#define CLEARM \
	TESTQ	R13, R13 \
	JEQ	nocl \
	MOVQ	$0, VG_m_vdsoSP(R13) \
nocl:

// func ClockGettime(id ClockID) (ts Timespec, err error)
//
// The public call itself, so that a caller reaches the vDSO through a single call. It has
// no frame and is NOSPLIT: the callee runs on the goroutine's stack right below the return
// address, and instead of a 4 KiB frame (whose prologue and SP adjustments cost about half
// a nanosecond a call) it checks that at least CALLEE_ROOM bytes lie between SP and
// g.stackguard0 (the word the compiler's own prologues compare SP with, at 16(g) in every Go
// release); then at least that much plus the runtime's guard area is free below the callee.
// A goroutine whose stack lacks the room (or that is asked to stop: stackguard0 is then
// huge) takes clockGettimeSlow, which makes the call through vdsoCall, whose 4 KiB frame
// grows the stack, so the next call is fast again. Anything else (no vDSO, a clock it
// does not serve, a nonzero answer) goes to clockGettimeSlow too, by a tail jump (the same
// arguments and results).
//
// Profiles: with m.vdsoSP set (once vdsoValidate accepted the runtime's offsets), a sample
// inside the vDSO unwinds from m.vdsoPC/m.vdsoSP (the caller) instead of being charged to
// runtime._VDSO; samples in this function unwind normally (it never writes SP other than
// by ADJSP). R13 (kept by C) holds m, or 0.
//
// PCALIGN $64 makes the linker place the function at a 64-byte boundary in every binary: at
// a 32-byte one (Go's default) the hot path straddles a cache line differently and a coarse
// clock measured ~15% slower in one benchmark binary than in another, for the same code.
#define CALLEE_ROOM 4224
TEXT ·ClockGettime(SB), NOSPLIT|NOFRAME, $0-40
	PCALIGN	$64
	MOVQ	·vdsoClockGettime(SB), R11
	MOVL	id+0(FP), DI
	TESTQ	R11, R11
	JEQ	slow
	CMPL	DI, $32
	JAE	slow
	MOVL	$0x8f3, AX
	BTL	DI, AX
	JCC	slow
	MOVQ	(TLS), R13
	LEAQ	-CALLEE_ROOM(SP), R12
	CMPQ	R12, 16(R13)	// g.stackguard0
	JLS	slow
	SETM(id)
	LEAQ	ts+8(FP), SI
	XORL	DX, DX
	MOVQ	SP, R12
	TESTQ	$8, R12
	JNE	odd
	CALL	R11
	JMP	called
odd:
	ADJSP	$8
	CALL	R11
	ADJSP	$-8
called:
	CLEARM
	TESTQ	AX, AX
	JNE	slow
	MOVQ	$0, err_itable+24(FP)
	MOVQ	$0, err_data+32(FP)
	RET
slow:
	JMP	·clockGettimeSlow(SB)

// func Getcpu() (cpu, node int, err error)
//
// As ClockGettime: the vDSO's getcpu(&cpu, &node, NULL) writes two unsigned ints, which
// are zero-extended into the results; the same stack check and m.vdsoPC/SP (so that profile
// samples inside the vDSO unwind to the caller: this costs ~0.5 ns of ~2.3 here), and
// getcpuSlow for everything else. Aligned as ClockGettime is.
TEXT ·Getcpu(SB), NOSPLIT|NOFRAME, $0-32
	PCALIGN	$64
	MOVQ	·vdsoGetcpu(SB), R11
	TESTQ	R11, R11
	JEQ	slow
	MOVQ	(TLS), R13
	LEAQ	-CALLEE_ROOM(SP), R12
	CMPQ	R12, 16(R13)	// g.stackguard0
	JLS	slow
	SETM(cpu)
	// The vDSO stores two 4-byte values; they go to the (still unused) err slots and
	// come back with 4-byte loads, because an 8-byte load of a 4-byte store (the caller
	// reading cpu and node) cannot be forwarded from the store buffer and stalls.
	LEAQ	err_itable+16(FP), DI
	LEAQ	err_data+24(FP), SI
	XORL	DX, DX
	MOVQ	SP, R12
	TESTQ	$8, R12
	JNE	odd
	CALL	R11
	JMP	called
odd:
	ADJSP	$8
	CALL	R11
	ADJSP	$-8
called:
	CLEARM
	TESTQ	AX, AX
	JNE	slow
	LEAQ	err_itable+16(FP), R12
	MOVL	0(R12), AX
	MOVQ	AX, cpu+0(FP)
	MOVL	8(R12), AX
	MOVQ	AX, node+8(FP)
	MOVQ	$0, err_itable+16(FP)
	MOVQ	$0, err_data+24(FP)
	RET
slow:
	JMP	·getcpuSlow(SB)

// func vdsoCall(fn, a0 uintptr, p1 unsafe.Pointer) int
TEXT ·vdsoCall(SB), 0, $4128-32
	NO_LOCAL_POINTERS
	MOVQ	fn+0(FP), R11
	MOVQ	a0+8(FP), DI
	MOVQ	p1+16(FP), SI
	XORL	DX, DX
	MOVQ	(TLS), R13
	SETM(fn)
	CALLC
	CLEARM
	MOVQ	AX, ret+24(FP)
	RET

// func vdsoCallP(fn uintptr, p0, p1 unsafe.Pointer) int
TEXT ·vdsoCallP(SB), 0, $4128-32
	NO_LOCAL_POINTERS
	MOVQ	fn+0(FP), R11
	MOVQ	p0+8(FP), DI
	MOVQ	p1+16(FP), SI
	XORL	DX, DX
	MOVQ	(TLS), R13
	SETM(fn)
	CALLC
	CLEARM
	MOVQ	AX, ret+24(FP)
	RET

// func vdsoGetg() uintptr
TEXT ·vdsoGetg(SB), NOSPLIT, $0-8
	MOVQ	(TLS), AX
	MOVQ	AX, ret+0(FP)
	RET

// func vdsoGetsp() uintptr
TEXT ·vdsoGetsp(SB), NOSPLIT, $0-8
	MOVQ	SP, AX
	MOVQ	AX, ret+0(FP)
	RET

// func vdsoPeek(addr uintptr) uintptr
TEXT ·vdsoPeek(SB), NOSPLIT, $0-16
	MOVQ	addr+0(FP), AX
	MOVQ	(AX), AX
	MOVQ	AX, ret+8(FP)
	RET
