//go:build linux && (ppc64 || ppc64le)

// System calls for linux/ppc64 and linux/ppc64le with sc (arch/powerpc/kernel/interrupt_64.S,
// syscall.c): number in R0, arguments in R3-R8, result in R3. The kernel flags an error by
// setting CR0.SO and returns a positive errno in R3; the flag is authoritative: a flagged
// result becomes r1 = -errno (then err = -r1 by the range rule), an unflagged one is a
// success whatever its value, -4095 included. r2 is R4 as the kernel left it.
//
// Go keeps R0 zero: SYSCALL Rx assembles to "OR Rx, Rx, R0; sc; XOR R0, R0, R0", and the
// XOR leaves CR0 alone.

#include "textflag.h"

// func Syscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall6(SB),NOSPLIT,$0-80
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R3
	MOVD	a2+16(FP), R4
	MOVD	a3+24(FP), R5
	MOVD	a4+32(FP), R6
	MOVD	a5+40(FP), R7
	MOVD	a6+48(FP), R8
	MOVD	num+0(FP), R10
	SYSCALL	R10
	MOVD	R4, r2+64(FP)
	BVC	ok              // CR0.SO clear: a success
	NEG	R3, R3          // r1 = -errno
	MOVD	R3, r1+56(FP)
	MOVD	$-4095, R5
	CMPU	R3, R5
	BLT	okerr           // unsigned r1 < -4095: not an error number
	NEG	R3, R3
	MOVD	R3, err+72(FP)
	BL	runtime·exitsyscall(SB)
	RET
ok:
	MOVD	R3, r1+56(FP)
okerr:
	MOVD	R0, err+72(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall6(SB),NOSPLIT,$0-80
	MOVD	a1+8(FP), R3
	MOVD	a2+16(FP), R4
	MOVD	a3+24(FP), R5
	MOVD	a4+32(FP), R6
	MOVD	a5+40(FP), R7
	MOVD	a6+48(FP), R8
	MOVD	num+0(FP), R10
	SYSCALL	R10
	MOVD	R4, r2+64(FP)
	BVC	ok
	NEG	R3, R3
	MOVD	R3, r1+56(FP)
	MOVD	$-4095, R5
	CMPU	R3, R5
	BLT	okerr
	NEG	R3, R3
	MOVD	R3, err+72(FP)
	RET
ok:
	MOVD	R3, r1+56(FP)
okerr:
	MOVD	R0, err+72(FP)
	RET

// func Syscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·Syscall(SB),NOSPLIT,$0-56
	BL	runtime·entersyscall(SB)
	MOVD	a1+8(FP), R3
	MOVD	a2+16(FP), R4
	MOVD	a3+24(FP), R5
	MOVD	R0, R6
	MOVD	R0, R7
	MOVD	R0, R8
	MOVD	num+0(FP), R10
	SYSCALL	R10
	MOVD	R4, r2+40(FP)
	BVC	ok
	NEG	R3, R3
	MOVD	R3, r1+32(FP)
	MOVD	$-4095, R5
	CMPU	R3, R5
	BLT	okerr
	NEG	R3, R3
	MOVD	R3, err+48(FP)
	BL	runtime·exitsyscall(SB)
	RET
ok:
	MOVD	R3, r1+32(FP)
okerr:
	MOVD	R0, err+48(FP)
	BL	runtime·exitsyscall(SB)
	RET

// func RawSyscall(num, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)
TEXT ·RawSyscall(SB),NOSPLIT,$0-56
	MOVD	a1+8(FP), R3
	MOVD	a2+16(FP), R4
	MOVD	a3+24(FP), R5
	MOVD	R0, R6
	MOVD	R0, R7
	MOVD	R0, R8
	MOVD	num+0(FP), R10
	SYSCALL	R10
	MOVD	R4, r2+40(FP)
	BVC	ok
	NEG	R3, R3
	MOVD	R3, r1+32(FP)
	MOVD	$-4095, R5
	CMPU	R3, R5
	BLT	okerr
	NEG	R3, R3
	MOVD	R3, err+48(FP)
	RET
ok:
	MOVD	R3, r1+32(FP)
okerr:
	MOVD	R0, err+48(FP)
	RET
