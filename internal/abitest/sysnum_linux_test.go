package abitest

import (
	"os"
	"runtime"
	"syscall"
	"testing"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/internal/emulation"
	"github.com/rawlinux/linux/raw"
	"github.com/rawlinux/linux/systab"
)

// sysnumConsts lists this arch's SYS_* constants with their table names, in table order
// (the generated zsysnum_linux*_test.go fill it).
var sysnumConsts []struct {
	name string
	num  int
}

func sysnum(name string, num int) bool {
	sysnumConsts = append(sysnumConsts, struct {
		name string
		num  int
	}{name, num})
	return true
}

// TestSysnumMatchesSystab runs on every arch (natively or under qemu): the SYS_* constants
// compiled into this build (package linux's zsysnum_linux*.go, listed by name in the
// generated zsysnum_linux*_test.go) are exactly systab.Current(), row by row.
func TestSysnumMatchesSystab(t *testing.T) {
	cur := systab.Current()
	if len(cur) == 0 {
		t.Fatalf("systab.Current() is empty on %s", runtime.GOARCH)
	}
	if len(sysnumConsts) != len(cur) {
		t.Errorf("%d SYS_* constants, systab.Current() has %d rows", len(sysnumConsts), len(cur))
	}
	for _, c := range sysnumConsts {
		e, ok := systab.Lookup(systab.Arch(runtime.GOARCH), c.name)
		if !ok || e.Number != c.num {
			t.Errorf("SYS_ constant of %s = %d; systab has %d (%v)", c.name, c.num, e.Number, ok)
		}
	}
	seen := map[string]bool{}
	for _, c := range sysnumConsts {
		if seen[c.name] {
			t.Errorf("%s listed twice", c.name)
		}
		seen[c.name] = true
	}
	// The standard library's syscall package agrees on a few long-stable numbers (its own
	// tables are older and partial: only numbers it has are compared).
	for _, c := range []struct {
		name string
		num  uintptr
		ours int
	}{
		{"getpid", syscall.SYS_GETPID, linux.SYS_GETPID},
		{"gettid", syscall.SYS_GETTID, linux.SYS_GETTID},
		{"close", syscall.SYS_CLOSE, linux.SYS_CLOSE},
		{"exit_group", syscall.SYS_EXIT_GROUP, linux.SYS_EXIT_GROUP},
	} {
		if int(c.num) != c.ours {
			t.Errorf("%s: syscall package %d, ours %d", c.name, c.num, c.ours)
		}
	}
}

func mustLookup(t *testing.T, name string) uintptr {
	t.Helper()
	e, ok := systab.Lookup(systab.Arch(runtime.GOARCH), name)
	if !ok {
		t.Fatalf("systab has no %s on %s", name, runtime.GOARCH)
	}
	if !e.Implemented {
		t.Fatalf("%s is not implemented on %s", name, runtime.GOARCH)
	}
	return uintptr(e.Number)
}

// TestCallsByNumber makes real calls with numbers taken from systab.
func TestCallsByNumber(t *testing.T) {
	pid, _, err := raw.RawSyscall(mustLookup(t, "getpid"), 0, 0, 0)
	if err != 0 || int(pid) != os.Getpid() {
		t.Errorf("getpid by number: %d, %v; os.Getpid() = %d", pid, err, os.Getpid())
	}
	ppid, _, err := raw.RawSyscall(mustLookup(t, "getppid"), 0, 0, 0)
	if err != 0 || int(ppid) != os.Getppid() {
		t.Errorf("getppid by number: %d, %v; os.Getppid() = %d", ppid, err, os.Getppid())
	}
	runtime.LockOSThread()
	tid, _, err := raw.RawSyscall(mustLookup(t, "gettid"), 0, 0, 0)
	want := syscall.Gettid()
	runtime.UnlockOSThread()
	if err != 0 || int(tid) != want {
		t.Errorf("gettid by number: %d, %v; syscall.Gettid() = %d", tid, err, want)
	}
	// close(-1) fails with EBADF.
	if _, _, err := raw.Syscall(mustLookup(t, "close"), ^uintptr(0), 0, 0); err != raw.EBADF {
		t.Errorf("close(-1) by number: %v, want EBADF", err)
	}
	// kill(getpid(), 0) succeeds (signal 0 only checks).
	if _, _, err := raw.RawSyscall(mustLookup(t, "kill"), pid, 0, 0); err != 0 {
		t.Errorf("kill(self, 0) by number: %v", err)
	}
	// The SYS_ constant of the build is the same number.
	if mustLookup(t, "getpid") != linux.SYS_GETPID {
		t.Errorf("SYS_GETPID = %d, systab %d", linux.SYS_GETPID, mustLookup(t, "getpid"))
	}
}

// emulatedArch reports whether the test runs under qemu-user (package emulation).
func emulatedArch() bool { return emulation.QemuUser("") }

// TestUnimplementedNumber calls a number the table lists without an implementation (no
// entry point, or sys_ni_syscall): the kernel answers ENOSYS.
func TestUnimplementedNumber(t *testing.T) {
	var e systab.Entry
	for _, x := range systab.Current() {
		if !x.Implemented && (e.Name == "" || e.EntryPoint != "" && x.EntryPoint == "") {
			e = x // prefer a row without entry point
		}
	}
	if e.Name == "" {
		t.Skipf("every row of %s is implemented", runtime.GOARCH)
	}
	_, _, err := raw.RawSyscall(uintptr(e.Number), 0, 0, 0)
	if err != raw.ENOSYS {
		if emulatedArch() {
			t.Skipf("%s (%d, entry point %q) gives %v under qemu, which implements its own table", e.Name, e.Number, e.EntryPoint, err)
		}
		t.Errorf("%s (%d, entry point %q): %v, want ENOSYS", e.Name, e.Number, e.EntryPoint, err)
	}
	t.Logf("%s (%d, entry point %q): ENOSYS", e.Name, e.Number, e.EntryPoint)
}
