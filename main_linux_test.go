package linux

import (
	"fmt"
	"os"
	"testing"
)

// The tests of package linux: the vDSO calls (vdso_*_test.go) and the types' methods. The
// verification of the generated ABI against clang lives in internal/abitest, outside this
// package's build.

// vdsoInitMode is VDSOMode as init left it, before TestMain let the tests force direct calls.
var vdsoInitMode string

// vdsoTestForceDirect lets the tests call the vDSO directly where init refused only because
// of where its functions lie (the register-g arches under qemu: vdso_linux_greg_test.go sets
// it); it returns what it did, "" for nothing.
var vdsoTestForceDirect = func() string { return "" }

func TestMain(m *testing.M) {
	vdsoInitMode = VDSOMode()
	if msg := vdsoTestForceDirect(); msg != "" {
		fmt.Printf("rawlinux vDSO test setup: %s\n", msg)
	}
	os.Exit(m.Run())
}
