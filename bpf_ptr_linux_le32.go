//go:build linux && (386 || arm || mipsle)

package linux

import "unsafe"

// bpfPtr is a user pointer in one of bpf_attr's 64-bit fields, kept as a pointer (see the
// 64-bit arches' file): the low word first on this little-endian arch, the high word 0.
type bpfPtr struct {
	p  unsafe.Pointer
	hi uint32
}

func newBpfPtr(p unsafe.Pointer) bpfPtr { return bpfPtr{p: p} }
