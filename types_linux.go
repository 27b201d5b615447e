package linux

// The kernel ABI in Go: ztypes_linux_<arch>.go, zconst_linux_<arch>.go (internal/gen/abi).
//
// Every struct that a system call takes or returns is generated per arch from the UAPI
// headers (or, for the few the kernel keeps out of them, such as struct user_msghdr, from a
// C prelude written from the kernel's definition), field by field at the offsets clang-19
// computes for that arch. Where gc would align a field differently from C (int64 is
// 4-aligned under gc on 386, arm, mips and mipsle; packed structs such as epoll_event on
// x86), the generator inserts explicit padding, or stores the field as a byte array with
// Get/Set accessors. Sizes and field offsets therefore equal C's on every arch; a struct's
// alignment equals C's except where gc cannot express it (8 on 32-bit arches: gc aligns at
// most to 4 there; packed structs, which gc aligns like their aligned fields).
//
// Names:
//   - struct X -> CamelCase(X): '_' splits words, each capitalised, with id, uid, gid, pid,
//     tid, fd, cpu, ip, tsc and ns in capitals (struct open_how -> OpenHow, struct
//     futex_waitv -> FutexWaitv); _t is appended when X is also the name of a system call
//     (Stat_t, Statx_t, Statfs_t, Sysinfo_t, Rseq_t, Cachestat_t, Statmount_t, Sigaction_t).
//     Renames: Timespec (struct __kernel_timespec), Timeval (__kernel_old_timeval),
//     Itimerspec, Itimerval, Timex (the __kernel_ time types), Utsname (new_utsname),
//     Msghdr (the kernel's user_msghdr), Sigset (the kernel's sigset_t: _NSIG bits),
//     SockaddrStorage, Fsid, CapUserHeader, CapUserData.
//   - Fields: the prefix that all fields of the struct share is dropped (st_, tv_, sin6_),
//     then CamelCase; fields whose C name starts with "__" (padding, reserved) are blank.
//   - C char is byte on every arch (its signedness varies between arches).
//   - Unions: a named union is Raw [size]byte with methods per member (value getters and
//     setters, or pointer views for structs and arrays); bpf_attr's per-command anonymous
//     structs are types of their own (BpfAttrMapType for BPF_MAP_CREATE, ...) reached with
//     AsX() views of the same bytes, so a BpfAttr always has the union's real size.
//     An anonymous union inside a struct is its widest member as a field, the other members
//     being methods (PerfEventAttr.SamplePeriod is a field, SampleFreq()/SetSampleFreq()
//     methods).
//   - Bit-fields: a storage field (Bits, Bits1...) with a getter and setter per bit-field
//     (PerfEventAttr.Disabled(), SetDisabled), shifts computed from clang's layout and the
//     arch's byte order.
//   - Constants keep their kernel names. Where the kernel means a distinct thing, they have
//     a distinct type, so that passing one kind where another is expected does not compile;
//     convert explicitly (OpenFlags(x), uint64(CLONE_PIDFD)) where an integer is needed or
//     given. Untyped constants are everything else.

// OpenFlags are the O_* flags of open, openat and open_how.flags.
type OpenFlags int32

// ResolveFlags are the RESOLVE_* flags of open_how.resolve (openat2).
type ResolveFlags uint64

// AtFlags are the AT_* flags of the *at system calls (AT_FDCWD, a file descriptor, is
// untyped).
type AtFlags int32

// CloneFlags are the CLONE_* flags of clone and clone3 (clone_args.flags is 64-bit).
type CloneFlags uint64

// MapFlags are the MAP_* flags of mmap.
type MapFlags uint32

// Prot is the PROT_* protection of mmap and mprotect.
type Prot int32

// MadviseAdvice is the MADV_* advice of madvise and process_madvise.
type MadviseAdvice int32

// MemfdFlags are the MFD_* flags of memfd_create.
type MemfdFlags uint32

// StatxMask is the STATX_* mask of statx (statx.stx_mask).
type StatxMask uint32

// StatxAttr are the STATX_ATTR_* attributes of statx.stx_attributes.
type StatxAttr uint64

// EpollEvents are the EPOLL* event bits of epoll_event.events.
type EpollEvents uint32

// EpollCtlOp is an EPOLL_CTL_* operation of epoll_ctl.
type EpollCtlOp int32

// EpollCreateFlags are the flags of epoll_create1 (EPOLL_CLOEXEC).
type EpollCreateFlags int32

// BpfCmd is a command of bpf(2) (enum bpf_cmd).
type BpfCmd int32

// BpfMapType is enum bpf_map_type.
type BpfMapType uint32

// BpfProgType is enum bpf_prog_type.
type BpfProgType uint32

// BpfAttachType is enum bpf_attach_type.
type BpfAttachType uint32

// RlimitResource is an RLIMIT_* resource of getrlimit, setrlimit and prlimit64.
type RlimitResource int32

// MountAttrFlags are the MOUNT_ATTR_* flags of mount_attr and fsmount.
type MountAttrFlags uint64

// MoveMountFlags are the MOVE_MOUNT_* flags of move_mount.
type MoveMountFlags uint32

// FsconfigCmd is an FSCONFIG_* command of fsconfig (enum fsconfig_command).
type FsconfigCmd uint32

// IoUringOp is an io_uring opcode (io_uring_sqe.opcode, enum io_uring_op).
type IoUringOp uint8

// IoUringRegisterOp is an io_uring_register opcode (enum io_uring_register_op).
type IoUringRegisterOp uint32

// IoUringEnterFlags are the IORING_ENTER_* flags of io_uring_enter.
type IoUringEnterFlags uint32

// IoUringSetupFlags are the IORING_SETUP_* flags of io_uring_params.flags.
type IoUringSetupFlags uint32

// IoUringFeatures are the IORING_FEAT_* bits of io_uring_params.features.
type IoUringFeatures uint32
