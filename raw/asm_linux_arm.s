// System calls for linux/arm, EABI (arch/arm/kernel/entry-common.S): SWI $0 with the number
// in R7, arguments in R0-R5, result in R0. The kernel keeps every other register, so r2 is
// R1 as it was (the second argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-40
	BL	runtime·entersyscall(SB)
	MOVW	a1+4(FP), R0
	MOVW	a2+8(FP), R1
	MOVW	a3+12(FP), R2
	MOVW	a4+16(FP), R3
	MOVW	a5+20(FP), R4
	MOVW	a6+24(FP), R5
	MOVW	num+0(FP), R7
	SWI	$0
	MOVW	R0, r1+28(FP)
	MOVW	R1, r2+32(FP)
	MOVW	$-4095, R6
	CMP	R6, R0
	BHS	fail            // unsigned R0 >= -4095: an error
	MOVW	$0, R0
	MOVW	R0, err+36(FP)
	BL	runtime·exitsyscall(SB)
	RET
fail:
	RSB	$0, R0, R0
	MOVW	R0, err+36(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-40
	MOVW	a1+4(FP), R0
	MOVW	a2+8(FP), R1
	MOVW	a3+12(FP), R2
	MOVW	a4+16(FP), R3
	MOVW	a5+20(FP), R4
	MOVW	a6+24(FP), R5
	MOVW	num+0(FP), R7
	SWI	$0
	MOVW	R0, r1+28(FP)
	MOVW	R1, r2+32(FP)
	MOVW	$-4095, R6
	CMP	R6, R0
	RSB.HS	$0, R0, R0      // unsigned R0 >= -4095: an error, err = -R0
	MOVW.LO	$0, R0          // else a success
	MOVW	R0, err+36(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-28
	BL	runtime·entersyscall(SB)
	MOVW	a1+4(FP), R0
	MOVW	a2+8(FP), R1
	MOVW	a3+12(FP), R2
	MOVW	$0, R3
	MOVW	$0, R4
	MOVW	$0, R5
	MOVW	num+0(FP), R7
	SWI	$0
	MOVW	R0, r1+16(FP)
	MOVW	R1, r2+20(FP)
	MOVW	$-4095, R6
	CMP	R6, R0
	BHS	fail
	MOVW	$0, R0
	MOVW	R0, err+24(FP)
	BL	runtime·exitsyscall(SB)
	RET
fail:
	RSB	$0, R0, R0
	MOVW	R0, err+24(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-28
	MOVW	a1+4(FP), R0
	MOVW	a2+8(FP), R1
	MOVW	a3+12(FP), R2
	MOVW	$0, R3
	MOVW	$0, R4
	MOVW	$0, R5
	MOVW	num+0(FP), R7
	SWI	$0
	MOVW	R0, r1+16(FP)
	MOVW	R1, r2+20(FP)
	MOVW	$-4095, R6
	CMP	R6, R0
	RSB.HS	$0, R0, R0
	MOVW.LO	$0, R0
	MOVW	R0, err+24(FP)
	RET
