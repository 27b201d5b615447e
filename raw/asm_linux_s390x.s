// System calls for linux/s390x (arch/s390/kernel/entry.S, syscall.c): SVC $0 with the
// number in R1, arguments in R2-R7, result in R2. The kernel keeps every other register,
// so r2 is R3 as it was (the second argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R2
	MOVD	a2+16(FP), R3
	MOVD	a3+24(FP), R4
	MOVD	a4+32(FP), R5
	MOVD	a5+40(FP), R6
	MOVD	a6+48(FP), R7
	MOVD	num+0(FP), R1
	SYSCALL
	MOVD	R2, r1+56(FP)
	MOVD	R3, r2+64(FP)
	MOVD	$-4095, R8
	CMPUBLT	R2, R8, ok      // unsigned R2 < -4095: a success
	NEG	R2, R2
	MOVD	R2, err+72(FP)
	BL	runtime·exitsyscall(SB)
	RET
ok:
	MOVD	$0, err+72(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOVD	a1+8(FP), R2
	MOVD	a2+16(FP), R3
	MOVD	a3+24(FP), R4
	MOVD	a4+32(FP), R5
	MOVD	a5+40(FP), R6
	MOVD	a6+48(FP), R7
	MOVD	num+0(FP), R1
	SYSCALL
	MOVD	R2, r1+56(FP)
	MOVD	R3, r2+64(FP)
	MOVD	$-4095, R8
	CMPUBLT	R2, R8, ok
	NEG	R2, R2
	MOVD	R2, err+72(FP)
	RET
ok:
	MOVD	$0, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R2
	MOVD	a2+16(FP), R3
	MOVD	a3+24(FP), R4
	MOVD	$0, R5
	MOVD	$0, R6
	MOVD	$0, R7
	MOVD	num+0(FP), R1
	SYSCALL
	MOVD	R2, r1+32(FP)
	MOVD	R3, r2+40(FP)
	MOVD	$-4095, R8
	CMPUBLT	R2, R8, ok
	NEG	R2, R2
	MOVD	R2, err+48(FP)
	BL	runtime·exitsyscall(SB)
	RET
ok:
	MOVD	$0, err+48(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOVD	a1+8(FP), R2
	MOVD	a2+16(FP), R3
	MOVD	a3+24(FP), R4
	MOVD	$0, R5
	MOVD	$0, R6
	MOVD	$0, R7
	MOVD	num+0(FP), R1
	SYSCALL
	MOVD	R2, r1+32(FP)
	MOVD	R3, r2+40(FP)
	MOVD	$-4095, R8
	CMPUBLT	R2, R8, ok
	NEG	R2, R2
	MOVD	R2, err+48(FP)
	RET
ok:
	MOVD	$0, err+48(FP)
	RET
