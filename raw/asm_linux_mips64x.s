//go:build linux && (mips64 || mips64le)

// System calls for linux/mips64 and linux/mips64le, n64 (arch/mips/kernel/scall64-n64.S):
// SYSCALL with the number in R2 (v0), arguments in R4-R9 (a0-a5). Results: R2 (v0), R3 (v1,
// r2; zeroed first because calls with one result leave it alone) and R7 (a3), the error
// flag. The flag is authoritative: a flagged result carries a positive errno in R2 and
// becomes r1 = -errno (then err = -r1 by the range rule); an unflagged one is a success
// whatever its value.

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
	MOVV	num+0(FP), R2
	MOVV	R0, R3
	SYSCALL
	MOVV	R3, r2+64(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBVU	R2, R0, R2         // r1 = -errno
	MOVV	R2, r1+56(FP)
	SUBVU	R2, R0, R10        // errno
	MOVV	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBVU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVV	R10, err+72(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVV	R2, r1+56(FP)
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
	MOVV	num+0(FP), R2
	MOVV	R0, R3
	SYSCALL
	MOVV	R3, r2+64(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBVU	R2, R0, R2         // r1 = -errno
	MOVV	R2, r1+56(FP)
	SUBVU	R2, R0, R10        // errno
	MOVV	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBVU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVV	R10, err+72(FP)
	RET
ok:
	MOVV	R2, r1+56(FP)
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
	MOVV	num+0(FP), R2
	MOVV	R0, R3
	SYSCALL
	MOVV	R3, r2+40(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBVU	R2, R0, R2         // r1 = -errno
	MOVV	R2, r1+32(FP)
	SUBVU	R2, R0, R10        // errno
	MOVV	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBVU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVV	R10, err+48(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVV	R2, r1+32(FP)
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
	MOVV	num+0(FP), R2
	MOVV	R0, R3
	SYSCALL
	MOVV	R3, r2+40(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBVU	R2, R0, R2         // r1 = -errno
	MOVV	R2, r1+32(FP)
	SUBVU	R2, R0, R10        // errno
	MOVV	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBVU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVV	R10, err+48(FP)
	RET
ok:
	MOVV	R2, r1+32(FP)
	MOVV	R0, err+48(FP)
	RET
