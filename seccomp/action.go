package seccomp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/systab"
)

// Action is what a filter decides for a system call: one of the SECCOMP_RET_* actions of
// linux/seccomp.h with its 16 bits of data. The zero Action is "unset" (a Policy's BadArch
// left unset means KillProcess); every other value carries the kernel's 32-bit return value
// in its low 32 bits (Ret).
type Action uint64

const actionSet = 1 << 32

// The actions, in the kernel's order of precedence (the first wins when several filters
// answer): kill the process, kill the thread, send SIGSYS, fail with an errno, ask the
// user-space supervisor (the listener descriptor of SECCOMP_FILTER_FLAG_NEW_LISTENER),
// stop for a ptrace tracer, allow and log, allow.
const (
	KillProcess Action = actionSet | 0x80000000 // SECCOMP_RET_KILL_PROCESS (Linux 4.14)
	KillThread  Action = actionSet | 0x00000000 // SECCOMP_RET_KILL_THREAD
	TrapAction  Action = actionSet | 0x00030000 // SECCOMP_RET_TRAP: SIGSYS with si_errno = data (Trap(n))
	ErrnoAction Action = actionSet | 0x00050000 // SECCOMP_RET_ERRNO: fail with errno = data (Errno(n))
	UserNotif   Action = actionSet | 0x7fc00000 // SECCOMP_RET_USER_NOTIF (Linux 5.0)
	TraceAction Action = actionSet | 0x7ff00000 // SECCOMP_RET_TRACE: PTRACE_EVENT_SECCOMP with data as the event message (Trace(n))
	Log         Action = actionSet | 0x7ffc0000 // SECCOMP_RET_LOG (Linux 4.14)
	Allow       Action = actionSet | 0x7fff0000 // SECCOMP_RET_ALLOW
)

const (
	retActionFull = 0xffff0000 // SECCOMP_RET_ACTION_FULL
	retData       = 0x0000ffff // SECCOMP_RET_DATA
	maxErrno      = 4095       // MAX_ERRNO: the kernel caps an errno's data here
)

// Errno is the action that makes the call fail with errno e (the arch's number: ENOSYS
// is 38 on most arches, 89 on mips; ErrnoNamed looks names up per arch). The kernel
// caps e at 4095.
func Errno(e uint16) Action { return ErrnoAction | Action(e) }

// Trap is the action that sends SIGSYS, with data in the signal's si_errno.
func Trap(data uint16) Action { return TrapAction | Action(data) }

// Trace is the action that stops the caller for its tracer (PTRACE_O_TRACESECCOMP), data
// being the event message; without a tracer the call fails with ENOSYS.
func Trace(data uint16) Action { return TraceAction | Action(data) }

// ActionOf returns the Action of a filter's 32-bit return value.
func ActionOf(ret uint32) Action { return actionSet | Action(ret) }

// IsSet reports whether a is an action (not the zero Action).
func (a Action) IsSet() bool { return a&actionSet != 0 }

// Ret returns the 32-bit value a filter returns for a.
func (a Action) Ret() uint32 { return uint32(a) }

// Kind returns a without its data: KillProcess, ErrnoAction, Allow...
func (a Action) Kind() Action { return actionSet | Action(a.Ret()&retActionFull) }

// Data returns the 16 data bits of a (the errno of an Errno action).
func (a Action) Data() uint16 { return uint16(a.Ret() & retData) }

// precedence orders actions as the kernel does (seccomp_run_filters compares the action
// bits as a signed 32-bit number: the lowest wins).
func (a Action) precedence() int32 { return int32(a.Ret() & retActionFull) }

// Stronger reports whether the kernel would pick a over b when two filters answer.
func (a Action) Stronger(b Action) bool { return a.precedence() < b.precedence() }

var actionNames = []struct {
	a    Action
	name string
}{
	{KillProcess, "kill-process"}, {KillThread, "kill-thread"}, {TrapAction, "trap"},
	{ErrnoAction, "errno"}, {UserNotif, "user-notif"}, {TraceAction, "trace"},
	{Log, "log"}, {Allow, "allow"},
}

// String spells a as the policy files do: "allow", "errno 1", "trap 5", "kill-process",
// "user-notif", "trace 0", "log"; "unset" for the zero Action and "action 0x12340000"
// for a value that is none of the kernel's actions (the kernel kills the process then).
func (a Action) String() string {
	if !a.IsSet() {
		return "unset"
	}
	for _, n := range actionNames {
		if n.a == a.Kind() {
			switch n.a {
			case ErrnoAction, TrapAction, TraceAction:
				return n.name + " " + strconv.Itoa(int(a.Data()))
			}
			if a.Data() != 0 {
				return fmt.Sprintf("%s (data %d)", n.name, a.Data())
			}
			return n.name
		}
	}
	return fmt.Sprintf("action %#08x", a.Ret())
}

// MarshalText makes an Action a string in JSON ("errno 1").
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads what MarshalText writes; errno names are not known without an arch
// (ParseAction), so "errno" takes a number here.
func (a *Action) UnmarshalText(b []byte) error {
	v, err := ParseAction("", string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// ParseAction reads an action as String spells it. For arch's errno numbers "errno"
// also takes a name ("errno EPERM", "errno ENOSYS": ErrnoNamed); a bare errno name is an
// errno action too. The libseccomp/OCI names SCMP_ACT_ALLOW, SCMP_ACT_ERRNO,
// SCMP_ACT_KILL_PROCESS... are accepted.
func ParseAction(arch systab.Arch, s string) (Action, error) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(f) == 0 {
		return 0, fmt.Errorf("seccomp: empty action")
	}
	name := strings.ReplaceAll(strings.TrimPrefix(f[0], "scmp_act_"), "_", "-")
	switch name {
	case "kill":
		name = "kill-thread"
	case "notify":
		name = "user-notif"
	}
	if strings.HasPrefix(f[0], "e") && len(f) == 1 && name != "errno" {
		if e, ok := ErrnoNamed(arch, strings.ToUpper(f[0])); ok {
			return Errno(e), nil
		}
	}
	for _, n := range actionNames {
		if n.name != name {
			continue
		}
		switch n.a {
		case ErrnoAction, TrapAction, TraceAction:
			data := uint64(0)
			if n.a == ErrnoAction && len(f) == 1 {
				data = 1 // SCMP_ACT_ERRNO alone: EPERM, as the OCI profiles mean it
			}
			if len(f) > 2 {
				return 0, fmt.Errorf("seccomp: action %q: one datum at most", s)
			}
			if len(f) == 2 {
				var err error
				data, err = strconv.ParseUint(f[1], 0, 16)
				if err != nil {
					e, ok := ErrnoNamed(arch, strings.ToUpper(f[1]))
					if n.a != ErrnoAction || !ok {
						return 0, fmt.Errorf("seccomp: action %q: %q is no number%s", s, f[1], errnoHint(arch, n.a == ErrnoAction))
					}
					data = uint64(e)
				}
			}
			return n.a | Action(data), nil
		}
		if len(f) != 1 {
			return 0, fmt.Errorf("seccomp: action %q takes no datum", s)
		}
		return n.a, nil
	}
	if strings.HasPrefix(name, "action") && len(f) == 2 {
		v, err := strconv.ParseUint(f[1], 0, 32)
		if err == nil {
			return ActionOf(uint32(v)), nil
		}
	}
	return 0, fmt.Errorf("seccomp: unknown action %q (allow, log, errno N, trap N, trace N, user-notif, kill-thread, kill-process)", s)
}

func errnoHint(arch systab.Arch, isErrno bool) string {
	if !isErrno {
		return ""
	}
	if arch == "" {
		return " (errno names need the arch)"
	}
	return " or errno name of " + string(arch)
}
