//go:build linux

package linux

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// Ids, credentials, capabilities, prctl, personality, process groups and sessions. The
// per-thread setters run on throwaway locked threads and are checked in
// /proc/thread-self/status, with the other threads seen unchanged; the process-wide forms
// run in a child.

func TestIDs(t *testing.T) {
	if Getpid() != PID(os.Getpid()) || Getppid() != PID(os.Getppid()) {
		t.Fatalf("getpid %d getppid %d, os says %d %d", Getpid(), Getppid(), os.Getpid(), os.Getppid())
	}
	if Getuid() != UID(os.Getuid()) || Geteuid() != UID(os.Geteuid()) || Getgid() != GID(os.Getgid()) || Getegid() != GID(os.Getegid()) {
		t.Fatalf("ids %d %d %d %d, os says %d %d %d %d", Getuid(), Geteuid(), Getgid(), Getegid(), os.Getuid(), os.Geteuid(), os.Getgid(), os.Getegid())
	}
	onThread(t, func() error {
		if tid := Gettid(); tid != PID(atoi(t, procField(t, threadStatus(), "Pid:")[0])) {
			t.Errorf("gettid %d, /proc/thread-self says otherwise", tid)
		}
		r, e, s, err := Getresuid()
		must(t, "getresuid", err)
		u := procField(t, threadStatus(), "Uid:")
		if strconv.Itoa(int(r)) != u[0] || strconv.Itoa(int(e)) != u[1] || strconv.Itoa(int(s)) != u[2] {
			t.Errorf("getresuid %d %d %d, status Uid %v", r, e, s, u)
		}
		rg, eg, sg, err := Getresgid()
		must(t, "getresgid", err)
		g := procField(t, threadStatus(), "Gid:")
		if strconv.Itoa(int(rg)) != g[0] || strconv.Itoa(int(eg)) != g[1] || strconv.Itoa(int(sg)) != g[2] {
			t.Errorf("getresgid %d %d %d, status Gid %v", rg, eg, sg, g)
		}
		return nil
	})
	pgid, err := Getpgid(0)
	must(t, "getpgid", err)
	if want, _ := syscall.Getpgid(0); pgid != PID(want) || Getpgrp() != pgid {
		t.Errorf("getpgid %d getpgrp %d, syscall says %d", pgid, Getpgrp(), want)
	}
	sid, err := Getsid(0)
	must(t, "getsid", err)
	if _, err := Getsid(-1); err == nil {
		t.Error("getsid(-1) succeeded")
	}
	// /proc/self/status, which qemu-user passes through (it makes up /proc/self/stat).
	if g, s := procField(t, "/proc/self/status", "NSpgid:"), procField(t, "/proc/self/status", "NSsid:"); g[len(g)-1] != strconv.Itoa(int(pgid)) || s[len(s)-1] != strconv.Itoa(int(sid)) {
		t.Errorf("pgrp %d session %d, /proc/self/status says %v %v", pgid, sid, g, s)
	}
	wantErrno(t, "setpgid of a missing process", Setpgid(1<<22+12345, 0), ESRCH)
}

// TestPerThreadCredentials: the per-thread setters change the locked thread only; the
// thread is then thrown away.
func TestPerThreadCredentials(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("changing ids needs CAP_SETUID: not root")
	}
	onThread(t, func() error {
		must(t, "setgroups", Setgroups([]GID{4242, 4343}))
		n, err := Getgroups(nil)
		must(t, "getgroups(nil)", err)
		list := make([]GID, n)
		_, err = Getgroups(list)
		must(t, "getgroups", err)
		if !slices.Equal(list, []GID{4242, 4343}) {
			t.Errorf("getgroups %v", list)
		}
		if g := procField(t, threadStatus(), "Groups:"); !slices.Equal(g, []string{"4242", "4343"}) {
			t.Errorf("status Groups %v", g)
		}
		must(t, "setresgid", Setresgid(1001, 1002, 1003))
		must(t, "setregid", Setregid(^GID(0), 1004))
		if g := procField(t, threadStatus(), "Gid:"); !slices.Equal(g[:3], []string{"1001", "1004", "1004"}) {
			t.Errorf("after setresgid/setregid: Gid %v (an effective id other than the real one sets the saved one)", g)
		}
		must(t, "setgid", Setgid(0))
		if Getgid() != 0 || Getegid() != 0 {
			t.Errorf("after setgid(0): %d %d", Getgid(), Getegid())
		}
		if old := Setfsgid(77); old != 0 {
			t.Errorf("setfsgid returned %d, want the previous 0", old)
		}
		if g := procField(t, threadStatus(), "Gid:"); g[3] != "77" {
			t.Errorf("fsgid %v", g)
		}
		if old := Setfsuid(88); old != 0 || Setfsuid(0) != 88 {
			t.Errorf("setfsuid: previous ids wrong")
		}
		must(t, "setresuid", Setresuid(2001, 0, 2003))
		must(t, "setreuid", Setreuid(2005, ^UID(0)))
		if u := procField(t, threadStatus(), "Uid:"); !slices.Equal(u[:3], []string{"2005", "0", "0"}) {
			t.Errorf("after setresuid/setreuid: Uid %v (a new real id sets the saved one to the effective)", u)
		}
		must(t, "setuid", Setuid(3000)) // with CAP_SETUID: all three
		if u := procField(t, threadStatus(), "Uid:"); !slices.Equal(u[:3], []string{"3000", "3000", "3000"}) {
			t.Errorf("after setuid: Uid %v", u)
		}
		wantErrno(t, "setuid(0) after dropping root", Setuid(0), EPERM)
		return nil
	})
	if os.Geteuid() != 0 || Getuid() != 0 {
		t.Fatal("a per-thread setter changed another thread")
	}
	if g := procField(t, "/proc/self/status", "Groups:"); slices.Contains(g, "4242") {
		t.Fatal("the main thread's groups changed")
	}
}

// TestAllThreadsCredentials: the process-wide setters change every thread of a child.
func TestAllThreadsCredentials(t *testing.T) {
	if childMode(t.Name()) {
		step := func(what string, err error) {
			if err != nil {
				if errors.Is(err, ErrAllThreadsCgo) {
					// A cgo binary (-race links one): the refusal is the result, as ENOTSUP.
					if !errors.Is(err, EOPNOTSUPP) || !errors.Is(err, syscall.ENOTSUP) || Getuid() != 0 {
						childExit("cgo refusal not ENOTSUP, or a thread changed: "+err.Error(), 5)
					}
					childExit("refused under cgo: "+err.Error(), 0)
				}
				childExit(what+": "+err.Error(), 3)
			}
		}
		step("setgroups", SetgroupsAllThreads([]GID{5151}))
		step("setresgid", SetresgidAllThreads(5001, 5002, 5003))
		step("setregid", SetregidAllThreads(5004, ^GID(0)))
		step("setgid", SetgidAllThreads(5005))
		_, err := SetfsgidAllThreads(5006)
		step("setfsgid", err)
		step("setresuid", SetresuidAllThreads(6001, 0, 6003))
		step("setreuid", SetreuidAllThreads(6004, ^UID(0)))
		_, err = SetfsuidAllThreads(6006)
		step("setfsuid", err)
		// Drop CAP_NET_RAW from every thread's effective set.
		hdr := CapUserHeader{Version: LINUX_CAPABILITY_VERSION_3}
		data, err := Capget(&hdr)
		step("capget", err)
		data[CAP_NET_RAW/32].Effective &^= 1 << (CAP_NET_RAW % 32)
		step("capset", CapsetAllThreads(&hdr, &data))
		step("setuid", SetuidAllThreads(6007)) // euid 0 keeps CAP_SETUID: all three become 6007
		tasks, _ := os.ReadDir("/proc/self/task")
		main, _ := os.ReadFile("/proc/self/comm")
		for _, task := range tasks {
			b, _ := os.ReadFile("/proc/self/task/" + task.Name() + "/status")
			s := string(b)
			if comm, _ := os.ReadFile("/proc/self/task/" + task.Name() + "/comm"); os.Getenv("RAWLINUX_QEMU") != "" && string(comm) != string(main) {
				continue // qemu-user's own threads (call_rcu), which are not the runtime's
			}
			for _, want := range []string{"Uid:\t6007\t6007\t6007\t6007", "Gid:\t5005\t5005\t5005\t5006", "Groups:\t5151"} {
				if !strings.Contains(s, want) {
					childExit("thread "+task.Name()+" lacks "+want+":\n"+s, 4)
				}
			}
		}
		childExit("ok "+strconv.Itoa(len(tasks))+" threads", 0)
	}
	if os.Geteuid() != 0 {
		t.Skip("changing ids needs CAP_SETUID: not root")
	}
	out, err := selfCmd(t, t.Name()).CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child: %s", strings.TrimSpace(string(out)))
	if cgoEnabled {
		if !strings.Contains(string(out), "refused under cgo: ") {
			t.Fatalf("a cgo child: %s, want ErrAllThreadsCgo", out)
		}
		return
	}
	if !strings.Contains(string(out), "ok ") {
		t.Fatalf("child: %s", out)
	}
}

// TestCapgetCapset drops a capability from the locked thread's effective set and checks
// /proc/thread-self/status and the call it allowed (a per-thread drop).
func TestCapgetCapset(t *testing.T) {
	hdr := CapUserHeader{Version: LINUX_CAPABILITY_VERSION_3}
	data, err := Capget(&hdr)
	must(t, "capget", err)
	eff := uint64(data[1].Effective)<<32 | uint64(data[0].Effective)
	if want, _ := strconv.ParseUint(procField(t, "/proc/self/status", "CapEff:")[0], 16, 64); eff != want {
		t.Fatalf("capget effective %#x, status CapEff %#x", eff, want)
	}
	bad := CapUserHeader{Version: 0x12345678}
	if _, err := Capget(&bad); err != EINVAL || bad.Version != LINUX_CAPABILITY_VERSION_3 {
		t.Errorf("capget with a bad version: %v, version %#x", err, bad.Version)
	}
	if eff&(1<<CAP_SYS_TTY_CONFIG) == 0 {
		t.Skip("no CAP_SYS_TTY_CONFIG to drop")
	}
	onThread(t, func() error {
		d := data
		d[0].Effective &^= 1 << CAP_SYS_TTY_CONFIG
		must(t, "capset", Capset(&hdr, &d))
		got, _ := strconv.ParseUint(procField(t, threadStatus(), "CapEff:")[0], 16, 64)
		if got&(1<<CAP_SYS_TTY_CONFIG) != 0 || got != eff&^(1<<CAP_SYS_TTY_CONFIG) {
			t.Errorf("after capset: CapEff %#x", got)
		}
		// vhangup checks CAP_SYS_TTY_CONFIG before it does anything.
		wantErrno(t, "vhangup without CAP_SYS_TTY_CONFIG", Vhangup(), EPERM)
		return nil
	})
	if got, _ := strconv.ParseUint(procField(t, "/proc/self/status", "CapEff:")[0], 16, 64); got != eff {
		t.Fatalf("the main thread's capabilities changed: %#x", got)
	}
}

// TestVhangupNoTTY: with CAP_SYS_TTY_CONFIG and no controlling terminal (a new session)
// vhangup succeeds and hangs up nothing.
func TestVhangupNoTTY(t *testing.T) {
	if childMode(t.Name()) {
		if err := Vhangup(); err != nil {
			childExit("vhangup: "+err.Error(), 3)
		}
		childExit("", 0)
	}
	if os.Geteuid() != 0 {
		t.Skip("vhangup needs CAP_SYS_TTY_CONFIG: not root")
	}
	x := selfExec(t, t.Name())
	x.Setsid = true
	pid, err := Fork(x)
	must(t, "fork", err)
	wantExit(t, "vhangup child", waitExit(t, pid), 0)
}

func TestPrctl(t *testing.T) {
	// Credential changes (the tests above) leave the process non-dumpable: set it back.
	_, err := Prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
	must(t, "PR_SET_DUMPABLE", err)
	d, err := Prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
	must(t, "PR_GET_DUMPABLE", err)
	if d != 1 {
		t.Errorf("dumpable %d", d)
	}
	_, err = Prctl(PrctlOption(0x7fff0000), 0, 0, 0, 0)
	wantErrno(t, "an unknown option", err, EINVAL)
	onThread(t, func() error {
		must(t, "PrctlSetName", PrctlSetName("rawlinux-thread"))
		name, err := PrctlGetName()
		must(t, "PrctlGetName", err)
		comm, _ := os.ReadFile("/proc/thread-self/comm")
		if name != "rawlinux-thread" || strings.TrimSpace(string(comm)) != "rawlinux-thread" {
			t.Errorf("thread name %q, comm %q", name, comm)
		}
		must(t, "PrctlSetNoNewPrivs", PrctlSetNoNewPrivs())
		if nnp, _ := Prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); nnp != 1 {
			t.Errorf("no_new_privs %d after setting it", nnp)
		}
		must(t, "PrctlSetPdeathsig", PrctlSetPdeathsig(SIGUSR2))
		var sig int32
		_, err = Prctl(PR_GET_PDEATHSIG, uintptr(unsafe.Pointer(&sig)), 0, 0, 0)
		must(t, "PR_GET_PDEATHSIG", err)
		if Signal(sig) != SIGUSR2 {
			t.Errorf("pdeathsig %d", sig)
		}
		return nil
	})
	if nnp, _ := Prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); nnp != 0 {
		t.Fatal("no_new_privs reached another thread")
	}
	if name, _ := PrctlGetName(); name == "rawlinux-thread" {
		t.Fatal("the thread name reached another thread")
	}
}

func TestPersonality(t *testing.T) {
	p, err := Personality(0xffffffff)
	must(t, "personality(query)", err)
	b, _ := os.ReadFile("/proc/self/personality")
	if want, _ := strconv.ParseUint(strings.TrimSpace(string(b)), 16, 32); Persona(want) != p {
		t.Fatalf("personality %#x, /proc/self/personality %s", p, b)
	}
	if p&PER_MASK != PER_LINUX && p&PER_MASK != PER_LINUX32 {
		t.Errorf("execution domain %#x", p&PER_MASK)
	}
}

// TestSetsidChild: children of this binary call Setsid, and Setpgid, themselves.
func TestSetsidChild(t *testing.T) {
	if childMode(t.Name()) {
		if os.Getenv("SETPGID") != "" {
			if err := Setpgid(0, 0); err != nil {
				childExit("setpgid: "+err.Error(), 3)
			}
			if g, _ := Getpgid(0); g != Getpid() || Getpgrp() != Getpid() {
				childExit("not a group leader", 4)
			}
			if _, err := Setsid(); err != EPERM { // a group leader cannot start a session
				childExit("setsid of a group leader: "+errString(err), 5)
			}
			childExit("", 0)
		}
		sid, err := Setsid()
		if err != nil || sid != Getpid() {
			childExit("setsid: "+errString(err), 3)
		}
		if _, err := Setsid(); err != EPERM {
			childExit("second setsid: "+errString(err), 4)
		}
		if s, _ := Getsid(0); s != sid {
			childExit("getsid", 5)
		}
		if err := Setpgid(0, 0); err != EPERM { // a session leader cannot change group
			childExit("setpgid of a session leader: "+errString(err), 6)
		}
		childExit("", 0)
	}
	for _, env := range []string{"", "SETPGID=1"} {
		cmd := selfCmd(t, t.Name(), env)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child %s: %v\n%s", env, err, out)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
