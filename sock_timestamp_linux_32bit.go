//go:build linux && (386 || arm || mips || mipsle)

package linux

// On 32-bit arches the kernel's SO_TIMESTAMP, SO_TIMESTAMPNS, SO_TIMESTAMPING (and their
// SCM_ control messages) and vsock's SO_VM_SOCKETS_CONNECT_TIMEOUT depend on the C
// library's time_t (asm-generic/socket.h, linux/vm_sockets.h: sizeof(time_t) ==
// sizeof(__kernel_long_t) picks the _OLD number), which clang cannot evaluate from the
// UAPI headers alone. The _OLD numbers deliver and take the timeval and timespec of longs,
// this package's Timeval and OldTimespec; the short names are those, as on the 64-bit
// arches (where both are the same), and as SO_RCVTIMEO is (sock_opt_linux_32bit.go). The
// _NEW numbers (64-bit seconds: __kernel_sock_timeval, __kernel_timespec) are generated
// beside them.
const (
	SO_TIMESTAMP                  = SO_TIMESTAMP_OLD
	SO_TIMESTAMPNS                = SO_TIMESTAMPNS_OLD
	SO_TIMESTAMPING               = SO_TIMESTAMPING_OLD
	SCM_TIMESTAMP                 = SO_TIMESTAMP
	SCM_TIMESTAMPNS               = SO_TIMESTAMPNS
	SCM_TIMESTAMPING              = SO_TIMESTAMPING
	SO_VM_SOCKETS_CONNECT_TIMEOUT = SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD
)
