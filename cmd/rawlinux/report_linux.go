package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/fallback"
	"github.com/rawlinux/linux/internal/emulation"
	"github.com/rawlinux/linux/raw"
	"github.com/rawlinux/linux/seccomp"
	"github.com/rawlinux/linux/systab"
	"github.com/rawlinux/linux/vdso"
)

// The default report: the running system as rawlinux sees it.

type reportKernel struct {
	Release   string `json:"release"`             // uname -r
	Version   string `json:"version"`             // parsed: "6.18.44"
	Machine   string `json:"machine"`             // uname -m
	Arch      string `json:"arch"`                // GOARCH
	Go        string `json:"go"`                  // the toolchain of this build
	Tables    string `json:"tables"`              // the kernel release of rawlinux's tables
	Emulated  bool   `json:"emulated"`            // qemu-user (the machine is not GOARCH's)
	UnameText string `json:"uname"`               // uname -a, roughly
	ArchSince string `json:"archSince,omitempty"` // the first release of this arch's port
}

type reportVDSO struct {
	Present   bool         `json:"present"`
	Error     string       `json:"error,omitempty"`
	Base      string       `json:"base,omitempty"`
	Mode      string       `json:"mode"` // linux.VDSOMode: how the calls are made
	Functions []reportFunc `json:"functions"`
}

type reportFunc struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"` // the other names of the same code (__vdso_clock_gettime)
	Version string   `json:"version"`
	Addr    string   `json:"addr"`
	Size    uint64   `json:"size"`
	// Timed: what was measured ("clock_gettime(CLOCK_MONOTONIC)"), "" if not.
	Timed     string  `json:"timed,omitempty"`
	VDSONs    float64 `json:"vdsoNs,omitempty"`    // ns per call through package linux
	SyscallNs float64 `json:"syscallNs,omitempty"` // ns per call as a system call
	Speedup   float64 `json:"speedup,omitempty"`
	Note      string  `json:"note,omitempty"`
}

type reportRow struct {
	Name   string `json:"name"`
	Number int    `json:"number"`
	Group  string `json:"group"`
	Since  string `json:"since"`
	// State: "supported", "missing" (ENOSYS to the probe), "blocked" (EPERM: a seccomp
	// filter), "unprobed" (no harmless probe: old calls), "unimplemented" (ENOSYS on
	// every kernel of this arch).
	State string `json:"state"`
	Errno string `json:"errno,omitempty"` // the probe's answer
	// Expected says what the since-table expects of the running release: "present",
	// "absent", "unknown" (inside an inexact range).
	Expected string `json:"expected"`
	Probe    string `json:"probe,omitempty"`
}

type reportGroup struct {
	Name      string `json:"name"`
	Rows      int    `json:"rows"`
	Supported int    `json:"supported"`
	Missing   int    `json:"missing"`
	Blocked   int    `json:"blocked"`
	Unprobed  int    `json:"unprobed"`
	Unimpl    int    `json:"unimplemented"`
}

type reportSyscalls struct {
	Rows        int           `json:"rows"`
	Implemented int           `json:"implemented"`
	Probed      int           `json:"probed"`
	Groups      []reportGroup `json:"groups"`
	Calls       []reportRow   `json:"calls"`
}

type reportSeccomp struct {
	Mode       int    `json:"mode"` // 0 none, 1 strict, 2 filter, -1 unknown
	ModeName   string `json:"modeName"`
	Filters    int    `json:"filters"` // Seccomp_filters (-1 if the kernel does not say)
	NoNewPrivs bool   `json:"noNewPrivs"`
	Error      string `json:"error,omitempty"`
	// Blocked are the probed calls the filter refuses (EPERM to the probe), and calls
	// missing though the running release has them (ENOSYS: a filter or the kernel's
	// configuration).
	Blocked []reportRow `json:"blocked"`
}

type report struct {
	Kernel    reportKernel      `json:"kernel"`
	VDSO      reportVDSO        `json:"vdso"`
	Syscalls  reportSyscalls    `json:"syscalls"`
	Fallbacks []fallback.Choice `json:"fallbacks"`
	Seccomp   reportSeccomp     `json:"seccomp"`
	Elapsed   string            `json:"elapsed"`
}

// progress shows what is being done on a terminal (stderr), and nothing elsewhere.
type progress struct{ tty bool }

func newProgress() progress {
	st, err := os.Stderr.Stat()
	return progress{err == nil && st.Mode()&os.ModeCharDevice != 0}
}

func (p progress) say(s string) {
	if p.tty {
		fmt.Fprintf(os.Stderr, "\r\033[K%s", s)
	}
}

func (p progress) done() { p.say("") }

func makeReport() (*report, error) {
	start := time.Now()
	pr := newProgress()
	defer pr.done()
	var r report
	arch := systab.Arch(runtime.GOARCH)
	var running systab.Version
	var err error
	if r.Kernel, running, err = kernelReport(); err != nil {
		return nil, err
	}

	pr.say("rawlinux: timing the vDSO against the system calls...")
	r.VDSO = vdsoReport()

	pr.say("rawlinux: probing the system calls...")
	r.Syscalls = syscallReport(arch, running)

	pr.say("rawlinux: the fallbacks...")
	r.Fallbacks = fallback.Probe()

	st, err := seccomp.Status()
	r.Seccomp = reportSeccomp{Mode: st.Mode, Filters: st.Filters, NoNewPrivs: st.NoNewPrivs, Blocked: []reportRow{}}
	if err != nil {
		r.Seccomp.Error = err.Error()
	}
	r.Seccomp.ModeName = map[int]string{0: "none", 1: "strict", 2: "filter"}[st.Mode]
	if r.Seccomp.ModeName == "" {
		r.Seccomp.ModeName = "unknown"
	}
	for _, c := range r.Syscalls.Calls {
		// EPERM to a probe is a filter's; ENOSYS for a call this release has is a filter's
		// only if there is a filter (else the kernel's configuration).
		if c.State == "blocked" || c.State == "missing" && c.Expected == "present" && st.Mode == 2 {
			r.Seccomp.Blocked = append(r.Seccomp.Blocked, c)
		}
	}
	r.Elapsed = time.Since(start).Round(time.Millisecond).String()
	return &r, nil
}

// kernelReport is the report's first section: the running kernel and this build.
func kernelReport() (reportKernel, systab.Version, error) {
	u, err := uname()
	if err != nil {
		return reportKernel{}, systab.Version{}, err
	}
	arch := systab.Arch(runtime.GOARCH)
	k := reportKernel{Release: u.release, Machine: u.machine, Arch: runtime.GOARCH, Go: runtime.Version(),
		Tables: systab.KernelVersion, UnameText: strings.Join([]string{u.sysname, u.nodename, u.release, u.version, u.machine}, " ")}
	var running systab.Version
	if rk, err := linux.RunningKernel(); err == nil {
		k.Version = fmt.Sprintf("%d.%d.%d", rk.Major, rk.Minor, rk.Patch)
		if rk.RC > 0 {
			k.Version += fmt.Sprintf("-rc%d", rk.RC)
		}
		running = systab.Version{Major: rk.Major, Minor: rk.Minor, Patch: rk.Patch}
	}
	k.Emulated = emulated(u.machine)
	if v, _ := systab.ArchSince(arch); !v.IsZero() {
		k.ArchSince = v.String()
	}
	return k, running, nil
}

// emulated reports a machine name that is not this GOARCH's (qemu-user; package emulation:
// the kernel's own name, or m where /proc does not say).
func emulated(m string) bool { return emulation.QemuUser(m) }

// timeCall returns the ns per call of f, the best of three rounds of about 2 ms.
func timeCall(f func()) float64 {
	n := 1
	for {
		t := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		if d := time.Since(t); d > 200*time.Microsecond || n >= 1<<20 {
			n = int(float64(n) * float64(2*time.Millisecond) / float64(d+1))
			break
		}
		n *= 4
	}
	n = max(n, 1)
	best := 0.0
	for round := 0; round < 3; round++ {
		t := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		ns := float64(time.Since(t).Nanoseconds()) / float64(n)
		if round == 0 || ns < best {
			best = ns
		}
	}
	return best
}

// sysno returns the number of the first of names that this arch's table has.
func sysno(names ...string) (uintptr, bool) {
	for _, n := range names {
		if e, ok := systab.Lookup(systab.Arch(runtime.GOARCH), n); ok && e.Implemented {
			return uintptr(e.Number), true
		}
	}
	return 0, false
}

func vdsoReport() reportVDSO {
	v := reportVDSO{Present: vdso.Present(), Mode: linux.VDSOMode(), Functions: []reportFunc{}}
	if !v.Present {
		if err := vdso.Err(); err != nil {
			v.Error = err.Error()
		}
		return v
	}
	v.Base = fmt.Sprintf("%#x", vdso.Base())
	im := vdso.Loaded()
	var ts [2]int64
	buf := make([]byte, 16)
	byAddr := map[uintptr]int{}
	syms := vdso.Symbols()
	sort.SliceStable(syms, func(i, j int) bool { return len(syms[i].Name) < len(syms[j].Name) }) // clock_gettime before __vdso_clock_gettime
	for _, s := range syms {
		if i, ok := byAddr[s.Addr]; ok {
			v.Functions[i].Aliases = append(v.Functions[i].Aliases, s.Name)
			continue
		}
		byAddr[s.Addr] = len(v.Functions)
		f := reportFunc{Name: s.Name, Version: s.Version, Addr: fmt.Sprintf("%#x", s.Addr), Size: s.Size}
		if s.Size > 0 && !im.InFirstLoad(s) {
			f.Note = "outside the runtime's vDSO range: called through the system call"
		}
		base := strings.TrimPrefix(strings.TrimPrefix(s.Name, "__vdso_"), "__kernel_")
		var viaVDSO, viaSys func()
		switch base {
		case "clock_gettime", "clock_gettime64":
			if n, ok := sysno("clock_gettime64", "clock_gettime"); ok {
				f.Timed = "clock_gettime(CLOCK_MONOTONIC)"
				viaVDSO = func() { linux.ClockGettime(linux.CLOCK_MONOTONIC) }
				viaSys = func() { raw.RawSyscall(n, uintptr(linux.CLOCK_MONOTONIC), uintptr(unsafe.Pointer(&ts)), 0) }
			}
		case "clock_getres", "clock_getres_time64":
			if n, ok := sysno("clock_getres_time64", "clock_getres"); ok {
				f.Timed = "clock_getres(CLOCK_MONOTONIC)"
				viaVDSO = func() { linux.ClockGetres(linux.CLOCK_MONOTONIC) }
				viaSys = func() { raw.RawSyscall(n, uintptr(linux.CLOCK_MONOTONIC), uintptr(unsafe.Pointer(&ts)), 0) }
			}
		case "gettimeofday":
			if n, ok := sysno("gettimeofday"); ok {
				f.Timed = "gettimeofday"
				viaVDSO = func() { linux.Gettimeofday() }
				viaSys = func() { raw.RawSyscall(n, uintptr(unsafe.Pointer(&ts)), 0, 0) }
			}
		case "time":
			if n, ok := sysno("time"); ok {
				f.Timed = "time"
				viaVDSO = func() { linux.Time() }
				viaSys = func() { raw.RawSyscall(n, 0, 0, 0) }
			}
		case "getcpu":
			if n, ok := sysno("getcpu"); ok {
				f.Timed = "getcpu"
				viaVDSO = func() { linux.Getcpu() }
				viaSys = func() { raw.RawSyscall(n, uintptr(unsafe.Pointer(&ts[0])), uintptr(unsafe.Pointer(&ts[1])), 0) }
			}
		case "getrandom":
			if n, ok := sysno("getrandom"); ok {
				f.Timed = "getrandom(16 bytes)"
				viaVDSO = func() { linux.Getrandom(buf, 0) }
				viaSys = func() { raw.RawSyscall(n, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), 0) }
			}
		}
		if viaVDSO != nil {
			f.VDSONs, f.SyscallNs = timeCall(viaVDSO), timeCall(viaSys)
			if f.VDSONs > 0 {
				f.Speedup = f.SyscallNs / f.VDSONs
			}
		} else if f.Note == "" {
			f.Note = "not timed (rawlinux makes no call through it)"
		}
		v.Functions = append(v.Functions, f)
	}
	sort.Slice(v.Functions, func(i, j int) bool { return v.Functions[i].Name < v.Functions[j].Name })
	return v
}

func syscallReport(arch systab.Arch, running systab.Version) reportSyscalls {
	r := reportSyscalls{Calls: []reportRow{}}
	groups := map[string]*reportGroup{}
	var order []string
	for _, w := range systab.Wrappers(arch) {
		e := w.Entry
		g := w.Group
		if g == "" {
			g = "other"
		}
		row := reportRow{Name: e.Name, Number: e.Number, Group: g, Expected: "unknown"}
		if s, ok := systab.SyscallSince(arch, e.Name); ok {
			row.Since = s.String()
			if !running.IsZero() {
				if has, known := s.On(running); known {
					row.Expected = map[bool]string{true: "present", false: "absent"}[has]
				}
			}
		}
		r.Rows++
		if !e.Implemented {
			row.State, row.Expected = "unimplemented", "absent"
		} else {
			r.Implemented++
			s := linux.Supports(uintptr(e.Number))
			row.Probe = s.Probe
			switch {
			case s.State == linux.SupportUnknown:
				row.State = "unprobed"
			case s.State == linux.NotSupported:
				row.State, row.Errno = "missing", "ENOSYS"
				r.Probed++
			case s.Errno == linux.EPERM && !permProbe(e.Name):
				row.State, row.Errno = "blocked", "EPERM"
				r.Probed++
			default:
				row.State = "supported"
				if s.Errno != 0 {
					row.Errno = s.Errno.Name()
				}
				r.Probed++
			}
		}
		gr := groups[g]
		if gr == nil {
			gr = &reportGroup{Name: g}
			groups[g] = gr
			order = append(order, g)
		}
		gr.Rows++
		switch row.State {
		case "supported":
			gr.Supported++
		case "missing":
			gr.Missing++
		case "blocked":
			gr.Blocked++
		case "unprobed":
			gr.Unprobed++
		case "unimplemented":
			gr.Unimpl++
		}
		r.Calls = append(r.Calls, row)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i] != "other" && order[j] == "other" })
	for _, g := range order {
		r.Groups = append(r.Groups, *groups[g])
	}
	return r
}

// permProbe: calls whose probe can get a real EPERM (no CAP_SYS_ADMIN, a sysctl), which
// then says nothing of a filter.
func permProbe(name string) bool {
	switch name {
	case "fsopen", "fsmount", "fspick", "move_mount", "open_tree", "bpf", "userfaultfd", "io_uring_setup", "landlock_restrict_self":
		return true
	}
	return false
}

func printReport(w io.Writer, r *report) error {
	k := r.Kernel
	fmt.Fprintf(w, "kernel    Linux %s (%s), %s", k.Release, orDash(k.Version), k.Machine)
	if k.Emulated {
		fmt.Fprintf(w, " under qemu-user (the host's kernel; its system calls are qemu's)")
	}
	fmt.Fprintf(w, "\nbuild     linux/%s, %s; tables of Linux %s", k.Arch, k.Go, k.Tables)
	if k.ArchSince != "" {
		fmt.Fprintf(w, " (%s since Linux %s)", k.Arch, k.ArchSince)
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "\nvDSO")
	if !r.VDSO.Present {
		fmt.Fprintf(w, "  none %s\n", r.VDSO.Error)
	} else {
		fmt.Fprintf(w, "  at %s; calls: %s\n", r.VDSO.Base, r.VDSO.Mode)
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "  function\tversion\tbytes\tvDSO\tsystem call\tspeedup\tmeasured with\t")
		for _, f := range r.VDSO.Functions {
			name := f.Name
			if len(f.Aliases) > 0 {
				name += " (" + strings.Join(f.Aliases, ", ") + ")"
			}
			if f.Timed != "" {
				fmt.Fprintf(tw, "  %s\t%s\t%d\t%.1f ns\t%.1f ns\t%.1fx\t%s\t%s\n", name, f.Version, f.Size, f.VDSONs, f.SyscallNs, f.Speedup, f.Timed, f.Note)
			} else {
				fmt.Fprintf(tw, "  %s\t%s\t%d\t\t\t\t\t%s\n", name, f.Version, f.Size, f.Note)
			}
		}
		tw.Flush()
	}

	s := r.Syscalls
	fmt.Fprintf(w, "\nsystem calls  %d rows in %s's table, %d implemented; %d probed (calls of 3.2 and later), the older ones exist on every kernel Go runs on\n",
		s.Rows, k.Arch, s.Implemented, s.Probed)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  group\trows\tsupported\tmissing\tblocked\tnot probed\tENOSYS on every kernel\t")
	for _, g := range s.Groups {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", g.Name, g.Rows, g.Supported, g.Missing, g.Blocked, g.Unprobed, g.Unimpl)
	}
	tw.Flush()
	var missing, newest []string
	for _, c := range s.Calls {
		if c.State == "missing" {
			why := "since " + orDash(c.Since)
			switch c.Expected {
			case "present":
				switch {
				case k.Emulated:
					why += ", older than this kernel: qemu does not emulate it"
				case r.Seccomp.Mode == 2:
					why += ", older than this kernel: a seccomp filter, or configured out"
				default:
					why += ", older than this kernel: configured out"
				}
			case "absent":
				why += ", newer than this kernel"
			}
			missing = append(missing, fmt.Sprintf("%s (%s)", c.Name, why))
		}
		if c.State == "supported" && c.Since != "" {
			newest = append(newest, c.Name+" "+c.Since)
		}
	}
	switch n := len(missing); {
	case n == 0:
		fmt.Fprintln(w, "  missing: none")
	case n > 12:
		fmt.Fprintf(w, "  missing: %s; and %d more (rawlinux -json lists them)\n", strings.Join(missing[:12], "; "), n-12)
	default:
		fmt.Fprintf(w, "  missing: %s\n", strings.Join(missing, "; "))
	}
	if n := len(newest); n > 0 {
		fmt.Fprintf(w, "  newest supported: %s\n", strings.Join(newest[max(0, n-6):], ", "))
	}

	fmt.Fprintln(w, "\nfallbacks (package fallback)")
	tw = tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, c := range r.Fallbacks {
		what := "the new call"
		switch c.Uses {
		case "fallback":
			what = c.Fallback
		case "unknown":
			what = "decided at first use"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Call, what, c.Reason)
	}
	tw.Flush()

	sc := r.Seccomp
	fmt.Fprintf(w, "\nseccomp   %s", sc.ModeName)
	if sc.Filters >= 0 {
		fmt.Fprintf(w, ", %d filter(s)", sc.Filters)
	}
	fmt.Fprintf(w, ", no_new_privs %v\n", sc.NoNewPrivs)
	if sc.Error != "" {
		fmt.Fprintf(w, "  %s\n", sc.Error)
	}
	var eperm, enosys []string
	for _, c := range sc.Blocked {
		if c.Errno == "EPERM" {
			eperm = append(eperm, c.Name)
		} else {
			enosys = append(enosys, c.Name)
		}
	}
	if len(eperm) > 0 {
		fmt.Fprintf(w, "  refused (EPERM to the probe: the filter's): %s\n", strings.Join(eperm, ", "))
	}
	if len(enosys) > 0 {
		fmt.Fprintf(w, "  ENOSYS though Linux %s has them (the filter's ENOSYS, or the kernel's configuration): %s\n", k.Version, strings.Join(enosys, ", "))
	}
	if sc.Mode == 2 && len(sc.Blocked) == 0 {
		fmt.Fprintln(w, "  no probed call is refused")
	}
	fmt.Fprintf(w, "\n(%s; rawlinux -json for all of it)\n", r.Elapsed)
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// reportCmd is the command without arguments, and "report [-json]".
func reportCmd(w io.Writer, args []string) error {
	asJSON := false
	for _, a := range args {
		switch a {
		case "-json", "--json":
			asJSON = true
		default:
			return fmt.Errorf("usage: rawlinux [report] [-json]")
		}
	}
	r, err := makeReport()
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return printReport(w, r)
}
