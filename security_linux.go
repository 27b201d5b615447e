//go:build linux

package linux

import (
	"bytes"
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Seccomp, Landlock, LSM attributes and the prctl options that sandboxes use: helpers over
// the typed calls, and the calls whose size arguments need judgement.

// SeccompSetFilter installs the classic-BPF program filter (SECCOMP_SET_MODE_FILTER) with
// flags; without SECCOMP_FILTER_FLAG_TSYNC on the calling thread only (see Seccomp). With
// SECCOMP_FILTER_FLAG_NEW_LISTENER it returns the notification descriptor, else -1.
func SeccompSetFilter(flags SeccompFilterFlags, filter []SockFilter) (FD, error) {
	if len(filter) == 0 || len(filter) > 0xffff {
		return -1, EINVAL
	}
	prog := SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	r, err := Seccomp(SECCOMP_SET_MODE_FILTER, flags, unsafe.Pointer(&prog))
	runtime.KeepAlive(filter)
	if err != nil {
		return -1, err
	}
	if flags&SECCOMP_FILTER_FLAG_NEW_LISTENER == 0 {
		return -1, nil
	}
	return FD(r), nil
}

// LandlockCreateRuleset returns a new Landlock ruleset handling the access rights of attr
// (the struct's real size is passed); with attr nil and LANDLOCK_CREATE_RULESET_VERSION it
// returns the ABI version the kernel implements (as an FD-typed number), with
// LANDLOCK_CREATE_RULESET_ERRATA the bit mask of fixed errata. LandlockABIVersion asks the
// version.
//
// See [landlock_create_ruleset(2)].
//
// [landlock_create_ruleset(2)]: https://man7.org/linux/man-pages/man2/landlock_create_ruleset.2.html
func LandlockCreateRuleset(attr *LandlockRulesetAttr, flags LandlockCreateFlags) (FD, error) {
	size := uintptr(0)
	if attr != nil {
		size = unsafe.Sizeof(*attr)
	}
	r, _, e := raw.Syscall(SYS_LANDLOCK_CREATE_RULESET, uintptr(unsafe.Pointer(attr)), size, uintptr(flags))
	if e != 0 {
		return -1, e
	}
	return FD(r), nil
}

// LandlockABIVersion returns the Landlock ABI version the kernel implements (EOPNOTSUPP:
// Landlock is built in but not enabled at boot).
func LandlockABIVersion() (int, error) {
	v, err := LandlockCreateRuleset(nil, LANDLOCK_CREATE_RULESET_VERSION)
	return int(v), err
}

// LandlockAddPathBeneath adds to ruleset the rule that the hierarchy below the directory
// (or the file) parentFD refers to (O_PATH is enough) allows access.
func LandlockAddPathBeneath(ruleset FD, parentFD FD, access LandlockAccessFS) error {
	attr := LandlockPathBeneathAttr{ParentFD: int32(parentFD)}
	// allowed_access is at offset 0, an [8]byte on the 64-bit arches where the packed
	// struct leaves it unaligned for Go: its bytes are copied.
	*(*[8]byte)(unsafe.Pointer(&attr)) = *(*[8]byte)(unsafe.Pointer(&access))
	return LandlockAddRule(ruleset, LANDLOCK_RULE_PATH_BENEATH, unsafe.Pointer(&attr), 0)
}

// LandlockAddNetPort adds to ruleset the rule that access (binding, connecting) to TCP or
// UDP port is allowed.
func LandlockAddNetPort(ruleset FD, port uint16, access LandlockAccessNet) error {
	attr := LandlockNetPortAttr{AllowedAccess: access, Port: uint64(port)}
	return LandlockAddRule(ruleset, LANDLOCK_RULE_NET_PORT, unsafe.Pointer(&attr), 0)
}

// LsmGetSelfAttr writes the calling thread's attribute attr (LSM_ATTR_CURRENT,
// LSM_ATTR_EXEC...) of every security module that has one into buf as struct lsm_ctx
// records and returns how many and their total size; E2BIG with size: the size buf needs
// (LsmCtxs splits the records). LSM_FLAG_SINGLE asks one module, named by the ID of the
// LsmCtx at the start of buf.
//
// See [lsm_get_self_attr(2)].
//
// [lsm_get_self_attr(2)]: https://man7.org/linux/man-pages/man2/lsm_get_self_attr.2.html
func LsmGetSelfAttr(attr LsmAttr, buf []byte, flags LsmFlags) (n int, size int, err error) {
	sz := uint32(len(buf))
	if uint64(len(buf)) > 1<<32-1 {
		sz = 1<<32 - 1
	}
	r, _, e := raw.Syscall6(SYS_LSM_GET_SELF_ATTR, uintptr(attr), uintptr(sliceData(buf)), uintptr(unsafe.Pointer(&sz)), uintptr(flags), 0, 0)
	runtime.KeepAlive(buf)
	if e != 0 {
		return 0, int(sz), e
	}
	return int(r), int(sz), nil
}

// An LsmCtxRecord is one struct lsm_ctx of a buffer from LsmGetSelfAttr.
type LsmCtxRecord struct {
	ID    LsmID
	Flags uint64
	Ctx   []byte // the context (for most modules a NUL-terminated string), in the buffer
}

// String returns the context up to its first NUL byte.
func (r LsmCtxRecord) String() string {
	if i := bytes.IndexByte(r.Ctx, 0); i >= 0 {
		return string(r.Ctx[:i])
	}
	return string(r.Ctx)
}

// LsmCtxs splits the first n records of buf (LsmGetSelfAttr's results: n records in
// buf[:size]); it stops at a record that does not fit.
func LsmCtxs(buf []byte, n int) []LsmCtxRecord {
	var out []LsmCtxRecord
	hdr := int(unsafe.Sizeof(LsmCtx{}))
	for i := 0; i < n && len(buf) >= hdr; i++ {
		var c LsmCtx
		copy((*[unsafe.Sizeof(LsmCtx{})]byte)(unsafe.Pointer(&c))[:], buf)
		if c.Len < uint64(hdr) || c.Len > uint64(len(buf)) || c.CtxLen > c.Len-uint64(hdr) {
			break
		}
		out = append(out, LsmCtxRecord{ID: LsmID(c.ID), Flags: c.Flags, Ctx: buf[hdr : hdr+int(c.CtxLen)]})
		buf = buf[c.Len:]
	}
	return out
}

// LsmListModules writes the ids of the active security modules (LSM_ID_*) into ids and
// returns how many, in the order the kernel calls them; E2BIG: ids is too short, and n says
// how many it needs.
//
// See [lsm_list_modules(2)].
//
// [lsm_list_modules(2)]: https://man7.org/linux/man-pages/man2/lsm_list_modules.2.html
func LsmListModules(ids []LsmID) (n int, err error) {
	sz := uint32(len(ids) * 8)
	r, _, e := raw.Syscall(SYS_LSM_LIST_MODULES, uintptr(sliceData(ids)), uintptr(unsafe.Pointer(&sz)), 0)
	runtime.KeepAlive(ids)
	if e != 0 {
		return int(sz / 8), e
	}
	return int(r), nil
}

// PrctlSetName sets the calling thread's name (PR_SET_NAME: the comm of /proc/self/task/
// TID/comm, up to 15 bytes; longer names are cut).
func PrctlSetName(name string) error {
	var buf cbuf
	p, err := cstring(name, &buf)
	if err != nil {
		return err
	}
	// The address of buf, on this stack, is converted in the call expression of the
	// assembly call (as in the generated wrappers), never passed on as a uintptr to a Go
	// function whose stack growth could move buf first.
	_, _, e := raw.Syscall6(SYS_PRCTL, uintptr(PR_SET_NAME), uintptr(p), 0, 0, 0, 0)
	return errnoErr(e)
}

// PrctlGetName returns the calling thread's name (PR_GET_NAME).
func PrctlGetName() (string, error) {
	var buf [16]byte
	if _, _, e := raw.Syscall6(SYS_PRCTL, uintptr(PR_GET_NAME), uintptr(unsafe.Pointer(&buf)), 0, 0, 0, 0); e != 0 {
		return "", e
	}
	n := bytes.IndexByte(buf[:], 0)
	if n < 0 {
		n = len(buf)
	}
	return string(buf[:n]), nil
}

// PrctlSetNoNewPrivs sets no_new_privs on the calling thread (PR_SET_NO_NEW_PRIVS): execve
// then never grants privileges (set-user-id bits, file capabilities), which seccomp and
// Landlock require of unprivileged callers. It cannot be unset, and the threads and
// processes the thread creates inherit it: set it on a locked thread.
func PrctlSetNoNewPrivs() error {
	_, err := Prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
	return err
}

// PrctlSetPdeathsig makes sig (0: none) the signal the calling process gets when the
// thread that created it exits (PR_SET_PDEATHSIG).
func PrctlSetPdeathsig(sig Signal) error {
	_, err := Prctl(PR_SET_PDEATHSIG, uintptr(sig), 0, 0, 0)
	return err
}

// PtraceGetSyscallInfo returns the system call tracee pid is stopped in
// (PTRACE_GET_SYSCALL_INFO; info.Op says whether at its entry, exit or a seccomp stop) and
// the size the kernel filled.
func PtraceGetSyscallInfo(pid PID) (info PtraceSyscallInfo, n int, err error) {
	r1, _, e := raw.Syscall6(SYS_PTRACE, uintptr(PTRACE_GET_SYSCALL_INFO), uintptr(pid), unsafe.Sizeof(info), uintptr(unsafe.Pointer(&info)), 0, 0)
	if e != 0 {
		return info, 0, e
	}
	return info, int(r1), nil
}
