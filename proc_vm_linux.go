//go:build linux

package linux

// RemoteIovec is a struct iovec that describes memory of another process (the remote
// buffers of ProcessVmReadv and ProcessVmWritev): its address is a number in that
// process's address space, never a Go pointer.
type RemoteIovec struct {
	Base uintptr // iov_base
	Len  uint    // iov_len: size_t
}
