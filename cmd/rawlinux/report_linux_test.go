package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/seccomp"
	"github.com/rawlinux/linux/systab"
	"github.com/rawlinux/linux/vdso"
)

// TestReport checks the default report and its JSON against the sources it reads: /proc,
// systab, package vdso, package linux's probes, seccomp's status; and that it is fast.
func TestReport(t *testing.T) {
	start := time.Now()
	out, err := output(t)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the report took %v (the goal: under 5 s)", d)
	}
	rel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	if !strings.HasPrefix(out, "kernel    Linux "+strings.TrimSpace(string(rel))+" (") {
		t.Errorf("first line: %q", lines(out)[0])
	}
	for _, section := range []string{"\nvDSO\n", "\nsystem calls  ", "\nfallbacks (package fallback)\n", "\nseccomp   "} {
		if !strings.Contains(out, section) {
			t.Errorf("no %q section:\n%s", strings.TrimSpace(section), out)
		}
	}
	js, err := output(t, "-json")
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatalf("-json does not parse: %v\n%s", err, js)
	}
	if r.Kernel.Release != strings.TrimSpace(string(rel)) || r.Kernel.Arch != runtime.GOARCH || r.Kernel.Tables != systab.KernelVersion {
		t.Errorf("kernel: %+v", r.Kernel)
	}
	if k, err := linux.RunningKernel(); err == nil && r.Kernel.Version != fmt.Sprintf("%d.%d.%d", k.Major, k.Minor, k.Patch) && k.RC == 0 {
		t.Errorf("parsed version %q, RunningKernel %+v", r.Kernel.Version, k)
	}
	// vDSO: one row per function (aliases folded), timings for the calls rawlinux makes.
	if r.VDSO.Present != vdso.Present() {
		t.Fatalf("vdso present %v", r.VDSO.Present)
	}
	names := 0
	for _, f := range r.VDSO.Functions {
		names += 1 + len(f.Aliases)
		if f.Timed != "" && (f.VDSONs <= 0 || f.SyscallNs <= 0) {
			t.Errorf("vdso %s: timed %q but %v ns / %v ns", f.Name, f.Timed, f.VDSONs, f.SyscallNs)
		}
	}
	if names != len(vdso.Symbols()) {
		t.Errorf("%d vDSO names reported, package vdso has %d", names, len(vdso.Symbols()))
	}
	// System calls: every row, each state the probe's.
	tab := systab.Current()
	if r.Syscalls.Rows != len(tab) || len(r.Syscalls.Calls) != len(tab) {
		t.Fatalf("%d rows (%d calls), the table has %d", r.Syscalls.Rows, len(r.Syscalls.Calls), len(tab))
	}
	sum := 0
	for _, g := range r.Syscalls.Groups {
		sum += g.Rows
		if g.Rows != g.Supported+g.Missing+g.Blocked+g.Unprobed+g.Unimpl {
			t.Errorf("group %+v does not add up", g)
		}
	}
	if sum != len(tab) {
		t.Errorf("groups hold %d rows of %d", sum, len(tab))
	}
	for i, c := range r.Syscalls.Calls {
		e := tab[i]
		if c.Name != e.Name || c.Number != e.Number {
			t.Fatalf("row %d: %s %d, the table's %s %d", i, c.Name, c.Number, e.Name, e.Number)
		}
		s := linux.Supports(uintptr(e.Number))
		want := map[linux.SupportState]string{linux.Supported: "supported", linux.NotSupported: "missing", linux.SupportUnknown: "unprobed"}[s.State]
		if !e.Implemented {
			want = "unimplemented"
		} else if s.State == linux.Supported && s.Errno == linux.EPERM && !permProbe(e.Name) {
			want = "blocked"
		}
		if c.State != want {
			t.Errorf("%s: %s, the probe says %s", c.Name, c.State, want)
		}
		if sn, ok := systab.SyscallSince(systab.Arch(runtime.GOARCH), e.Name); ok && c.Since != sn.String() {
			t.Errorf("%s: since %q, systab %q", c.Name, c.Since, sn)
		}
	}
	if len(r.Fallbacks) < 15 {
		t.Errorf("%d fallbacks", len(r.Fallbacks))
	}
	st, err := seccomp.Status()
	if err == nil && (r.Seccomp.Mode != st.Mode || r.Seccomp.Filters != st.Filters) {
		t.Errorf("seccomp %+v, status %+v", r.Seccomp, st)
	}
	t.Logf("report in %v (%s measured inside)", time.Since(start), r.Elapsed)
}

// TestReportUnderFilter runs the report in a child whose seccomp filter refuses openat2
// with EPERM and statx with ENOSYS: the report must say so, and the fallbacks must choose
// openat and fstatat.
func TestReportUnderFilter(t *testing.T) {
	if os.Getenv("RAWLINUX_REPORT_CHILD") != "" {
		arch := systab.Arch(runtime.GOARCH)
		enosys, _ := seccomp.ErrnoNamed(arch, "ENOSYS")
		p := &seccomp.Policy{Arch: arch, Default: seccomp.Allow}
		p.Add(seccomp.Errno(1), "openat2")
		p.Add(seccomp.Errno(enosys), "statx")
		if _, err := p.MustCompile().Install(seccomp.TSync); err != nil {
			fmt.Println("install:", err)
			os.Exit(3)
		}
		if err := reportCmd(os.Stdout, []string{"-json"}); err != nil {
			fmt.Println(err)
			os.Exit(4)
		}
		os.Exit(0)
	}
	if emulated(unameMachine(t)) {
		t.Skip("qemu-user cannot install seccomp filters (they would filter the emulator's host calls: it refuses PR_SET_SECCOMP and has no seccomp(2))")
	}
	if ok, err := seccomp.ActionAvailable(seccomp.Allow); !ok {
		t.Skipf("no seccomp filters here: %v", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestReportUnderFilter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RAWLINUX_REPORT_CHILD=1", "GORACE=atexit_sleep_ms=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var r report
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Seccomp.Mode != 2 || r.Seccomp.Filters != 1 {
		t.Errorf("seccomp: %+v", r.Seccomp)
	}
	blocked := map[string]string{}
	for _, c := range r.Seccomp.Blocked {
		blocked[c.Name] = c.Errno
	}
	if blocked["openat2"] != "EPERM" || blocked["statx"] != "ENOSYS" {
		t.Errorf("refused: %v, want openat2 EPERM and statx ENOSYS", blocked)
	}
	for _, c := range r.Fallbacks {
		if (c.Call == "openat2" || c.Call == "statx") != (c.Uses == "fallback") {
			t.Errorf("fallback %s: %s (%s)", c.Call, c.Uses, c.Reason)
		}
	}
}

func unameMachine(t *testing.T) string {
	u, err := uname()
	if err != nil {
		t.Fatal(err)
	}
	return u.machine
}
