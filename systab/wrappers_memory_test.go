package systab

// The rows of issue 11 (typed wrappers 3/4: memory, futexes, clocks and timers, System V
// and POSIX IPC), as the issue lists them.
func init() {
	issueGroups["memory"] = `brk mmap mmap2 munmap mremap mprotect pkey_mprotect pkey_alloc pkey_free madvise
process_madvise mlock mlock2 munlock mlockall munlockall mincore msync remap_file_pages mbind set_mempolicy
get_mempolicy set_mempolicy_home_node migrate_pages move_pages memfd_create memfd_secret mseal
map_shadow_stack userfaultfd process_mrelease futex futex_time64 futex_waitv futex_wake futex_wait
futex_requeue clock_gettime clock_gettime64 clock_getres clock_getres_time64 clock_settime clock_settime64
clock_adjtime clock_adjtime64 clock_nanosleep clock_nanosleep_time64 nanosleep gettimeofday settimeofday
adjtimex time stime getcpu timer_create timer_settime timer_settime64 timer_gettime timer_gettime64
timer_getoverrun timer_delete timerfd_create timerfd_settime timerfd_settime64 timerfd_gettime
timerfd_gettime64 getitimer setitimer alarm msgget msgsnd msgrcv msgctl semget semop semtimedop
semtimedop_time64 semctl shmget shmat shmdt shmctl ipc mq_open mq_unlink mq_timedsend mq_timedsend_time64
mq_timedreceive mq_timedreceive_time64 mq_notify mq_getsetattr`
}
