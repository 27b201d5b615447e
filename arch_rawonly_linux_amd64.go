//go:build linux

package linux

import "github.com/rawlinux/linux/raw"

// The raw-only rows of amd64 (spec/net.spec's rawonly lines) keep their canonical names,
// so that the documentation says what they are; the functions do not enter the kernel.
// Make the calls with raw.Syscall and SYS_UPROBE, SYS_URETPROBE where that is what is
// meant.

// Uprobe is not made: the kernel's uprobe call (x86-64) works only from the trampoline
// page the kernel maps for an optimized uprobe, and kills any other caller (SIGILL). It
// returns EPERM without entering the kernel.
func Uprobe() error { return raw.EPERM }

// Uretprobe is not made: the kernel's uretprobe call (x86-64) works only from the
// trampoline of a uretprobe and kills any other caller (SIGILL). It returns EPERM without
// entering the kernel.
func Uretprobe() error { return raw.EPERM }
