// Package emulation tells whether this process runs under qemu-user rather than on a kernel
// of its own arch: the tests skip what qemu does not emulate by it, and the report says so.
package emulation

import (
	"os"
	"runtime"
	"strings"
)

// QemuUser reports whether the process runs under qemu-user: test.sh says so in
// RAWLINUX_QEMU (the emulator's path); without it, when the kernel's machine name is not
// one whose kernel runs GOARCH natively. The name is /proc/sys/kernel/arch, which qemu
// passes through from the host (its uname answers the guest's name); where that cannot be
// read, machine (uname's, say) is taken, or with "" amd64 and 386 count as native and the
// others as emulated. Neither can tell qemu-i386 from a 386 process on an x86-64 kernel.
func QemuUser(machine string) bool {
	if os.Getenv("RAWLINUX_QEMU") != "" {
		return true
	}
	if b, err := os.ReadFile("/proc/sys/kernel/arch"); err == nil {
		machine = strings.TrimSpace(string(b))
	} else if machine == "" {
		return runtime.GOARCH != "amd64" && runtime.GOARCH != "386"
	}
	return !Runs(machine, runtime.GOARCH)
}

// Runs reports whether a kernel whose machine name is machine runs goarch's binaries
// natively (a 64-bit kernel runs its 32-bit arch's in compat mode).
func Runs(machine, goarch string) bool {
	switch goarch {
	case "amd64", "386":
		return machine == "x86_64" || strings.HasPrefix(machine, "i")
	case "arm64":
		return machine == "aarch64"
	case "arm":
		return strings.HasPrefix(machine, "arm") || machine == "aarch64"
	case "loong64":
		return strings.HasPrefix(machine, "loongarch")
	case "ppc64", "ppc64le":
		return strings.HasPrefix(machine, "ppc64")
	case "mips", "mipsle", "mips64", "mips64le":
		return strings.HasPrefix(machine, "mips")
	}
	return machine == goarch
}
