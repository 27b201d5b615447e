//go:build linux

package linux

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Process creation, exec, exit and wait: Clone, Clone3, Fork, Vfork, Execve, Execveat,
// ExitGroup, Exit, Wait4, Waitpid, Waitid, the pidfd calls.

func TestClone3PidfdExecTrue(t *testing.T) {
	args := CloneArgs{Flags: CLONE_PIDFD}
	pid, pidfd, err := Clone3(&args, &ExecArgs{Path: "/bin/true"})
	skipUnsupported(t, "clone3", err)
	must(t, "clone3", err)
	if pid <= 0 || pidfd < 0 {
		t.Fatalf("clone3: pid %d pidfd %d", pid, pidfd)
	}
	defer Close(pidfd)
	info, err := Waitid(P_PIDFD, int(pidfd), WEXITED, nil)
	must(t, "waitid(P_PIDFD)", err)
	if info.Signo != int32(SIGCHLD) || info.Code != CLD_EXITED || info.Sifields.Sigchld().Status != 0 || PID(info.Sifields.Sigchld().PID) != pid {
		t.Fatalf("waitid: signo %d code %d status %d pid %d, want SIGCHLD CLD_EXITED 0 %d",
			info.Signo, info.Code, info.Sifields.Sigchld().Status, info.Sifields.Sigchld().PID, pid)
	}
	if args.Pidfd != 0 {
		t.Errorf("Clone3 changed the caller's args: Pidfd %#x", args.Pidfd)
	}
}

// TestPidfdSignalWait: pidfd_open of a child, pidfd_send_signal, waitid(P_PIDFD) sees the
// signal, and the pidfd of the reaped child is ESRCH, never a reused pid.
func TestPidfdSignalWait(t *testing.T) {
	pid, err := Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}})
	must(t, "fork", err)
	pidfd, err := PidfdOpen(pid, 0)
	if err != nil {
		Kill(pid, SIGKILL)
		waitExit(t, pid)
	}
	skipUnsupported(t, "pidfd_open", err)
	pidfd = mustFD(t, "pidfd_open", pidfd, err)
	err = PidfdSendSignal(pidfd, SIGTERM, nil, 0)
	if err != nil {
		Kill(pid, SIGKILL)
	}
	skipUnsupported(t, "pidfd_send_signal", err)
	must(t, "pidfd_send_signal", err)
	info, err := Waitid(P_PIDFD, int(pidfd), WEXITED, nil)
	must(t, "waitid", err)
	if info.Code != CLD_KILLED || Signal(info.Sifields.Sigchld().Status) != SIGTERM {
		t.Fatalf("waitid: code %d status %d, want CLD_KILLED SIGTERM", info.Code, info.Sifields.Sigchld().Status)
	}
	wantErrno(t, "pidfd_send_signal to a reaped child", PidfdSendSignal(pidfd, SIGTERM, nil, 0), ESRCH)
	_, err = PidfdOpen(pid, PidfdFlags(0x40000000))
	wantErrno(t, "pidfd_open with an unknown flag", err, EINVAL)
}

// TestPidfdGetfd takes a descriptor out of a child through its pidfd and reads from it.
func TestPidfdGetfd(t *testing.T) {
	r, w := pipeFDs(t)
	pid, err := Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}, Files: []FD{fdOf(t, r), fdOf(t, w), 2}})
	must(t, "fork", err)
	defer func() { Kill(pid, SIGKILL); waitExit(t, pid) }()
	pidfd, err := PidfdOpen(pid, 0)
	skipUnsupported(t, "pidfd_open", err)
	pidfd = mustFD(t, "pidfd_open", pidfd, err)
	fd, err := PidfdGetfd(pidfd, 1, 0) // the child's stdout: our pipe's write end
	skipUnsupported(t, "pidfd_getfd", err)
	fd = mustFD(t, "pidfd_getfd", fd, err)
	if _, err := Write(fd, []byte("through the child")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, err := r.Read(buf)
	must(t, "read", err)
	if string(buf[:n]) != "through the child" {
		t.Fatalf("read %q", buf[:n])
	}
	_, err = PidfdGetfd(pidfd, 1, 1)
	wantErrno(t, "pidfd_getfd with flags", err, EINVAL)
}

// TestExecveatOPath runs /bin/true through an O_PATH descriptor (execveat with
// AT_EMPTY_PATH) in a child, and a missing program's ENOENT comes back from the child.
func TestExecveatOPath(t *testing.T) {
	fd, err := Openat(AT_FDCWD, "/bin/true", O_PATH|O_CLOEXEC, 0)
	fd = mustFD(t, "open O_PATH", fd, err)
	pid, err := Fork(&ExecArgs{Execveat: true, Dirfd: fd, Path: "", Flags: AT_EMPTY_PATH, Argv: []string{"true"}})
	skipUnsupported(t, "execveat", err)
	must(t, "fork+execveat", err)
	wantExit(t, "true through O_PATH", waitExit(t, pid), 0)
	_, err = Fork(&ExecArgs{Path: "/nonexistent/program"})
	wantErrno(t, "fork+execve of a missing program", err, ENOENT)
	_, err = Fork(&ExecArgs{Path: "/bin/true", Argv: []string{"a\x00b"}})
	wantErrno(t, "argument with a NUL", err, EINVAL)
}

// TestExecArgsSteps checks each step of ExecArgs in a child shell: Files, Dir, Setsid,
// Setpgid, Sigmask, Env.
func TestExecArgsSteps(t *testing.T) {
	dir := t.TempDir()
	r, w := pipeFDs(t)
	devnull, err := os.Open("/dev/null")
	must(t, "open /dev/null", err)
	defer devnull.Close()
	mask := SigsetOf(SIGUSR1, SIGWINCH)
	script := `read pid comm state ppid pgrp session rest < /proc/self/stat; echo "$pgrp $session $$ $(pwd) $X"`
	run := func(x *ExecArgs) string {
		t.Helper()
		x.Path, x.Argv = "/bin/sh", []string{"sh", "-c", script}
		x.Files = []FD{fdOf(t, devnull), fdOf(t, w), fdOf(t, w)}
		x.Dir, x.Env = dir, []string{"X=envvalue", "PATH=/usr/bin:/bin"}
		pid, err := Fork(x)
		must(t, "fork", err)
		wantExit(t, "sh", waitExit(t, pid), 0)
		buf := make([]byte, 4096)
		n, err := r.Read(buf)
		must(t, "read", err)
		return string(buf[:n])
	}
	out := run(&ExecArgs{Setsid: true})
	f := strings.Fields(out)
	if len(f) != 5 || f[0] != f[2] || f[1] != f[2] || f[3] != dir || f[4] != "envvalue" {
		t.Fatalf("setsid child: %q: want pgrp = session = pid, pwd %s, X envvalue", out, dir)
	}
	// The mask, seen by a program that does not change it (a shell may).
	pid, err := Fork(&ExecArgs{Path: "/bin/grep", Argv: []string{"grep", "SigBlk", "/proc/self/status"}, Sigmask: &mask, Files: []FD{0, fdOf(t, w), 2}})
	must(t, "fork grep", err)
	wantExit(t, "grep", waitExit(t, pid), 0)
	buf := make([]byte, 256)
	n, err := r.Read(buf)
	must(t, "read", err)
	blk, err := strconv.ParseUint(strings.Fields(string(buf[:n]))[1], 16, 64)
	must(t, "SigBlk", err)
	want := uint64(1)<<(SIGUSR1-1) | 1<<(SIGWINCH-1)
	if qemuUser() {
		// qemu-user converts the guest's mask to the host's numbering, and the grep it
		// execs is the host's (x86-64: SIGUSR1 10, SIGWINCH 28).
		want = 1<<(10-1) | 1<<(28-1)
	}
	if blk != want {
		t.Errorf("child's SigBlk %#x, want %#x", blk, want)
	}
	out = run(&ExecArgs{Setpgid: true})
	f = strings.Fields(out)
	if f[0] != f[2] || f[1] == f[2] {
		t.Fatalf("setpgid child: %q: want pgrp = pid, session not", out)
	}
	if f[1] != strconv.Itoa(int(mustSid(t))) {
		t.Errorf("setpgid child's session %s, want ours %d", f[1], mustSid(t))
	}
}

func mustSid(t *testing.T) PID {
	sid, err := Getsid(0)
	must(t, "getsid", err)
	return sid
}

// TestCloneRefusesSharing: the flags that would share the runtime with the child fail
// before any child exists.
func TestCloneRefusesSharing(t *testing.T) {
	for _, f := range []CloneFlags{CLONE_VM, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, CLONE_SETTLS, CLONE_CHILD_CLEARTID, CLONE_PARENT_SETTID} {
		_, _, err := Clone(f, &ExecArgs{Path: "/bin/true"})
		wantErrno(t, "clone "+strconv.FormatUint(uint64(f), 16), err, EINVAL)
		_, _, err = Clone3(&CloneArgs{Flags: f}, &ExecArgs{Path: "/bin/true"})
		wantErrno(t, "clone3 "+strconv.FormatUint(uint64(f), 16), err, EINVAL)
	}
	_, _, err := Clone3(&CloneArgs{Stack: 1 << 20, StackSize: 4096}, &ExecArgs{Path: "/bin/true"})
	wantErrno(t, "clone3 with a stack", err, EINVAL)
	_, _, err = Clone(0, nil)
	wantErrno(t, "clone without ExecArgs", err, EINVAL)
}

// TestCloneNewNamespaces: clone with new UTS and pid namespaces runs this binary's child,
// which is pid 1 there and sets its own host name.
func TestCloneNewNamespaces(t *testing.T) {
	if childMode(t.Name()) {
		if Getpid() != 1 {
			childExit("pid "+strconv.Itoa(int(Getpid())), 3)
		}
		if err := Sethostname("rawlinux-clone"); err != nil {
			childExit("sethostname: "+err.Error(), 4)
		}
		u, err := Uname()
		if err != nil || UtsnameString(u.Nodename[:]) != "rawlinux-clone" {
			childExit("uname "+UtsnameString(u.Nodename[:]), 5)
		}
		childExit("", 0)
	}
	if os.Geteuid() != 0 {
		t.Skip("new namespaces need CAP_SYS_ADMIN: not root")
	}
	r, w := pipeFDs(t)
	x := selfExec(t, t.Name())
	x.Files = []FD{0, fdOf(t, w), fdOf(t, w)}
	pid, pidfd, err := Clone(CLONE_NEWUTS|CLONE_NEWPID|CLONE_PIDFD, x)
	skipQemuClone(t, err)
	must(t, "clone", err)
	defer Close(pidfd)
	st := waitExit(t, pid)
	w.Close()
	out, _ := io.ReadAll(r)
	if !st.Exited() || st.ExitStatus() != 0 {
		t.Fatalf("child: status %#x: %s", uint32(st), out)
	}
	if u, _ := Uname(); UtsnameString(u.Nodename[:]) == "rawlinux-clone" {
		t.Fatal("the child's host name reached the parent's UTS namespace")
	}
}

// TestCloneNewUser: CLONE_NEWUSER works for a child (single-threaded at the clone), which
// sees itself as the overflow user without mappings, while Unshare refuses it in a
// multi-threaded Go program.
func TestCloneNewUser(t *testing.T) {
	r, w := pipeFDs(t)
	x := &ExecArgs{Path: "/bin/cat", Argv: []string{"cat", "/proc/self/uid_map", "/proc/self/status"}, Files: []FD{0, fdOf(t, w), 2}}
	pid, err := Clone3Simple(t, CLONE_NEWUSER, x)
	if err != nil {
		return
	}
	wantExit(t, "cat", waitExit(t, pid), 0)
	w.Close()
	out, _ := io.ReadAll(r)
	if !strings.Contains(string(out), "Uid:\t65534\t65534") {
		t.Fatalf("the child in a new user namespace without mappings:\n%s", out)
	}
	onThread(t, func() error {
		if err := Unshare(CLONE_NEWUSER); err != EINVAL {
			t.Errorf("unshare(CLONE_NEWUSER) in a multi-threaded process: %v, want EINVAL", err)
		}
		return nil
	})
}

// Clone3Simple is Clone3 with flags that skips the test where clone3 or the flags are
// unsupported.
func Clone3Simple(t *testing.T, flags CloneFlags, x *ExecArgs) (PID, error) {
	t.Helper()
	pid, _, err := Clone3(&CloneArgs{Flags: flags}, x)
	skipUnsupported(t, "clone3", err)
	if err == EINVAL && qemuUser() {
		t.Skipf("clone3 %v: EINVAL under qemu-user", flags)
	}
	must(t, "clone3", err)
	return pid, err
}

// TestVfork: the caller waits until the child execs; a failed exec comes back as the
// error.
func TestVfork(t *testing.T) {
	pid, err := Vfork(&ExecArgs{Path: "/bin/sh", Argv: []string{"sh", "-c", "exit 7"}})
	must(t, "vfork", err)
	wantExit(t, "sh exit 7", waitExit(t, pid), 7)
	_, err = Vfork(&ExecArgs{Path: filepath.Join(t.TempDir(), "missing")})
	wantErrno(t, "vfork of a missing program", err, ENOENT)
}

// TestForkPdeathsig: a child created on a thread that then ends gets its Pdeathsig.
func TestForkPdeathsig(t *testing.T) {
	th := NewLockedThread()
	var pid PID
	must(t, "fork", th.Do(func() (err error) {
		pid, err = Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}, Pdeathsig: SIGKILL})
		return err
	}))
	th.Close()
	st := waitExit(t, pid)
	if !st.Signaled() || st.Signal() != SIGKILL {
		Kill(pid, SIGKILL)
		t.Fatalf("child after its creating thread ended: status %#x, want killed by SIGKILL", uint32(st))
	}
}

// TestExecveReplaces runs this binary's child, which replaces itself with sh (Execve) or
// with sh through a directory descriptor (Execveat).
func TestExecveReplaces(t *testing.T) {
	if childMode(t.Name()) {
		var err error
		if os.Getenv("EXECVEAT") != "" {
			dir, _ := Openat(AT_FDCWD, "/bin", O_DIRECTORY|O_PATH, 0)
			err = Execveat(dir, "sh", []string{"sh", "-c", "exit 9"}, nil, 0)
		} else {
			err = Execve("/bin/sh", []string{"sh", "-c", "exit 8"}, nil)
		}
		childExit("exec: "+err.Error(), 3)
	}
	for _, c := range []struct {
		env  string
		code int
	}{{"", 8}, {"EXECVEAT=1", 9}} {
		pid, err := Fork(selfExec(t, t.Name(), c.env))
		must(t, "fork", err)
		wantExit(t, "child after exec "+c.env, waitExit(t, pid), c.code)
	}
	wantErrno(t, "execve of a missing program", Execve("/nonexistent", nil, nil), ENOENT)
	wantErrno(t, "execveat with a bad descriptor", Execveat(-1, "x", nil, nil, 0), EBADF)
	wantErrno(t, "execve with a NUL", Execve("/bin/\x00sh", nil, nil), EINVAL)
}

// TestExitGroup: a child ends with ExitGroup's status without running deferred calls.
func TestExitGroup(t *testing.T) {
	if childMode(t.Name()) {
		defer childExit("deferred call ran", 3)
		ExitGroup(42)
		childExit("ExitGroup returned", 4)
	}
	out, err := selfCmd(t, t.Name()).CombinedOutput()
	if ee, ok := err.(interface{ ExitCode() int }); !ok || ee.ExitCode() != 42 {
		t.Fatalf("child: %v (%s), want exit 42", err, out)
	}
}

// TestExit ends a goroutine's thread: the goroutine's deferred call runs, and the thread
// leaves /proc/self/task (the main thread is held aside: the runtime parks it instead).
func TestExit(t *testing.T) {
	tid := make(chan PID)
	deferred := make(chan bool, 1)
	var exiter func()
	exiter = func() {
		runtime.LockOSThread()
		if Gettid() == Getpid() {
			done := make(chan bool)
			go func() { defer close(done); exiter() }()
			<-done // the main thread stays locked until the other goroutine's thread is gone
			runtime.UnlockOSThread()
			return
		}
		defer func() { deferred <- true }()
		tid <- Gettid()
		Exit()
		t.Error("Exit returned")
	}
	go exiter()
	id := <-tid
	if !<-deferred {
		t.Fatal("no deferred call")
	}
	if id == Getpid() {
		t.Fatal("Exit ran on the main thread")
	}
	waitGone(t, id)
}

// waitGone waits until thread tid of this process has ended.
func waitGone(t *testing.T, tid PID) {
	t.Helper()
	task := "/proc/self/task/" + strconv.Itoa(int(tid))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(task); os.IsNotExist(err) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("thread %d still exists", tid)
		}
	}
}

// TestWaits: Wait4 with rusage, Waitpid, Waitid with WNOHANG and WNOWAIT, on children of
// Fork and Clone.
func TestWaits(t *testing.T) {
	pid, err := Fork(&ExecArgs{Path: "/bin/sh", Argv: []string{"sh", "-c", "exit 3"}})
	must(t, "fork", err)
	info, err := Waitid(P_PID, int(pid), WEXITED|WNOWAIT, nil)
	must(t, "waitid WNOWAIT", err)
	if info.Code != CLD_EXITED || info.Sifields.Sigchld().Status != 3 {
		t.Fatalf("waitid: code %d status %d", info.Code, info.Sifields.Sigchld().Status)
	}
	var ru Rusage
	wpid, st, err := Wait4(pid, 0, &ru)
	must(t, "wait4", err)
	if wpid != pid || st.ExitStatus() != 3 {
		t.Fatalf("wait4: %d %#x", wpid, uint32(st))
	}
	if ru.Maxrss <= 0 {
		t.Errorf("wait4's rusage: maxrss %d", ru.Maxrss)
	}
	pid, _, err = Clone(0, &ExecArgs{Path: "/bin/sh", Argv: []string{"sh", "-c", "kill -TERM $$"}})
	must(t, "clone", err)
	wpid, st, err = Waitpid(pid, 0)
	must(t, "waitpid", err)
	if wpid != pid || !st.Signaled() || st.Signal() != SIGTERM || st.Exited() {
		t.Fatalf("waitpid: %d %#x", wpid, uint32(st))
	}
	wpid, _, err = Waitpid(pid, WNOHANG)
	wantErrno(t, "waitpid of a reaped child", err, ECHILD)
	if wpid != 0 {
		t.Errorf("waitpid: %d", wpid)
	}
	pid, err = Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}})
	must(t, "fork", err)
	info, err = Waitid(P_PID, int(pid), WEXITED|WNOHANG, nil)
	must(t, "waitid WNOHANG", err)
	if info.Signo != 0 {
		t.Errorf("waitid WNOHANG on a running child: signo %d", info.Signo)
	}
	Kill(pid, SIGSTOP)
	_, st, err = Wait4(pid, WUNTRACED, nil)
	must(t, "wait4 WUNTRACED", err)
	if !st.Stopped() || st.StopSignal() != SIGSTOP {
		t.Errorf("stopped child: %#x", uint32(st))
	}
	Kill(pid, SIGCONT)
	_, st, err = Wait4(pid, WCONTINUED, nil)
	must(t, "wait4 WCONTINUED", err)
	if !st.Continued() {
		t.Errorf("continued child: %#x", uint32(st))
	}
	Kill(pid, SIGKILL)
	waitExit(t, pid)
}
