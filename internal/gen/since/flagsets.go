package main

import "strings"

// A flagSet is a family of constants of package linux (by name prefix) and the calls that
// take them. Every constant of package linux with one of these prefixes gets an entry in
// systab's since-table.
type flagSet struct {
	prefix string
	calls  []string
	// own: the constants are these calls' alone (no older call or ioctl takes them), so
	// none is older than the oldest of the calls.
	own bool
}

// flagSets are the flag, command and option sets of the most used calls. A prefix is matched
// against constant names (the longest wins for the calls; every match is dated).
var flagSets = []flagSet{
	{"O_", []string{"open", "openat", "openat2", "fcntl"}, false},
	{"RESOLVE_", []string{"openat2"}, true},
	{"AT_", []string{"openat", "fstatat", "statx", "linkat", "unlinkat", "fchownat", "faccessat2", "utimensat", "execveat", "name_to_handle_at", "open_tree", "fchmodat2", "mount_setattr", "move_mount", "getxattrat"}, false},
	{"STATX_", []string{"statx"}, true},
	{"CLONE_", []string{"clone", "clone3", "unshare", "setns"}, false},
	{"MAP_", []string{"mmap"}, false},
	{"PROT_", []string{"mmap", "mprotect", "pkey_mprotect"}, false},
	{"PKEY_", []string{"pkey_alloc"}, true},
	{"MADV_", []string{"madvise", "process_madvise"}, false},
	{"MFD_", []string{"memfd_create"}, true},
	{"RENAME_", []string{"renameat2"}, true},
	{"FALLOC_FL_", []string{"fallocate"}, true},
	{"EPOLL", []string{"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait2"}, false},
	{"IORING_", []string{"io_uring_setup", "io_uring_enter", "io_uring_register"}, true},
	{"IOSQE_", []string{"io_uring_enter"}, true},
	{"PR_", []string{"prctl"}, false},
	{"SECCOMP_", []string{"seccomp"}, false},
	{"LANDLOCK_", []string{"landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self"}, true},
	{"MOUNT_ATTR_", []string{"mount_setattr", "fsmount"}, true},
	{"MOVE_MOUNT_", []string{"move_mount"}, true},
	{"FSCONFIG_", []string{"fsconfig"}, true},
	{"FSOPEN_", []string{"fsopen"}, true},
	{"FSMOUNT_", []string{"fsmount"}, true},
	{"FSPICK_", []string{"fspick"}, true},
	{"OPEN_TREE_", []string{"open_tree"}, true},
	{"MS_", []string{"mount", "msync"}, false},
	{"MNT_", []string{"umount2"}, false},
	{"RWF_", []string{"preadv2", "pwritev2"}, true},
	{"SPLICE_F_", []string{"splice", "tee", "vmsplice"}, true},
	{"CLOSE_RANGE_", []string{"close_range"}, true},
	{"F_", []string{"fcntl"}, false},
	{"LOCK_", []string{"flock"}, false},
	{"SYNC_FILE_RANGE_", []string{"sync_file_range"}, true},
	{"POSIX_FADV_", []string{"fadvise64"}, false},
	{"XATTR_", []string{"setxattr"}, false},
	{"SEEK_", []string{"lseek"}, false},
	{"MREMAP_", []string{"mremap"}, false},
	{"MLOCK_", []string{"mlock2"}, true},
	{"MCL_", []string{"mlockall"}, false},
	{"MEMBARRIER_CMD_", []string{"membarrier"}, true},
	{"GRND_", []string{"getrandom"}, true},
	{"EFD_", []string{"eventfd2"}, true},
	{"TFD_", []string{"timerfd_create", "timerfd_settime"}, true},
	{"SFD_", []string{"signalfd4"}, true},
	{"IN_", []string{"inotify_init1", "inotify_add_watch"}, false},
	{"FAN_", []string{"fanotify_init", "fanotify_mark"}, false},
	{"PIDFD_", []string{"pidfd_open", "pidfd_send_signal"}, false},
	{"P_", []string{"waitid"}, false},
	{"WNOHANG", []string{"wait4", "waitid"}, false},
	{"WEXITED", []string{"waitid"}, false},
	{"WSTOPPED", []string{"waitid"}, false},
	{"WCONTINUED", []string{"wait4", "waitid"}, false},
	{"WNOWAIT", []string{"waitid"}, false},
	{"SOCK_", []string{"socket", "socketpair", "accept4"}, false},
	{"MSG_", []string{"sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "sendto", "recvfrom"}, false},
	{"SO_", []string{"setsockopt", "getsockopt"}, false},
	{"KEYCTL_", []string{"keyctl"}, false},
	{"BPF_", []string{"bpf"}, false},
	{"RLIMIT_", []string{"prlimit64"}, false},
	{"CLOCK_", []string{"clock_gettime", "clock_nanosleep", "timerfd_create", "timer_create"}, false},
	{"TIMER_ABSTIME", []string{"clock_nanosleep", "timer_settime"}, false},
	{"SCHED_", []string{"sched_setattr", "sched_setscheduler"}, false},
	{"IOPRIO_", []string{"ioprio_set"}, false},
	{"MPOL_", []string{"mbind", "set_mempolicy"}, false},
	{"UFFD", []string{"userfaultfd"}, true},
	{"KCMP_", []string{"kcmp"}, true},
	{"FUTEX_", []string{"futex", "futex_waitv", "futex_wake"}, false},
	{"POLL", []string{"poll", "ppoll"}, false},
	{"RUSAGE_", []string{"getrusage"}, false},
	{"SA_", []string{"rt_sigaction"}, false},
	{"SS_", []string{"sigaltstack"}, false},
	{"PTRACE_", []string{"ptrace"}, false},
	{"LINUX_REBOOT_", []string{"reboot"}, false},
	{"LSM_", []string{"lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules"}, true},
	{"MNT_ID_REQ_", []string{"statmount"}, true},
	{"STATMOUNT_", []string{"statmount"}, true},
	{"LISTMOUNT_", []string{"listmount"}, true},
	{"FICLONE", []string{"ioctl"}, false},
	{"FIDEDUPERANGE", []string{"ioctl"}, false},
	{"FS_IOC_", []string{"ioctl"}, false},
	{"NS_GET_", []string{"ioctl"}, false},
	{"FUTEX2_", []string{"futex_waitv", "futex_wake"}, true},
	{"SIOC", []string{"ioctl"}, false},
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
