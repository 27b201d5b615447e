// Package linux is the Linux system-call interface for Go, on every Linux arch Go supports:
// the system-call numbers (SYS_*), the kernel ABI (the structs system calls take and return,
// and the constants of the UAPI headers), the error numbers, and the vDSO calls
// (ClockGettime, ClockGetres, Gettimeofday, Time, Getcpu, Getrandom, and RiscvHwprobe on
// riscv64), which run without entering the kernel where the vDSO offers the function. The
// system calls themselves are made through package raw, whose error values are honest: an
// error is exactly a kernel return in [-4095, -1].
//
// # System calls
//
// Every row of every arch's syscall table has a typed wrapper named after it in CamelCase
// (openat2 is Openat2, close_range CloseRange, _llseek Llseek), on every arch whose table has
// the row, unless it cannot be made safe in Go, in which case it is reachable through package
// raw with SYS_* and systab.WrapperOf says why (go run ./cmd/rawlinux coverage lists them).
// The wrappers are generated from spec/*.spec (spec/README.md is the reference):
//
//		fd, err := linux.Openat(linux.AT_FDCWD, "/etc/hostname", linux.O_RDONLY|linux.O_CLOEXEC, 0)
//		n, err := linux.Pread64(fd, buf, off)
//		st, err := linux.Fstat(fd)
//		stx, err := linux.Statx(linux.AT_FDCWD, path, 0, linux.STATX_BASIC_STATS)
//		err = linux.Close(fd)
//
//	  - Out-parameters are results; a call that only returns 0 returns just an error; a call
//	    that cannot fail returns no error (Getpid, Umask). Errors are Errno values (see raw):
//	    errors.Is(err, fs.ErrNotExist) holds for ENOENT.
//	  - Descriptors are FD (convert with FD(n), int(fd); fd.File and FileFD for *os.File),
//	    process ids PID, user and group ids UID and GID, modes Mode; each flag set has its own
//	    type with a String method (O_RDONLY|O_CLOEXEC).
//	  - Paths and names are Go strings: a NUL byte inside is EINVAL, never a shorter path;
//	    strings of up to 255 bytes reach the kernel without a heap allocation. Buffers are
//	    slices whose length the kernel is told; versioned structs (open_how, statx, xattr_args)
//	    pass their real size.
//	  - Portable names make the right row on each arch (Fstatat, Pread, Seek, Fadvise,
//	    SyncFileRange). On 32-bit arches the canonical names use the wide rows (Fstat makes
//	    fstat64 into the large-file Stat_t, Chown makes chown32, Utimensat makes
//	    utimensat_time64); the narrow rows have names of their own with a suffix (Fstat32,
//	    Chown16, UtimensatTime32).
//	  - Calls that can sleep tell the Go scheduler (raw.Syscall); the few that never block use
//	    raw.RawSyscall. Each doc comment links the man page.
//
// Numbers, constants and struct layouts are generated from the kernel's own syscall tables
// and UAPI headers (see internal/gen) and verified per arch against the C compiler and the
// tables (internal/abitest).
//
// # The kernel ABI in Go
//
// Every struct that a system call takes or returns is generated per arch from the UAPI
// headers (or, for the few the kernel keeps out of them, such as struct user_msghdr, from a
// C prelude written from the kernel's definition), field by field at the offsets clang-19
// computes for that arch. Every struct starts with a structs.HostLayout field: its layout
// is the platform's. Where gc would align a field differently from C (int64 is 4-aligned
// under gc on 386, arm, mips and mipsle; packed structs such as epoll_event on x86), the
// generator inserts explicit padding, or stores the field as a byte array with Get/Set
// accessors. Sizes and field offsets therefore equal C's on every arch; a struct's
// alignment equals C's except where gc cannot express it (8 on 32-bit arches: gc aligns at
// most to 4 there; packed structs, which gc aligns like their aligned fields). Every field's
// type has C's signedness and width.
//
// Names (internal/gen/abi/spec has the rule and the lists):
//   - struct X is CamelCase(X): '_' splits words, each capitalised, with id, uid, gid, pid,
//     tid, fd, cpu, ip, tsc and ns in capitals (struct open_how is OpenHow, struct
//     futex_waitv FutexWaitv); _t is appended when X is also the name of a system call
//     (Stat_t, Statx_t, Statfs_t, Sysinfo_t, Rseq_t, Cachestat_t, Statmount_t, Sigaction_t,
//     RiscvHwprobe_t). Renames: Timespec (struct __kernel_timespec), Timeval
//     (__kernel_old_timeval), Itimerspec, Itimerval, Timex (the __kernel_ time types),
//     Utsname (new_utsname), Msghdr (the kernel's user_msghdr), Sigset (the kernel's
//     sigset_t: _NSIG bits), SockaddrStorage, Fsid, CapUserHeader, CapUserData.
//   - Fields: the prefix that all fields of the struct share is dropped (st_, tv_, sin6_),
//     then CamelCase; fields whose C name starts with "__" (padding, reserved) are blank.
//   - C char is byte on every arch (its signedness varies between arches).
//   - Unions: a named union is Raw [size]byte with methods per member (value getters and
//     setters, or pointer views for structs and arrays). The anonymous per-command structs
//     of union bpf_attr are types of their own, named after their command, reached through
//     views of the same bytes: BpfAttr.MapCreate() is the *BpfAttrMapCreate of
//     BPF_MAP_CREATE, ProgLoad() that of BPF_PROG_LOAD, as are the named ones
//     (LinkCreate(), Batch()...), so a BpfAttr always has the union's real size.
//     An anonymous union inside a struct is its widest member as a field, the other members
//     being methods (PerfEventAttr.SamplePeriod is a field, SampleFreq()/SetSampleFreq()
//     methods).
//   - Bit-fields: a storage field (Bits, Bits1...) with a getter and setter per bit-field
//     (PerfEventAttr.Disabled(), SetDisabled), shifts computed from clang's layout and the
//     arch's byte order.
//
// Constants keep their kernel names. Where the kernel means a distinct thing, they have a
// distinct type (ClockID, Signal, OpenFlags, AtFlags, CloneFlags, MapFlags, Prot, BpfCmd...),
// so that passing one kind where another is expected does not compile; convert explicitly
// (OpenFlags(x), uint64(CLONE_PIDFD)) where an integer is needed or given. A value that does
// not fit its group's type on an arch stays untyped there; everything else is an untyped
// constant.
//
// # Files
//
// The generated files are z*_linux.go for what is the same on every arch,
// z*_linux_<set>.go for what a set of arches shares (the sets are listed in
// internal/gen/gofile and in the README: 64bit, 32bit, notmips, generic, gentab, le, be,
// mipsany, mipsx, mips64x, ppc64x; archtab and regpair for the wrappers), and
// z*_linux_<arch>.go for the rest: ztypes (structs and the typed groups' types), zconst,
// zstring (the typed groups' String methods), zsysnum, zerrno, zsyscall (the wrappers). The vDSO calls are in vdso_*.go, named by the arch
// group they serve (see vdso_linux.go).
package linux

// Regenerate every generated file from the pinned kernel packages (internal/gen/deps.lock).
//go:generate bash internal/gen/generate.sh
