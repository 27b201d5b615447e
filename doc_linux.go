// Package linux gives Go programs the whole Linux system-call interface: typed wrappers
// for the system calls of every Linux arch that Go supports, honest error values (an error
// is exactly a kernel return in [-4095, -1], see package raw), the vDSO, and the kernel
// version that brought each call and flag.
//
// Numbers, constants and struct layouts are generated from the kernel's own syscall tables
// and UAPI headers (Linux 7.2.13, see internal/gen) and verified against them per arch.
package linux

// Regenerate every generated file from the pinned kernel packages (internal/gen/deps.lock).
//go:generate bash internal/gen/generate.sh
