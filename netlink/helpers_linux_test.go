//go:build linux

package netlink

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/internal/emulation"
)

// qemuUser reports whether the test runs under qemu-user (package emulation).
func qemuUser() bool { return emulation.QemuUser("") }

// dial opens a netlink connection for a test (closed at the end), with a read timeout so
// that a reply that never comes fails the test instead of hanging it. Under qemu-user, which
// translates only NETLINK_ROUTE, NETLINK_AUDIT and NETLINK_KOBJECT_UEVENT, another protocol
// is a skip.
func dial(t *testing.T, proto int) *Conn {
	t.Helper()
	c, err := Dial(proto, 0)
	if err != nil && qemuUser() && (errors.Is(err, linux.EPROTONOSUPPORT) || errors.Is(err, linux.EAFNOSUPPORT)) {
		t.Skipf("netlink protocol %d under qemu-user: %v (qemu translates only NETLINK_ROUTE, NETLINK_AUDIT and NETLINK_KOBJECT_UEVENT)", proto, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.SetReadTimeout(10 * time.Second); err != nil {
		t.Fatalf("SO_RCVTIMEO: %v", err)
	}
	return c
}

// inNewNetns runs test again in a child process whose test thread is in a new network
// namespace (unshare(CLONE_NEWNET) on a locked thread); it reports whether this is the
// child. Under qemu-user the child is the emulator running the binary.
func inNewNetns(t *testing.T, test string) bool {
	t.Helper()
	if os.Getenv("RAWLINUX_TEST_NETNS") == test {
		runtime.LockOSThread() // never unlocked: the thread dies with the child
		if err := linux.Unshare(linux.CLONE_NEWNET); err != nil {
			t.Fatalf("unshare(CLONE_NEWNET): %v", err)
		}
		return true
	}
	if os.Geteuid() != 0 {
		t.Skip("a network namespace needs CAP_SYS_ADMIN: not root")
	}
	args := []string{os.Args[0], "-test.run=^" + test + "$", "-test.count=1", "-test.v"}
	if q := os.Getenv("RAWLINUX_QEMU"); q != "" {
		args = append([]string{q}, args...)
	} else if qemuUser() {
		t.Skip("under qemu-user without RAWLINUX_QEMU (the emulator's path, set by test.sh) this binary cannot re-run itself")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "RAWLINUX_TEST_NETNS="+test)
	out, err := cmd.CombinedOutput()
	switch {
	case err != nil:
		t.Fatalf("child: %v\n%s", err, out)
	case strings.Contains(string(out), "--- SKIP"):
		t.Skipf("child skipped:\n%s", out)
	default:
		t.Logf("child:\n%s", out)
	}
	return false
}
