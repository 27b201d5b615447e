//go:build linux

package linux

import "unsafe"

// bpfPtr is a user pointer in one of bpf_attr's 64-bit fields, kept as a pointer (see the
// 64-bit arches' file): the high word, 0, first on big-endian mips.
type bpfPtr struct {
	hi uint32
	p  unsafe.Pointer
}

func newBpfPtr(p unsafe.Pointer) bpfPtr { return bpfPtr{p: p} }
