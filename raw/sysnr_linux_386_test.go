package raw_test

// The standard library reaches the socket calls through socketcall on 386 and has no
// SYS_RECVFROM there; the direct call (Linux 4.3) is number 371 in
// arch/x86/entry/syscalls/syscall_32.tbl.
const sysRecvfrom = 371
