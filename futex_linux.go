//go:build linux

package linux

import "unsafe"

// SetWord makes w describe the 32-bit futex word at uaddr with its expected value val and
// flags (FUTEX2_SIZE_U32, with FUTEX2_PRIVATE for a word only this process maps), for
// FutexWaitv and FutexRequeue.
//
// The kernel takes the address as an integer, which the garbage collector does not see:
// SetWord makes the word escape to the heap (a local new(uint32) or &x would otherwise stay
// on the goroutine's stack, which moves when it grows), and the caller keeps the word alive
// (a reference, runtime.KeepAlive) while w is in use. Memory from Mmap is never moved or
// freed by the runtime.
func (w *FutexWaitv_t) SetWord(uaddr *uint32, val uint32, flags Futex2Flags) {
	escapes(unsafe.Pointer(uaddr))
	w.Uaddr = uint64(uintptr(unsafe.Pointer(uaddr)))
	w.Val = uint64(val)
	w.Flags = flags
}
