package spec

import (
	"regexp"
	"strconv"
	"strings"
)

// The naming rule. A C struct tag X becomes CamelCase(X): parts split at '_', each
// capitalised, the Initialisms in capitals (struct open_how -> OpenHow); _t is added when X
// is also the name of a system call (Stat_t, Statx_t); Renames take precedence. A field
// drops the prefix that all fields of its struct share (st_, tv_, sin6_) and is CamelCased
// the same way; a field whose C name starts with "__" (padding, reserved) is blank (_).
// An inline record is named after its owner and member (BpfAttrLinkCreate); the anonymous
// struct members of a union after UnionViews (BpfAttrMapCreate). Constants keep their C
// names; TypedGroups and TypedEnums give groups of them a distinct type.

// Initialisms are name parts written in capitals in Go names.
var Initialisms = map[string]string{"id": "ID", "uid": "UID", "gid": "GID", "pid": "PID",
	"tid": "TID", "fd": "FD", "cpu": "CPU", "ip": "IP", "tsc": "TSC", "ns": "NS"}

// Renames gives Go names that the naming rule alone would not: the time types of the
// time64 ABI keep the short names (Timespec is what every time call takes), the
// kernel-internal prelude structs drop rl_, and a few keep x/sys-style names.
var Renames = map[string]string{
	"__kernel_timespec":         "Timespec",
	"__kernel_old_timeval":      "Timeval",
	"__kernel_itimerspec":       "Itimerspec",
	"__kernel_old_itimerval":    "Itimerval",
	"__kernel_timex":            "Timex",
	"__kernel_timex_timeval":    "TimexTimeval",
	"__kernel_sockaddr_storage": "SockaddrStorage",
	"__kernel_fsid_t":           "Fsid",
	"__user_cap_header_struct":  "CapUserHeader",
	"__user_cap_data_struct":    "CapUserData",
	"new_utsname":               "Utsname",
	"rl_user_msghdr":            "Msghdr",
	"rl_sigset":                 "Sigset",
	"rl_aio_sigset":             "AioSigset",
	"rl_file_handle":            "FileHandleHeader", // FileHandle is the Go handle (handle_linux.go)
	"__old_kernel_stat":         "OldKernelStat",
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"sockaddr": "RawSockaddr", // struct sockaddr; Sockaddr is the Go interface (sock_addr_linux.go)
	// issue 14 (netlink, terminals, network devices, ioctl numbers, ptrace registers)
	"__kernel_old_timespec": "OldTimespec", // long seconds: struct timespec of linux/time.h (scm_timestamping)
}

// FieldTypes give struct fields a distinct type of Types ("tag.field" -> type), where the
// field's C type has that type's width and signedness on the arch (elsewhere the field keeps
// its plain integer type): Statx_t.Mask is a StatxMask, Stat_t.Mode a Mode.
var FieldTypes = map[string]string{
	"stat.st_mode":              "Mode",
	"stat64.st_mode":            "Mode",
	"statx.stx_mask":            "StatxMask",
	"statx.stx_attributes":      "StatxAttr",
	"statx.stx_attributes_mask": "StatxAttr",
	"open_how.resolve":          "ResolveFlags",
	"epoll_event.events":        "EpollEvents",
	"clone_args.flags":          "CloneFlags",
	"mount_attr.attr_set":       "MountAttrFlags",
	"mount_attr.attr_clr":       "MountAttrFlags",
	"io_uring_sqe.opcode":       "IoUringOp",
	"io_uring_params.flags":     "IoUringSetupFlags",
	"io_uring_params.features":  "IoUringFeatures",
	// issue 11 (memory, futexes, clocks and timers, IPC)
	"futex_waitv.flags":     "Futex2Flags",
	"sigevent.sigev_notify": "SigevNotify",
	"__kernel_timex.modes":  "TimexModes",
	"__kernel_timex.status": "TimexStatus",
	"rl_old_timex32.modes":  "TimexModes",
	"rl_old_timex32.status": "TimexStatus",
	// issue 10
	"sigaltstack.ss_flags":                      "SigaltstackFlags",
	"landlock_ruleset_attr.handled_access_fs":   "LandlockAccessFS",
	"landlock_ruleset_attr.handled_access_net":  "LandlockAccessNet",
	"landlock_ruleset_attr.scoped":              "LandlockScope",
	"landlock_ruleset_attr.quiet_access_fs":     "LandlockAccessFS",
	"landlock_ruleset_attr.quiet_access_net":    "LandlockAccessNet",
	"landlock_ruleset_attr.quiet_scoped":        "LandlockScope",
	"landlock_path_beneath_attr.allowed_access": "LandlockAccessFS",
	"landlock_net_port_attr.allowed_access":     "LandlockAccessNet",
	"statmount.mask":                            "StatmountMask",
	"sched_attr.sched_flags":                    "SchedFlags",
	"pidfd_info.mask":                           "PidfdInfoMask",
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"sockaddr.sa_family":                  "AddressFamily",
	"sockaddr_in.sin_family":              "AddressFamily",
	"sockaddr_in6.sin6_family":            "AddressFamily",
	"sockaddr_un.sun_family":              "AddressFamily",
	"sockaddr_nl.nl_family":               "AddressFamily",
	"sockaddr_ll.sll_family":              "AddressFamily",
	"sockaddr_vm.svm_family":              "AddressFamily",
	"__kernel_sockaddr_storage.ss_family": "AddressFamily",
	"rl_user_msghdr.msg_flags":            "MsgFlags",
	"pollfd.events":                       "PollEvents",
	"pollfd.revents":                      "PollEvents",
	"inotify_event.mask":                  "InotifyMask",
	"fanotify_event_metadata.mask":        "FanotifyEvents",
	"io_uring_sqe.flags":                  "IoUringSqeFlags",
	"io_uring_cqe.flags":                  "IoUringCqeFlags",
	"perf_event_attr.type":                "PerfType",
	"perf_event_attr.sample_type":         "PerfSampleFormat",
	"perf_event_attr.read_format":         "PerfReadFormat",
	"perf_event_attr.branch_sample_type":  "PerfBranchSampleType",
	"iocb.aio_lio_opcode":                 "IocbCmd",
	"iocb.aio_flags":                      "IocbFlags",
	// issue 14
	"termios.c_iflag":      "TermiosIflag",
	"termios.c_oflag":      "TermiosOflag",
	"termios.c_cflag":      "TermiosCflag",
	"termios.c_lflag":      "TermiosLflag",
	"termios2.c_iflag":     "TermiosIflag",
	"termios2.c_oflag":     "TermiosOflag",
	"termios2.c_cflag":     "TermiosCflag",
	"termios2.c_lflag":     "TermiosLflag",
	"ifinfomsg.ifi_type":   "ArphrdType",
	"ifinfomsg.ifi_flags":  "IfFlags",
	"ifinfomsg.ifi_change": "IfFlags",
}

// ArchRenames are Renames of one arch. On the 32-bit arches the large-file structs keep
// the short names, so that Stat, Fstat, Statfs and FcntlFlock fill the same type on every
// arch (struct stat64 is Stat_t there, as glibc's struct stat is with 64-bit file offsets);
// the narrow structs of the 32-bit-offset calls take a 32 suffix.
var ArchRenames = func() map[string]map[string]string {
	wide := map[string]string{
		"stat64": "Stat_t", "stat": "Stat32_t",
		"statfs64": "Statfs_t", "statfs": "Statfs32_t",
		"flock64": "Flock_t", "flock": "Flock32_t",
	}
	return map[string]map[string]string{"386": wide, "arm": wide, "mips": wide, "mipsle": wide}
}()

// Camel turns a C identifier into a Go one: parts split at '_', each capitalised, with the
// Initialisms in capitals; a name that would start with a digit gets an X in front.
func Camel(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(s, "_") {
		if p == "" {
			continue
		}
		if i, ok := Initialisms[p]; ok {
			b.WriteString(i)
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	out := b.String()
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "X" + out
	}
	return out
}

// TypeName is the Go name on arch goarch of the C record with tag tag (the rl_ structs of
// the Prelude under their own tag): the ArchRenames, the Renames, else Camel(tag), with _t added when isSyscall(tag)
// (the tag is also a system call's name).
func TypeName(goarch, tag string, isSyscall func(string) bool) string {
	if n, ok := ArchRenames[goarch][tag]; ok {
		return n
	}
	if n, ok := Renames[tag]; ok {
		return n
	}
	tag = strings.TrimPrefix(tag, "rl_")
	if n, ok := Renames[tag]; ok {
		return n
	}
	n := Camel(tag)
	if isSyscall(tag) {
		n += "_t"
	}
	return n
}

// FieldName is the Go name of a C field, given the prefix all the struct's fields share.
func FieldName(cname, prefix string) string {
	if strings.HasPrefix(cname, "__") {
		return "_"
	}
	return Camel(strings.TrimPrefix(cname, prefix))
}

// FieldPrefix is the "xx_" prefix that every named field shares (st_, tv_, sin6_), "" when
// they do not all share one or there are fewer than two; names starting with "_" do not
// count.
func FieldPrefix(names []string) string {
	prefix := ""
	n := 0
	for _, f := range names {
		if f == "" || strings.HasPrefix(f, "_") {
			continue
		}
		i := strings.Index(f, "_")
		if i <= 0 || i == len(f)-1 {
			return ""
		}
		p := f[:i+1]
		if prefix == "" {
			prefix = p
		} else if p != prefix {
			return ""
		}
		n++
	}
	if n < 2 {
		return ""
	}
	return prefix
}

// A TypedGroup gives the constants whose names start with Prefix the Go type Type ("" keeps
// them untyped). A Prefix ending in "$" matches only the name before it (MS_SYNC$ types
// MS_SYNC, not the mount flag MS_SYNCHRONOUS), and wins over every prefix.
type TypedGroup struct{ Prefix, Type string }

// TypedGroups gives constants a distinct Go type by name prefix (the longest prefix that
// matches wins; "" as the type keeps a sub-group untyped). The types are Types. Everything not matched is an untyped constant.
var TypedGroups = []TypedGroup{
	{"CLOCK_", "ClockID"},
	{"SIGSTKSZ", ""},
	{"O_", "OpenFlags"},
	{"RESOLVE_", "ResolveFlags"},
	{"AT_", "AtFlags"},
	{"AT_FDCWD", ""},
	{"CLONE_", "CloneFlags"},
	{"CLONE_ARGS_SIZE_VER", ""},
	{"MAP_", "MapFlags"},
	{"MAP_TYPE", ""},
	{"MAP_HUGE_SHIFT", ""},
	{"MAP_HUGE_MASK", ""},
	{"PROT_", "Prot"},
	{"MADV_", "MadviseAdvice"},
	{"MFD_", "MemfdFlags"},
	{"MFD_HUGE_SHIFT", ""},
	{"MFD_HUGE_MASK", ""},
	{"MFD_NAME_", ""},
	{"STATX_", "StatxMask"},
	{"STATX_ATTR_", "StatxAttr"},
	{"EPOLL", "EpollEvents"},
	{"EPOLL_CTL_", "EpollCtlOp"},
	{"EPOLL_CLOEXEC", "EpollCreateFlags"},
	{"EPOLL_IOC_", ""},
	{"EPOLL_PACKED", ""},
	{"FUTEX_", ""},
	{"SECCOMP_", ""},
	{"BPF_MAP_TYPE_", "BpfMapType"},
	{"BPF_PROG_TYPE_", "BpfProgType"},
	{"RLIMIT_", "RlimitResource"},
	{"RLIM_", ""},
	{"MOUNT_ATTR_", "MountAttrFlags"},
	{"MOVE_MOUNT_", "MoveMountFlags"},
	{"FSCONFIG_", "FsconfigCmd"},
	{"IORING_OP_", "IoUringOp"},
	{"IORING_REGISTER_", "IoUringRegisterOp"},
	{"IORING_ENTER_", "IoUringEnterFlags"},
	{"IORING_SETUP_", "IoUringSetupFlags"},
	{"IORING_FEAT_", "IoUringFeatures"},
	{"S_I", "Mode"},
	{"SEEK_", "Whence"},
	{"SEEK_MAX", ""},
	{"RWF_", "RwfFlags"},
	{"RWF_SUPPORTED", ""},
	{"SPLICE_F_", "SpliceFlags"},
	{"CLOSE_RANGE_", "CloseRangeFlags"},
	{"F_", "FcntlCmd"},
	{"F_RDLCK", ""},
	{"F_WRLCK", ""},
	{"F_UNLCK", ""},
	{"F_EXLCK", ""},
	{"F_SHLCK", ""},
	{"F_OWNER_", ""},
	{"F_SEAL_", ""},
	{"F_LINUX_SPECIFIC_BASE", ""},
	{"LOCK_", "FlockOp"},
	{"SYNC_FILE_RANGE_", "SyncFileRangeFlags"},
	{"FALLOC_FL_", "FallocFlags"},
	{"POSIX_FADV_", "FadviseAdvice"},
	{"RENAME_", "RenameFlags"},
	{"XATTR_CREATE", "XattrFlags"},
	{"XATTR_REPLACE", "XattrFlags"},
	{"FICLONE", "IoctlCmd"},
	{"FIDEDUPERANGE", "IoctlCmd"},
	{"FS_IOC_", "IoctlCmd"},
	{"FS_IOC32_", "IoctlCmd"},
	{"FIONREAD", "IoctlCmd"},
	{"FIOCLEX", "IoctlCmd"},
	{"FIONCLEX", "IoctlCmd"},
	{"FIONBIO", "IoctlCmd"},
	{"FIOASYNC", "IoctlCmd"},
	{"FIOQSIZE", "IoctlCmd"},
	{"FIGETBSZ", "IoctlCmd"},
	{"FIBMAP", "IoctlCmd"},
	{"FIFREEZE", "IoctlCmd"},
	{"FITHAW", "IoctlCmd"},
	{"FITRIM", "IoctlCmd"},
	{"BLK", "IoctlCmd"},
	// issue 11 (memory, futexes, clocks and timers, IPC)
	{"MREMAP_", "MremapFlags"},
	{"MCL_", "MlockallFlags"},
	{"MLOCK_ONFAULT$", "MlockFlags"},
	{"MS_ASYNC$", "MsyncFlags"},
	{"MS_INVALIDATE$", "MsyncFlags"},
	{"MS_SYNC$", "MsyncFlags"},
	{"MS_SYNCHRONOUS$", "MountFlags"}, // a mount flag, which issue 10's MS_SYNC prefix would leave untyped
	{"PKEY_", "PkeyAccess"},
	{"SHADOW_STACK_", "ShadowStackFlags"},
	{"MPOL_", "MempolicyMode"},
	{"MPOL_MAX$", ""},
	{"MPOL_MF_", "MbindFlags"},
	{"MPOL_MF_INTERNAL$", ""},
	{"MPOL_F_NODE$", "GetMempolicyFlags"},
	{"MPOL_F_ADDR$", "GetMempolicyFlags"},
	{"MPOL_F_MEMS_ALLOWED$", "GetMempolicyFlags"},
	{"MPOL_F_SHARED$", ""},
	{"MPOL_F_MOF$", ""},
	{"MPOL_F_MORON$", ""},
	{"UFFD_USER_MODE_ONLY$", "UserfaultfdFlags"},
	{"FUTEX_WAIT", "FutexOp"},
	{"FUTEX_WAKE", "FutexOp"},
	{"FUTEX_FD$", "FutexOp"},
	{"FUTEX_REQUEUE", "FutexOp"},
	{"FUTEX_CMP_REQUEUE", "FutexOp"},
	{"FUTEX_LOCK_PI", "FutexOp"},
	{"FUTEX_UNLOCK_", "FutexOp"},
	{"FUTEX_TRYLOCK_PI", "FutexOp"},
	{"FUTEX_PRIVATE_FLAG$", "FutexOp"},
	{"FUTEX_CLOCK_REALTIME$", "FutexOp"},
	{"FUTEX_ROBUST_UNLOCK$", "FutexOp"},
	{"FUTEX_ROBUST_LIST32$", "FutexOp"},
	{"FUTEX_CMD_MASK$", "FutexOp"},
	{"FUTEX_WAITERS$", ""},
	{"FUTEX_WAITV_MAX$", ""},
	{"FUTEX2_", "Futex2Flags"},
	{"FUTEX2_SIZE_MASK$", ""},
	{"FUTEX_32$", "Futex2Flags"},
	{"TIMER_ABSTIME$", "TimerFlags"},
	{"TFD_CLOEXEC$", "TimerfdFlags"},
	{"TFD_NONBLOCK$", "TimerfdFlags"},
	{"TFD_TIMER_", "TimerfdSettimeFlags"},
	{"TFD_IOC_", "IoctlCmd"},
	{"SIGEV_NONE$", "SigevNotify"},
	{"SIGEV_SIGNAL$", "SigevNotify"},
	{"SIGEV_THREAD$", "SigevNotify"},
	{"SIGEV_THREAD_ID$", "SigevNotify"},
	{"ITIMER_", "ItimerWhich"},
	{"ADJ_", "TimexModes"},
	{"MOD_", "TimexModes"},
	{"STA_", "TimexStatus"},
	{"TIME_OK$", "ClockState"},
	{"TIME_INS$", "ClockState"},
	{"TIME_DEL$", "ClockState"},
	{"TIME_OOP$", "ClockState"},
	{"TIME_WAIT$", "ClockState"},
	{"TIME_ERROR$", "ClockState"},
	{"TIME_BAD$", "ClockState"},
	{"IPC_CREAT$", "IpcFlags"},
	{"IPC_EXCL$", "IpcFlags"},
	{"SHM_HUGETLB$", "IpcFlags"},
	{"SHM_NORESERVE$", "IpcFlags"},
	{"SHM_HUGE_", "IpcFlags"},
	{"SHM_HUGE_SHIFT$", ""},
	{"SHM_HUGE_MASK$", ""},
	{"IPC_NOWAIT$", "IpcOpFlags"},
	{"MSG_NOERROR$", "IpcOpFlags"},
	{"MSG_EXCEPT$", "IpcOpFlags"},
	{"MSG_COPY$", "IpcOpFlags"},
	{"SEM_UNDO$", "IpcOpFlags"},
	{"SHM_RDONLY$", "ShmatFlags"},
	{"SHM_RND$", "ShmatFlags"},
	{"SHM_REMAP$", "ShmatFlags"},
	{"SHM_EXEC$", "ShmatFlags"},
	{"IPC_RMID$", "IpcCmd"},
	{"IPC_SET$", "IpcCmd"},
	{"IPC_STAT$", "IpcCmd"},
	{"IPC_INFO$", "IpcCmd"},
	{"IPC_64$", "IpcCmd"},
	{"IPC_OLD$", "IpcCmd"},
	{"GETPID$", "IpcCmd"},
	{"GETVAL$", "IpcCmd"},
	{"GETALL$", "IpcCmd"},
	{"GETNCNT$", "IpcCmd"},
	{"GETZCNT$", "IpcCmd"},
	{"SETVAL$", "IpcCmd"},
	{"SETALL$", "IpcCmd"},
	{"SEM_STAT$", "IpcCmd"},
	{"SEM_INFO$", "IpcCmd"},
	{"SEM_STAT_ANY$", "IpcCmd"},
	{"SHM_LOCK$", "IpcCmd"},
	{"SHM_UNLOCK$", "IpcCmd"},
	{"SHM_STAT$", "IpcCmd"},
	{"SHM_INFO$", "IpcCmd"},
	{"SHM_STAT_ANY$", "IpcCmd"},
	{"MSG_STAT$", "IpcCmd"},
	{"MSG_INFO$", "IpcCmd"},
	{"MSG_STAT_ANY$", "IpcCmd"},
	{"SEMOP$", "IpcCall"},
	{"SEMGET$", "IpcCall"},
	{"SEMCTL$", "IpcCall"},
	{"SEMTIMEDOP$", "IpcCall"},
	{"MSGSND$", "IpcCall"},
	{"MSGRCV$", "IpcCall"},
	{"MSGGET$", "IpcCall"},
	{"MSGCTL$", "IpcCall"},
	{"SHMAT$", "IpcCall"},
	{"SHMDT$", "IpcCall"},
	{"SHMGET$", "IpcCall"},
	{"SHMCTL$", "IpcCall"},
	// issue 10 (processes, credentials, signals, scheduling, namespaces, mounts, security, sysadmin)
	{"SA_", "SaFlags"},
	{"SIG_BLOCK", "SigmaskHow"},
	{"SIG_UNBLOCK", "SigmaskHow"},
	{"SIG_SETMASK", "SigmaskHow"},
	{"SS_", "SigaltstackFlags"},
	{"P_ALL", "IDType"},
	{"P_PID", "IDType"},
	{"P_PGID", "IDType"},
	{"P_PIDFD", "IDType"},
	{"WNOHANG", "WaitOptions"},
	{"WUNTRACED", "WaitOptions"},
	{"WSTOPPED", "WaitOptions"},
	{"WEXITED", "WaitOptions"},
	{"WCONTINUED", "WaitOptions"},
	{"WNOWAIT", "WaitOptions"},
	{"WALL", "WaitOptions"},
	{"WCLONE", "WaitOptions"},
	{"WNOTHREAD", "WaitOptions"},
	{"PR_", "PrctlOption"},
	{"PR_CAP_AMBIENT_", ""},
	{"PR_CFI_", ""},
	{"PR_ENDIAN_", ""},
	{"PR_FPEMU_", ""},
	{"PR_FP_EXC_", ""},
	{"PR_FP_MODE_", ""},
	{"PR_FUTEX_HASH_", ""},
	{"PR_MCE_KILL_", ""},
	{"PR_MCE_KILL_GET", "PrctlOption"},
	{"PR_MDWE_", ""},
	{"PR_MTE_", ""},
	{"PR_PAC_AP", ""},
	{"PR_PMLEN_", ""},
	{"PR_PPC_DEXCR_", ""},
	{"PR_RISCV_CTX_", ""},
	{"PR_RISCV_SCOPE_", ""},
	{"PR_RISCV_V_VSTATE_", ""},
	{"PR_RSEQ_SLICE_EXTENSION_", ""},
	{"PR_RSEQ_SLICE_EXT_", ""},
	{"PR_SCHED_CORE_", ""},
	{"PR_SET_MM_", ""},
	{"PR_SET_PTRACER_ANY", ""},
	{"PR_SET_VMA_", ""},
	{"PR_SHADOW_STACK_", ""},
	{"PR_SME_SET_VL_ONEXEC", ""},
	{"PR_SME_VL_", ""},
	{"PR_SPEC_", ""},
	{"PR_SVE_SET_VL_ONEXEC", ""},
	{"PR_SVE_VL_", ""},
	{"PR_SYS_DISPATCH_", ""},
	{"PR_TAGGED_ADDR_ENABLE", ""},
	{"PR_THP_DISABLE_", ""},
	{"PR_TIMER_CREATE_RESTORE_IDS_", ""},
	{"PR_TIMING_", ""},
	{"PR_TSC_", ""},
	{"PR_UNALIGN_", ""},
	{"SECCOMP_SET_MODE_", "SeccompOp"},
	{"SECCOMP_GET_ACTION_AVAIL", "SeccompOp"},
	{"SECCOMP_GET_NOTIF_SIZES", "SeccompOp"},
	{"SECCOMP_FILTER_FLAG_", "SeccompFilterFlags"},
	{"SECCOMP_RET_", "SeccompAction"},
	{"SECCOMP_IOCTL_NOTIF_", "IoctlCmd"},
	{"LANDLOCK_ACCESS_FS_", "LandlockAccessFS"},
	{"LANDLOCK_ACCESS_NET_", "LandlockAccessNet"},
	{"LANDLOCK_SCOPE_", "LandlockScope"},
	{"LANDLOCK_CREATE_RULESET_", "LandlockCreateFlags"},
	{"LANDLOCK_RESTRICT_SELF_", "LandlockRestrictFlags"},
	{"LANDLOCK_ADD_RULE_", "LandlockAddRuleFlags"},
	{"FSOPEN_", "FsopenFlags"},
	{"FSMOUNT_", "FsmountFlags"},
	{"FSPICK_", "FspickFlags"},
	{"OPEN_TREE_", "OpenTreeFlags"},
	{"STATMOUNT_", "StatmountMask"},
	{"LISTMOUNT_", "ListmountFlags"},
	{"MOUNT_ATTR_SIZE_VER", ""},
	{"MS_", "MountFlags"},
	{"MS_ASYNC", ""},
	{"MS_SYNC", ""},
	{"MS_INVALIDATE", ""},
	{"MNT_FORCE", "UmountFlags"},
	{"MNT_DETACH", "UmountFlags"},
	{"MNT_EXPIRE", "UmountFlags"},
	{"UMOUNT_NOFOLLOW", "UmountFlags"},
	{"IOPRIO_CLASS_", "IoprioClass"},
	{"IOPRIO_CLASS_SHIFT", ""},
	{"IOPRIO_CLASS_MASK", ""},
	{"IOPRIO_WHO_", "IoprioWho"},
	{"PTRACE_", "PtraceRequest"},
	{"PTRACE_O_", "PtraceOptions"},
	{"PTRACE_EVENT_", ""},
	{"PTRACE_EVENTMSG_", ""},
	{"PTRACE_CFI_", ""},
	{"PTRACE_GETFDPIC_", ""},
	{"PTRACE_PEEKSIGINFO_SHARED", ""},
	{"PTRACE_SYSCALL_INFO_", ""},
	{"PTRACE_TE_ABORT_RAND", ""},
	{"RUSAGE_", "RusageWho"},
	{"PRIO_PROCESS", "PriorityWhich"},
	{"PRIO_PGRP", "PriorityWhich"},
	{"PRIO_USER", "PriorityWhich"},
	{"PIDFD_NONBLOCK", "PidfdFlags"},
	{"PIDFD_THREAD", "PidfdFlags"},
	{"PIDFD_SIGNAL_", "PidfdSignalFlags"},
	{"PIDFD_GET_", "IoctlCmd"},
	{"PIDFD_INFO_", "PidfdInfoMask"},
	{"PIDFD_INFO_SIZE_VER", ""},
	{"NS_GET_", "IoctlCmd"},
	{"NS_MNT_GET_", "IoctlCmd"},
	{"LINUX_REBOOT_CMD_", "RebootCmd"},
	{"KEXEC_ON_CRASH", "KexecFlags"},
	{"KEXEC_PRESERVE_CONTEXT", "KexecFlags"},
	{"KEXEC_UPDATE_ELFCOREHDR", "KexecFlags"},
	{"KEXEC_CRASH_HOTPLUG_SUPPORT", "KexecFlags"},
	{"KEXEC_ARCH_", "KexecFlags"},
	{"KEXEC_FILE_", "KexecFileFlags"},
	{"MODULE_INIT_", "ModuleInitFlags"},
	{"LSM_ATTR_", "LsmAttr"},
	{"LSM_ID_", "LsmID"},
	{"LSM_FLAG_", "LsmFlags"},
	{"RSEQ_FLAG_", "RseqFlags"},
	{"SCHED_NORMAL", "SchedPolicy"},
	{"SCHED_FIFO", "SchedPolicy"},
	{"SCHED_RR", "SchedPolicy"},
	{"SCHED_BATCH", "SchedPolicy"},
	{"SCHED_IDLE", "SchedPolicy"},
	{"SCHED_DEADLINE", "SchedPolicy"},
	{"SCHED_EXT", "SchedPolicy"},
	{"SCHED_RESET_ON_FORK", "SchedPolicy"},
	{"SCHED_FLAG_", "SchedFlags"},
	{"PER_", "Persona"},
	{"UNAME26", "Persona"},
	{"ADDR_NO_RANDOMIZE", "Persona"},
	{"FDPIC_FUNCPTRS", "Persona"},
	{"MMAP_PAGE_ZERO", "Persona"},
	{"ADDR_COMPAT_LAYOUT", "Persona"},
	{"READ_IMPLIES_EXEC", "Persona"},
	{"ADDR_LIMIT_32BIT", "Persona"},
	{"SHORT_INODE", "Persona"},
	{"WHOLE_SECONDS", "Persona"},
	{"STICKY_TIMEOUTS", "Persona"},
	{"ADDR_LIMIT_3GB", "Persona"},
	{"Q_", "QuotactlCmd"},
	{"SYSLOG_ACTION_", "SyslogAction"},
	{"SWAP_FLAG_", "SwapFlags"},
	{"SWAP_FLAGS_VALID", "SwapFlags"},
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	{"AF_", "AddressFamily"},
	{"PF_", "AddressFamily"},
	{"SOCK_", "SockType"},
	{"SOCK_SNDBUF_LOCK", ""}, // SO_BUF_LOCK values
	{"SOCK_RCVBUF_LOCK", ""},
	{"SOCK_BUF_LOCK_MASK", ""},
	{"SOCK_TXREHASH_", ""}, // SO_TXREHASH values
	{"SOCK_IOC_TYPE", ""},
	{"IPPROTO_", "Protocol"},
	{"SOL_", "SockLevel"},
	{"MSG_", "MsgFlags"},
	{"MSG_STAT", ""}, // msgctl commands and msgrcv flags of <linux/msg.h>
	{"MSG_INFO", ""},
	{"MSG_STAT_ANY", ""},
	{"MSG_NOERROR", ""},
	{"MSG_EXCEPT", ""},
	{"MSG_COPY", ""},
	{"SHUT_", "ShutdownHow"},
	{"SOCKETCALL_", "SocketcallCall"},
	{"EFD_", "EventfdFlags"},
	{"SFD_", "SignalfdFlags"},
	{"POLL", "PollEvents"},
	{"POLL_", ""}, // siginfo si_code values of SIGPOLL
	{"IN_", "InotifyMask"},
	{"IN_CLOEXEC", "InotifyInitFlags"},
	{"IN_NONBLOCK", "InotifyInitFlags"},
	{"IN_CLASS", ""}, // <linux/in.h> address classes
	{"IN_LOOPBACKNET", ""},
	{"IN_MULTICAST_NET", ""},
	{"FAN_", "FanotifyEvents"},
	{"FAN_CLASS_", "FanotifyInitFlags"},
	{"FAN_CLOEXEC", "FanotifyInitFlags"},
	{"FAN_NONBLOCK", "FanotifyInitFlags"},
	{"FAN_UNLIMITED_", "FanotifyInitFlags"},
	{"FAN_ENABLE_AUDIT", "FanotifyInitFlags"},
	{"FAN_REPORT_", "FanotifyInitFlags"},
	{"FAN_ALL_CLASS_BITS", "FanotifyInitFlags"},
	{"FAN_ALL_INIT_FLAGS", "FanotifyInitFlags"},
	{"FAN_MARK_", "FanotifyMarkFlags"},
	{"FAN_ALL_MARK_FLAGS", "FanotifyMarkFlags"},
	{"FAN_ALLOW", ""}, // fanotify_response.response and its info records
	{"FAN_DENY", ""},
	{"FAN_AUDIT", ""},
	{"FAN_INFO", ""},
	{"FAN_ERRNO_", ""},
	{"FAN_RESPONSE_INFO_", ""},
	{"FAN_EVENT_INFO_TYPE_", ""},
	{"FAN_EVENT_METADATA_LEN", ""},
	{"FAN_NOFD", ""},
	{"FAN_NOPIDFD", ""},
	{"FAN_EPIDFD", ""},
	{"IOSQE_", "IoUringSqeFlags"},
	{"IOSQE_FIXED_FILE_BIT", ""}, // enum io_uring_sqe_flags_bit: bit numbers
	{"IOSQE_IO_DRAIN_BIT", ""},
	{"IOSQE_IO_LINK_BIT", ""},
	{"IOSQE_IO_HARDLINK_BIT", ""},
	{"IOSQE_ASYNC_BIT", ""},
	{"IOSQE_BUFFER_SELECT_BIT", ""},
	{"IOSQE_CQE_SKIP_SUCCESS_BIT", ""},
	{"IORING_CQE_F_", "IoUringCqeFlags"},
	{"PERF_FLAG_", "PerfEventFlags"},
	{"PERF_EVENT_IOC_", "IoctlCmd"},
	{"IOCB_CMD_", "IocbCmd"},
	{"IOCB_FLAG_", "IocbFlags"},
	{"KEYCTL_", "KeyctlCmd"},
	{"KEYCTL_CAPS0_", ""}, // KEYCTL_CAPABILITIES result bits
	{"KEYCTL_CAPS1_", ""},
	{"KEYCTL_SUPPORTS_", ""}, // keyctl_pkey_query.supported_ops bits
	{"KEYCTL_MOVE_EXCL", ""}, // a KEYCTL_MOVE flag
	{"KEY_SPEC_", "KeySerial"},
	{"GRND_", "GrndFlags"},
	{"ARCH_", "ArchPrctlOption"},
	{"ARCH_XCOMP_", ""},      // xfeature numbers, arguments of ARCH_REQ_XCOMP_PERM
	{"ARCH_SHSTK_SHSTK", ""}, // shadow-stack features, arguments of ARCH_SHSTK_ENABLE
	{"ARCH_SHSTK_WRSS", ""},
	// issue 14 (netlink, terminals, network devices, ioctl numbers, capabilities)
	{"BLKPG_", ""}, // blkpg_ioctl_arg.op values of the BLKPG request
	{"BLKTRACE_BDEV_SIZE", ""},
	{"BLK_", ""}, // blktrace_api.h's BLK_TC_*, BLK_IO_TRACE_* (the requests are BLK without _)
	{"RTM_", "RtmType"},
	{"RTM_BASE", ""}, // the first type's number, not a type of its own
	{"RTM_MAX", ""},
	{"RTM_NR_", ""},
	{"RTM_F_", ""}, // rtmsg.rtm_flags bits
	{"IFA_F_", "IfaFlags"},
	{"ARPHRD_", "ArphrdType"},
	{"CAP_", "Capability"},
	{"ETH_P_", "EthProto"},
	{"ETH_P_802_3_MIN", ""},     // the smallest ethertype (below it: an 802.3 length)
	{"CR0_", ""},                // x86's CR0_STATE (asm/processor-flags.h), not termios' CR0
	{"SOCK_DIAG_BY_FAMILY", ""}, // sock_diag.h's message types, not socket types
	{"SOCK_DESTROY", ""},
	// The termios flag words, by name (asm/termbits.h: the values differ on powerpc and mips).
	{"IGNBRK", "TermiosIflag"},
	{"BRKINT", "TermiosIflag"},
	{"IGNPAR", "TermiosIflag"},
	{"PARMRK", "TermiosIflag"},
	{"INPCK", "TermiosIflag"},
	{"ISTRIP", "TermiosIflag"},
	{"INLCR", "TermiosIflag"},
	{"IGNCR", "TermiosIflag"},
	{"ICRNL", "TermiosIflag"},
	{"IXANY", "TermiosIflag"},
	{"IUCLC", "TermiosIflag"},
	{"IXON", "TermiosIflag"},
	{"IXOFF", "TermiosIflag"},
	{"IMAXBEL", "TermiosIflag"},
	{"IUTF8", "TermiosIflag"},
	{"OPOST", "TermiosOflag"},
	{"OCRNL", "TermiosOflag"},
	{"ONOCR", "TermiosOflag"},
	{"ONLRET", "TermiosOflag"},
	{"OFILL", "TermiosOflag"},
	{"OFDEL", "TermiosOflag"},
	{"OLCUC", "TermiosOflag"},
	{"ONLCR", "TermiosOflag"},
	{"NLDLY", "TermiosOflag"},
	{"NL0", "TermiosOflag"},
	{"NL1", "TermiosOflag"},
	{"NL2", "TermiosOflag"},
	{"NL3", "TermiosOflag"},
	{"CRDLY", "TermiosOflag"},
	{"CR0", "TermiosOflag"},
	{"CR1", "TermiosOflag"},
	{"CR2", "TermiosOflag"},
	{"CR3", "TermiosOflag"},
	{"TABDLY", "TermiosOflag"},
	{"TAB0", "TermiosOflag"},
	{"TAB1", "TermiosOflag"},
	{"TAB2", "TermiosOflag"},
	{"TAB3", "TermiosOflag"},
	{"XTABS", "TermiosOflag"},
	{"BSDLY", "TermiosOflag"},
	{"BS0", "TermiosOflag"},
	{"BS1", "TermiosOflag"},
	{"VTDLY", "TermiosOflag"},
	{"VT0", "TermiosOflag"},
	{"VT1", "TermiosOflag"},
	{"FFDLY", "TermiosOflag"},
	{"FF0", "TermiosOflag"},
	{"FF1", "TermiosOflag"},
	{"PAGEOUT", "TermiosOflag"},
	{"WRAP", "TermiosOflag"},
	{"B0", "TermiosCflag"},
	{"B50", "TermiosCflag"},
	{"B75", "TermiosCflag"},
	{"B110", "TermiosCflag"},
	{"B134", "TermiosCflag"},
	{"B150", "TermiosCflag"},
	{"B200", "TermiosCflag"},
	{"B300", "TermiosCflag"},
	{"B600", "TermiosCflag"},
	{"B1200", "TermiosCflag"},
	{"B1800", "TermiosCflag"},
	{"B2400", "TermiosCflag"},
	{"B4800", "TermiosCflag"},
	{"B9600", "TermiosCflag"},
	{"B19200", "TermiosCflag"},
	{"B38400", "TermiosCflag"},
	{"EXTA", "TermiosCflag"},
	{"EXTB", "TermiosCflag"},
	{"ADDRB", "TermiosCflag"},
	{"CMSPAR", "TermiosCflag"},
	{"CRTSCTS", "TermiosCflag"},
	{"CBAUD", "TermiosCflag"},
	{"CSIZE", "TermiosCflag"},
	{"CS5", "TermiosCflag"},
	{"CS6", "TermiosCflag"},
	{"CS7", "TermiosCflag"},
	{"CS8", "TermiosCflag"},
	{"CSTOPB", "TermiosCflag"},
	{"CREAD", "TermiosCflag"},
	{"PARENB", "TermiosCflag"},
	{"PARODD", "TermiosCflag"},
	{"HUPCL", "TermiosCflag"},
	{"CLOCAL", "TermiosCflag"},
	{"CBAUDEX", "TermiosCflag"},
	{"BOTHER", "TermiosCflag"},
	{"B57600", "TermiosCflag"},
	{"B115200", "TermiosCflag"},
	{"B230400", "TermiosCflag"},
	{"B460800", "TermiosCflag"},
	{"B500000", "TermiosCflag"},
	{"B576000", "TermiosCflag"},
	{"B921600", "TermiosCflag"},
	{"B1000000", "TermiosCflag"},
	{"B1152000", "TermiosCflag"},
	{"B1500000", "TermiosCflag"},
	{"B2000000", "TermiosCflag"},
	{"B2500000", "TermiosCflag"},
	{"B3000000", "TermiosCflag"},
	{"B3500000", "TermiosCflag"},
	{"B4000000", "TermiosCflag"},
	{"CIBAUD", "TermiosCflag"},
	{"ISIG", "TermiosLflag"},
	{"ICANON", "TermiosLflag"},
	{"XCASE", "TermiosLflag"},
	{"ECHO", "TermiosLflag"},
	{"ECHOE", "TermiosLflag"},
	{"ECHOK", "TermiosLflag"},
	{"ECHONL", "TermiosLflag"},
	{"NOFLSH", "TermiosLflag"},
	{"TOSTOP", "TermiosLflag"},
	{"ITOSTOP", "TermiosLflag"},
	{"ECHOCTL", "TermiosLflag"},
	{"ECHOPRT", "TermiosLflag"},
	{"ECHOKE", "TermiosLflag"},
	{"FLUSHO", "TermiosLflag"},
	{"PENDIN", "TermiosLflag"},
	{"IEXTEN", "TermiosLflag"},
	{"EXTPROC", "TermiosLflag"},
}

// TypedEnums types the members of these C enums (whose prefixes, like BPF_, are shared
// with untyped macros) by the enum's name; they take precedence over TypedGroups.
var TypedEnums = map[string]string{
	"bpf_cmd":              "BpfCmd",
	"bpf_map_type":         "BpfMapType",
	"bpf_prog_type":        "BpfProgType",
	"bpf_attach_type":      "BpfAttachType",
	"fsconfig_command":     "FsconfigCmd",
	"io_uring_op":          "IoUringOp",
	"io_uring_register_op": "IoUringRegisterOp",
	// issue 10
	"kcmp_type":           "KcmpType",
	"membarrier_cmd":      "MembarrierCmd",
	"membarrier_cmd_flag": "MembarrierFlags",
	"landlock_rule_type":  "LandlockRuleType",
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"perf_type_id":             "PerfType",
	"perf_event_sample_format": "PerfSampleFormat",
	"perf_event_read_format":   "PerfReadFormat",
	"perf_branch_sample_type":  "PerfBranchSampleType",
	// issue 14; an anonymous enum is known by its first member
	"IFLA_UNSPEC":      "IflaAttr",
	"IFA_UNSPEC":       "IfaAttr",
	"rtattr_type_t":    "RtaAttr",
	"net_device_flags": "IfFlags",
}

// UnderscoreNames are constants whose C names start with underscores (and so would be
// unexported or skipped) with the Go names they get, as golang.org/x/sys/unix spells them.
var UnderscoreNames = map[string]string{
	// issue 10
	"_LINUX_CAPABILITY_VERSION_1": "LINUX_CAPABILITY_VERSION_1",
	"_LINUX_CAPABILITY_VERSION_2": "LINUX_CAPABILITY_VERSION_2",
	"_LINUX_CAPABILITY_VERSION_3": "LINUX_CAPABILITY_VERSION_3",
	"_LINUX_CAPABILITY_U32S_1":    "LINUX_CAPABILITY_U32S_1",
	"_LINUX_CAPABILITY_U32S_2":    "LINUX_CAPABILITY_U32S_2",
	"_LINUX_CAPABILITY_U32S_3":    "LINUX_CAPABILITY_U32S_3",
	"__WALL":                      "WALL",
	"__WCLONE":                    "WCLONE",
	"__WNOTHREAD":                 "WNOTHREAD",
}

// signalRe matches the signal numbers, typed Signal (SIG_BLOCK, SIGEV_* and the like are
// other things).
var signalRe = regexp.MustCompile(`^SIG[A-Z0-9]+$`)

// ConstType is the Go type of constant name ("" for untyped): its enum's in TypedEnums
// (enum is the C enum that declares it, "" for a macro), Signal for the signal numbers, else
// the type of the TypedGroups entry that names it exactly ("NAME$"), else of the longest
// TypedGroups prefix that matches.
func ConstType(name, enum string) string {
	if t, ok := TypedEnums[enum]; ok && enum != "" {
		return t
	}
	if signalRe.MatchString(name) && name != "SIGSTKSZ" {
		return "Signal"
	}
	best, typ := "", ""
	for _, g := range TypedGroups {
		if exact, ok := strings.CutSuffix(g.Prefix, "$"); ok {
			if name == exact {
				return g.Type
			}
			continue
		}
		if strings.HasPrefix(name, g.Prefix) && len(g.Prefix) > len(best) {
			best, typ = g.Prefix, g.Type
		}
	}
	return typ
}

// EnumTypes are the typed groups whose values are one of a list (a clock, a command, an
// advice): their String method prints one name. The others are flag sets, printed as the
// names of their bits joined with "|".
var EnumTypes = map[string]bool{
	"ClockID": true, "Signal": true, "MadviseAdvice": true, "EpollCtlOp": true, "BpfCmd": true,
	"BpfMapType": true, "BpfProgType": true, "BpfAttachType": true, "RlimitResource": true,
	"FsconfigCmd": true, "IoUringOp": true, "IoUringRegisterOp": true,
	"Whence": true, "FcntlCmd": true, "FadviseAdvice": true, "IoctlCmd": true,
	// issue 11 (memory, futexes, clocks and timers, IPC)
	"SigevNotify": true, "ItimerWhich": true, "ClockState": true, "IpcCmd": true, "IpcCall": true,
	// issue 14
	"RtmType": true, "IflaAttr": true, "IfaAttr": true, "RtaAttr": true, "ArphrdType": true,
	"Capability": true, "EthProto": true,
}

// A FlagField is a multi-bit field inside a flag set (the access mode of O_*, the mapping
// type of MAP_*): its value prints as the one name it matches. Mask is a constant's name,
// "~NAME" (the bits it lacks) or "NAME<<NAME"; Zero says that the field's zero value has a name worth printing
// (O_RDONLY).
type FlagField struct {
	Mask string
	Zero bool
}

// FlagFields are the fields of the flag sets that have them.
var FlagFields = map[string][]FlagField{
	"OpenFlags":      {{"O_ACCMODE", true}},
	"MapFlags":       {{"MAP_TYPE", false}, {"MAP_HUGE_MASK<<MAP_HUGE_SHIFT", false}},
	"MemfdFlags":     {{"MFD_HUGE_MASK<<MFD_HUGE_SHIFT", false}},
	"AtFlags":        {{"AT_STATX_SYNC_TYPE", false}},
	"MountAttrFlags": {{"MOUNT_ATTR__ATIME", false}},
	"Mode":           {{"S_IFMT", false}},
	// issue 11 (memory, futexes, clocks and timers, IPC)
	"FutexOp":       {{"FUTEX_CMD_MASK", true}},
	"Futex2Flags":   {{"FUTEX2_SIZE_MASK", true}},
	"MempolicyMode": {{"~MPOL_MODE_FLAGS", true}},
	"IpcFlags":      {{"SHM_HUGE_MASK<<SHM_HUGE_SHIFT", false}},
	// issue 14
	"TermiosOflag": {{"NLDLY", false}, {"CRDLY", false}, {"TABDLY", false}, {"BSDLY", false}, {"VTDLY", false}, {"FFDLY", false}},
	"TermiosCflag": {{"CBAUD", false}, {"CSIZE", true}, {"CIBAUD", false}},
}

// A Type is one of the distinct Go types of TypedGroups and TypedEnums, declared by the
// generator in the root package (ztypes_linux.go) with this underlying type and doc comment.
type Type struct {
	Name, Underlying, Doc string
}

// Bits is the width of t's underlying type.
func (t Type) Bits() int {
	n, _ := strconv.Atoi(strings.TrimLeft(t.Underlying, "uint"))
	return n
}

// Signed reports whether t's underlying type is signed.
func (t Type) Signed() bool { return !strings.HasPrefix(t.Underlying, "u") }

// Fits reports whether the value (negative: v is a negative number's 64-bit pattern) is
// representable in t.
func (t Type) Fits(v int64, negative bool) bool {
	bits := t.Bits()
	if t.Signed() {
		if bits == 64 {
			return true
		}
		lim := int64(1) << (bits - 1)
		if negative {
			return v >= -lim
		}
		return uint64(v) < uint64(lim)
	}
	if negative {
		return false
	}
	return bits == 64 || uint64(v) < uint64(1)<<bits
}

// Lookup returns the Type named name.
func Lookup(name string) (Type, bool) {
	for _, t := range Types {
		if t.Name == name {
			return t, true
		}
	}
	return Type{}, false
}

// Types are the distinct types, in the order they are declared.
var Types = []Type{
	{"ClockID", "int32", "ClockID identifies a clock for ClockGettime, ClockGetres, clock_nanosleep and timers: one of the CLOCK_* constants, or a dynamic clock made from a pid or a file descriptor. Convert a plain integer with ClockID(n)."},
	{"Signal", "int32", "Signal is a signal number (SIG*; the numbering differs on mips). Convert with Signal(n). (signal(2), the call, is raw-only: it would replace the Go runtime's handler; RtSigaction reads a signal's action.)"},
	{"OpenFlags", "int32", "OpenFlags are the O_* flags of open, openat and open_how.flags."},
	{"ResolveFlags", "uint64", "ResolveFlags are the RESOLVE_* flags of open_how.resolve (openat2)."},
	{"AtFlags", "int32", "AtFlags are the AT_* flags of the *at system calls (AT_FDCWD, a file descriptor, is untyped)."},
	{"CloneFlags", "uint64", "CloneFlags are the CLONE_* flags of clone and clone3 (clone_args.flags is 64-bit)."},
	{"MapFlags", "uint32", "MapFlags are the MAP_* flags of mmap."},
	{"Prot", "int32", "Prot is the PROT_* protection of mmap and mprotect."},
	{"MadviseAdvice", "int32", "MadviseAdvice is the MADV_* advice of madvise and process_madvise."},
	{"MemfdFlags", "uint32", "MemfdFlags are the MFD_* flags of memfd_create."},
	{"StatxMask", "uint32", "StatxMask is the STATX_* mask of statx (statx.stx_mask)."},
	{"StatxAttr", "uint64", "StatxAttr are the STATX_ATTR_* attributes of statx.stx_attributes."},
	{"EpollEvents", "uint32", "EpollEvents are the EPOLL* event bits of epoll_event.events."},
	{"EpollCtlOp", "int32", "EpollCtlOp is an EPOLL_CTL_* operation of epoll_ctl."},
	{"EpollCreateFlags", "int32", "EpollCreateFlags are the flags of epoll_create1 (EPOLL_CLOEXEC)."},
	{"BpfCmd", "int32", "BpfCmd is a command of bpf(2) (enum bpf_cmd)."},
	{"BpfMapType", "uint32", "BpfMapType is enum bpf_map_type."},
	{"BpfProgType", "uint32", "BpfProgType is enum bpf_prog_type."},
	{"BpfAttachType", "uint32", "BpfAttachType is enum bpf_attach_type."},
	{"RlimitResource", "int32", "RlimitResource is an RLIMIT_* resource of getrlimit, setrlimit and prlimit64."},
	{"MountAttrFlags", "uint64", "MountAttrFlags are the MOUNT_ATTR_* flags of mount_attr and fsmount."},
	{"MoveMountFlags", "uint32", "MoveMountFlags are the MOVE_MOUNT_* flags of move_mount."},
	{"FsconfigCmd", "uint32", "FsconfigCmd is an FSCONFIG_* command of fsconfig (enum fsconfig_command)."},
	{"IoUringOp", "uint8", "IoUringOp is an io_uring opcode (io_uring_sqe.opcode, enum io_uring_op)."},
	{"IoUringRegisterOp", "uint32", "IoUringRegisterOp is an io_uring_register opcode (enum io_uring_register_op)."},
	{"IoUringEnterFlags", "uint32", "IoUringEnterFlags are the IORING_ENTER_* flags of io_uring_enter."},
	{"IoUringSetupFlags", "uint32", "IoUringSetupFlags are the IORING_SETUP_* flags of io_uring_params.flags."},
	{"IoUringFeatures", "uint32", "IoUringFeatures are the IORING_FEAT_* bits of io_uring_params.features."},
	{"Mode", "uint32", "Mode is a file mode: the S_IF* type bits and the permission bits (umode_t, mode_t)."},
	{"Whence", "int32", "Whence is an lseek origin: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE."},
	{"RwfFlags", "int32", "RwfFlags are the RWF_* flags of preadv2 and pwritev2."},
	{"SpliceFlags", "uint32", "SpliceFlags are the SPLICE_F_* flags of splice, tee and vmsplice."},
	{"CloseRangeFlags", "uint32", "CloseRangeFlags are the CLOSE_RANGE_* flags of close_range."},
	{"FcntlCmd", "int32", "FcntlCmd is an F_* command of fcntl (the lock types F_RDLCK..., owner types F_OWNER_* and seals F_SEAL_* are untyped)."},
	{"FlockOp", "int32", "FlockOp is a LOCK_* operation of flock."},
	{"SyncFileRangeFlags", "uint32", "SyncFileRangeFlags are the SYNC_FILE_RANGE_* flags of sync_file_range."},
	{"FallocFlags", "int32", "FallocFlags are the FALLOC_FL_* modes of fallocate."},
	{"FadviseAdvice", "int32", "FadviseAdvice is a POSIX_FADV_* advice of fadvise64."},
	{"RenameFlags", "uint32", "RenameFlags are the RENAME_* flags of renameat2."},
	{"XattrFlags", "int32", "XattrFlags are the XATTR_CREATE and XATTR_REPLACE flags of setxattr."},
	{"IoctlCmd", "uint32", "IoctlCmd is an ioctl request number (FICLONE, FIONREAD, FS_IOC_GETFLAGS, BLKGETSIZE64...)."},
	// issue 11 (memory, futexes, clocks and timers, IPC)
	{"MremapFlags", "uint32", "MremapFlags are the MREMAP_* flags of mremap."},
	{"MlockallFlags", "int32", "MlockallFlags are the MCL_* flags of mlockall."},
	{"MlockFlags", "int32", "MlockFlags are the flags of mlock2 (MLOCK_ONFAULT)."},
	{"MsyncFlags", "int32", "MsyncFlags are the MS_ASYNC, MS_SYNC and MS_INVALIDATE flags of msync (the other MS_* are mount flags)."},
	{"PkeyAccess", "uint32", "PkeyAccess are the PKEY_DISABLE_* access rights of a memory protection key (pkey_alloc's init_val; PKEY_UNRESTRICTED is none)."},
	{"ShadowStackFlags", "uint32", "ShadowStackFlags are the SHADOW_STACK_* flags of map_shadow_stack."},
	{"MempolicyMode", "int32", "MempolicyMode is a NUMA memory policy (MPOL_DEFAULT, MPOL_BIND, MPOL_INTERLEAVE...) with its mode flags (MPOL_F_STATIC_NODES, MPOL_F_RELATIVE_NODES, MPOL_F_NUMA_BALANCING) of set_mempolicy, mbind and get_mempolicy."},
	{"MbindFlags", "uint32", "MbindFlags are the MPOL_MF_* flags of mbind and move_pages."},
	{"GetMempolicyFlags", "uint32", "GetMempolicyFlags are the MPOL_F_NODE, MPOL_F_ADDR and MPOL_F_MEMS_ALLOWED flags of get_mempolicy."},
	{"UserfaultfdFlags", "int32", "UserfaultfdFlags are the flags of userfaultfd: UFFD_USER_MODE_ONLY, and O_CLOEXEC and O_NONBLOCK converted (UserfaultfdFlags(O_CLOEXEC))."},
	{"FutexOp", "int32", "FutexOp is a futex(2) operation (FUTEX_WAIT, FUTEX_WAKE, FUTEX_CMP_REQUEUE...) with its flags FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME."},
	{"Futex2Flags", "uint32", "Futex2Flags are the FUTEX2_* flags of futex_wait, futex_wake, futex_requeue and futex_waitv.flags: the size of the word (FUTEX2_SIZE_U32), FUTEX2_PRIVATE, FUTEX2_NUMA."},
	{"TimerFlags", "int32", "TimerFlags are the flags of clock_nanosleep and timer_settime (TIMER_ABSTIME)."},
	{"TimerfdFlags", "int32", "TimerfdFlags are the TFD_CLOEXEC and TFD_NONBLOCK flags of timerfd_create."},
	{"TimerfdSettimeFlags", "int32", "TimerfdSettimeFlags are the TFD_TIMER_* flags of timerfd_settime."},
	{"SigevNotify", "int32", "SigevNotify is how a timer or message queue notifies (sigevent.sigev_notify): SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD, SIGEV_THREAD_ID."},
	{"ItimerWhich", "int32", "ItimerWhich is the interval timer of getitimer and setitimer: ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF."},
	{"TimexModes", "uint32", "TimexModes are the ADJ_* (and MOD_*) bits of timex.modes, saying what adjtimex and clock_adjtime set (0: read only)."},
	{"TimexStatus", "int32", "TimexStatus are the STA_* bits of timex.status, the clock's synchronisation status."},
	{"ClockState", "int32", "ClockState is the clock state that adjtimex and clock_adjtime return: TIME_OK, TIME_INS, TIME_DEL, TIME_OOP, TIME_WAIT, TIME_ERROR."},
	{"IpcFlags", "int32", "IpcFlags are the flags of msgget, semget and shmget: IPC_CREAT, IPC_EXCL, shmget's SHM_HUGETLB, SHM_NORESERVE and SHM_HUGE_*, with the permission bits (0o600) in the low nine bits."},
	{"IpcOpFlags", "int32", "IpcOpFlags are the flags of one System V IPC operation: IPC_NOWAIT, msgrcv's MSG_NOERROR, MSG_EXCEPT and MSG_COPY, and SEM_UNDO for a sembuf's Flg (int16(SEM_UNDO|IPC_NOWAIT)); MSG_NOERROR and SEM_UNDO have the same value."},
	{"ShmatFlags", "int32", "ShmatFlags are the SHM_RDONLY, SHM_RND, SHM_REMAP and SHM_EXEC flags of shmat."},
	{"IpcCmd", "int32", "IpcCmd is a command of msgctl, semctl or shmctl: IPC_STAT, IPC_SET, IPC_RMID, IPC_INFO and each call's own (MSG_STAT, GETVAL, SETALL, SHM_LOCK...). The calls' own numbers overlap: String prints the first name the headers define (msgctl's, then semctl's, then shmctl's)."},
	{"IpcCall", "uint32", "IpcCall is the operation of the ipc(2) multiplexer of 386, ppc64, s390x and mips o32 (SEMOP, MSGSND, SHMAT...), with the interface version in its high 16 bits."},
	// issue 10
	{"SaFlags", "uint64", "SaFlags are the SA_* flags of a signal action (Sigaction_t.Flags, an unsigned long: convert with SaFlags(sa.Flags))."},
	{"SigmaskHow", "int32", "SigmaskHow says how rt_sigprocmask changes the thread's signal mask: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK."},
	{"SigaltstackFlags", "int32", "SigaltstackFlags are the SS_* flags of an alternate signal stack (Sigaltstack_t.Flags)."},
	{"IDType", "int32", "IDType says what the id of waitid names: P_ALL, P_PID, P_PGID, P_PIDFD."},
	{"WaitOptions", "int32", "WaitOptions are the W* options of wait4 and waitid (WNOHANG, WEXITED, WSTOPPED, WNOWAIT, WALL...)."},
	{"PrctlOption", "int32", "PrctlOption is a PR_* option of prctl (its sub-values, PR_CAP_AMBIENT_RAISE, PR_SPEC_*, PR_SET_MM_*..., are untyped)."},
	{"SeccompOp", "uint32", "SeccompOp is an operation of seccomp(2): SECCOMP_SET_MODE_STRICT, SECCOMP_SET_MODE_FILTER, SECCOMP_GET_ACTION_AVAIL, SECCOMP_GET_NOTIF_SIZES."},
	{"SeccompFilterFlags", "uint32", "SeccompFilterFlags are the SECCOMP_FILTER_FLAG_* flags of SECCOMP_SET_MODE_FILTER."},
	{"SeccompAction", "uint32", "SeccompAction is the SECCOMP_RET_* value a seccomp filter returns (an action, with SECCOMP_RET_DATA bits)."},
	{"LandlockAccessFS", "uint64", "LandlockAccessFS are the LANDLOCK_ACCESS_FS_* rights of a Landlock ruleset and its path-beneath rules."},
	{"LandlockAccessNet", "uint64", "LandlockAccessNet are the LANDLOCK_ACCESS_NET_* rights of a Landlock ruleset and its port rules."},
	{"LandlockScope", "uint64", "LandlockScope are the LANDLOCK_SCOPE_* scopes of a Landlock ruleset."},
	{"LandlockCreateFlags", "uint32", "LandlockCreateFlags are the LANDLOCK_CREATE_RULESET_* flags of landlock_create_ruleset."},
	{"LandlockRestrictFlags", "uint32", "LandlockRestrictFlags are the LANDLOCK_RESTRICT_SELF_* flags of landlock_restrict_self."},
	{"LandlockAddRuleFlags", "uint32", "LandlockAddRuleFlags are the LANDLOCK_ADD_RULE_* flags of landlock_add_rule."},
	{"LandlockRuleType", "uint32", "LandlockRuleType is the kind of rule landlock_add_rule adds (enum landlock_rule_type)."},
	{"FsopenFlags", "uint32", "FsopenFlags are the FSOPEN_* flags of fsopen."},
	{"FsmountFlags", "uint32", "FsmountFlags are the FSMOUNT_* flags of fsmount."},
	{"FspickFlags", "uint32", "FspickFlags are the FSPICK_* flags of fspick."},
	{"OpenTreeFlags", "uint32", "OpenTreeFlags are the OPEN_TREE_* flags of open_tree (with AT_EMPTY_PATH, AT_RECURSIVE... converted: OpenTreeFlags(AT_RECURSIVE))."},
	{"StatmountMask", "uint64", "StatmountMask are the STATMOUNT_* bits of statmount's request and of Statmount_t.Mask."},
	{"ListmountFlags", "uint32", "ListmountFlags are the LISTMOUNT_* flags of listmount."},
	{"MountFlags", "uint32", "MountFlags are the MS_* flags of mount (msync's MS_ASYNC, MS_SYNC and MS_INVALIDATE are other things)."},
	{"UmountFlags", "int32", "UmountFlags are the flags of umount2: MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW."},
	{"Capability", "int32", "Capability is a capability number, CAP_*: the bit a CapUserData word pair and the prctl capability options use."},
	{"IoprioClass", "int32", "IoprioClass is an I/O scheduling class, IOPRIO_CLASS_*."},
	{"IoprioWho", "int32", "IoprioWho says what the who of ioprio_get and ioprio_set names: IOPRIO_WHO_PROCESS, IOPRIO_WHO_PGRP, IOPRIO_WHO_USER."},
	{"PtraceRequest", "int32", "PtraceRequest is a PTRACE_* request of ptrace (its options PTRACE_O_* are PtraceOptions)."},
	{"PtraceOptions", "uint32", "PtraceOptions are the PTRACE_O_* options of PTRACE_SETOPTIONS and PTRACE_SEIZE."},
	{"RusageWho", "int32", "RusageWho says whose usage getrusage reports: RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD."},
	{"PriorityWhich", "int32", "PriorityWhich says what the who of getpriority and setpriority names: PRIO_PROCESS, PRIO_PGRP, PRIO_USER."},
	{"PidfdFlags", "uint32", "PidfdFlags are the flags of pidfd_open: PIDFD_NONBLOCK, PIDFD_THREAD."},
	{"PidfdSignalFlags", "uint32", "PidfdSignalFlags are the PIDFD_SIGNAL_* flags of pidfd_send_signal."},
	{"PidfdInfoMask", "uint64", "PidfdInfoMask are the PIDFD_INFO_* bits of struct pidfd_info's mask (PIDFD_GET_INFO)."},
	{"RebootCmd", "uint32", "RebootCmd is a LINUX_REBOOT_CMD_* command of reboot."},
	{"KexecFlags", "uint32", "KexecFlags are the flags of kexec_load: KEXEC_ON_CRASH, KEXEC_PRESERVE_CONTEXT..., and a KEXEC_ARCH_* in the high 16 bits."},
	{"KexecFileFlags", "uint32", "KexecFileFlags are the KEXEC_FILE_* flags of kexec_file_load."},
	{"ModuleInitFlags", "int32", "ModuleInitFlags are the MODULE_INIT_* flags of finit_module."},
	{"LsmAttr", "uint32", "LsmAttr is an LSM_ATTR_* attribute of lsm_get_self_attr and lsm_set_self_attr."},
	{"LsmID", "uint64", "LsmID is the LSM_ID_* number of a Linux security module (lsm_list_modules, LsmCtx.ID)."},
	{"LsmFlags", "uint32", "LsmFlags are the LSM_FLAG_* flags of lsm_get_self_attr."},
	{"RseqFlags", "int32", "RseqFlags are the RSEQ_FLAG_* flags of rseq."},
	{"SchedPolicy", "int32", "SchedPolicy is a scheduling policy, SCHED_* (SCHED_RESET_ON_FORK may be or-ed in for sched_setscheduler)."},
	{"SchedFlags", "uint64", "SchedFlags are the SCHED_FLAG_* flags of sched_attr.sched_flags."},
	{"Persona", "uint32", "Persona is an execution domain, PER_*, with its flags (ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC...): the argument and result of personality."},
	{"QuotactlCmd", "uint32", "QuotactlCmd is a Q_* quota command; quotactl takes it combined with a quota type by Qcmd."},
	{"SyslogAction", "int32", "SyslogAction is a SYSLOG_ACTION_* action of syslog(2) (the kernel's include/linux/syslog.h)."},
	{"SwapFlags", "int32", "SwapFlags are the SWAP_FLAG_* flags of swapon, with a priority in SWAP_FLAG_PRIO_MASK (the kernel's include/linux/swap.h)."},
	{"KcmpType", "int32", "KcmpType is a KCMP_* resource that kcmp compares (enum kcmp_type)."},
	{"MembarrierCmd", "int32", "MembarrierCmd is a MEMBARRIER_CMD_* command of membarrier (enum membarrier_cmd)."},
	{"MembarrierFlags", "uint32", "MembarrierFlags are the flags of membarrier (enum membarrier_cmd_flag)."},
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	{"AddressFamily", "uint16", "AddressFamily is a socket address family, AF_* (or PF_*, the same numbers): the domain of socket and the family field of every sockaddr (sa_family_t)."},
	{"SockType", "int32", "SockType is the type argument of socket and socketpair: a SOCK_* type (SOCK_STREAM, SOCK_DGRAM...; mips numbers them differently) ORed with the flags SOCK_NONBLOCK and SOCK_CLOEXEC, which are also accept4's flags."},
	{"Protocol", "int32", "Protocol is the protocol argument of socket: an IPPROTO_* number for the inet families, 0 for the family's default; other families take their own numbers (NETLINK_*, or an ETH_P_* in network byte order for AF_PACKET: Protocol(Htons(ETH_P_ALL)))."},
	{"SockLevel", "int32", "SockLevel is the level of setsockopt and getsockopt and of a control message: SOL_SOCKET, or a protocol's SOL_* (SOL_TCP, SOL_IP, SOL_IPV6, SOL_UDP: the protocol numbers)."},
	{"MsgFlags", "uint32", "MsgFlags are the MSG_* flags of send, recv and their msg variants, and of msghdr.msg_flags."},
	{"ShutdownHow", "int32", "ShutdownHow is the how of shutdown: SHUT_RD, SHUT_WR or SHUT_RDWR."},
	{"SocketcallCall", "int32", "SocketcallCall is the call number of socketcall: SOCKETCALL_SOCKET ... SOCKETCALL_SENDMMSG (SYS_SOCKET ... in <linux/net.h>, renamed here so as not to clash with the system-call numbers)."},
	{"EventfdFlags", "int32", "EventfdFlags are the EFD_* flags of eventfd2."},
	{"SignalfdFlags", "int32", "SignalfdFlags are the SFD_* flags of signalfd4."},
	{"PollEvents", "int16", "PollEvents are the POLL* event bits of poll and ppoll (pollfd.events, pollfd.revents)."},
	{"InotifyMask", "uint32", "InotifyMask is the IN_* event mask of inotify_add_watch and inotify_event.mask."},
	{"InotifyInitFlags", "int32", "InotifyInitFlags are the flags of inotify_init1: IN_NONBLOCK, IN_CLOEXEC."},
	{"FanotifyEvents", "uint64", "FanotifyEvents is the FAN_* event mask of fanotify_mark and fanotify_event_metadata.mask."},
	{"FanotifyInitFlags", "uint32", "FanotifyInitFlags are the flags of fanotify_init: a FAN_CLASS_*, FAN_CLOEXEC, FAN_NONBLOCK, FAN_UNLIMITED_*, FAN_REPORT_*."},
	{"FanotifyMarkFlags", "uint32", "FanotifyMarkFlags are the FAN_MARK_* flags of fanotify_mark."},
	{"IoUringSqeFlags", "uint8", "IoUringSqeFlags are the IOSQE_* flags of io_uring_sqe.flags."},
	{"IoUringCqeFlags", "uint32", "IoUringCqeFlags are the IORING_CQE_F_* flags of io_uring_cqe.flags."},
	{"PerfType", "uint32", "PerfType is perf_event_attr.type: a PERF_TYPE_* (enum perf_type_id), or a dynamic PMU's type from /sys/bus/event_source/devices/*/type."},
	{"PerfSampleFormat", "uint64", "PerfSampleFormat are the PERF_SAMPLE_* bits of perf_event_attr.sample_type (enum perf_event_sample_format)."},
	{"PerfReadFormat", "uint64", "PerfReadFormat are the PERF_FORMAT_* bits of perf_event_attr.read_format (enum perf_event_read_format)."},
	{"PerfBranchSampleType", "uint64", "PerfBranchSampleType are the PERF_SAMPLE_BRANCH_* bits of perf_event_attr.branch_sample_type (enum perf_branch_sample_type)."},
	{"PerfEventFlags", "uint32", "PerfEventFlags are the PERF_FLAG_* flags of perf_event_open."},
	{"IocbCmd", "uint16", "IocbCmd is an IOCB_CMD_* operation of an AIO control block (iocb.aio_lio_opcode)."},
	{"IocbFlags", "uint32", "IocbFlags are the IOCB_FLAG_* flags of iocb.aio_flags."},
	{"KeyctlCmd", "int32", "KeyctlCmd is a KEYCTL_* command of keyctl."},
	{"KeySerial", "int32", "KeySerial is a key's serial number (key_serial_t), or one of the special KEY_SPEC_* keyrings (negative)."},
	{"GrndFlags", "uint32", "GrndFlags are the GRND_* flags of getrandom."},
	{"ArchPrctlOption", "int32", "ArchPrctlOption is an ARCH_* option of arch_prctl (x86)."},
	// issue 14 (netlink, terminals, network devices, ioctl numbers, capabilities)
	{"RtmType", "uint16", "RtmType is an rtnetlink message type (nlmsghdr.nlmsg_type on a NETLINK_ROUTE socket): RTM_NEWLINK, RTM_GETADDR, RTM_NEWROUTE..."},
	{"IflaAttr", "uint16", "IflaAttr is the type of a link attribute of an RTM_*LINK message (IFLA_IFNAME, IFLA_MTU...; the nested IFLA_INFO_*, IFLA_INET6_* and others are untyped: each nest has its own numbering)."},
	{"IfaAttr", "uint16", "IfaAttr is the type of an address attribute of an RTM_*ADDR message (IFA_ADDRESS, IFA_LOCAL, IFA_LABEL...)."},
	{"RtaAttr", "uint16", "RtaAttr is the type of a route attribute of an RTM_*ROUTE message (enum rtattr_type_t: RTA_DST, RTA_GATEWAY, RTA_OIF...)."},
	{"IfaFlags", "uint32", "IfaFlags are the IFA_F_* flags of an address (the IFA_FLAGS attribute; ifaddrmsg.ifa_flags holds the low 8)."},
	{"IfFlags", "uint32", "IfFlags are the IFF_* flags of a network device (enum net_device_flags: ifinfomsg.ifi_flags, and ifreq's flags through Ifreq; TUNSETIFF's IFF_TUN, IFF_TAP, IFF_NO_PI... are another set and untyped)."},
	{"ArphrdType", "uint16", "ArphrdType is a device's hardware type, ARPHRD_* (ifinfomsg.ifi_type, sockaddr_ll.sll_hatype)."},
	{"EthProto", "uint16", "EthProto is an ethertype, ETH_P_*, in host byte order (sockets and sockaddr_ll want it in network byte order)."},
	{"TermiosIflag", "uint32", "TermiosIflag are the input mode bits of termios.c_iflag (IGNBRK, ICRNL, IXON...)."},
	{"TermiosOflag", "uint32", "TermiosOflag are the output mode bits of termios.c_oflag (OPOST, ONLCR, the delay fields NLDLY, CRDLY...)."},
	{"TermiosCflag", "uint32", "TermiosCflag are the control mode bits of termios.c_cflag: the speed (CBAUD: B9600..., BOTHER for termios2's c_ospeed), the character size (CSIZE: CS5...CS8), CREAD, PARENB, CLOCAL..."},
	{"TermiosLflag", "uint32", "TermiosLflag are the local mode bits of termios.c_lflag (ISIG, ICANON, ECHO, IEXTEN...)."},
}
