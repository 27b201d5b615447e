package linux

import (
	"sync"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// SupportState is what a probe learned of a system call or flag.
type SupportState uint8

const (
	// SupportUnknown: no probe was made (no harmless arguments are known for the call, or
	// the call could act), or its answer cannot tell; Support.Reason says which.
	SupportUnknown SupportState = iota
	// Supported: the kernel knows the call (or flag): the probe got an answer other than
	// ENOSYS (EINVAL for an unknown flag).
	Supported
	// NotSupported: the kernel answered ENOSYS (or EINVAL for a flag): too old, configured
	// without it, or (under qemu-user) not emulated.
	NotSupported
)

// String is "unknown", "supported" or "not supported".
func (s SupportState) String() string {
	switch s {
	case Supported:
		return "supported"
	case NotSupported:
		return "not supported"
	}
	return "unknown"
}

// Support is the answer of a probe.
type Support struct {
	State SupportState
	// Errno is the probe's answer (0 when the call returned a value, as a query does).
	Errno Errno
	// Probe is the call the probe made ("openat2(-1, NULL, NULL, 0)"); Reason says why a
	// call was not probed.
	Probe, Reason string
}

// OK reports State == Supported.
func (s Support) OK() bool { return s.State == Supported }

// A probe is a call with arguments the kernel rejects (or answers without acting) once it
// knows the call: an invalid descriptor, a NULL pointer it must copy from before acting,
// invalid flags, a zero length, or a query.
type probe struct {
	args [6]uintptr
	desc string // the call as written in the table
}

var (
	supportMu    sync.Mutex
	supportCache map[uintptr]Support
)

// Supports reports whether the running kernel knows the system call numbered call (a
// SYS_* constant), telling ENOSYS from every other answer. The first question about a
// call makes one probe, with arguments chosen per call so that the kernel rejects them
// before it would act (see probeOf); later questions are answered from a cache. A call
// without such arguments is SupportUnknown, with the reason. Nothing happens until the
// first question.
//
// Under qemu-user, the answer is qemu's: ENOSYS for a call it does not emulate.
func Supports(call uintptr) Support {
	supportMu.Lock()
	s, ok := supportCache[call]
	supportMu.Unlock()
	if ok {
		return s
	}
	s = probeCall(call)
	supportMu.Lock()
	if supportCache == nil {
		supportCache = map[uintptr]Support{}
	}
	supportCache[call] = s
	supportMu.Unlock()
	return s
}

func probeCall(call uintptr) Support {
	if why := probeUnsafe(call); why != "" {
		return Support{State: SupportUnknown, Reason: why}
	}
	p, ok := probeOf(call)
	if !ok {
		return Support{State: SupportUnknown, Reason: "no probe: rawlinux knows no arguments that this call rejects before it could act"}
	}
	a := p.args
	_, _, e := raw.RawSyscall6(call, a[0], a[1], a[2], a[3], a[4], a[5])
	s := Support{State: Supported, Errno: e, Probe: p.desc}
	if e == ENOSYS {
		s.State = NotSupported
	}
	return s
}

const (
	bad    = ^uintptr(0)         // -1: an invalid pid or key, all bits set
	badFd  = ^uintptr(0)         // -1 as a descriptor
	badI32 = uintptr(0xffffffff) // all 32 bits of an int flags argument
	nul    = uintptr(0)          // NULL
	atCwd  = ^uintptr(99)        // AT_FDCWD (-100)
)

// probeOf is the table of probes: for each call, arguments that the kernel rejects before
// acting, and why they are harmless. The calls are those of the range every arch shares
// (424 up) and the newer calls below it that programs test for; the older calls are as old
// as every kernel Go runs on (3.2) and have no probe.
func probeOf(call uintptr) (probe, bool) {
	switch call {
	// The calls of 3.2 and later below 424.
	case SYS_SENDMMSG:
		return probe{[6]uintptr{badFd, nul, 0, 0}, "sendmmsg(-1, NULL, 0, 0): EBADF, no descriptor"}, true
	case SYS_SETNS:
		return probe{[6]uintptr{badFd, 0}, "setns(-1, 0): EBADF"}, true
	case SYS_PROCESS_VM_READV:
		return probe{[6]uintptr{0, nul, 0, nul, 0, bad}, "process_vm_readv(0, NULL, 0, NULL, 0, -1): EINVAL, flags are checked first"}, true
	case SYS_PROCESS_VM_WRITEV:
		return probe{[6]uintptr{0, nul, 0, nul, 0, bad}, "process_vm_writev(0, NULL, 0, NULL, 0, -1): EINVAL, flags are checked first"}, true
	case SYS_KCMP:
		return probe{[6]uintptr{0, 0, badI32, 0, 0}, "kcmp(0, 0, -1, 0, 0): EINVAL, an unknown type"}, true
	case SYS_SCHED_SETATTR:
		return probe{[6]uintptr{0, nul, badI32}, "sched_setattr(0, NULL, -1): EINVAL, unknown flags (NULL attr besides)"}, true
	case SYS_SCHED_GETATTR:
		return probe{[6]uintptr{0, nul, 0, 0}, "sched_getattr(0, NULL, 0, 0): EINVAL, NULL attr"}, true
	case SYS_RENAMEAT2:
		return probe{[6]uintptr{badFd, nul, badFd, nul, badI32}, "renameat2(-1, NULL, -1, NULL, -1): EINVAL, flags are checked before the paths"}, true
	case SYS_SECCOMP:
		return probe{[6]uintptr{badI32, 0, nul}, "seccomp(-1, 0, NULL): EINVAL, an unknown operation (never SECCOMP_SET_MODE_STRICT, 0)"}, true
	case SYS_GETRANDOM:
		return probe{[6]uintptr{nul, 0, badI32}, "getrandom(NULL, 0, -1): EINVAL, unknown flags"}, true
	case SYS_MEMFD_CREATE:
		return probe{[6]uintptr{nul, badI32}, "memfd_create(NULL, -1): EINVAL, unknown flags, before the name is read"}, true
	case SYS_BPF:
		return probe{[6]uintptr{badI32, nul, 0}, "bpf(-1, NULL, 0): EINVAL, an unknown command (or EPERM where unprivileged bpf is off)"}, true
	case SYS_EXECVEAT:
		return probe{[6]uintptr{badFd, nul, nul, nul, badI32}, "execveat(-1, NULL, NULL, NULL, -1): EFAULT or EINVAL, nothing is executed"}, true
	case SYS_USERFAULTFD:
		return probe{[6]uintptr{badI32}, "userfaultfd(-1): EINVAL, unknown flags (or EPERM)"}, true
	case SYS_MEMBARRIER:
		return probe{[6]uintptr{0, 0, 0}, "membarrier(MEMBARRIER_CMD_QUERY, 0, 0): a query, the supported commands"}, true
	case SYS_MLOCK2:
		return probe{[6]uintptr{0, 0, badI32}, "mlock2(0, 0, -1): EINVAL, unknown flags"}, true
	case SYS_COPY_FILE_RANGE:
		return probe{[6]uintptr{badFd, nul, badFd, nul, 0, 0}, "copy_file_range(-1, NULL, -1, NULL, 0, 0): EBADF"}, true
	case SYS_PREADV2:
		return probe{[6]uintptr{badFd, nul, 0, 0, 0, 0}, "preadv2(-1, NULL, 0, 0, 0, 0): EBADF"}, true
	case SYS_PWRITEV2:
		return probe{[6]uintptr{badFd, nul, 0, 0, 0, 0}, "pwritev2(-1, NULL, 0, 0, 0, 0): EBADF"}, true
	case SYS_PKEY_MPROTECT:
		return probe{[6]uintptr{0, 0, badI32, bad}, "pkey_mprotect(0, 0, -1, -1): EINVAL, unknown protection bits"}, true
	case SYS_PKEY_ALLOC:
		return probe{[6]uintptr{badI32, 0}, "pkey_alloc(-1, 0): EINVAL, unknown flags"}, true
	case SYS_PKEY_FREE:
		return probe{[6]uintptr{bad}, "pkey_free(-1): EINVAL, no such key"}, true
	case SYS_STATX:
		return probe{[6]uintptr{badFd, nul, 0, 0, nul}, "statx(-1, NULL, 0, 0, NULL): EFAULT or EBADF, reads nothing"}, true
	case SYS_IO_PGETEVENTS:
		return probe{[6]uintptr{0, 0, 0, nul, nul, nul}, "io_pgetevents(0, 0, 0, NULL, NULL, NULL): EINVAL, no such context"}, true
	case SYS_RSEQ:
		return probe{[6]uintptr{nul, 0, badI32, 0}, "rseq(NULL, 0, -1, 0): EINVAL, unknown flags are checked first"}, true

	// The range every arch shares.
	case SYS_PIDFD_SEND_SIGNAL:
		return probe{[6]uintptr{badFd, 0, nul, 0}, "pidfd_send_signal(-1, 0, NULL, 0): EBADF, no process"}, true
	case SYS_IO_URING_SETUP:
		return probe{[6]uintptr{0, nul}, "io_uring_setup(0, NULL): EFAULT (or EPERM where io_uring is disabled), no ring"}, true
	case SYS_IO_URING_ENTER:
		return probe{[6]uintptr{badFd, 0, 0, 0, nul, 0}, "io_uring_enter(-1, 0, 0, 0, NULL, 0): EBADF"}, true
	case SYS_IO_URING_REGISTER:
		return probe{[6]uintptr{badFd, 0, nul, 0}, "io_uring_register(-1, 0, NULL, 0): EBADF"}, true
	case SYS_OPEN_TREE:
		return probe{[6]uintptr{badFd, nul, 0}, "open_tree(-1, NULL, 0): EFAULT or EBADF, nothing is opened"}, true
	case SYS_MOVE_MOUNT:
		return probe{[6]uintptr{badFd, nul, badFd, nul, 0}, "move_mount(-1, NULL, -1, NULL, 0): EPERM, EFAULT or EBADF, nothing moves"}, true
	case SYS_FSOPEN:
		return probe{[6]uintptr{nul, 0}, "fsopen(NULL, 0): EPERM or EFAULT"}, true
	case SYS_FSCONFIG:
		return probe{[6]uintptr{badFd, 0, nul, nul, 0}, "fsconfig(-1, FSCONFIG_SET_FLAG, NULL, NULL, 0): EINVAL or EBADF"}, true
	case SYS_FSMOUNT:
		return probe{[6]uintptr{badFd, 0, 0}, "fsmount(-1, 0, 0): EPERM or EBADF"}, true
	case SYS_FSPICK:
		return probe{[6]uintptr{badFd, nul, 0}, "fspick(-1, NULL, 0): EPERM, EFAULT or EBADF"}, true
	case SYS_PIDFD_OPEN:
		return probe{[6]uintptr{0, 0}, "pidfd_open(0, 0): EINVAL, pid 0"}, true
	case SYS_CLONE3:
		return probe{[6]uintptr{nul, 0}, "clone3(NULL, 0): EINVAL, a size below the first struct's, checked before anything"}, true
	case SYS_CLOSE_RANGE:
		return probe{[6]uintptr{badI32, 0, 0}, "close_range(~0U, 0, 0): EINVAL, first > last, nothing is closed"}, true
	case SYS_OPENAT2:
		return probe{[6]uintptr{badFd, nul, nul, 0}, "openat2(-1, NULL, NULL, 0): EINVAL, a size below open_how's"}, true
	case SYS_PIDFD_GETFD:
		return probe{[6]uintptr{badFd, 0, 0}, "pidfd_getfd(-1, 0, 0): EBADF"}, true
	case SYS_FACCESSAT2:
		return probe{[6]uintptr{badFd, nul, 0, badI32}, "faccessat2(-1, NULL, 0, -1): EINVAL, unknown flags"}, true
	case SYS_PROCESS_MADVISE:
		return probe{[6]uintptr{badFd, nul, 0, 0, badI32}, "process_madvise(-1, NULL, 0, 0, -1): EINVAL, unknown flags"}, true
	case SYS_EPOLL_PWAIT2:
		return probe{[6]uintptr{badFd, nul, 0, nul, nul, 0}, "epoll_pwait2(-1, NULL, 0, NULL, NULL, 0): EINVAL, maxevents 0 is refused before any wait"}, true
	case SYS_MOUNT_SETATTR:
		return probe{[6]uintptr{badFd, nul, 0, nul, 0}, "mount_setattr(-1, NULL, 0, NULL, 0): EINVAL, a size below mount_attr's"}, true
	case SYS_QUOTACTL_FD:
		return probe{[6]uintptr{badFd, 0, 0, nul}, "quotactl_fd(-1, 0, 0, NULL): EBADF"}, true
	case SYS_LANDLOCK_CREATE_RULESET:
		return probe{[6]uintptr{nul, 0, 1}, "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION): a query, the ABI version (EOPNOTSUPP where Landlock is off at boot)"}, true
	case SYS_LANDLOCK_ADD_RULE:
		return probe{[6]uintptr{badFd, 0, nul, badI32}, "landlock_add_rule(-1, 0, NULL, -1): EINVAL or EOPNOTSUPP"}, true
	case SYS_LANDLOCK_RESTRICT_SELF:
		return probe{[6]uintptr{badFd, 0}, "landlock_restrict_self(-1, 0): EBADF (or EPERM), flags 0: restricts nothing"}, true
	case SYS_PROCESS_MRELEASE:
		return probe{[6]uintptr{badFd, 0}, "process_mrelease(-1, 0): EBADF"}, true
	case SYS_FUTEX_WAITV:
		return probe{[6]uintptr{nul, 0, 0, nul, 0}, "futex_waitv(NULL, 0, 0, NULL, 0): EINVAL, no futexes, before any wait"}, true
	case SYS_SET_MEMPOLICY_HOME_NODE:
		return probe{[6]uintptr{0, 0, 0, 0}, "set_mempolicy_home_node(0, 0, 0, 0): 0, an empty range changes nothing"}, true
	case SYS_CACHESTAT:
		return probe{[6]uintptr{badFd, nul, nul, badI32}, "cachestat(-1, NULL, NULL, -1): EINVAL or EBADF"}, true
	case SYS_FCHMODAT2:
		return probe{[6]uintptr{badFd, nul, 0, badI32}, "fchmodat2(-1, NULL, 0, -1): EINVAL, unknown flags, no mode changes"}, true
	case SYS_MAP_SHADOW_STACK:
		return probe{[6]uintptr{0, 0, badI32}, "map_shadow_stack(0, 0, -1): EINVAL or EOPNOTSUPP, nothing is mapped"}, true
	case SYS_FUTEX_WAKE:
		return probe{[6]uintptr{nul, 0, 0, 0}, "futex_wake(NULL, 0, 0, 0): EINVAL, flags without a size"}, true
	case SYS_FUTEX_WAIT:
		return probe{[6]uintptr{nul, 0, 0, 0, nul, 0}, "futex_wait(NULL, 0, 0, 0, NULL, 0): EINVAL, flags without a size, before any wait"}, true
	case SYS_FUTEX_REQUEUE:
		return probe{[6]uintptr{nul, 0, 0, 0}, "futex_requeue(NULL, 0, 0, 0): EFAULT or EINVAL"}, true
	case SYS_STATMOUNT:
		return probe{[6]uintptr{nul, nul, 0, badI32}, "statmount(NULL, NULL, 0, -1): EINVAL or EFAULT"}, true
	case SYS_LISTMOUNT:
		return probe{[6]uintptr{nul, nul, 0, badI32}, "listmount(NULL, NULL, 0, -1): EINVAL or EFAULT"}, true
	case SYS_LSM_GET_SELF_ATTR:
		return probe{[6]uintptr{0, nul, nul, badI32}, "lsm_get_self_attr(0, NULL, NULL, -1): EINVAL"}, true
	case SYS_LSM_SET_SELF_ATTR:
		return probe{[6]uintptr{0, nul, 0, badI32}, "lsm_set_self_attr(0, NULL, 0, -1): EINVAL, nothing is set"}, true
	case SYS_LSM_LIST_MODULES:
		return probe{[6]uintptr{nul, nul, badI32}, "lsm_list_modules(NULL, NULL, -1): EINVAL or EFAULT"}, true
	case SYS_MSEAL:
		return probe{[6]uintptr{0, 0, badI32}, "mseal(0, 0, -1): EINVAL, unknown flags, nothing is sealed"}, true
	case SYS_SETXATTRAT:
		return probe{[6]uintptr{badFd, nul, badI32, nul, nul, 0}, "setxattrat(-1, NULL, -1, NULL, NULL, 0): EINVAL, unknown at-flags"}, true
	case SYS_GETXATTRAT:
		return probe{[6]uintptr{badFd, nul, badI32, nul, nul, 0}, "getxattrat(-1, NULL, -1, NULL, NULL, 0): EINVAL, unknown at-flags"}, true
	case SYS_LISTXATTRAT:
		return probe{[6]uintptr{badFd, nul, badI32, nul, 0}, "listxattrat(-1, NULL, -1, NULL, 0): EINVAL, unknown at-flags"}, true
	case SYS_REMOVEXATTRAT:
		return probe{[6]uintptr{badFd, nul, badI32, nul}, "removexattrat(-1, NULL, -1, NULL): EINVAL, unknown at-flags, nothing is removed"}, true
	case SYS_OPEN_TREE_ATTR:
		return probe{[6]uintptr{badFd, nul, badI32, nul, 0}, "open_tree_attr(-1, NULL, -1, NULL, 0): EINVAL, unknown flags"}, true
	case SYS_FILE_GETATTR:
		return probe{[6]uintptr{badFd, nul, nul, 0, badI32}, "file_getattr(-1, NULL, NULL, 0, -1): EINVAL"}, true
	case SYS_FILE_SETATTR:
		return probe{[6]uintptr{badFd, nul, nul, 0, badI32}, "file_setattr(-1, NULL, NULL, 0, -1): EINVAL, nothing is set"}, true
	case SYS_LISTNS:
		return probe{[6]uintptr{nul, nul, 0, badI32}, "listns(NULL, NULL, 0, -1): EINVAL or EFAULT"}, true
	case SYS_RSEQ_SLICE_YIELD:
		return probe{[6]uintptr{}, "rseq_slice_yield(): at most yields the CPU, as sched_yield does (no time-slice extension is active)"}, true
	case memfdSecret:
		// Flags are checked after the boot-time switch (secretmem.enable, CONFIG_SECRETMEM:
		// ENOSYS when off) and before anything is made. arm, powerpc and mips leave the
		// number unassigned: ENOSYS there too.
		return probe{[6]uintptr{badI32}, "memfd_secret(-1): EINVAL, unknown flags"}, true
	}
	return probe{}, false
}

// memfdSecret is memfd_secret's number, 447 in the range every arch shares (counted from
// pidfd_send_signal's 424 so that mips's offsets apply); arm, powerpc and mips, which have
// no memfd_secret, leave it unassigned.
const memfdSecret = SYS_PIDFD_SEND_SIGNAL + 447 - 424

// SupportsResolve reports whether openat2 knows every RESOLVE_* flag in flags: openat2
// checks open_how before it looks at the path, so the probe (openat2 of the relative path
// "." from the invalid descriptor -1) gets EINVAL for an unknown flag and EBADF otherwise;
// nothing is opened. NotSupported also where openat2 is missing (5.6). (The path is a real
// string, not NULL: qemu-user reads it before the kernel sees the flags.)
func SupportsResolve(flags ResolveFlags) Support {
	return probeOpenHow(OpenHow{Flags: uint64(O_RDONLY), Resolve: flags}, "openat2(-1, \".\", {resolve: flags}, 24)")
}

// SupportsOpenFlags reports whether the kernel knows every O_* flag in flags, asked of
// openat2, which (unlike open and openat) refuses unknown flags; see SupportsResolve.
// Under qemu-user the answer is qemu's: it translates the O_* flags to the host's and
// drops the ones it does not know.
func SupportsOpenFlags(flags OpenFlags) Support {
	return probeOpenHow(OpenHow{Flags: uint64(uint32(flags))}, "openat2(-1, \".\", {flags: flags}, 24)")
}

func probeOpenHow(how OpenHow, desc string) Support {
	dot := [2]byte{'.', 0}
	_, _, e := raw.RawSyscall6(SYS_OPENAT2, badFd, uintptr(unsafe.Pointer(&dot[0])), uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
	return flagAnswer(e, desc)
}

func flagAnswer(e Errno, desc string) Support {
	s := Support{State: Supported, Errno: e, Probe: desc}
	if e == EINVAL || e == ENOSYS {
		s.State = NotSupported
	}
	return s
}

// SupportsRename reports whether renameat2 knows the RENAME_* flags: renameat2 checks its
// flags (unknown ones and the combinations it refuses: EINVAL) before the paths, so the
// probe, renaming the relative path "." from the invalid descriptor -1, renames nothing
// (EBADF). It answers for the VFS: whether a filesystem implements a flag shows only on a
// real rename.
func SupportsRename(flags RenameFlags) Support {
	dot := [2]byte{'.', 0}
	p := uintptr(unsafe.Pointer(&dot[0]))
	_, _, e := raw.RawSyscall6(SYS_RENAMEAT2, badFd, p, badFd, p, uintptr(flags), 0)
	return flagAnswer(e, "renameat2(-1, \".\", -1, \".\", flags)")
}

// SupportsStatx returns the bits of mask that statx fills for the root directory: statx
// ignores the mask bits it does not know (only STATX__RESERVED is refused), and stx_mask
// says what it filled, which is the kernel's knowledge and the root filesystem's together
// (STATX_BTIME needs a filesystem that keeps it; STATX_MNT_ID comes from the VFS).
func SupportsStatx(mask StatxMask) (StatxMask, error) {
	var x Statx_t
	path := [2]byte{'/', 0}
	_, _, e := raw.RawSyscall6(SYS_STATX, atCwd, uintptr(unsafe.Pointer(&path[0])), 0, uintptr(mask), uintptr(unsafe.Pointer(&x)), 0)
	if e != 0 {
		return 0, e
	}
	return StatxMask(x.Mask) & mask, nil
}

// SupportsClone3 reports what can be learned of clone3's flags without creating a process.
// clone3 answers EINVAL both for an unknown flag and for every invalid argument that keeps
// it from cloning, so for most flags the probe cannot tell; what it can:
//
//   - CLONE_INTO_CGROUP (5.7) comes with clone_args.cgroup: the probe passes a clone_args
//     of that size with cgroup > INT_MAX; a kernel that knows the field refuses the value
//     (EINVAL), one that does not refuses the unknown non-zero field (E2BIG);
//   - the other flags: SupportUnknown, with the reason, unless clone3 itself is missing
//     (ENOSYS: NotSupported).
func SupportsClone3(flags CloneFlags) Support {
	var a [11]uint64 // clone_args up to cgroup (88 bytes, CLONE_ARGS_SIZE_VER2)
	a[0] = uint64(CLONE_INTO_CGROUP)
	a[10] = 1 << 40
	_, _, e := raw.RawSyscall6(SYS_CLONE3, uintptr(unsafe.Pointer(&a[0])), unsafe.Sizeof(a), 0, 0, 0, 0)
	desc := "clone3({flags: CLONE_INTO_CGROUP, cgroup: 1<<40}, 88)"
	switch {
	case e == ENOSYS:
		return Support{State: NotSupported, Errno: e, Probe: desc, Reason: "no clone3 (5.3)"}
	case flags&^CLONE_INTO_CGROUP != 0:
		return Support{State: SupportUnknown, Errno: e, Probe: desc, Reason: "clone3 answers EINVAL for an unknown flag and for the invalid arguments that keep it from cloning alike: only CLONE_INTO_CGROUP can be probed"}
	case e == E2BIG:
		return Support{State: NotSupported, Errno: e, Probe: desc, Reason: "clone_args has no cgroup field (before 5.7)"}
	case e == EINVAL:
		return Support{State: Supported, Errno: e, Probe: desc}
	}
	return Support{State: SupportUnknown, Errno: e, Probe: desc, Reason: "an unexpected answer"}
}
