//go:build linux

package linux

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// Scheduling, priorities, limits, usage and system information.

// TestAffinityRoundTrip: the locked thread's affinity set to one CPU reads back, shows in
// /proc/thread-self/status, and leaves the other threads' alone.
func TestAffinityRoundTrip(t *testing.T) {
	all, err := SchedGetaffinity(0)
	must(t, "sched_getaffinity", err)
	if all.Count() == 0 || all.Count() > runtime.NumCPU()*2 {
		t.Fatalf("affinity has %d CPUs (NumCPU %d)", all.Count(), runtime.NumCPU())
	}
	cpu := -1
	for i := 0; i < 1024; i++ {
		if all.IsSet(i) {
			cpu = i
			break
		}
	}
	onThread(t, func() error {
		var one CPUSet
		one.Set(cpu)
		must(t, "sched_setaffinity", SchedSetaffinity(0, &one))
		got, err := SchedGetaffinity(0)
		must(t, "sched_getaffinity", err)
		if got != one {
			t.Errorf("affinity %v, set %v", got, one)
		}
		if l := procField(t, threadStatus(), "Cpus_allowed_list:"); l[0] != strconv.Itoa(cpu) {
			t.Errorf("Cpus_allowed_list %v, want %d", l, cpu)
		}
		return nil
	})
	if now, _ := SchedGetaffinity(0); now != all {
		t.Fatal("another thread's affinity changed")
	}
	var none CPUSet
	wantErrno(t, "sched_setaffinity to no CPU", SchedSetaffinity(0, &none), EINVAL)
	_, err = SchedGetaffinity(1<<22 + 4321)
	wantErrno(t, "sched_getaffinity of a missing thread", err, ESRCH)
}

func TestCPUSetMethods(t *testing.T) {
	var s CPUSet
	s.Set(0)
	s.Set(63)
	s.Set(64)
	s.Set(1023)
	s.Set(1024) // out of range: ignored
	s.Set(-1)
	if s.Count() != 4 || !s.IsSet(63) || !s.IsSet(64) || s.IsSet(1) || s.IsSet(1024) {
		t.Fatalf("set %v count %d", s, s.Count())
	}
	if s[0]&1 == 0 || s[64/cpuWordBits]&(1<<(64%cpuWordBits)) == 0 {
		t.Errorf("bit layout: %v", s)
	}
	s.Clear(64)
	if s.IsSet(64) || s.Count() != 3 {
		t.Error("Clear")
	}
	s.Zero()
	if s.Count() != 0 {
		t.Error("Zero")
	}
}

// TestSchedPolicy: policies and parameters of the locked thread, the priority range, the
// round-robin interval, sched_yield.
func TestSchedPolicy(t *testing.T) {
	for _, c := range []struct {
		p        SchedPolicy
		min, max int
	}{{SCHED_FIFO, 1, 99}, {SCHED_RR, 1, 99}, {SCHED_NORMAL, 0, 0}, {SCHED_BATCH, 0, 0}} {
		mx, err := SchedGetPriorityMax(c.p)
		must(t, "sched_get_priority_max", err)
		mn, err := SchedGetPriorityMin(c.p)
		must(t, "sched_get_priority_min", err)
		if mx != c.max || mn != c.min {
			t.Errorf("policy %d: priorities %d..%d, want %d..%d", c.p, mn, mx, c.min, c.max)
		}
	}
	_, err := SchedGetPriorityMax(SchedPolicy(99))
	wantErrno(t, "sched_get_priority_max of an unknown policy", err, EINVAL)
	if p, err := SchedGetscheduler(0); err != nil || p != SCHED_NORMAL {
		t.Fatalf("sched_getscheduler: %d %v", p, err)
	}
	ts, err := SchedRrGetInterval(0)
	must(t, "sched_rr_get_interval", err)
	if ts.Sec < 0 || ts.Nsec < 0 || ts.Nsec >= 1e9 {
		t.Errorf("interval %+v", ts)
	}
	SchedYield()
	onThread(t, func() error {
		must(t, "sched_setscheduler SCHED_BATCH", SchedSetscheduler(0, SCHED_BATCH, &SchedParam{}))
		if p, _ := SchedGetscheduler(0); p != SCHED_BATCH {
			t.Errorf("policy %d after setting SCHED_BATCH", p)
		}
		wantErrno(t, "sched_setparam with a priority SCHED_BATCH lacks", SchedSetparam(0, &SchedParam{SchedPriority: 1}), EINVAL)
		must(t, "sched_setparam", SchedSetparam(0, &SchedParam{}))
		param, err := SchedGetparam(0)
		must(t, "sched_getparam", err)
		if param.SchedPriority != 0 {
			t.Errorf("priority %d", param.SchedPriority)
		}
		attr := SchedAttr{SchedPolicy: uint32(SCHED_IDLE)}
		err = SchedSetattr(0, &attr, 0)
		skipUnsupported(t, "sched_setattr", err)
		must(t, "sched_setattr SCHED_IDLE", err)
		got, err := SchedGetattr(0, 0)
		skipUnsupported(t, "sched_getattr", err)
		must(t, "sched_getattr", err)
		if SchedPolicy(got.SchedPolicy) != SCHED_IDLE || got.Size < SCHED_ATTR_SIZE_VER0 {
			t.Errorf("sched_getattr: policy %d size %d", got.SchedPolicy, got.Size)
		}
		return nil
	})
	if p, _ := SchedGetscheduler(0); p != SCHED_NORMAL {
		t.Fatalf("another thread's policy changed: %d", p)
	}
}

// TestPriorities: the nice value of the locked thread (PRIO_PROCESS with 0 is the calling
// thread), nice(2), ioprio.
func TestPriorities(t *testing.T) {
	base, err := Getpriority(PRIO_PROCESS, 0)
	must(t, "getpriority", err)
	if raw, _, _ := syscall.Syscall(syscall.SYS_GETPRIORITY, uintptr(PRIO_PROCESS), 0, 0); int(raw) != 20-base {
		t.Fatalf("getpriority returned nice %d; the kernel says %d (20 - nice)", base, raw)
	}
	onThread(t, func() error {
		must(t, "setpriority", Setpriority(PRIO_PROCESS, 0, base+3))
		if n, _ := Getpriority(PRIO_PROCESS, 0); n != base+3 {
			t.Errorf("nice %d after setting %d", n, base+3)
		}
		if f := procStat(t, "/proc/thread-self/stat", 19); f != strconv.Itoa(base+3) {
			t.Errorf("/proc/thread-self/stat nice %s", f)
		}
		must(t, "ioprio_set", IoprioSet(IOPRIO_WHO_PROCESS, 0, IoprioValue(IOPRIO_CLASS_IDLE, 0)))
		p, err := IoprioGet(IOPRIO_WHO_PROCESS, 0)
		must(t, "ioprio_get", err)
		if IoprioClassOf(p) != IOPRIO_CLASS_IDLE || IoprioLevelOf(p) != 0 {
			t.Errorf("ioprio %#x: class %d level %d", p, IoprioClassOf(p), IoprioLevelOf(p))
		}
		return nil
	})
	if n, _ := Getpriority(PRIO_PROCESS, 0); n != base {
		t.Fatalf("another thread's nice value changed: %d", n)
	}
	wantErrno(t, "ioprio_set with a bad class", IoprioSet(IOPRIO_WHO_PROCESS, 0, IoprioValue(7, 0)), EINVAL)
	_, err = Getpriority(PriorityWhich(42), 0)
	wantErrno(t, "getpriority with a bad which", err, EINVAL)
}

// procStat returns field n (1-based, as proc(5) numbers them) of a /proc/.../stat file.
func procStat(t *testing.T, path string, n int) string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, "read "+path, err)
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return f[n-3]
}

// TestLimits: prlimit64 against syscall's getrlimit, a soft limit lowered and restored,
// another process's limits.
func TestLimits(t *testing.T) {
	lim, err := Getrlimit(RLIMIT_NOFILE)
	must(t, "getrlimit", err)
	var want syscall.Rlimit
	must(t, "syscall.Getrlimit", syscall.Getrlimit(syscall.RLIMIT_NOFILE, &want))
	if lim.Cur != uint64(want.Cur) || lim.Max != uint64(want.Max) {
		t.Fatalf("getrlimit %+v, syscall says %+v", lim, want)
	}
	core, err := Prlimit64(0, RLIMIT_CORE, nil)
	must(t, "prlimit64", err)
	lower := Rlimit64{Cur: 0, Max: core.Max}
	old, err := Prlimit64(0, RLIMIT_CORE, &lower)
	must(t, "prlimit64 set", err)
	if old != core {
		t.Errorf("prlimit64's old limit %+v, was %+v", old, core)
	}
	if now, _ := Getrlimit(RLIMIT_CORE); now != lower {
		t.Errorf("RLIMIT_CORE %+v after setting %+v", now, lower)
	}
	must(t, "setrlimit restore", Setrlimit(RLIMIT_CORE, &core))
	if now, _ := Getrlimit(RLIMIT_CORE); now != core {
		t.Errorf("RLIMIT_CORE %+v after restoring %+v", now, core)
	}
	bad := Rlimit64{Cur: 2, Max: 1}
	wantErrno(t, "setrlimit with cur above max", Setrlimit(RLIMIT_CORE, &bad), EINVAL)
	pid, err := Fork(&ExecArgs{Path: "/bin/sleep", Argv: []string{"sleep", "30"}})
	must(t, "fork", err)
	defer func() { Kill(pid, SIGKILL); waitExit(t, pid) }()
	child, err := Prlimit64(pid, RLIMIT_STACK, nil)
	must(t, "prlimit64 of a child", err)
	if mine, _ := Getrlimit(RLIMIT_STACK); child != mine {
		t.Errorf("the child's RLIMIT_STACK %+v, ours %+v", child, mine)
	}
}

// TestRusageTimes: the process has used CPU time and memory, and waited-for children
// count in RUSAGE_CHILDREN.
func TestRusageTimes(t *testing.T) {
	for end := time.Now().Add(100 * time.Millisecond); time.Now().Before(end); {
		spinSink++ // 100 ms of user CPU time
	}
	ru, err := Getrusage(RUSAGE_SELF)
	must(t, "getrusage", err)
	if ru.Maxrss <= 0 || ru.Utime.Sec == 0 && ru.Utime.Usec == 0 {
		t.Errorf("getrusage(SELF): maxrss %d utime %+v", ru.Maxrss, ru.Utime)
	}
	// maxrss is the process's high-water mark for both (kernel/sys.c getrusage), and it
	// only grows: sampled between two RUSAGE_SELF calls, the thread's lies between them.
	th, err := Getrusage(RUSAGE_THREAD)
	must(t, "getrusage(THREAD)", err)
	after, err := Getrusage(RUSAGE_SELF)
	must(t, "getrusage(SELF) again", err)
	if th.Maxrss < ru.Maxrss || th.Maxrss > after.Maxrss {
		t.Errorf("RUSAGE_THREAD maxrss %d, not within RUSAGE_SELF %d..%d", th.Maxrss, ru.Maxrss, after.Maxrss)
	}
	pid, err := Fork(&ExecArgs{Path: "/bin/true"})
	must(t, "fork", err)
	waitExit(t, pid)
	ch, err := Getrusage(RUSAGE_CHILDREN)
	must(t, "getrusage(CHILDREN)", err)
	if ch.Maxrss <= 0 {
		t.Errorf("RUSAGE_CHILDREN maxrss %d after a child", ch.Maxrss)
	}
	_, err = Getrusage(RusageWho(99))
	wantErrno(t, "getrusage with a bad who", err, EINVAL)
	tms, ticks := Times()
	if tms.Utime+tms.Stime <= 0 || ticks == 0 {
		t.Errorf("times: %+v ticks %d", tms, ticks)
	}
}

var spinSink int

// TestUnameSysinfo: uname against /proc/sys/kernel, sysinfo's sizes.
func TestUnameSysinfo(t *testing.T) {
	u, err := Uname()
	must(t, "uname", err)
	for _, c := range []struct {
		field []byte
		file  string
	}{{u.Release[:], "osrelease"}, {u.Sysname[:], "ostype"}, {u.Version[:], "version"}, {u.Nodename[:], "hostname"}, {u.Domainname[:], "domainname"}} {
		b, err := os.ReadFile("/proc/sys/kernel/" + c.file)
		must(t, "read "+c.file, err)
		if got := UtsnameString(c.field); got != strings.TrimSpace(string(b)) {
			t.Errorf("uname %s %q, /proc/sys/kernel/%s %q", c.file, got, c.file, b)
		}
	}
	si, err := Sysinfo()
	must(t, "sysinfo", err)
	if si.Uptime <= 0 || si.Totalram == 0 || si.Procs == 0 || si.MemUnit == 0 {
		t.Errorf("sysinfo %+v", si)
	}
	// qemu-user copies the host's counts into a 32-bit guest's fields without the kernel's
	// rescaling by mem_unit, so that they may wrap there.
	if si.Freeram > si.Totalram && !(qemuUser() && unsafe.Sizeof(uintptr(0)) == 4) {
		t.Errorf("sysinfo: free RAM %d above the total %d", si.Freeram, si.Totalram)
	}
}

// TestSyslog reads the kernel log's size and refuses a console level out of range (which
// would otherwise change the machine's console).
func TestSyslog(t *testing.T) {
	n, err := Syslog(SYSLOG_ACTION_SIZE_BUFFER, nil)
	skipUnsupported(t, "syslog", err)
	if err == EPERM {
		t.Skip("syslog: EPERM (dmesg_restrict without CAP_SYSLOG)")
	}
	must(t, "syslog SIZE_BUFFER", err)
	if n < 4096 || n&(n-1) != 0 {
		t.Errorf("log buffer of %d bytes", n)
	}
	wantErrno(t, "console level 0", SyslogConsoleLevel(0), EINVAL)
	wantErrno(t, "console level 9", SyslogConsoleLevel(9), EINVAL)
	_, err = Syslog(SyslogAction(99), nil)
	wantErrno(t, "an unknown action", err, EINVAL)
	if qemuUser() {
		// qemu-user fails the read actions with EINVAL for some buffer addresses and not for
		// others (its emulation of syslog's arguments): the host runs them.
		t.Skip("syslog READ_ALL: qemu-user fails the read actions with EINVAL for some buffer addresses")
	}
	buf := make([]byte, 4096)
	got, err := Syslog(SYSLOG_ACTION_READ_ALL, buf)
	must(t, "syslog READ_ALL", err)
	if got <= 0 || got > len(buf) {
		t.Errorf("read %d bytes into %d", got, len(buf))
	}
}
