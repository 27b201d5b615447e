// System calls for linux/386 through INT $0x80 (arch/x86/entry/entry_32.S): number in AX,
// arguments in BX, CX, DX, SI, DI, BP, result in AX. The kernel keeps every other register,
// so r2 is DX as it was (the third argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-40
	CALL	runtime·entersyscall(SB)
	MOVL	a1+4(FP), BX
	MOVL	a2+8(FP), CX
	MOVL	a3+12(FP), DX
	MOVL	a4+16(FP), SI
	MOVL	a5+20(FP), DI
	MOVL	a6+24(FP), BP
	MOVL	num+0(FP), AX
	INT	$0x80
	MOVL	AX, r1+28(FP)
	MOVL	DX, r2+32(FP)
	CMPL	AX, $-4095
	JCC	fail            // unsigned AX >= -4095: an error
	MOVL	$0, err+36(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	NEGL	AX
	MOVL	AX, err+36(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-40
	MOVL	a1+4(FP), BX
	MOVL	a2+8(FP), CX
	MOVL	a3+12(FP), DX
	MOVL	a4+16(FP), SI
	MOVL	a5+20(FP), DI
	MOVL	a6+24(FP), BP
	MOVL	num+0(FP), AX
	INT	$0x80
	MOVL	AX, r1+28(FP)
	MOVL	DX, r2+32(FP)
	XORL	CX, CX
	CMPL	AX, $-4095
	JCS	done            // unsigned AX < -4095: a success
	NEGL	AX
	MOVL	AX, CX
done:
	MOVL	CX, err+36(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-28
	CALL	runtime·entersyscall(SB)
	MOVL	a1+4(FP), BX
	MOVL	a2+8(FP), CX
	MOVL	a3+12(FP), DX
	XORL	SI, SI
	XORL	DI, DI
	XORL	BP, BP
	MOVL	num+0(FP), AX
	INT	$0x80
	MOVL	AX, r1+16(FP)
	MOVL	DX, r2+20(FP)
	CMPL	AX, $-4095
	JCC	fail
	MOVL	$0, err+24(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	NEGL	AX
	MOVL	AX, err+24(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-28
	MOVL	a1+4(FP), BX
	MOVL	a2+8(FP), CX
	MOVL	a3+12(FP), DX
	XORL	SI, SI
	XORL	DI, DI
	XORL	BP, BP
	MOVL	num+0(FP), AX
	INT	$0x80
	MOVL	AX, r1+16(FP)
	MOVL	DX, r2+20(FP)
	XORL	CX, CX
	CMPL	AX, $-4095
	JCS	done            // unsigned AX < -4095: a success
	NEGL	AX
	MOVL	AX, CX
done:
	MOVL	CX, err+24(FP)
	RET
