// System calls for linux/amd64: number in AX, arguments in DI, SI, DX, R10, R8, R9,
// results in AX and DX (arch/x86/entry/entry_64.S).

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	CALL	runtime·entersyscall(SB)
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	a4+32(FP), R10
	MOVQ	a5+40(FP), R8
	MOVQ	a6+48(FP), R9
	MOVQ	num+0(FP), AX
	SYSCALL
	MOVQ	AX, r1+56(FP)
	MOVQ	DX, r2+64(FP)
	CMPQ	AX, $-4095
	JCC	fail            // unsigned AX >= -4095: an error
	MOVQ	$0, err+72(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	NEGQ	AX
	MOVQ	AX, err+72(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	a4+32(FP), R10
	MOVQ	a5+40(FP), R8
	MOVQ	a6+48(FP), R9
	MOVQ	num+0(FP), AX
	SYSCALL
	MOVQ	AX, r1+56(FP)
	MOVQ	DX, r2+64(FP)
	XORL	CX, CX
	CMPQ	AX, $-4095
	JCS	done            // unsigned AX < -4095: a success
	NEGQ	AX
	MOVQ	AX, CX
done:
	MOVQ	CX, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	CALL	runtime·entersyscall(SB)
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	$0, R10
	MOVQ	$0, R8
	MOVQ	$0, R9
	MOVQ	num+0(FP), AX
	SYSCALL
	MOVQ	AX, r1+32(FP)
	MOVQ	DX, r2+40(FP)
	CMPQ	AX, $-4095
	JCC	fail
	MOVQ	$0, err+48(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	NEGQ	AX
	MOVQ	AX, err+48(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	$0, R10
	MOVQ	$0, R8
	MOVQ	$0, R9
	MOVQ	num+0(FP), AX
	SYSCALL
	MOVQ	AX, r1+32(FP)
	MOVQ	DX, r2+40(FP)
	XORL	CX, CX
	CMPQ	AX, $-4095
	JCS	done            // unsigned AX < -4095: a success
	NEGQ	AX
	MOVQ	AX, CX
done:
	MOVQ	CX, err+48(FP)
	RET
