//go:build linux && (amd64 || 386)

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// ArchPrctl performs x86 thread or process option option (arch_prctl(2)): arg2 is a value
// or, for the ARCH_GET_* options, the address of what the kernel writes (an unsigned long
// for ARCH_GET_FS and ARCH_GET_GS, a uint64 for ARCH_GET_XCOMP_*); ArchGetFS and the other
// helpers pass one.
//
// It refuses with EPERM, without entering the kernel, what would break the Go runtime on
// this thread: ARCH_SET_FS on amd64 (the base of the runtime's thread-local storage, where
// it keeps the current goroutine) and ARCH_SHSTK_ENABLE of the shadow stack
// (ARCH_SHSTK_SHSTK: the runtime switches goroutine stacks without telling it, so the next
// return after a switch would fault). Other options have process-wide effects the caller
// must want: ARCH_SET_CPUID 0 makes the CPUID instruction fault (SIGSEGV) in every thread
// until it is set again.
//
// https://man7.org/linux/man-pages/man2/arch_prctl.2.html
func ArchPrctl(option ArchPrctlOption, arg2 uintptr) (int, error) {
	if option == ARCH_SET_FS && runtime.GOARCH == "amd64" || option == ARCH_SHSTK_ENABLE && uint64(arg2)&ARCH_SHSTK_SHSTK != 0 {
		return 0, raw.EPERM
	}
	r, _, errno := raw.RawSyscall(SYS_ARCH_PRCTL, uintptr(option), arg2, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}

// ModifyLdt reads (fn 0: the entries, 2: the default one) or writes (fn 1, 0x11: buf holds
// a UserDesc of the entry to set) the calling process's local descriptor table and returns
// the bytes read (modify_ldt(2)). The kernel returns an int zero-extended into the
// register (arch/x86/kernel/ldt.c: "return (unsigned int)ret"), so on amd64 an error is
// not in the register's error range: it is decoded from the low 32 bits here.
//
// https://man7.org/linux/man-pages/man2/modify_ldt.2.html
func ModifyLdt(fn int, buf []byte) (int, error) {
	r, _, errno := raw.Syscall(SYS_MODIFY_LDT, uintptr(fn), uintptr(sliceData(buf)), uintptr(len(buf)))
	if errno != 0 {
		return 0, errno
	}
	if v := int32(r); v < 0 && v >= -4095 {
		return 0, raw.Errno(-v)
	}
	return int(int32(r)), nil
}

// ArchGetFS returns the FS segment base of the calling thread (ARCH_GET_FS; amd64: the
// thread's TLS block, the Go runtime's among it).
func ArchGetFS() (uintptr, error) {
	var v uintptr
	_, err := ArchPrctl(ARCH_GET_FS, uintptr(unsafe.Pointer(&v)))
	return v, err
}

// ArchGetGS returns the GS segment base of the calling thread (ARCH_GET_GS; amd64).
func ArchGetGS() (uintptr, error) {
	var v uintptr
	_, err := ArchPrctl(ARCH_GET_GS, uintptr(unsafe.Pointer(&v)))
	return v, err
}

// ArchGetCPUID reports whether the CPUID instruction works for this thread (ARCH_GET_CPUID).
func ArchGetCPUID() (bool, error) {
	r, err := ArchPrctl(ARCH_GET_CPUID, 0)
	return r != 0, err
}

// ArchGetXcompSupp returns the XSAVE features the kernel supports for user space, one
// bit per xfeature (ARCH_GET_XCOMP_SUPP).
func ArchGetXcompSupp() (uint64, error) {
	var v uint64
	_, err := ArchPrctl(ARCH_GET_XCOMP_SUPP, uintptr(unsafe.Pointer(&v)))
	return v, err
}

// ArchGetXcompPerm returns the XSAVE features the process may use (ARCH_GET_XCOMP_PERM).
func ArchGetXcompPerm() (uint64, error) {
	var v uint64
	_, err := ArchPrctl(ARCH_GET_XCOMP_PERM, uintptr(unsafe.Pointer(&v)))
	return v, err
}

// ArchReqXcompPerm asks permission for the process to use the XSAVE feature xfeature
// (ARCH_XCOMP_TILEDATA: the AMX tiles; ARCH_REQ_XCOMP_PERM).
func ArchReqXcompPerm(xfeature int) error {
	_, err := ArchPrctl(ARCH_REQ_XCOMP_PERM, uintptr(xfeature))
	return err
}
