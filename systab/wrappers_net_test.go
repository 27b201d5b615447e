package systab

// The rows of the net group (spec/net.spec), as issue 12 lists them, and arm's private
// calls, which its table does not list but this package does.
func init() {
	issueGroups["net"] = `socket socketpair bind connect listen accept accept4 getsockname getpeername sendto
recvfrom send recv sendmsg recvmsg sendmmsg recvmmsg recvmmsg_time64 setsockopt getsockopt shutdown
socketcall epoll_create epoll_create1 epoll_ctl epoll_wait epoll_pwait epoll_pwait2 eventfd eventfd2
signalfd signalfd4 poll ppoll ppoll_time64 select _newselect pselect6 pselect6_time64 pipe pipe2
inotify_init inotify_init1 inotify_add_watch inotify_rm_watch fanotify_init fanotify_mark io_setup
io_destroy io_submit io_cancel io_getevents io_pgetevents io_pgetevents_time64 io_uring_setup
io_uring_enter io_uring_register bpf perf_event_open add_key request_key keyctl getrandom arch_prctl
modify_ldt get_thread_area set_thread_area ioperm iopl vm86 vm86old uprobe uretprobe
riscv_flush_icache riscv_hwprobe cachectl cacheflush sysmips s390_guarded_storage s390_pci_mmio_read
s390_pci_mmio_write s390_runtime_instr s390_sthyi rtas spu_create spu_run subpage_prot swapcontext
switch_endian pciconfig_iobase pciconfig_read pciconfig_write syscall unused59 unused109
breakpoint usr26 usr32 set_tls get_tls`
}
