//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// gsSelector returns the GS segment selector of the calling thread: (entry << 3) | 3 for
// the GDT entry the Go runtime set up with set_thread_area (runtime·settls).
func gsSelector() uint16

// SetThreadArea sets a GDT thread-local-storage entry of the calling thread from desc
// (set_thread_area(2)); desc.EntryNumber ^uint32(0) takes a free one, whose number the
// kernel writes back into desc.
//
// It refuses with EPERM, without entering the kernel, the entry that %gs selects on this
// thread: the Go runtime's thread-local storage, which holds the current goroutine.
//
// https://man7.org/linux/man-pages/man2/set_thread_area.2.html
func SetThreadArea(desc *UserDesc) error {
	if desc != nil && desc.EntryNumber == uint32(gsSelector()>>3) {
		return raw.EPERM
	}
	_, _, errno := raw.RawSyscall(SYS_SET_THREAD_AREA, uintptr(unsafe.Pointer(desc)), 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
