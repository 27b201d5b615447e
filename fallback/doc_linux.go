// Package fallback makes the system calls that newer kernels added, and when the kernel or
// a seccomp sandbox refuses them, does the same work with the older calls, or says clearly
// why it cannot.
//
// A new call is "not available" when it fails with ENOSYS (an old kernel, or a seccomp
// profile that answers ENOSYS for calls it does not know, as Docker's does), with EPERM
// from a seccomp filter (told from a real EPERM, where the call can fail with one, by a
// probe of package linux, linux.Supports: arguments the kernel refuses with EINVAL or
// EBADF before it checks anything, so an EPERM there is the filter's), or with EINVAL for
// a flag the kernel does not know yet (close_range's CLOSE_RANGE_CLOEXEC, getrandom's
// GRND_INSECURE...). The answer is remembered for the life of the process: after the first
// refusal, the new call is not tried again. Choices says, per call, what was decided;
// Probe decides all of them at once with package linux's probes.
//
// The fallbacks:
//
//	openat2         openat, when how.Resolve is 0 (RESOLVE_* cannot be emulated race-free)
//	statx           fstatat; the fields statx alone has are left out of the mask
//	close_range     close (or fcntl FD_CLOEXEC) on each open descriptor of /proc/self/fd
//	pipe2           pipe and fcntl (not on arm64, riscv64, loong64: they have pipe2 only)
//	dup3            dup2 and fcntl (not on arm64, riscv64, loong64)
//	accept4         accept and fcntl (socketcall on 386 and s390x)
//	renameat2       renameat, with flags 0 (not on riscv64, loong64: renameat2 only)
//	faccessat2      faccessat; with flags, a check of fstatat's mode bits as Go's os does
//	fchmodat2       fchmodat; AT_SYMLINK_NOFOLLOW through an O_PATH descriptor
//	getrandom       /dev/urandom (/dev/random for GRND_RANDOM)
//	clone3          clone, for what clone can say (no set_tid, no cgroup)
//	epoll_pwait2    epoll_pwait, the timeout rounded up to milliseconds, never down
//	copy_file_range sendfile, then read and write
//	preadv2/pwritev2 preadv/pwritev (readv/writev at offset -1), with flags 0
//	the mount API   mount(2), for options a data string can carry
//
// Where no fallback can do what was asked, the error wraps ErrNotAvailable and names the
// call, why it is not available and what the fallback cannot do.
//
// The tests prove each fallback under the conditions it is for: a child process installs
// a seccomp filter (package seccomp) that makes the new call fail with ENOSYS, another with
// EPERM, and the fallback's results are compared with the new call's without the filter.
package fallback
