// Package spec is what the abi generator generates and how it names it: the UAPI headers
// that describe the system-call ABI, the structs beyond those that include/linux/syscalls.h
// names, how kernel-internal structs map to UAPI ones (spec.go), and the naming rule, the
// renames and the typed constant groups with their Go types (naming.go). Other generators
// (the typed wrappers) import it so that one rule names everything. Everything else
// (fields, layouts, values, the constant names themselves) is read from the headers by
// clang.
package spec

// Headers are the UAPI headers, in include order. Every struct and constant is looked up in
// them; constants are taken from the #defines and enum values that these files (and the
// asm/ and asm-generic/ files they include) declare.
var Headers = []string{
	"linux/types.h",
	"linux/time_types.h",
	"linux/time.h",
	"asm/stat.h",
	"asm/statfs.h",
	"linux/stat.h",
	"linux/fcntl.h",
	"linux/openat2.h",
	"linux/sched.h",
	"linux/sched/types.h",
	"linux/mman.h",
	"linux/memfd.h",
	"linux/resource.h",
	"asm/signal.h",
	"asm/siginfo.h",
	"linux/signal.h",
	"linux/signalfd.h",
	"linux/futex.h",
	"linux/eventpoll.h",
	"linux/eventfd.h",
	"linux/timerfd.h",
	"linux/io_uring.h",
	"linux/bpf.h",
	"linux/perf_event.h",
	"linux/prctl.h",
	"linux/seccomp.h",
	"linux/landlock.h",
	"linux/lsm.h",
	"linux/mount.h",
	"linux/fs.h",
	"linux/xattr.h",
	"linux/socket.h",
	"asm/socket.h",
	"asm/sockios.h",
	"linux/sockios.h",
	"linux/in.h",
	"linux/in6.h",
	"linux/un.h",
	"linux/netlink.h",
	"linux/if_packet.h",
	"linux/vm_sockets.h",
	"linux/tcp.h",
	"linux/utsname.h",
	"linux/sysinfo.h",
	"linux/uio.h",
	"linux/aio_abi.h",
	"linux/rseq.h",
	"linux/poll.h",
	"linux/times.h",
	"linux/utime.h",
	"linux/timex.h",
	"linux/mqueue.h",
	"linux/ipc.h",
	"linux/msg.h",
	"linux/sem.h",
	"linux/shm.h",
	"linux/random.h",
	"linux/userfaultfd.h",
	"linux/pidfd.h",
	"linux/nsfs.h",
	"linux/fanotify.h",
	"linux/inotify.h",
	"linux/keyctl.h",
	"linux/membarrier.h",
	"linux/close_range.h",
	"linux/reboot.h",
	"linux/personality.h",
	"linux/wait.h",
	"linux/ptrace.h",
	"linux/mempolicy.h",
	"linux/fadvise.h",
	"linux/falloc.h",
	"linux/kcmp.h",
	"linux/capability.h",
	"linux/ioprio.h",
	"linux/module.h",
	"linux/kexec.h",
	"linux/bpf_common.h",
	"asm/ioctls.h",
	"linux/limits.h",
	// issue 10
	"linux/quota.h",
	"linux/filter.h", // struct sock_filter, sock_fprog: seccomp filters
	"linux/net.h",    // socketcall's call numbers (ConstRenames)
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"linux/udp.h",      // UDP_SEGMENT, UDP_GRO
	"linux/if_ether.h", // ETH_P_* (AF_PACKET protocols)
	// linux/filter.h (classic BPF socket filters, SO_ATTACH_FILTER) is issue 10's above
	"linux/ipv6.h",      // in6_pktinfo
	"linux/rtnetlink.h", // the route netlink family: RTM_*, ifinfomsg, rtattr
	"linux/if_link.h",   // IFLA_*
	"linux/if_addr.h",   // IFA_*, ifaddrmsg
}

// ArchHeaders are included after Headers on one arch only (headers the others lack).
var ArchHeaders = map[string][]string{
	"riscv64": {"asm/hwprobe.h"}, // riscv_hwprobe(2)
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"amd64":    {"asm/prctl.h", "asm/ldt.h"}, // arch_prctl, modify_ldt
	"386":      {"asm/prctl.h", "asm/ldt.h"}, // and get_thread_area, set_thread_area
	"s390x":    {"asm/guarded_storage.h", "asm/sthyi.h", "asm/runtime_instr.h"},
	"mips":     {"asm/cachectl.h", "asm/sysmips.h"},
	"mipsle":   {"asm/cachectl.h", "asm/sysmips.h"},
	"mips64":   {"asm/cachectl.h", "asm/sysmips.h"},
	"mips64le": {"asm/cachectl.h", "asm/sysmips.h"},
}

// Prelude declares, in C, the structs that system calls take but that the kernel keeps out
// of its UAPI headers (include/linux/socket.h, fs/readdir.c, include/linux/signal_types.h,
// include/linux/time32.h, ...). They are written from the kernel's definitions with the
// UAPI's own types, so clang still lays them out per arch. Each starts with rl_ (the Go
// name drops it); Renames give their Go names.
const Prelude = `
#ifndef _NSIG
#define _NSIG 64 /* arch/x86/include/asm/signal.h: the UAPI leaves it out on x86 */
#endif
/* include/linux/signal_types.h: the kernel's sigset_t (_NSIG bits) */
struct rl_sigset { unsigned long sig[_NSIG / (8 * sizeof(unsigned long))]; };
/* include/linux/signal_types.h and arch/mips/include/asm/signal.h: rt_sigaction's struct
   (the i386 UAPI defines sa_handler as a macro for its old struct sigaction) */
#undef sa_handler
#undef sa_sigaction
#if defined(__mips__)
struct rl_sigaction { unsigned int sa_flags; __sighandler_t sa_handler; struct rl_sigset sa_mask; };
#else
struct rl_sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
#ifdef SA_RESTORER
	__sigrestore_t sa_restorer;
#endif
	struct rl_sigset sa_mask;
};
#endif
/* include/linux/socket.h (struct sockaddr itself is in the generator's <sys/socket.h> stub) */
struct rl_user_msghdr {
	void *msg_name; int msg_namelen;
	struct iovec *msg_iov; __kernel_size_t msg_iovlen;
	void *msg_control; __kernel_size_t msg_controllen;
	unsigned int msg_flags;
};
struct rl_mmsghdr { struct rl_user_msghdr msg_hdr; unsigned int msg_len; };
struct rl_cmsghdr { __kernel_size_t cmsg_len; int cmsg_level; int cmsg_type; };
struct rl_ucred { __u32 pid; __u32 uid; __u32 gid; };
/* include/linux/types.h: size_t, which some UAPI macros use (BLKGETSIZE64's _IOR) */
typedef __kernel_size_t size_t;
/* include/linux/fs.h: name_to_handle_at, open_by_handle_at */
struct rl_file_handle { __u32 handle_bytes; int handle_type; unsigned char f_handle[]; };
/* fs/readdir.c: getdents64, getdents */
struct rl_linux_dirent64 { __u64 d_ino; __s64 d_off; unsigned short d_reclen; unsigned char d_type; char d_name[]; };
struct rl_linux_dirent { unsigned long d_ino; unsigned long d_off; unsigned short d_reclen; char d_name[]; };
/* fs/readdir.c: readdir (old_readdir), one entry per call */
struct rl_old_linux_dirent { unsigned long d_ino; unsigned long d_offset; unsigned short d_namlen; char d_name[1]; };
/* fs/aio.c: io_pgetevents */
struct rl_aio_sigset { const struct rl_sigset *sigmask; __kernel_size_t sigsetsize; };
/* include/linux/types.h: ustat */
struct rl_ustat { __kernel_daddr_t f_tfree; unsigned long f_tinode; char f_fname[6]; char f_fpack[6]; };
/* include/linux/time32.h: the 32-bit time ABI of the time32 system calls */
struct rl_old_timespec32 { __s32 tv_sec; __s32 tv_nsec; };
struct rl_old_timeval32 { __s32 tv_sec; __s32 tv_usec; };
struct rl_old_itimerspec32 { struct rl_old_timespec32 it_interval; struct rl_old_timespec32 it_value; };
struct rl_old_utimbuf32 { __s32 actime; __s32 modtime; };
/* include/linux/time32.h: adjtimex and clock_adjtime of the 32-bit time ABI (issue 11); the
   eleven anonymous s32:32 bit-fields at its end are __pad */
struct rl_old_timex32 {
	__u32 modes; __s32 offset, freq, maxerror, esterror, status, constant, precision, tolerance;
	struct rl_old_timeval32 time;
	__s32 tick, ppsfreq, jitter, shift, stabil, jitcnt, calcnt, errcnt, stbcnt, tai;
	__s32 __pad[11];
};
/* include/linux/kexec.h: kexec_load's segment as user space passes it */
struct rl_kexec_segment { void *buf; __kernel_size_t bufsz; unsigned long mem; __kernel_size_t memsz; };
/* arch/x86/kernel/sys_ia32.c, arch/arm/kernel/sys_oabi-compat.c: old_mmap, old_select */
struct rl_mmap_arg_struct { unsigned long addr, len, prot, flags, fd, offset; };
struct rl_sel_arg_struct { unsigned long n; void *inp, *outp, *exp; struct __kernel_old_timeval *tvp; };
/* include/linux/sched.h: sched_setscheduler, sched_setparam, sched_getparam */
struct rl_sched_param { int sched_priority; };
/* sigaction(2), the old ABI: include/linux/signal_types.h (CONFIG_OLD_SIGACTION: i386, arm,
   s390) with old_sigset_t, an unsigned long; on mips arch/mips/kernel/signal.c reads mips's
   struct sigaction, whose mask is 128 bits, of which sigaction(2) uses the first word */
#if defined(__mips__)
struct rl_old_sigaction { unsigned int sa_flags; __sighandler_t sa_handler; struct rl_sigset sa_mask; };
#else
struct rl_old_sigaction { __sighandler_t sa_handler; unsigned long sa_mask; unsigned long sa_flags; __sigrestore_t sa_restorer; };
#endif
/* issue 12: include/linux/socket.h: SO_LINGER's value */
struct rl_linger { int l_onoff; int l_linger; };
/* include/uapi/linux/posix_types.h (__kernel_fd_set, a typedef of an untagged struct): select's fd_set */
struct rl_fd_set { unsigned long fds_bits[__FD_SETSIZE / (8 * sizeof(long))]; };
/* fs/select.c: pselect6's sixth argument */
struct rl_sigset_argpack { const struct rl_sigset *p; __kernel_size_t size; };
/* arch/powerpc/include/asm/rtas-types.h: what sys_rtas reads and writes of struct rtas_args (the
   kernel-only rets pointer after args is neither read nor written) */
struct rl_rtas_args { __u32 token; __u32 nargs; __u32 nret; __u32 args[16]; };
`

// KernelToUAPI maps the names include/linux/syscalls.h uses to the struct generated for
// them ("" = not generated, with the reason in InternalOnly).
var KernelToUAPI = map[string]string{
	"sigaction":        "rl_sigaction",
	"user_msghdr":      "rl_user_msghdr",
	"mmsghdr":          "rl_mmsghdr",
	"file_handle":      "rl_file_handle",
	"linux_dirent64":   "rl_linux_dirent64",
	"linux_dirent":     "rl_linux_dirent",
	"__aio_sigset":     "rl_aio_sigset",
	"ustat":            "rl_ustat",
	"old_timespec32":   "rl_old_timespec32",
	"old_timeval32":    "rl_old_timeval32",
	"old_itimerspec32": "rl_old_itimerspec32",
	"old_utimbuf32":    "rl_old_utimbuf32",
	"old_timex32":      "rl_old_timex32", // issue 11
	"kexec_segment":    "rl_kexec_segment",
	"mmap_arg_struct":  "rl_mmap_arg_struct",
	"sel_arg_struct":   "rl_sel_arg_struct",
	"siginfo":          "siginfo",
	"old_linux_dirent": "rl_old_linux_dirent",
	// issue 10
	"old_sigaction": "rl_old_sigaction",
	"sched_param":   "rl_sched_param",
}

// InternalOnly lists the structs syscalls.h names that get no Go type, with the reason.
var InternalOnly = map[string]string{
	"compat_stat":           "compat (32-bit on 64-bit) layout, not an ABI of any Go arch",
	"iattr":                 "kernel-internal inode attributes; no system call takes it from user space",
	"inode":                 "kernel-internal",
	"ipc_namespace":         "kernel-internal",
	"list_head":             "kernel-internal",
	"nfsctl_arg":            "nfsservctl was removed in Linux 3.1",
	"semaphore":             "kernel-internal",
	"syscall_metadata":      "kernel-internal (ftrace)",
	"trace_event_call":      "kernel-internal (ftrace)",
	"trace_event_class":     "kernel-internal (ftrace)",
	"trace_event_functions": "kernel-internal (ftrace)",
	"timespec64":            "kernel-internal; user space passes struct __kernel_timespec (Timespec)",
	"timespec":              "only in comments/kernel-internal prototypes; user space passes __kernel_timespec (Timespec) or old_timespec32",
}

// ExtraStructs are generated besides the ones syscalls.h names: structs that system calls
// reach through pointers, ioctls or shared memory.
var ExtraStructs = []string{
	"statx", "open_how", "clone_args", "mount_attr", "epoll_event", "epoll_params",
	"__kernel_timespec", "__kernel_old_timeval", "__kernel_itimerspec", "__kernel_old_itimerval",
	"__kernel_timex", "rusage", "rl_sigaction", "rl_sigset", "siginfo", "sigevent", "sigaltstack",
	"signalfd_siginfo", "rlimit64", "rlimit", "sched_attr", "sched_param",
	"perf_event_attr", "perf_event_mmap_page", "perf_event_header",
	"io_uring_params", "io_uring_sqe", "io_uring_cqe", "io_sqring_offsets", "io_cqring_offsets",
	"io_uring_files_update", "io_uring_rsrc_register", "io_uring_rsrc_update", "io_uring_rsrc_update2",
	"io_uring_probe", "io_uring_probe_op", "io_uring_restriction", "io_uring_buf", "io_uring_buf_reg",
	"io_uring_getevents_arg", "io_uring_sync_cancel_reg", "io_uring_file_index_range",
	"iovec", "rl_user_msghdr", "rl_mmsghdr", "rl_cmsghdr", "rl_ucred", "sockaddr",
	"sockaddr_in", "sockaddr_in6", "sockaddr_un", "sockaddr_nl", "sockaddr_ll", "sockaddr_vm",
	"__kernel_sockaddr_storage", "in_addr", "in6_addr", "ip_mreqn", "ipv6_mreq", "nlmsghdr", "nlattr",
	"new_utsname", "sysinfo", "statfs", "statfs64", "stat", "stat64", "rl_file_handle",
	"landlock_ruleset_attr", "landlock_path_beneath_attr", "landlock_net_port_attr",
	"lsm_ctx", "cachestat_range", "cachestat", "mnt_id_req", "statmount", "futex_waitv",
	"robust_list_head", "rseq", "pollfd", "tms", "utimbuf", "timezone", "mq_attr",
	"iocb", "io_event", "inotify_event", "fanotify_event_metadata", "fanotify_response",
	"bpf_attr", "bpf_insn", "xattr_args", "file_attr", "ns_id_req", "seccomp_data",
	"seccomp_notif", "seccomp_notif_resp", "seccomp_notif_sizes", "sock_filter", "sock_fprog",
	"uffdio_api", "uffdio_register", "uffdio_copy", "uffdio_zeropage", "uffdio_range",
	"uffd_msg", "__user_cap_header_struct", "__user_cap_data_struct", "ipc64_perm",
	"msqid64_ds", "semid64_ds", "shmid64_ds", "sembuf", "msgbuf", "rl_linux_dirent64",
	"rl_linux_dirent", "rl_aio_sigset", "rl_ustat", "rl_old_timespec32", "rl_old_timeval32",
	"rl_old_itimerspec32", "rl_old_utimbuf32", "rl_kexec_segment", "rl_mmap_arg_struct",
	"rl_sel_arg_struct", "ptrace_peeksiginfo_args", "ptrace_syscall_info", "ptrace_rseq_configuration",
	"clone_args", "pidfd_info", "mnt_ns_info", "fsxattr", "file_clone_range", "file_dedupe_range",
	"fstrim_range", "dirty_range", "procmap_query", "page_region", "pm_scan_arg",
	"old_utsname", "oldold_utsname", "sched_param", "ipc_perm", "msqid_ds", "semid_ds", "shmid_ds",
	"shminfo", "shm_info", "seminfo", "msginfo", "__kernel_fsid_t",
	"flock", "flock64", "f_owner_ex", "rl_old_linux_dirent", "__old_kernel_stat",
	// issue 11 (memory, futexes, clocks and timers, IPC)
	"rl_old_timex32", "shminfo64",
	// issue 10
	"rl_sched_param", "rl_old_sigaction", "if_dqblk", "if_nextdqblk", "if_dqinfo",
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"rl_linger", "rl_fd_set", "rl_sigset_argpack", "in_pktinfo", "in6_pktinfo", "ip_mreq",
	"ip_mreq_source", "tcp_info", "ifinfomsg", "ifaddrmsg", "rtattr", "rtmsg", "nlmsgerr",
	"keyctl_dh_params", "keyctl_kdf_params", "keyctl_pkey_query", "keyctl_pkey_params",
	"bpf_map_info", "bpf_prog_info", "fanotify_event_info_header", "fanotify_event_info_fid",
	"fanotify_event_info_pidfd", "fanotify_event_info_error",
}

// ArchStructs are generated besides ExtraStructs on one arch only.
var ArchStructs = map[string][]string{
	"riscv64": {"riscv_hwprobe"},
	// issue 12 (sockets, events, async I/O, bpf, perf, keys, arch calls)
	"amd64":   {"user_desc"},
	"386":     {"user_desc"},
	"s390x":   {"gs_cb"},
	"ppc64":   {"rl_rtas_args"},
	"ppc64le": {"rl_rtas_args"},
}

// UnionViews names the anonymous struct members of named unions, which become Go types of
// their own reached through a pointer view (bpf_attr's per-command structs), after what
// they are for: keyed by union tag and the member's first named field (C gives them no
// name). The generator stops at an anonymous struct member missing here.
var UnionViews = map[string]string{
	"bpf_attr.map_type":      "MapCreate",  // BPF_MAP_CREATE
	"bpf_attr.map_fd":        "MapElem",    // BPF_MAP_*_ELEM, BPF_MAP_FREEZE
	"bpf_attr.prog_type":     "ProgLoad",   // BPF_PROG_LOAD
	"bpf_attr.pathname":      "Obj",        // BPF_OBJ_PIN, BPF_OBJ_GET
	"bpf_attr.attach_bpf_fd": "ProgAttach", // BPF_PROG_ATTACH, BPF_PROG_DETACH
	"bpf_attr.next_id":       "GetID",      // BPF_*_GET_*_ID
	"bpf_attr.btf":           "BtfLoad",    // BPF_BTF_LOAD
}

// A ConstRename gives the constants that header Header (or a header it includes first)
// declares with prefix From the prefix To in Go, where the C names would clash with other
// constants of the package.
type ConstRename struct{ Header, From, To string }

// ConstRenames are the renamed constant groups.
var ConstRenames = []ConstRename{
	// socketcall's SYS_SOCKET... are not the system-call numbers SYS_SOCKET...
	{"linux/net.h", "SYS_", "SOCKETCALL_"},
}

// BytewiseFields are struct fields ("tag.field") that every arch stores as a byte array with
// Get/Set accessors, as the arches where gc cannot place them at their C offset must: one
// field of one type on every arch. The struct keeps C's alignment where gc can express it.
var BytewiseFields = map[string]bool{
	"epoll_event.data": true, // packed on x86 (offset 4), aligned to 8 elsewhere
}
