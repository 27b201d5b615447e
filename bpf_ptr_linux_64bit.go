//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x || mips64 || mips64le)

package linux

import "unsafe"

// bpfPtr is a user pointer in one of bpf_attr's 64-bit fields, kept as a pointer: the
// garbage collector keeps what it points to alive, and a stack that grows moves it with
// the memory, which a uint64 would not.
type bpfPtr struct{ p unsafe.Pointer }

func newBpfPtr(p unsafe.Pointer) bpfPtr { return bpfPtr{p} }
