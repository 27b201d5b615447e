//go:build linux

package linux

import "github.com/rawlinux/linux/raw"

// The raw-only private calls of arm (spec/net.spec's rawonly lines) keep their canonical
// names, so that the documentation says what they are; the functions do not enter the
// kernel. Make the calls with raw.Syscall and SYS_BREAKPOINT, SYS_USR26, SYS_USR32 where
// that is what is meant.

// Breakpoint is not made: __ARM_NR_breakpoint raises SIGTRAP at the caller (a debugger's
// breakpoint), a fatal signal for the Go runtime. It returns EPERM without entering the
// kernel.
func Breakpoint() error { return raw.EPERM }

// Usr26 is not made: __ARM_NR_usr26 switches the thread to 26-bit mode on CPUs that have
// one (behind the runtime's back) and raises SIGILL on every other. It returns EPERM
// without entering the kernel.
func Usr26() error { return raw.EPERM }

// Usr32 is not made: __ARM_NR_usr32 switches back from 26-bit mode, and raises SIGILL
// on CPUs without one. It returns EPERM without entering the kernel.
func Usr32() error { return raw.EPERM }
