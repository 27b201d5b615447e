//go:build linux

package linux

import (
	"os"
	"os/exec"
	"testing"
)

// runChild runs test (a -test.run pattern) of this binary again in a child process with
// the environment variable env set, for what a test cannot do in its own process (change
// its session, namespaces, controlling terminal); under qemu-user the child is the
// emulator running the binary. It fails t if the child fails, and returns its output.
func runChild(t *testing.T, test, env string) string {
	t.Helper()
	args := []string{os.Args[0], "-test.run=^" + test + "$", "-test.count=1", "-test.v"}
	if q := os.Getenv("RAWLINUX_QEMU"); q != "" {
		args = append([]string{q}, args...)
	} else if qemuUser() {
		t.Skip("under qemu-user without RAWLINUX_QEMU (the emulator's path, set by test.sh) this binary cannot re-run itself")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", test, err, out)
	}
	return string(out)
}

// childFail ends a child process with a message (for the parent's log) and status 3.
func childFail(msg string, err error) {
	if err != nil {
		msg += ": " + err.Error()
	}
	os.Stdout.WriteString(msg + "\n")
	os.Exit(3)
}
