// System calls for linux/arm64 (arch/arm64/kernel/entry.S, syscall.c): SVC $0 with the
// number in R8, arguments in R0-R5, result in R0. The kernel keeps every other register,
// so r2 is R1 as it was (the second argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R0
	MOVD	a2+16(FP), R1
	MOVD	a3+24(FP), R2
	MOVD	a4+32(FP), R3
	MOVD	a5+40(FP), R4
	MOVD	a6+48(FP), R5
	MOVD	num+0(FP), R8
	SVC
	MOVD	R0, r1+56(FP)
	MOVD	R1, r2+64(FP)
	CMN	$4095, R0       // carry set: unsigned R0 >= -4095, an error
	NEG	R0, R2
	CSEL	CS, R2, ZR, R2
	MOVD	R2, err+72(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOVD	a1+8(FP), R0
	MOVD	a2+16(FP), R1
	MOVD	a3+24(FP), R2
	MOVD	a4+32(FP), R3
	MOVD	a5+40(FP), R4
	MOVD	a6+48(FP), R5
	MOVD	num+0(FP), R8
	SVC
	MOVD	R0, r1+56(FP)
	MOVD	R1, r2+64(FP)
	CMN	$4095, R0
	NEG	R0, R2
	CSEL	CS, R2, ZR, R2
	MOVD	R2, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R0
	MOVD	a2+16(FP), R1
	MOVD	a3+24(FP), R2
	MOVD	ZR, R3
	MOVD	ZR, R4
	MOVD	ZR, R5
	MOVD	num+0(FP), R8
	SVC
	MOVD	R0, r1+32(FP)
	MOVD	R1, r2+40(FP)
	CMN	$4095, R0
	NEG	R0, R2
	CSEL	CS, R2, ZR, R2
	MOVD	R2, err+48(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOVD	a1+8(FP), R0
	MOVD	a2+16(FP), R1
	MOVD	a3+24(FP), R2
	MOVD	ZR, R3
	MOVD	ZR, R4
	MOVD	ZR, R5
	MOVD	num+0(FP), R8
	SVC
	MOVD	R0, r1+32(FP)
	MOVD	R1, r2+40(FP)
	CMN	$4095, R0
	NEG	R0, R2
	CSEL	CS, R2, ZR, R2
	MOVD	R2, err+48(FP)
	RET
