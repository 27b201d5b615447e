// System calls for linux/loong64 (arch/loongarch/kernel/entry.S, syscall.c): SYSCALL $0
// with the number in R11 (a7), arguments in R4-R9 (a0-a5), result in R4. The kernel keeps
// every other register, so r2 is R5 as it was (the second argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	JAL	runtime·entersyscall(SB)
	MOVV	a1+8(FP), R4
	MOVV	a2+16(FP), R5
	MOVV	a3+24(FP), R6
	MOVV	a4+32(FP), R7
	MOVV	a5+40(FP), R8
	MOVV	a6+48(FP), R9
	MOVV	num+0(FP), R11
	SYSCALL
	MOVV	R4, r1+56(FP)
	MOVV	R5, r2+64(FP)
	MOVV	$-4096, R12
	BGEU	R12, R4, ok     // unsigned R4 <= -4096: a success
	SUBVU	R4, R0, R4
	MOVV	R4, err+72(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVV	R0, err+72(FP)
	JAL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOVV	a1+8(FP), R4
	MOVV	a2+16(FP), R5
	MOVV	a3+24(FP), R6
	MOVV	a4+32(FP), R7
	MOVV	a5+40(FP), R8
	MOVV	a6+48(FP), R9
	MOVV	num+0(FP), R11
	SYSCALL
	MOVV	R4, r1+56(FP)
	MOVV	R5, r2+64(FP)
	MOVV	$-4096, R12
	BGEU	R12, R4, ok
	SUBVU	R4, R0, R4
	MOVV	R4, err+72(FP)
	RET
ok:
	MOVV	R0, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	JAL	runtime·entersyscall(SB)
	MOVV	a1+8(FP), R4
	MOVV	a2+16(FP), R5
	MOVV	a3+24(FP), R6
	MOVV	R0, R7
	MOVV	R0, R8
	MOVV	R0, R9
	MOVV	num+0(FP), R11
	SYSCALL
	MOVV	R4, r1+32(FP)
	MOVV	R5, r2+40(FP)
	MOVV	$-4096, R12
	BGEU	R12, R4, ok
	SUBVU	R4, R0, R4
	MOVV	R4, err+48(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVV	R0, err+48(FP)
	JAL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOVV	a1+8(FP), R4
	MOVV	a2+16(FP), R5
	MOVV	a3+24(FP), R6
	MOVV	R0, R7
	MOVV	R0, R8
	MOVV	R0, R9
	MOVV	num+0(FP), R11
	SYSCALL
	MOVV	R4, r1+32(FP)
	MOVV	R5, r2+40(FP)
	MOVV	$-4096, R12
	BGEU	R12, R4, ok
	SUBVU	R4, R0, R4
	MOVV	R4, err+48(FP)
	RET
ok:
	MOVV	R0, err+48(FP)
	RET
