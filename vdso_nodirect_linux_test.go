//go:build linux && !(arm || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package linux

// vdsoTestForceDirect does nothing here: these arches' direct calls do not depend on where
// the vDSO's functions lie.
func vdsoTestForceDirect() string { return "" }
