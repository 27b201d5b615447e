// System calls for linux/riscv64 (arch/riscv/kernel/entry.S, traps.c): ECALL with the
// number in A7, arguments in A0-A5, result in A0. The kernel keeps every other register,
// so r2 is A1 as it was (the second argument) unless a call sets it.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	CALL	runtime·entersyscall(SB)
	MOV	a1+8(FP), A0
	MOV	a2+16(FP), A1
	MOV	a3+24(FP), A2
	MOV	a4+32(FP), A3
	MOV	a5+40(FP), A4
	MOV	a6+48(FP), A5
	MOV	num+0(FP), A7
	ECALL
	MOV	A0, r1+56(FP)
	MOV	A1, r2+64(FP)
	MOV	$-4096, T0
	BLTU	T0, A0, fail    // unsigned A0 > -4096: an error
	MOV	ZERO, err+72(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	SUB	A0, ZERO, A0
	MOV	A0, err+72(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOV	a1+8(FP), A0
	MOV	a2+16(FP), A1
	MOV	a3+24(FP), A2
	MOV	a4+32(FP), A3
	MOV	a5+40(FP), A4
	MOV	a6+48(FP), A5
	MOV	num+0(FP), A7
	ECALL
	MOV	A0, r1+56(FP)
	MOV	A1, r2+64(FP)
	MOV	$-4096, T0
	BLTU	T0, A0, fail
	MOV	ZERO, err+72(FP)
	RET
fail:
	SUB	A0, ZERO, A0
	MOV	A0, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	CALL	runtime·entersyscall(SB)
	MOV	a1+8(FP), A0
	MOV	a2+16(FP), A1
	MOV	a3+24(FP), A2
	MOV	ZERO, A3
	MOV	ZERO, A4
	MOV	ZERO, A5
	MOV	num+0(FP), A7
	ECALL
	MOV	A0, r1+32(FP)
	MOV	A1, r2+40(FP)
	MOV	$-4096, T0
	BLTU	T0, A0, fail
	MOV	ZERO, err+48(FP)
	CALL	runtime·exitsyscall(SB)
	RET
fail:
	SUB	A0, ZERO, A0
	MOV	A0, err+48(FP)
	CALL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOV	a1+8(FP), A0
	MOV	a2+16(FP), A1
	MOV	a3+24(FP), A2
	MOV	ZERO, A3
	MOV	ZERO, A4
	MOV	ZERO, A5
	MOV	num+0(FP), A7
	ECALL
	MOV	A0, r1+32(FP)
	MOV	A1, r2+40(FP)
	MOV	$-4096, T0
	BLTU	T0, A0, fail
	MOV	ZERO, err+48(FP)
	RET
fail:
	SUB	A0, ZERO, A0
	MOV	A0, err+48(FP)
	RET
