//go:build linux && (mips || mipsle)

// System calls for linux/mips and linux/mipsle, o32 (arch/mips/kernel/scall32-o32.S): SYSCALL
// with the number in R2 (v0), arguments 1-4 in R4-R7 (a0-a3) and 5-8 on the user stack at
// 16(R29)..28(R29), where the kernel loads them. Results: R2 (v0), R3 (v1, r2; zeroed first
// because calls with one result leave it alone) and R7 (a3), the error flag. The flag is
// authoritative: a flagged result carries a positive errno in R2 and becomes r1 = -errno
// (then err = -r1 by the range rule); an unflagged one is a success whatever its value.

#include "textflag.h"
#include "funcdata.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$20-40
	NO_LOCAL_POINTERS
	JAL	runtime·entersyscall(SB)
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	a4+16(FP), R7
	MOVW	a5+20(FP), R8
	MOVW	R8, 16(R29)
	MOVW	a6+24(FP), R8
	MOVW	R8, 20(R29)
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+32(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+28(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+36(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVW	R2, r1+28(FP)
	MOVW	R0, err+36(FP)
	JAL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$20-40
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	a4+16(FP), R7
	MOVW	a5+20(FP), R8
	MOVW	R8, 16(R29)
	MOVW	a6+24(FP), R8
	MOVW	R8, 20(R29)
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+32(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+28(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+36(FP)
	RET
ok:
	MOVW	R2, r1+28(FP)
	MOVW	R0, err+36(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-28
	JAL	runtime·entersyscall(SB)
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	R0, R7
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+20(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+16(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+24(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVW	R2, r1+16(FP)
	MOVW	R0, err+24(FP)
	JAL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-28
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	R0, R7
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+20(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+16(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+24(FP)
	RET
ok:
	MOVW	R2, r1+16(FP)
	MOVW	R0, err+24(FP)
	RET

// func Syscall8(num, a1, a2, a3, a4, a5, a6, a7, a8 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall8(SB),NOSPLIT,$28-48
	NO_LOCAL_POINTERS
	JAL	runtime·entersyscall(SB)
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	a4+16(FP), R7
	MOVW	a5+20(FP), R8
	MOVW	R8, 16(R29)
	MOVW	a6+24(FP), R8
	MOVW	R8, 20(R29)
	MOVW	a7+28(FP), R8
	MOVW	R8, 24(R29)
	MOVW	a8+32(FP), R8
	MOVW	R8, 28(R29)
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+40(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+36(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+44(FP)
	JAL	runtime·exitsyscall(SB)
	RET
ok:
	MOVW	R2, r1+36(FP)
	MOVW	R0, err+44(FP)
	JAL	runtime·exitsyscall(SB)
	RET

// func RawSyscall8(num, a1, a2, a3, a4, a5, a6, a7, a8 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall8(SB),NOSPLIT,$28-48
	MOVW	a1+4(FP), R4
	MOVW	a2+8(FP), R5
	MOVW	a3+12(FP), R6
	MOVW	a4+16(FP), R7
	MOVW	a5+20(FP), R8
	MOVW	R8, 16(R29)
	MOVW	a6+24(FP), R8
	MOVW	R8, 20(R29)
	MOVW	a7+28(FP), R8
	MOVW	R8, 24(R29)
	MOVW	a8+32(FP), R8
	MOVW	R8, 28(R29)
	MOVW	num+0(FP), R2
	MOVW	R0, R3
	SYSCALL
	MOVW	R3, r2+40(FP)
	BEQ	R7, ok             // a3 == 0: a success
	SUBU	R2, R0, R2         // r1 = -errno
	MOVW	R2, r1+36(FP)
	SUBU	R2, R0, R10        // errno
	MOVW	$-4096, R8
	SGTU	R2, R8, R9         // 1 if unsigned r1 > -4096: in the error range
	SUBU	R9, R0, R9         // all ones or zero
	AND	R9, R10, R10
	MOVW	R10, err+44(FP)
	RET
ok:
	MOVW	R2, r1+36(FP)
	MOVW	R0, err+44(FP)
	RET
