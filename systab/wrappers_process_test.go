package systab

// The table names of issue 10 (processes, credentials, signals, scheduling, limits,
// namespaces, the mount API, security modules, system administration).
func init() {
	issueGroups["process"] = `getpid getppid gettid getuid geteuid getgid getegid getuid32 geteuid32 getgid32 getegid32 setuid
setgid setreuid setregid setresuid setresgid getresuid getresgid setfsuid setfsgid setuid32
setgid32 setreuid32 setregid32 setresuid32 setresgid32 getresuid32 getresgid32 setfsuid32
setfsgid32 getgroups setgroups getgroups32 setgroups32 capget capset prctl personality getpgid
setpgid getpgrp setsid getsid kill tkill tgkill rt_sigaction rt_sigprocmask rt_sigpending
rt_sigtimedwait rt_sigtimedwait_time64 rt_sigqueueinfo rt_tgsigqueueinfo rt_sigsuspend rt_sigreturn
sigaction sigprocmask sigpending sigsuspend sigreturn signal sgetmask ssetmask sigaltstack pause
restart_syscall exit exit_group wait4 waitid waitpid clone clone3 fork vfork execve execveat
pidfd_open pidfd_getfd pidfd_send_signal sched_setaffinity sched_getaffinity sched_setattr
sched_getattr sched_yield sched_get_priority_max sched_get_priority_min sched_rr_get_interval
sched_rr_get_interval_time64 sched_setscheduler sched_getscheduler sched_setparam sched_getparam
getpriority setpriority nice ioprio_get ioprio_set getrlimit setrlimit ugetrlimit prlimit64
getrusage times uname olduname oldolduname sethostname setdomainname sysinfo syslog setns unshare
listns seccomp landlock_create_ruleset landlock_add_rule landlock_restrict_self lsm_get_self_attr
lsm_set_self_attr lsm_list_modules ptrace kcmp process_vm_readv process_vm_writev set_tid_address
set_robust_list get_robust_list rseq rseq_slice_yield membarrier mount umount umount2 fsopen
fsconfig fsmount fspick move_mount open_tree open_tree_attr mount_setattr statmount listmount
pivot_root acct reboot kexec_load kexec_file_load init_module finit_module delete_module vhangup
swapon swapoff quotactl quotactl_fd uselib`
}
