package fallback

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

var featClone3 = newFeature(&feature{name: "clone3", fallback: "clone (without set_tid, cgroup and the flags above 32 bits)", sysno: linux.SYS_CLONE3, legitEPERM: true})

// Clone3 makes a new process or thread as clone3(args) and returns the child's id in the
// caller and 0 in the child. Where clone3 is not available it calls clone with the same
// flags, exit signal, stack (Stack+StackSize: clone takes the stack's top), pidfd,
// parent and child tid pointers and TLS; what clone cannot say (SetTID, Cgroup and
// CLONE_INTO_CGROUP, flags above bit 31 such as CLONE_CLEAR_SIGHAND, CLONE_PIDFD together
// with CLONE_PARENT_SETTID, an exit signal above 255) gives an error that wraps
// ErrNotAvailable.
//
// This is the raw call: without CLONE_VM the child is a copy of the calling thread alone,
// with no working Go runtime (no other thread, no scheduler), that may only make raw
// system calls (raw.RawSyscall) before it calls execve or exit_group; with CLONE_VM it
// runs on args.Stack. The caller must hold its thread (runtime.LockOSThread) across the
// call. Go's os/exec and syscall.ForkExec are the way to start programs.
func Clone3(args *linux.CloneArgs) (int, error) {
	if featClone3.use() {
		r, _, e := raw.RawSyscall(linux.SYS_CLONE3, uintptr(unsafe.Pointer(args)), unsafe.Sizeof(*args), 0)
		if e == 0 {
			if r != 0 { // the child must not touch what another thread may hold
				featClone3.refused(nil)
			}
			return int(r), nil
		}
		if !featClone3.refused(e) {
			return -1, e
		}
	}
	flags, sp, err := cloneArgs(args)
	if err != nil {
		return -1, err
	}
	a := [5]uintptr{}
	ptid := uintptr(args.ParentTID)
	if args.Flags&linux.CLONE_PIDFD != 0 {
		ptid = uintptr(args.Pidfd) // clone returns the pidfd through parent_tid
	}
	switch cloneOrder {
	case "backwards": // CONFIG_CLONE_BACKWARDS: flags, newsp, parent_tid, tls, child_tid
		a = [5]uintptr{flags, sp, ptid, uintptr(args.Tls), uintptr(args.ChildTID)}
	case "backwards2": // CONFIG_CLONE_BACKWARDS2: newsp, flags, parent_tid, child_tid, tls
		a = [5]uintptr{sp, flags, ptid, uintptr(args.ChildTID), uintptr(args.Tls)}
	default: // flags, newsp, parent_tid, child_tid, tls
		a = [5]uintptr{flags, sp, ptid, uintptr(args.ChildTID), uintptr(args.Tls)}
	}
	r, _, e := raw.RawSyscall6(linux.SYS_CLONE, a[0], a[1], a[2], a[3], a[4], 0)
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

func cloneOrderOf(arch string) string { return cloneOrders[arch] }

var cloneOrders = map[string]string{
	"386": "backwards", "arm": "backwards", "arm64": "backwards", "riscv64": "backwards", "mips": "backwards", "mipsle": "backwards",
	"mips64": "backwards", "mips64le": "backwards", "ppc64": "backwards", "ppc64le": "backwards", "s390x": "backwards2",
}

// cloneOrder is the argument order of clone on this arch (include/linux/syscalls.h's
// three declarations; systab's prototypes say which one each arch compiles).
var cloneOrder = cloneOrders[runtime.GOARCH]

// cloneArgs checks that clone can say what args asks, and returns clone's flags word and
// stack pointer.
func cloneArgs(args *linux.CloneArgs) (flags, sp uintptr, err error) {
	switch {
	case uint64(args.Flags)>>32 != 0:
		return 0, 0, featClone3.notAvailable("clone cannot take " + (args.Flags &^ 0xffffffff).String())
	case args.SetTID != 0 || args.SetTIDSize != 0:
		return 0, 0, featClone3.notAvailable("clone cannot choose the child's pid (set_tid)")
	case args.Cgroup != 0:
		return 0, 0, featClone3.notAvailable("clone cannot place the child in a cgroup")
	case args.ExitSignal > 0xff || uint64(args.Flags)&0xff != 0:
		return 0, 0, linux.EINVAL // as clone3: the signal goes in exit_signal, not the flags
	case args.Flags&linux.CLONE_PIDFD != 0 && args.Flags&linux.CLONE_PARENT_SETTID != 0:
		return 0, 0, featClone3.notAvailable("clone returns the pidfd where the parent tid would go: not both")
	case (args.Stack == 0) != (args.StackSize == 0):
		return 0, 0, linux.EINVAL
	}
	sp = uintptr(args.Stack + args.StackSize)
	return uintptr(args.Flags) | uintptr(args.ExitSignal), sp, nil
}
