package main

import "strings"

// A flagSet is a family of constants of package linux (by name prefix) and the calls that
// take them. Every constant of package linux with one of these prefixes gets an entry in
// systab's since-table.
type flagSet struct {
	prefix string
	calls  []string
}

// flagSets are the flag, command and option sets of the most used calls. A prefix is matched
// against constant names (the longest wins for the calls; every match is dated).
var flagSets = []flagSet{
	{"O_", []string{"open", "openat", "openat2", "fcntl"}},
	{"RESOLVE_", []string{"openat2"}},
	{"AT_", []string{"openat", "fstatat", "statx", "linkat", "unlinkat", "fchownat", "faccessat2", "utimensat", "execveat", "name_to_handle_at", "open_tree", "fchmodat2", "mount_setattr", "move_mount", "getxattrat"}},
	{"STATX_", []string{"statx"}},
	{"CLONE_", []string{"clone", "clone3", "unshare", "setns"}},
	{"MAP_", []string{"mmap"}},
	{"PROT_", []string{"mmap", "mprotect", "pkey_mprotect"}},
	{"PKEY_", []string{"pkey_alloc"}},
	{"MADV_", []string{"madvise", "process_madvise"}},
	{"MFD_", []string{"memfd_create"}},
	{"RENAME_", []string{"renameat2"}},
	{"FALLOC_FL_", []string{"fallocate"}},
	{"EPOLL", []string{"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait2"}},
	{"IORING_", []string{"io_uring_setup", "io_uring_enter", "io_uring_register"}},
	{"IOSQE_", []string{"io_uring_enter"}},
	{"PR_", []string{"prctl"}},
	{"SECCOMP_", []string{"seccomp"}},
	{"LANDLOCK_", []string{"landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self"}},
	{"MOUNT_ATTR_", []string{"mount_setattr", "fsmount"}},
	{"MOVE_MOUNT_", []string{"move_mount"}},
	{"FSCONFIG_", []string{"fsconfig"}},
	{"FSOPEN_", []string{"fsopen"}},
	{"FSMOUNT_", []string{"fsmount"}},
	{"FSPICK_", []string{"fspick"}},
	{"OPEN_TREE_", []string{"open_tree"}},
	{"MS_", []string{"mount", "msync"}},
	{"MNT_", []string{"umount2"}},
	{"RWF_", []string{"preadv2", "pwritev2"}},
	{"SPLICE_F_", []string{"splice", "tee", "vmsplice"}},
	{"CLOSE_RANGE_", []string{"close_range"}},
	{"F_", []string{"fcntl"}},
	{"LOCK_", []string{"flock"}},
	{"SYNC_FILE_RANGE_", []string{"sync_file_range"}},
	{"POSIX_FADV_", []string{"fadvise64"}},
	{"XATTR_", []string{"setxattr"}},
	{"SEEK_", []string{"lseek"}},
	{"MREMAP_", []string{"mremap"}},
	{"MLOCK_", []string{"mlock2"}},
	{"MCL_", []string{"mlockall"}},
	{"MEMBARRIER_CMD_", []string{"membarrier"}},
	{"GRND_", []string{"getrandom"}},
	{"EFD_", []string{"eventfd2"}},
	{"TFD_", []string{"timerfd_create", "timerfd_settime"}},
	{"SFD_", []string{"signalfd4"}},
	{"IN_", []string{"inotify_init1", "inotify_add_watch"}},
	{"FAN_", []string{"fanotify_init", "fanotify_mark"}},
	{"PIDFD_", []string{"pidfd_open", "pidfd_send_signal"}},
	{"P_", []string{"waitid"}},
	{"WNOHANG", []string{"wait4", "waitid"}},
	{"WEXITED", []string{"waitid"}},
	{"WSTOPPED", []string{"waitid"}},
	{"WCONTINUED", []string{"wait4", "waitid"}},
	{"WNOWAIT", []string{"waitid"}},
	{"SOCK_", []string{"socket", "socketpair", "accept4"}},
	{"MSG_", []string{"sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "sendto", "recvfrom"}},
	{"SO_", []string{"setsockopt", "getsockopt"}},
	{"KEYCTL_", []string{"keyctl"}},
	{"BPF_", []string{"bpf"}},
	{"RLIMIT_", []string{"prlimit64"}},
	{"CLOCK_", []string{"clock_gettime", "clock_nanosleep", "timerfd_create", "timer_create"}},
	{"TIMER_ABSTIME", []string{"clock_nanosleep", "timer_settime"}},
	{"SCHED_", []string{"sched_setattr", "sched_setscheduler"}},
	{"IOPRIO_", []string{"ioprio_set"}},
	{"MPOL_", []string{"mbind", "set_mempolicy"}},
	{"UFFD", []string{"userfaultfd"}},
	{"KCMP_", []string{"kcmp"}},
	{"FUTEX_", []string{"futex", "futex_waitv", "futex_wake"}},
	{"POLL", []string{"poll", "ppoll"}},
	{"RUSAGE_", []string{"getrusage"}},
	{"SA_", []string{"rt_sigaction"}},
	{"SS_", []string{"sigaltstack"}},
	{"PTRACE_", []string{"ptrace"}},
	{"LINUX_REBOOT_", []string{"reboot"}},
	{"LSM_", []string{"lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules"}},
	{"MNT_ID_REQ_", []string{"statmount"}},
	{"STATMOUNT_", []string{"statmount"}},
	{"LISTMOUNT_", []string{"listmount"}},
	{"FICLONE", []string{"ioctl"}},
	{"FIDEDUPERANGE", []string{"ioctl"}},
	{"FS_IOC_", []string{"ioctl"}},
	{"NS_GET_", []string{"ioctl"}},
	{"FUTEX2_", []string{"futex_waitv", "futex_wake"}},
	{"SIOC", []string{"ioctl"}},
}

// inFlagSet reports a constant name some flag set dates.
func inFlagSet(name string) bool {
	for _, s := range flagSets {
		if strings.HasPrefix(name, s.prefix) {
			return true
		}
	}
	return false
}

// flagCalls are the calls whose flag sets are dated.
func flagCalls() []string {
	seen := map[string]bool{}
	var l []string
	for _, s := range flagSets {
		for _, c := range s.calls {
			if !seen[c] {
				seen[c] = true
				l = append(l, c)
			}
		}
	}
	return l
}
