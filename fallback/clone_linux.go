package fallback

import (
	"errors"

	"github.com/rawlinux/linux"
)

var featClone3 = newFeature(&feature{name: "clone3", fallback: "clone (without set_tid, cgroup and the flags above 32 bits)", sysno: linux.SYS_CLONE3, legitEPERM: true})

// Clone3 creates a child that execs exec at once, as linux.Clone3 does with clone3(2),
// and returns its id and, with CLONE_PIDFD and args.Pidfd 0, a descriptor for it. Where
// clone3 is not available it uses linux.Clone (clone(2)) with the same flags and exit
// signal; what clone cannot say (args.SetTID, args.Cgroup and CLONE_INTO_CGROUP, the flags
// above bit 31 such as CLONE_CLEAR_SIGHAND or CLONE_NEWTIME) gives an error that wraps
// ErrNotAvailable, and so does CLONE_PIDFD with args.Pidfd set (clone returns the
// descriptor: leave args.Pidfd 0 to have it returned either way).
func Clone3(args *linux.CloneArgs, exec *linux.ExecArgs) (linux.PID, linux.FD, error) {
	if featClone3.use() {
		pid, fd, err := linux.Clone3(args, exec)
		if err == nil || !clone3Refused(err) {
			featClone3.refused(err)
			return pid, fd, err
		}
	}
	if args == nil {
		return 0, -1, linux.EINVAL
	}
	switch {
	case uint64(args.Flags)>>32 != 0:
		return 0, -1, featClone3.notAvailable("clone cannot take " + (args.Flags &^ 0xffffffff).String())
	case args.SetTID != 0 || args.SetTIDSize != 0:
		return 0, -1, featClone3.notAvailable("clone cannot choose the child's pid (set_tid)")
	case args.Cgroup != 0:
		return 0, -1, featClone3.notAvailable("clone cannot place the child in a cgroup")
	case args.ExitSignal > 0xff || args.Flags&linux.CSIGNAL != 0:
		return 0, -1, linux.EINVAL // as clone3: the signal goes in exit_signal, not the flags
	case args.Flags&linux.CLONE_PIDFD != 0 && args.Pidfd != 0:
		return 0, -1, featClone3.notAvailable("clone returns the pidfd, it cannot store it at args.Pidfd (leave it 0)")
	}
	return linux.Clone(args.Flags|linux.CloneFlags(args.ExitSignal), exec)
}

// clone3Refused tells clone3's refusal (ENOSYS, a filter's EPERM: recorded) from an error
// of the child's exec steps, which linux.Clone3 returns the same way: the probe of
// clone3 decides.
func clone3Refused(err error) bool {
	if !errors.Is(err, linux.ENOSYS) && !errors.Is(err, linux.EPERM) {
		return false
	}
	s := linux.Supports(linux.SYS_CLONE3)
	if s.State == linux.NotSupported || s.State == linux.Supported && s.Errno == linux.EPERM {
		return featClone3.refused(err) || errors.Is(err, linux.EPERM) && featClone3.seccompEPERM()
	}
	return false
}
