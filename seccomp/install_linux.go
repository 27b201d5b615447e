package seccomp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

// Flags are the SECCOMP_FILTER_FLAG_* bits of seccomp(SECCOMP_SET_MODE_FILTER), plus
// KeepPrivileges.
type Flags uint

const (
	// TSync installs the filter on every thread of the process (the Go runtime's threads
	// included) at once, and fails if a thread has a filter the caller's does not descend
	// from (Linux 3.17).
	TSync Flags = Flags(linux.SECCOMP_FILTER_FLAG_TSYNC)
	// LogFlag logs every action but allow (Linux 4.14).
	LogFlag Flags = Flags(linux.SECCOMP_FILTER_FLAG_LOG)
	// SpecAllow leaves the speculative-store-bypass mitigation off (Linux 4.17).
	SpecAllow Flags = Flags(linux.SECCOMP_FILTER_FLAG_SPEC_ALLOW)
	// NewListener makes Install return the user-notification descriptor that UserNotif
	// actions report to (Linux 5.0).
	NewListener Flags = Flags(linux.SECCOMP_FILTER_FLAG_NEW_LISTENER)
	// TSyncESRCH makes a TSync failure ESRCH instead of the failing thread's id (Linux
	// 5.7); Install adds it when TSync and NewListener are asked together, which the kernel
	// refuses otherwise.
	TSyncESRCH Flags = Flags(linux.SECCOMP_FILTER_FLAG_TSYNC_ESRCH)
	// WaitKillableRecv makes a notified call wait killably once the supervisor has
	// received it (Linux 5.19).
	WaitKillableRecv Flags = Flags(linux.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)
	// KeepPrivileges leaves no_new_privs alone: the caller must have CAP_SYS_ADMIN, and
	// set-user-id programs it executes keep their privileges under the filter.
	KeepPrivileges Flags = 1 << 31
)

// SockFilters returns the program as package linux's struct sock_filter, the same layout
// as Instruction (a conversion, no copy): for linux.SeccompSetFilter and
// PTRACE_SECCOMP_GET_FILTER users.
func (p *Program) SockFilters() []linux.SockFilter { return sockFilters(p.Instructions) }

func sockFilters(prog []Instruction) []linux.SockFilter {
	if len(prog) == 0 {
		return nil
	}
	return unsafe.Slice((*linux.SockFilter)(unsafe.Pointer(&prog[0])), len(prog))
}

// Install loads the program as a seccomp filter of the calling thread, or of every thread
// with TSync, after setting no_new_privs (prctl PR_SET_NO_NEW_PRIVS, unless
// KeepPrivileges), and returns the user-notification descriptor with NewListener (else
// -1). The filter stays for the life of the thread (with TSync, of the process) and of
// every process it starts.
//
// A Go program should use TSync: without it only the calling thread is filtered, and a
// goroutine that is not locked to its thread (runtime.LockOSThread) can move to another
// one at any time.
//
// The program's arch must be the running one (a filter for another arch would answer
// BadArch to every call). On a kernel older than 3.17, which has no seccomp(2), a filter
// without flags is installed with prctl(PR_SET_SECCOMP) instead.
func (p *Program) Install(flags Flags) (int, error) {
	if string(p.Arch) != runtime.GOARCH {
		return -1, fmt.Errorf("seccomp: a filter for %s cannot be installed by a %s program", p.Arch, runtime.GOARCH)
	}
	return InstallInstructions(p.Instructions, flags)
}

// InstallInstructions is Install for a program given as instructions (a program written
// by hand, or read from elsewhere). It does not check the arch.
func InstallInstructions(prog []Instruction, flags Flags) (int, error) {
	if len(prog) == 0 || len(prog) > MaxInstructions {
		return -1, fmt.Errorf("seccomp: %d instructions (1 to %d)", len(prog), MaxInstructions)
	}
	if flags&KeepPrivileges == 0 {
		if err := SetNoNewPrivs(); err != nil {
			return -1, err
		}
	}
	flags &^= KeepPrivileges
	if flags&TSync != 0 && flags&NewListener != 0 {
		flags |= TSyncESRCH
	}
	sf := sockFilters(prog)
	fprog := linux.SockFprog{Len: uint16(len(sf)), Filter: &sf[0]}
	r, err := linux.Seccomp(linux.SECCOMP_SET_MODE_FILTER, linux.SeccompFilterFlags(flags), unsafe.Pointer(&fprog))
	if errors.Is(err, linux.ENOSYS) && flags == 0 {
		// Linux 3.5 to 3.16: the prctl interface.
		_, err = linux.Prctl(linux.PR_SET_SECCOMP, linux.SECCOMP_MODE_FILTER, uintptr(unsafe.Pointer(&fprog)), 0, 0)
	}
	runtime.KeepAlive(prog)
	if err != nil {
		return -1, fmt.Errorf("seccomp(SECCOMP_SET_MODE_FILTER, %#x): %w", uintptr(flags), err)
	}
	if flags&NewListener != 0 {
		return int(r), nil
	}
	if flags&TSync != 0 && r != 0 {
		return -1, fmt.Errorf("seccomp: thread %d cannot take the filter (it has one of its own)", r)
	}
	return -1, nil
}

// SetNoNewPrivs sets no_new_privs on the calling thread (prctl PR_SET_NO_NEW_PRIVS), which
// an unprivileged process needs before it may install a filter. With TSync the kernel sets
// it on the other threads too.
func SetNoNewPrivs() error {
	if err := linux.PrctlSetNoNewPrivs(); err != nil {
		return fmt.Errorf("prctl(PR_SET_NO_NEW_PRIVS): %w", err)
	}
	return nil
}

// ActionAvailable asks the kernel whether it knows action a's kind
// (SECCOMP_GET_ACTION_AVAIL, Linux 4.14; before it, seccomp(2) answers EINVAL and only the
// actions older than 4.14 exist: ENOSYS without seccomp(2) at all).
func ActionAvailable(a Action) (bool, error) {
	v := a.Kind().Ret()
	_, err := linux.Seccomp(linux.SECCOMP_GET_ACTION_AVAIL, 0, unsafe.Pointer(&v))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, linux.EOPNOTSUPP):
		return false, nil
	}
	return false, fmt.Errorf("seccomp(SECCOMP_GET_ACTION_AVAIL, %s): %w", a.Kind(), err)
}

// State is what /proc/self/status says of seccomp.
type State struct {
	// Mode is 0 (none), 1 (strict) or 2 (filter): the Seccomp line.
	Mode int
	// Filters is the number of filters attached (Seccomp_filters, Linux 5.9; -1 if absent).
	Filters int
	// NoNewPrivs is the NoNewPrivs line (Linux 4.10).
	NoNewPrivs bool
}

// Status reads the calling thread's seccomp state from /proc/thread-self/status
// (/proc/self/status where the kernel predates thread-self).
func Status() (State, error) {
	b, err := os.ReadFile("/proc/thread-self/status")
	if err != nil {
		b, err = os.ReadFile("/proc/self/status")
		if err != nil {
			return State{}, err
		}
	}
	st := State{Mode: -1, Filters: -1}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil {
			continue
		}
		switch string(k) {
		case "Seccomp":
			st.Mode = n
		case "Seccomp_filters":
			st.Filters = n
		case "NoNewPrivs":
			st.NoNewPrivs = n != 0
		}
	}
	if st.Mode < 0 {
		return st, errors.New("seccomp: /proc/self/status has no Seccomp line (a kernel without CONFIG_SECCOMP)")
	}
	return st, nil
}

// Notification is a call a UserNotif action reported (struct seccomp_notif).
type Notification struct {
	ID    uint64 // the cookie that Respond and IDValid take
	PID   int32  // the caller's thread, in the listener's pid namespace (0 if not visible)
	Flags uint32
	Data  Data
}

// Receive waits for the next notification on listener (SECCOMP_IOCTL_NOTIF_RECV).
func Receive(listener int) (Notification, error) {
	var n linux.SeccompNotif
	for {
		_, err := linux.Ioctl(linux.FD(listener), linux.SECCOMP_IOCTL_NOTIF_RECV, unsafe.Pointer(&n))
		if errors.Is(err, linux.EINTR) {
			continue
		}
		if err != nil {
			return Notification{}, fmt.Errorf("ioctl(SECCOMP_IOCTL_NOTIF_RECV): %w", err)
		}
		d := Data{Nr: n.Data.Nr, Arch: n.Data.Arch, InstructionPointer: n.Data.InstructionPointer, Args: n.Data.Args}
		return Notification{ID: n.ID, PID: int32(n.PID), Flags: n.Flags, Data: d}, nil
	}
}

// Respond answers notification id: the call returns val, or fails with errno if errno is
// not 0 (SECCOMP_IOCTL_NOTIF_SEND).
func Respond(listener int, id uint64, val int64, errno raw.Errno) error {
	resp := linux.SeccompNotifResp{ID: id, Val: val, Error: -int32(errno)}
	return send(listener, &resp)
}

// Continue lets notified call id run as if the filter had allowed it
// (SECCOMP_USER_NOTIF_FLAG_CONTINUE, Linux 5.5; see seccomp_unotify(2) on why a supervisor
// must not base security decisions on it).
func Continue(listener int, id uint64) error {
	resp := linux.SeccompNotifResp{ID: id, Flags: linux.SECCOMP_USER_NOTIF_FLAG_CONTINUE}
	return send(listener, &resp)
}

func send(listener int, resp *linux.SeccompNotifResp) error {
	if _, err := linux.Ioctl(linux.FD(listener), linux.SECCOMP_IOCTL_NOTIF_SEND, unsafe.Pointer(resp)); err != nil {
		return fmt.Errorf("ioctl(SECCOMP_IOCTL_NOTIF_SEND): %w", err)
	}
	return nil
}

// IDValid reports whether notification id is still pending (its caller has not gone away:
// SECCOMP_IOCTL_NOTIF_ID_VALID).
func IDValid(listener int, id uint64) bool {
	_, err := linux.Ioctl(linux.FD(listener), linux.SECCOMP_IOCTL_NOTIF_ID_VALID, unsafe.Pointer(&id))
	return err == nil
}
