package main

import "testing"

func TestEvalMask(t *testing.T) {
	values := map[string]constant{
		"MPOL_MODE_FLAGS": {name: "MPOL_MODE_FLAGS", value: 0xe000},
		"SHIFT":           {name: "SHIFT", value: 26},
		"MASK":            {name: "MASK", value: 0x3f},
	}
	for expr, want := range map[string]uint64{
		"MPOL_MODE_FLAGS":  0xe000,
		"~MPOL_MODE_FLAGS": ^uint64(0xe000),
		"MASK<<SHIFT":      0x3f << 26,
	} {
		if got, ok := evalMask(expr, values); !ok || got != want {
			t.Errorf("evalMask(%s) = %#x, %v; want %#x", expr, got, ok, want)
		}
	}
	if _, ok := evalMask("~NOPE", values); ok {
		t.Error("evalMask of an unknown name succeeded")
	}
}
