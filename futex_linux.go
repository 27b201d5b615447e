//go:build linux

package linux

import "unsafe"

// SetWord makes w describe the 32-bit futex word at uaddr with its expected value val and
// flags (FUTEX2_SIZE_U32, with FUTEX2_PRIVATE for a word only this process maps), for
// FutexWaitv and FutexRequeue. The kernel takes the address as an integer: keep the word
// alive, and in memory that does not move (the heap, Mmap), while w is in use.
func (w *FutexWaitv_t) SetWord(uaddr *uint32, val uint32, flags Futex2Flags) {
	w.Uaddr = uint64(uintptr(unsafe.Pointer(uaddr)))
	w.Val = uint64(val)
	w.Flags = flags
}
