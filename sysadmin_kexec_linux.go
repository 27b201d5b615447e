//go:build linux && !(386 || mips || mipsle || mips64 || mips64le)

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// kexec_file_load exists on the arches that implement CONFIG_KEXEC_FILE (not 386 and mips).

// KexecFileLoad loads the kernel image of kernelFD and the initramfs of initrdFD
// (KEXEC_FILE_NO_INITRAMFS: none) with command line cmdline (passed with its NUL, as the
// kernel's length counts it; "" passes none), verified as the kernel's policy demands;
// KEXEC_FILE_UNLOAD unloads. CAP_SYS_BOOT and CONFIG_KEXEC_FILE.
//
// See [kexec_file_load(2)].
//
// [kexec_file_load(2)]: https://man7.org/linux/man-pages/man2/kexec_file_load.2.html
func KexecFileLoad(kernelFD, initrdFD FD, cmdline string, flags KexecFileFlags) error {
	var p *byte
	n := 0
	if cmdline != "" {
		var err error
		if p, err = cBytes(cmdline); err != nil {
			return err
		}
		n = len(cmdline) + 1
	}
	_, _, e := raw.Syscall6(SYS_KEXEC_FILE_LOAD, uintptr(kernelFD), uintptr(initrdFD), uintptr(n), uintptr(unsafe.Pointer(p)), uintptr(flags), 0)
	runtime.KeepAlive(p)
	return errnoErr(e)
}
