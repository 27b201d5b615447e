//go:build linux

package linux

import (
	"runtime"
	"syscall"
	"unsafe"
)

// The process-wide credential setters. The kernel keeps credentials per thread; a Go
// program has many threads, which the runtime creates and reuses as it likes, so a
// per-thread setter (Setuid...) changes the ids of whichever thread the goroutine runs on.
// These forms make the call on every thread of the process the way syscall.Setuid does,
// through syscall.AllThreadsSyscall: the runtime stops the world, runs the call on each of
// its threads and fails or panics if the threads disagree. In a program that uses cgo they
// refuse with ErrAllThreadsCgo (the threads C created are out of the runtime's reach; cgo
// programs change credentials through the C library, which syscall.Setuid calls there).

// ErrAllThreadsCgo is the error of the AllThreads setters in a program that uses cgo. It
// is ENOTSUP (EOPNOTSUPP) for errors.Is.
var ErrAllThreadsCgo error = allThreadsCgoError{}

type allThreadsCgoError struct{}

func (allThreadsCgoError) Error() string {
	return "linux: process-wide credential change refused: syscall.AllThreadsSyscall does not run on the threads of a cgo program (use syscall.Setuid and friends, which call the C library there)"
}

func (allThreadsCgoError) Is(target error) bool {
	return target == EOPNOTSUPP || target == syscall.ENOTSUP
}

// allThreads makes trap on every thread of the process. Its arguments may be pointers
// converted at the call (capset's, setgroups'): the directive keeps them on the heap and
// alive through syscall.AllThreadsSyscall, a Go function.
//
//go:uintptrescapes
func allThreads(trap, a1, a2, a3 uintptr) error {
	_, _, e := syscall.AllThreadsSyscall(trap, a1, a2, a3)
	switch {
	case e == syscall.ENOTSUP && cgoInUse():
		return ErrAllThreadsCgo
	case e != 0:
		return Errno(e)
	}
	return nil
}

// cgoInUse reports whether syscall.AllThreadsSyscall refuses because of cgo: it answers
// ENOTSUP then without making the call, also for a harmless getpid.
func cgoInUse() bool {
	_, _, e := syscall.AllThreadsSyscall(SYS_GETPID, 0, 0, 0)
	return e == syscall.ENOTSUP
}

// SetuidAllThreads sets the user ids of every thread of the process (as Setuid does for
// the calling thread; syscall.Setuid does the same): with CAP_SETUID all of real, effective
// and saved; ErrAllThreadsCgo under cgo.
func SetuidAllThreads(uid UID) error { return allThreads(sysSetuid, uintptr(uid), 0, 0) }

// SetgidAllThreads sets the group ids of every thread of the process.
func SetgidAllThreads(gid GID) error { return allThreads(sysSetgid, uintptr(gid), 0, 0) }

// SetreuidAllThreads sets the real and effective user ids of every thread (-1 leaves one
// unchanged).
func SetreuidAllThreads(ruid, euid UID) error {
	return allThreads(sysSetreuid, uintptr(ruid), uintptr(euid), 0)
}

// SetregidAllThreads sets the real and effective group ids of every thread.
func SetregidAllThreads(rgid, egid GID) error {
	return allThreads(sysSetregid, uintptr(rgid), uintptr(egid), 0)
}

// SetresuidAllThreads sets the real, effective and saved user ids of every thread (-1
// leaves one unchanged).
func SetresuidAllThreads(ruid, euid, suid UID) error {
	return allThreads(sysSetresuid, uintptr(ruid), uintptr(euid), uintptr(suid))
}

// SetresgidAllThreads sets the real, effective and saved group ids of every thread.
func SetresgidAllThreads(rgid, egid, sgid GID) error {
	return allThreads(sysSetresgid, uintptr(rgid), uintptr(egid), uintptr(sgid))
}

// SetgroupsAllThreads sets the supplementary groups of every thread (CAP_SETGID).
func SetgroupsAllThreads(list []GID) error {
	err := allThreads(sysSetgroups, uintptr(len(list)), uintptr(sliceData(list)), 0)
	runtime.KeepAlive(list)
	return err
}

// SetfsuidAllThreads sets the file-system user id of every thread and returns the previous
// one; the runtime panics if the threads had different ones (their results differ), and
// the kernel reports no error: see Setfsuid.
func SetfsuidAllThreads(uid UID) (UID, error) {
	r1, _, e := syscall.AllThreadsSyscall(sysSetfsuid, uintptr(uid), 0, 0)
	if e == syscall.ENOTSUP && cgoInUse() {
		return 0, ErrAllThreadsCgo
	}
	return UID(r1), nil
}

// SetfsgidAllThreads sets the file-system group id of every thread and returns the
// previous one (see SetfsuidAllThreads).
func SetfsgidAllThreads(gid GID) (GID, error) {
	r1, _, e := syscall.AllThreadsSyscall(sysSetfsgid, uintptr(gid), 0, 0)
	if e == syscall.ENOTSUP && cgoInUse() {
		return 0, ErrAllThreadsCgo
	}
	return GID(r1), nil
}

// CapsetAllThreads sets the capability sets of every thread of the process (hdr.PID must be
// 0: each thread sets its own).
func CapsetAllThreads(hdr *CapUserHeader, data *[2]CapUserData) error {
	if hdr.PID != 0 {
		return EINVAL
	}
	err := allThreads(SYS_CAPSET, uintptr(unsafe.Pointer(hdr)), uintptr(unsafe.Pointer(data)), 0)
	runtime.KeepAlive(hdr)
	runtime.KeepAlive(data)
	return err
}
