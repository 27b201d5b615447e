//go:build linux

package linux

import "unsafe"

func unsafePtr(p *byte) unsafe.Pointer { return unsafe.Pointer(p) }

func unsafeCString(p unsafe.Pointer, n int) string { return string(unsafe.Slice((*byte)(p), n)) }
