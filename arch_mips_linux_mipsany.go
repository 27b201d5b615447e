//go:build linux && (mips || mipsle || mips64 || mips64le)

package linux

// threadPointer returns the calling thread's UserLocal register (rdhwr $29), the TLS
// pointer SetThreadArea sets: for the tests, which read back what they set.
func threadPointer() uintptr
