//go:build linux

package linux

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Helpers of the process-group tests (issue 10).

// childEnv is the variable that makes a re-run of this test binary one test's child.
const childEnv = "RAWLINUX_TEST_PROC_CHILD"

// childMode reports whether this process is the child of the test named name, re-run by
// selfCmd or selfExec.
func childMode(name string) bool { return os.Getenv(childEnv) == name }

// childExit ends a child with a message on stdout and status code (0 when msg is "").
func childExit(msg string, code int) {
	if msg != "" {
		os.Stdout.WriteString(msg + "\n")
	}
	os.Exit(code)
}

// selfArgv is the command that re-runs this test binary for test name: under qemu-user
// the emulator's path comes first (no binfmt_misc), as TestChroot does.
func selfArgv(t *testing.T, name string) []string {
	t.Helper()
	argv := []string{os.Args[0], "-test.run=^" + name + "$", "-test.count=1"}
	if q := os.Getenv("RAWLINUX_QEMU"); q != "" {
		return append([]string{q}, argv...)
	}
	if qemuUser() {
		t.Skip("under qemu-user without RAWLINUX_QEMU (the emulator's path, set by test.sh) this binary cannot re-run itself")
	}
	return argv
}

// selfCmd is an os/exec command that runs this binary as test name's child.
func selfCmd(t *testing.T, name string, env ...string) *exec.Cmd {
	t.Helper()
	argv := selfArgv(t, name)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + name}, env...)...)
	return cmd
}

// selfExec is the ExecArgs that runs this binary as test name's child.
func selfExec(t *testing.T, name string, env ...string) *ExecArgs {
	t.Helper()
	argv := selfArgv(t, name)
	return &ExecArgs{Path: argv[0], Argv: argv, Env: append(os.Environ(), append([]string{childEnv + "=" + name}, env...)...)}
}

// pipeFDs returns a pipe's ends, closed at the end of the test, in blocking mode (Fd puts
// them there): a child reading a non-blocking stdin would get EAGAIN at once.
func pipeFDs(t *testing.T) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	must(t, "pipe", err)
	r.Fd()
	w.Fd()
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

// fdOf is FileFD that fails the test.
func fdOf(t *testing.T, f *os.File) FD {
	t.Helper()
	fd, err := FileFD(f)
	must(t, "FileFD", err)
	return fd
}

// waitExit reaps child pid and returns its wait status, failing after 20 s.
func waitExit(t *testing.T, pid PID) WaitStatus {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		wpid, st, err := Wait4(pid, WNOHANG|WALL, nil)
		if err == EINTR {
			continue
		}
		must(t, "wait4", err)
		if wpid == pid {
			return st
		}
		if time.Now().After(deadline) {
			Kill(pid, SIGKILL)
			t.Fatalf("child %d did not end", pid)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// wantExit fails unless st is a normal exit with code.
func wantExit(t *testing.T, what string, st WaitStatus, code int) {
	t.Helper()
	if !st.Exited() || st.ExitStatus() != code {
		t.Fatalf("%s: wait status %#x (exited %v code %d, signaled %v %d), want exit %d", what, uint32(st), st.Exited(), st.ExitStatus(), st.Signaled(), st.Signal(), code)
	}
}

// procField returns the value of field (such as "Uid:" or "CapEff:") of a
// /proc/.../status file, with its whitespace-separated words.
func procField(t *testing.T, path, field string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, "read "+path, err)
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, field); ok {
			return strings.Fields(rest)
		}
	}
	t.Fatalf("%s has no %s", path, field)
	return nil
}

// threadStatus is the status file of the calling thread (to be read on a locked thread).
func threadStatus() string { return "/proc/thread-self/status" }

// atoi is strconv.Atoi that fails the test.
func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(s))
	must(t, "atoi "+s, err)
	return n
}

// onThread runs f on a throwaway locked thread and fails the test on its error (a skip
// error from skipErr skips it).
func onThread(t *testing.T, f func() error) {
	t.Helper()
	err := OnLockedThread(f)
	var s skipError
	if errors.As(err, &s) {
		t.Skip(string(s))
	}
	must(t, "on a locked thread", err)
}

// skipError carries a skip reason out of a function run on a locked thread.
type skipError string

func (s skipError) Error() string { return string(s) }

// unsupported returns a skipError when err is what skipUnsupported would skip for.
func unsupported(call string, err error) error {
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, EOPNOTSUPP)) {
		return skipError(call + ": " + err.Error() + " under qemu-user (qemu does not implement it)")
	}
	return nil
}

// hostLacks returns a skipError-free check for calls newer than the host kernel: ENOSYS
// from a kernel that predates the call is logged and accepted; anything else is returned.
func hostLacks(t *testing.T, call string, err error) bool {
	t.Helper()
	if errors.Is(err, ENOSYS) {
		rel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
		t.Logf("%s: ENOSYS: the running kernel (%s) predates it or lacks its config; checked as that errno", call, bytes.TrimSpace(rel))
		return true
	}
	return false
}

// sameFile reports whether two paths are the same file (for the namespace links of /proc).
func nsInode(t *testing.T, path string) uint64 {
	t.Helper()
	st, err := Stat(path)
	must(t, "stat "+path, err)
	return uint64(st.Ino)
}
