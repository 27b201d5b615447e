//go:build linux && (ppc64 || ppc64le)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The raw-only rows of powerpc (spec/net.spec's rawonly lines) keep their canonical
// names, so that the documentation says what they are; the functions do not enter the
// kernel. Make the calls with raw.Syscall and SYS_SWAPCONTEXT, SYS_SWITCH_ENDIAN where
// that is what is meant.

// Swapcontext is not made: swapcontext saves the thread's context into oldCtx and
// continues in newCtx's registers and signal mask, at another place than the Go code that
// called it, behind the runtime's back. It returns EPERM without entering the kernel.
func Swapcontext(oldCtx, newCtx unsafe.Pointer, ctxSize int) error { return raw.EPERM }

// SwitchEndian is not made: switch_endian makes the thread continue in the other byte
// order, in which the instructions after the call, the runtime's among them, are garbage.
// It returns EPERM without entering the kernel.
func SwitchEndian() error { return raw.EPERM }
