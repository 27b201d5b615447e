//go:build linux

#include "textflag.h"

// func gsSelector() uint16
TEXT ·gsSelector(SB),NOSPLIT,$0-2
	MOVW	GS, AX
	MOVW	AX, ret+0(FP)
	RET
