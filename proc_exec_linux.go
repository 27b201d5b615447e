//go:build linux

package linux

import (
	"runtime"
	"syscall"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Creating processes that exec at once, and replacing the process: clone, clone3, fork and
// vfork return into Go in the child, where the Go runtime does not exist (one thread of a
// copy of a multi-threaded program: its other threads, locks and signal handlers are
// gone). The child may therefore run only code that allocates nothing, grows no stack and
// takes no lock until it execs. These wrappers do what os/exec does (syscall's
// forkAndExecInChild): the runtime's own fork hooks around the call (signals blocked, the
// stack guard spoiled so that any growth in the child fails loudly, the runtime's signal
// handlers reset in the child), then in the child only raw system calls on memory prepared
// by the parent, then exec. Without CLONE_VM the child has its own copy of the parent's
// memory, so nothing it does can reach the parent's stack.

// The runtime's hooks for syscall's fork, which the runtime exports by linkname for the
// packages that fork themselves ("Do not remove or change the type signature", see
// go.dev/issue/67401): BeforeFork blocks every signal on the thread and spoils its stack
// guard, AfterFork undoes that in the parent, AfterForkInChild resets the handlers the
// runtime installed to SIG_DFL and restores the thread's signal mask in the child;
// BeforeExec and AfterExec keep the runtime from creating threads during execve.

//go:linkname runtime_BeforeFork syscall.runtime_BeforeFork
func runtime_BeforeFork()

//go:linkname runtime_AfterFork syscall.runtime_AfterFork
func runtime_AfterFork()

//go:linkname runtime_AfterForkInChild syscall.runtime_AfterForkInChild
func runtime_AfterForkInChild()

//go:linkname runtime_BeforeExec syscall.runtime_BeforeExec
func runtime_BeforeExec()

//go:linkname runtime_AfterExec syscall.runtime_AfterExec
func runtime_AfterExec()

// ExecArgs is what the child of Clone, Clone3, Fork and Vfork does between the clone and
// the exec (each step only when asked for, in this order), then the program it runs. A
// step that fails makes the call return that step's error, after the child is reaped.
type ExecArgs struct {
	// Path is the program: its path for execve, or with Execveat the path relative to
	// Dirfd for execveat ("" with AT_EMPTY_PATH in Flags: the file Dirfd was opened on).
	Path     string
	Execveat bool
	Dirfd    FD
	Flags    AtFlags
	// Argv is the argument list (nil: just Path), Env the environment (nil: empty).
	Argv, Env []string

	// Setsid makes the child a session leader; else Setpgid puts it in process group Pgid
	// (0: its own).
	Setsid  bool
	Setpgid bool
	Pgid    PID
	// Pdeathsig is the signal the child gets when the thread that created it exits
	// (PR_SET_PDEATHSIG; 0: none): the thread, so create it on a goroutine locked to a
	// thread that lives as long as you want the child to.
	Pdeathsig Signal
	// Dir is the child's working directory ("": the caller's).
	Dir string
	// Files, if not nil, are the child's descriptors 0, 1, 2...: Files[i] becomes
	// descriptor i (-1: closed), without close-on-exec; descriptors 0 to 2 beyond
	// len(Files) are closed. Every other descriptor is inherited as the parent marked it
	// (the Go runtime opens everything close-on-exec).
	Files []FD
	// Sigmask, if not nil, is the new program's signal mask (else the one the thread had
	// when the runtime started it, as os/exec gives).
	Sigmask *Sigset
	// Ptrace makes the child PTRACE_TRACEME just before the exec: the thread that created
	// it is its tracer (make every ptrace request from that thread: LockedThread).
	Ptrace bool
}

// childSpec is ExecArgs converted by the parent, before the clone, into what the child
// reads: C strings and pointer arrays, integers. The child only reads it and writes
// integers into fds (its own copy of the slice's memory).
type childSpec struct {
	path, dir       *byte
	argv, envv      []*byte
	execveat        bool
	dirfd, atflags  int
	setsid, setpgid bool
	pgid            int
	pdeathsig       int
	ppid            uintptr // the parent's pid, to check for a parent gone before PR_SET_PDEATHSIG
	checkPpid       bool
	fds             []int
	nextfd          int
	sigmask         *Sigset
	ptrace          bool
	errfd           int // the child writes its errno here when a step fails

	// The clone call, and the memory it points the kernel at in the parent: it lives
	// here, in the heap object the parent keeps alive, because a pointer passed to the
	// kernel as a uintptr must not be to a stack that may move before the call.
	call      cloneCall
	cloneArgs CloneArgs // clone3's struct
	pidfd     int32     // where CLONE_PIDFD stores the descriptor
}

// cBytes returns s as a NUL-terminated C string in a new allocation (EINVAL for a NUL
// byte inside).
func cBytes(s string) (*byte, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return nil, EINVAL
		}
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return &b[0], nil
}

// cArray returns ss as a NULL-terminated array of C strings.
func cArray(ss []string) ([]*byte, error) {
	a := make([]*byte, len(ss)+1)
	for i, s := range ss {
		p, err := cBytes(s)
		if err != nil {
			return nil, err
		}
		a[i] = p
	}
	return a, nil
}

func (x *ExecArgs) prepare(flags CloneFlags) (*childSpec, error) {
	if x == nil {
		return nil, EINVAL
	}
	c := &childSpec{execveat: x.Execveat, dirfd: int(x.Dirfd), atflags: int(x.Flags),
		setsid: x.Setsid, setpgid: x.Setpgid, pgid: int(x.Pgid), pdeathsig: int(x.Pdeathsig),
		sigmask: x.Sigmask, ptrace: x.Ptrace}
	var err error
	if c.path, err = cBytes(x.Path); err != nil {
		return nil, err
	}
	argv := x.Argv
	if argv == nil {
		argv = []string{x.Path}
	}
	if c.argv, err = cArray(argv); err != nil {
		return nil, err
	}
	if c.envv, err = cArray(x.Env); err != nil {
		return nil, err
	}
	if x.Dir != "" {
		if c.dir, err = cBytes(x.Dir); err != nil {
			return nil, err
		}
	}
	if c.pdeathsig != 0 && flags&(CLONE_NEWPID|CLONE_PARENT) == 0 {
		c.ppid, c.checkPpid = uintptr(Getpid()), true
	}
	if x.Files != nil {
		c.fds = make([]int, len(x.Files))
		c.nextfd = len(x.Files)
		for i, fd := range x.Files {
			c.fds[i] = int(fd)
			if int(fd) > c.nextfd {
				c.nextfd = int(fd)
			}
		}
		c.nextfd++
	}
	return c, nil
}

// refusedClone are the clone flags that would share the runtime's memory, threads, signal
// handlers or thread pointer with the child, or have the kernel write into memory at
// addresses these wrappers do not pass.
const refusedClone = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_SETTLS | CLONE_PARENT_SETTID |
	CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID

// cloneCall is the system call that creates the child: trap and its arguments.
type cloneCall struct {
	trap, a1, a2, a3, a4, a5 uintptr
}

// The kinds of cloneCall.
const (
	callClone  = iota // clone(2) with the flags of cloneCall.a1
	callClone3        // clone3(2) with childSpec.cloneArgs
	callFork          // fork(2), or clone(SIGCHLD) where the table has no fork
)

// setCall makes c's clone call: clone(2) with flags, no new stack and the pidfd stored at
// c.pidfd, in each arch's argument order (s390x takes the stack first; parent_tid is the
// third argument everywhere), or clone3 with c.cloneArgs, or fork.
func (c *childSpec) setCall(kind int, flags CloneFlags) {
	switch kind {
	case callClone3:
		c.call = cloneCall{trap: SYS_CLONE3, a1: uintptr(unsafe.Pointer(&c.cloneArgs)), a2: unsafe.Sizeof(c.cloneArgs)}
	case callFork:
		c.call = forkCall()
	default:
		c.call = cloneCallOf(flags, &c.pidfd)
	}
}

// cloneCallOf is clone(2) with flags, no new stack and the pidfd stored at pidfd (memory
// that does not move).
func cloneCallOf(flags CloneFlags, pidfd *int32) cloneCall {
	if runtime.GOARCH == "s390x" {
		return cloneCall{trap: SYS_CLONE, a1: 0, a2: uintptr(flags), a3: uintptr(unsafe.Pointer(pidfd))}
	}
	return cloneCall{trap: SYS_CLONE, a1: uintptr(flags), a2: 0, a3: uintptr(unsafe.Pointer(pidfd))}
}

// Clone creates a child process with flags (CLONE_NEW* namespaces, CLONE_PIDFD,
// CLONE_VFORK, CLONE_PARENT, CLONE_PTRACE... and the exit signal in the low byte, SIGCHLD if
// 0) that execs exec at once, and returns its id and, with CLONE_PIDFD, a descriptor for it
// (else -1).
//
// The child never returns into Go: it runs only the steps of exec (on its own copy of the
// parent's memory, never the parent's stack) and then the new program, as os/exec does;
// flags that would share the runtime's memory, threads or signal handlers with it
// (CLONE_VM, CLONE_THREAD, CLONE_SIGHAND, CLONE_SETTLS, CLONE_*SETTID, CLONE_CHILD_CLEARTID)
// are refused with EINVAL. The child inherits RLIMIT_NOFILE as the Go runtime raised it at
// start (os/exec restores the original); namespaces flags work in a Go program here, unlike
// Unshare's CLONE_NEWUSER, because the child is single-threaded.
//
// See [clone(2)].
//
// [clone(2)]: https://man7.org/linux/man-pages/man2/clone.2.html
func Clone(flags CloneFlags, exec *ExecArgs) (pid PID, pidfd FD, err error) {
	if flags&refusedClone != 0 || flags>>32 != 0 {
		return 0, -1, EINVAL
	}
	if flags&CSIGNAL == 0 {
		flags |= CloneFlags(SIGCHLD)
	}
	return forkExec(callClone, flags, nil, exec)
}

// Clone3 is Clone with the struct clone_args of clone3 (64-bit flags: CLONE_INTO_CGROUP
// with args.Cgroup, CLONE_CLEAR_SIGHAND, CLONE_NEWTIME...; args.ExitSignal, SIGCHLD if 0;
// args.SetTID): the child execs exec at once. With CLONE_PIDFD and args.Pidfd 0 the
// descriptor is returned (else -1, and the kernel stores it where args.Pidfd points).
//
// args.Stack, args.StackSize and args.Tls must be 0 and the refused flags of Clone are
// refused here too: the child runs on its copy of the caller's stack until it execs. args
// is not modified.
//
// See [clone3(2)].
//
// [clone3(2)]: https://man7.org/linux/man-pages/man2/clone3.2.html
func Clone3(args *CloneArgs, exec *ExecArgs) (pid PID, pidfd FD, err error) {
	if args == nil {
		return 0, -1, EINVAL
	}
	a := *args
	if a.Flags&refusedClone != 0 || a.Stack != 0 || a.StackSize != 0 || a.Tls != 0 {
		return 0, -1, EINVAL
	}
	if a.ExitSignal == 0 {
		a.ExitSignal = uint64(SIGCHLD)
	}
	return forkExec(callClone3, a.Flags, &a, exec)
}

// Fork creates a child process that execs exec at once (fork where the arch has it, else
// clone(SIGCHLD)): the child never returns into Go.
//
// See [fork(2)].
//
// [fork(2)]: https://man7.org/linux/man-pages/man2/fork.2.html
func Fork(exec *ExecArgs) (pid PID, err error) {
	pid, _, err = forkExec(callFork, 0, nil, exec)
	return pid, err
}

// Vfork has the effect of vfork(2): the caller waits until the child has execed exec or
// exited, and learns whether the exec failed; the child never returns into Go.
//
// It is not made with the vfork row, which shares the caller's memory and stack with a
// child that returns into Go there (raw-only: the child's first call would overwrite the
// frames the parent returns through), but with clone(CLONE_VFORK|SIGCHLD) without CLONE_VM:
// the child runs on its own copy of the caller's memory while the caller waits.
//
// See [vfork(2)].
//
// [vfork(2)]: https://man7.org/linux/man-pages/man2/vfork.2.html
func Vfork(exec *ExecArgs) (pid PID, err error) {
	pid, _, err = forkExec(callClone, CLONE_VFORK|CloneFlags(SIGCHLD), nil, exec)
	return pid, err
}

// forkExec creates the child with a call of kind (clone3's args copied from args, with
// the pidfd pointed at the heap when CLONE_PIDFD has none), runs the steps of exec in it
// and waits for the exec: a failed step's errno comes back through a close-on-exec pipe
// (nothing read: the exec worked), and the failed child is reaped. It returns the pid and
// the descriptor CLONE_PIDFD stored at c.pidfd (-1 when it stored none there: no
// CLONE_PIDFD, or clone3's args.Pidfd pointed elsewhere).
func forkExec(kind int, flags CloneFlags, args *CloneArgs, exec *ExecArgs) (PID, FD, error) {
	c, err := exec.prepare(flags)
	if err != nil {
		return 0, -1, err
	}
	c.pidfd = -1
	if args != nil {
		c.cloneArgs = *args
		if c.cloneArgs.Flags&CLONE_PIDFD != 0 && c.cloneArgs.Pidfd == 0 {
			c.cloneArgs.Pidfd = uint64(uintptr(unsafe.Pointer(&c.pidfd)))
		}
	}
	c.setCall(kind, flags)
	pid, fd, err := c.forkExec()
	runtime.KeepAlive(c)
	return pid, fd, err
}

func (c *childSpec) forkExec() (PID, FD, error) {
	var err error
	var p [2]int32
	syscall.ForkLock.Lock()
	if _, _, e := raw.RawSyscall(SYS_PIPE2, uintptr(unsafe.Pointer(&p)), uintptr(O_CLOEXEC), 0); e != 0 {
		syscall.ForkLock.Unlock()
		return 0, -1, e
	}
	c.errfd = int(p[1])
	pid, e := forkAndExec(c)
	syscall.ForkLock.Unlock()
	Close(FD(p[1]))
	if e != 0 {
		Close(FD(p[0]))
		return 0, -1, e
	}
	var code uint32
	n := 0
	for {
		n, err = Read(FD(p[0]), (*[4]byte)(unsafe.Pointer(&code))[:])
		if err != EINTR {
			break
		}
	}
	Close(FD(p[0]))
	if err == nil && n == 0 {
		return PID(pid), FD(c.pidfd), nil // the exec closed the pipe
	}
	// The child failed before its exec (or the pipe did): reap it.
	for {
		if _, _, err := Wait4(PID(pid), WALL, nil); err != EINTR {
			break
		}
	}
	if c.pidfd >= 0 {
		Close(FD(c.pidfd))
	}
	if err != nil {
		return 0, -1, err
	}
	if n != 4 {
		return 0, -1, EPIPE
	}
	return 0, -1, Errno(code)
}

// forkAndExec is syscall's forkAndExecInChild: the parent's side around the child's.
func forkAndExec(c *childSpec) (pid uintptr, err Errno) {
	pid, err, locked := forkAndExecInChild(c)
	if locked {
		runtime_AfterFork()
	}
	return pid, err
}

// forkAndExecInChild makes call and, in the child, runs c's steps and execs; it returns
// only in the parent. In the child it may make raw system calls and nothing else: the
// runtime's fork hooks blocked signals and spoiled the stack guard, so any stack growth
// throws; it writes only integers, into its own copy of memory.
//
//go:noinline
//go:norace
//go:nocheckptr
func forkAndExecInChild(c *childSpec) (pid uintptr, err1 Errno, locked bool) {
	var (
		r1     uintptr
		code   uint32
		i      int
		errfd  int
		nextfd int
		argv0  unsafe.Pointer
		envp   unsafe.Pointer
	)
	argv0 = unsafe.Pointer(&c.argv[0])
	envp = unsafe.Pointer(&c.envv[0])
	errfd, nextfd = c.errfd, c.nextfd

	runtime_BeforeFork()
	locked = true
	pid, _, err1 = raw.RawSyscall6(c.call.trap, c.call.a1, c.call.a2, c.call.a3, c.call.a4, c.call.a5, 0)
	if err1 != 0 || pid != 0 {
		return // the parent, or no child
	}

	// The child.
	runtime_AfterForkInChild()
	if c.setsid {
		if _, _, err1 = raw.RawSyscall(SYS_SETSID, 0, 0, 0); err1 != 0 {
			goto childerror
		}
	} else if c.setpgid {
		if _, _, err1 = raw.RawSyscall(SYS_SETPGID, 0, uintptr(c.pgid), 0); err1 != 0 {
			goto childerror
		}
	}
	if c.pdeathsig != 0 {
		if _, _, err1 = raw.RawSyscall6(SYS_PRCTL, uintptr(PR_SET_PDEATHSIG), uintptr(c.pdeathsig), 0, 0, 0, 0); err1 != 0 {
			goto childerror
		}
		// The parent may have exited before the signal was armed.
		if c.checkPpid {
			if r1, _, _ = raw.RawSyscall(SYS_GETPPID, 0, 0, 0); r1 != c.ppid {
				r1, _, _ = raw.RawSyscall(SYS_GETPID, 0, 0, 0)
				raw.RawSyscall(SYS_KILL, r1, uintptr(c.pdeathsig), 0)
			}
		}
	}
	if c.dir != nil {
		if _, _, err1 = raw.RawSyscall(SYS_CHDIR, uintptr(unsafe.Pointer(c.dir)), 0, 0); err1 != 0 {
			goto childerror
		}
	}
	if c.fds != nil {
		// Pass 1: move the descriptors that pass 2 would overwrite above every target.
		if errfd < nextfd {
			if _, _, err1 = raw.RawSyscall(SYS_DUP3, uintptr(errfd), uintptr(nextfd), uintptr(O_CLOEXEC)); err1 != 0 {
				goto childerror
			}
			errfd = nextfd
			nextfd++
		}
		for i = 0; i < len(c.fds); i++ {
			if c.fds[i] >= 0 && c.fds[i] < i {
				if nextfd == errfd {
					nextfd++
				}
				if _, _, err1 = raw.RawSyscall(SYS_DUP3, uintptr(c.fds[i]), uintptr(nextfd), uintptr(O_CLOEXEC)); err1 != 0 {
					goto childerror
				}
				c.fds[i] = nextfd
				nextfd++
			}
		}
		// Pass 2: put each one in place, without close-on-exec.
		for i = 0; i < len(c.fds); i++ {
			switch {
			case c.fds[i] == -1:
				raw.RawSyscall(SYS_CLOSE, uintptr(i), 0, 0)
			case c.fds[i] == i:
				if _, _, err1 = raw.RawSyscall(SYS_FCNTL, uintptr(i), uintptr(F_SETFD), 0); err1 != 0 {
					goto childerror
				}
			default:
				if _, _, err1 = raw.RawSyscall(SYS_DUP3, uintptr(c.fds[i]), uintptr(i), 0); err1 != 0 {
					goto childerror
				}
			}
		}
		for i = len(c.fds); i < 3; i++ {
			raw.RawSyscall(SYS_CLOSE, uintptr(i), 0, 0)
		}
	}
	if c.sigmask != nil {
		if _, _, err1 = raw.RawSyscall6(SYS_RT_SIGPROCMASK, uintptr(SIG_SETMASK), uintptr(unsafe.Pointer(c.sigmask)), 0, unsafe.Sizeof(*c.sigmask), 0, 0); err1 != 0 {
			goto childerror
		}
	}
	if c.ptrace {
		if _, _, err1 = raw.RawSyscall6(SYS_PTRACE, uintptr(PTRACE_TRACEME), 0, 0, 0, 0, 0); err1 != 0 {
			goto childerror
		}
	}
	if c.execveat {
		_, _, err1 = raw.RawSyscall6(SYS_EXECVEAT, uintptr(c.dirfd), uintptr(unsafe.Pointer(c.path)), uintptr(argv0), uintptr(envp), uintptr(c.atflags), 0)
	} else {
		_, _, err1 = raw.RawSyscall(SYS_EXECVE, uintptr(unsafe.Pointer(c.path)), uintptr(argv0), uintptr(envp))
	}

childerror:
	code = uint32(err1)
	raw.RawSyscall(SYS_WRITE, uintptr(errfd), uintptr(unsafe.Pointer(&code)), 4)
	for {
		raw.RawSyscall(SYS_EXIT_GROUP, 253, 0, 0)
	}
}

// execArrays converts argv and envv for execve.
func execArrays(argv, envv []string) (argvp, envvp []*byte, err error) {
	if argvp, err = cArray(argv); err != nil {
		return nil, nil, err
	}
	if envvp, err = cArray(envv); err != nil {
		return nil, nil, err
	}
	return argvp, envvp, nil
}

// Execve replaces the calling process, all its threads, with the program at path run with
// argv and envv; it returns only on failure (the other threads are gone only when it
// succeeds). The runtime is kept from starting threads during the call (syscall.Exec does
// the same); the new program inherits the calling thread's signal mask.
//
// See [execve(2)].
//
// [execve(2)]: https://man7.org/linux/man-pages/man2/execve.2.html
func Execve(path string, argv, envv []string) error {
	p, err := cBytes(path)
	if err != nil {
		return err
	}
	argvp, envvp, err := execArrays(argv, envv)
	if err != nil {
		return err
	}
	runtime_BeforeExec()
	_, _, e := raw.Syscall(SYS_EXECVE, uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&argvp[0])), uintptr(unsafe.Pointer(&envvp[0])))
	runtime_AfterExec()
	runtime.KeepAlive(p)
	runtime.KeepAlive(argvp)
	runtime.KeepAlive(envvp)
	return errnoErr(e)
}

// Execveat is Execve of path relative to dirfd; with path "" and AT_EMPTY_PATH it runs the
// file dirfd was opened on (O_PATH works), AT_SYMLINK_NOFOLLOW refuses a final symbolic
// link.
//
// See [execveat(2)].
//
// [execveat(2)]: https://man7.org/linux/man-pages/man2/execveat.2.html
func Execveat(dirfd FD, path string, argv, envv []string, flags AtFlags) error {
	p, err := cBytes(path)
	if err != nil {
		return err
	}
	argvp, envvp, err := execArrays(argv, envv)
	if err != nil {
		return err
	}
	runtime_BeforeExec()
	_, _, e := raw.Syscall6(SYS_EXECVEAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&argvp[0])),
		uintptr(unsafe.Pointer(&envvp[0])), uintptr(flags), 0)
	runtime_AfterExec()
	runtime.KeepAlive(p)
	runtime.KeepAlive(argvp)
	runtime.KeepAlive(envvp)
	return errnoErr(e)
}

// errnoErr is e as an error: nil for 0.
func errnoErr(e Errno) error {
	if e == 0 {
		return nil
	}
	return e
}
