//go:build linux && (386 || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Ipc makes System V IPC operation call (its version in the high 16 bits) through the
// ipc(2) multiplexer of 386, ppc64, s390x and mips o32, with the kernel's argument layout
// for each operation; these arches also have the separate calls, which the other functions
// make.
//
// third (SHMAT's result pointer) and fifth (SEMTIMEDOP's timeout, an OldTimespec32 on
// 32-bit arches) may carry pointers: convert them in the call, uintptr(unsafe.Pointer(p)),
// and the pointed-to memory stays alive and in place for the call (go:uintptrescapes).
// SHMAT and SHMDT keep the table of mappings as Shmat and Shmdt do (SHM_REMAP only inside
// it; SHMDT only of an attachment this package made). On s390x, whose ipc has five
// arguments, the kernel takes fifth from third (SEMTIMEDOP's timeout, MSGRCV's msgtyp),
// and fifth must be 0.
//
// See [ipc(2)].
//
// [ipc(2)]: https://man7.org/linux/man-pages/man2/ipc.2.html
//
//go:uintptrescapes
func Ipc(call IpcCall, first int, second, third uintptr, ptr unsafe.Pointer, fifth uintptr) (int, error) {
	if runtime.GOARCH == "s390x" && fifth != 0 { // sys_s390_ipc has five arguments
		return 0, EINVAL
	}
	do := func() (uintptr, raw.Errno) {
		r, _, e := raw.Syscall6(SYS_IPC, uintptr(call), uintptr(first), second, third, uintptr(ptr), fifth)
		return r, e
	}
	switch call & 0xffff {
	case SHMAT:
		if call>>16 != 0 { // version 1 was for iBCS2 and is EINVAL
			break
		}
		mappings.mu.Lock()
		defer mappings.mu.Unlock()
		_, _, err := shmatDo(first, uintptr(ptr), ShmatFlags(second), func() (uintptr, raw.Errno) {
			if _, e := do(); e != 0 {
				return 0, e
			}
			return *(*uintptr)(addrPointer(third)), 0 // the kernel stored the address there
		})
		return 0, err
	case SHMDT:
		mappings.mu.Lock()
		defer mappings.mu.Unlock()
		return 0, shmdtDo(uintptr(ptr), func() raw.Errno {
			_, e := do()
			return e
		})
	}
	r, e := do()
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}
