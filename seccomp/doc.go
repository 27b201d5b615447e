// Package seccomp builds, checks and installs seccomp filters in pure Go, for any of the
// 13 Linux arches Go supports, from any build.
//
// A Policy names system calls as the target arch's table does (package systab): rules
// with argument conditions and actions, a default action, the conventions it accepts.
// Compile turns it into classic BPF, the []Instruction that seccomp(2) loads:
//
//	p := &seccomp.Policy{Arch: "arm64", Default: seccomp.Errno(1)} // EPERM
//	p.AddAll(seccomp.Allow, "read", "write", "close", "exit_group", "futex")
//	p.Add(seccomp.Allow, "ioctl", seccomp.Arg(1).Ne(0x5412)) // all but TIOCSTI
//	p.Add(seccomp.Errno(38), "openat2")                     // ENOSYS: let callers fall back
//	prog, err := p.Compile()
//
// What the filter does:
//
//   - It checks seccomp_data.arch first: a call made with another convention (the i386
//     int $0x80 entry from an amd64 program, AArch32 on arm64, o32 on mips64) gets
//     BadArch (KillProcess unless set) unless the policy has a Compat section for it.
//     On amd64, x32 numbers (0x40000000 set, AUDIT_ARCH_X86_64) get BadArch too unless a
//     rule names them by number.
//   - Rules of one call are tried in order, the first whose conditions all hold decides;
//     a rule after an unconditional one of the same call is an error (never reached).
//   - Conditions compare an argument (==, !=, <, <=, >, >=, masked ==), unsigned, on its
//     width: on a 32-bit arch the low 32 bits of seccomp_data's argument; on a 64-bit arch
//     the low 32 bits for arguments whose C type is 32 bits or narrower (int, unsigned
//     int, pid_t: the kernel ignores the high half, so a rule comparing 64 bits could be
//     slipped past), both halves for the rest (pointers, long, size_t, loff_t).
//   - The layout is a binary search over the call numbers, so policies of 400 and more
//     rules stay far below the kernel's 4096 instructions and run in about 20 of them.
//
// Run and Program.Run interpret a program over a Data (struct seccomp_data) as the kernel
// does, so that a policy can be tested without loading it; Decide evaluates the policy
// itself, without BPF; Validate applies the kernel's rules for accepting a filter;
// Disassemble prints a program. ParsePolicy reads policies as text, JSON, or OCI/Docker
// seccomp profiles. On Linux, Program.Install sets no_new_privs and installs the filter
// (TSync for every thread of the Go program, NewListener for user notification: Receive,
// Respond, Continue), ActionAvailable and Status ask the kernel what it supports and
// what is installed.
//
// The tests check the compiled programs against Decide for policies of every arch, and
// the interpreter against the kernel itself (child processes that install filters and
// make calls), and have the kernel load every program they compile.
package seccomp
