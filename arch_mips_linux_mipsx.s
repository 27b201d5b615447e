//go:build linux && (mips || mipsle)

#include "textflag.h"

// func threadPointer() uintptr
TEXT ·threadPointer(SB),NOSPLIT,$0-4
	WORD	$0x7c03e83b	// rdhwr $3, $29 (UserLocal: what set_thread_area set)
	MOVW	R3, ret+0(FP)
	RET
