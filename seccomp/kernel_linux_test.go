package seccomp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/internal/emulation"
	"github.com/rawlinux/linux/raw"
	"github.com/rawlinux/linux/systab"
)

// The kernel's side: child processes install filters and make calls, and the kernel's
// answers are compared with the interpreter's (Program.Run) on a corpus of compiled
// policies and random hand-made programs; every program the tests compile is loaded by
// the kernel; user notification works end to end.

// qemuUser reports whether the test runs under qemu-user (package emulation).
func qemuUser() bool { return emulation.QemuUser("") }

// skipNoSeccomp skips where filters cannot be installed: under qemu-user, which refuses
// them (its prctl(PR_SET_SECCOMP) answers EINVAL and it has no seccomp(2): a filter would
// apply to the emulator's own host calls), and on a kernel without CONFIG_SECCOMP_FILTER.
func skipNoSeccomp(t *testing.T) {
	t.Helper()
	if qemuUser() {
		t.Skip("qemu-user cannot install seccomp filters (they would filter the emulator's host calls: it refuses PR_SET_SECCOMP and has no seccomp(2))")
	}
	if _, err := Status(); err != nil {
		t.Skip(err)
	}
	if ok, err := ActionAvailable(Allow); err != nil || !ok {
		t.Skipf("seccomp(SECCOMP_GET_ACTION_AVAIL): %v %v", ok, err)
	}
}

// child runs this test binary's test name with env set; the child's test function does
// the work when it sees the variable.
func child(t *testing.T, name string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.count=1")
	// The race detector sleeps a second at exit unless told not to.
	cmd.Env = append(append(os.Environ(), "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE")), env...)
	return cmd
}

const childVar = "RAWLINUX_SECCOMP_CHILD"

// The corpus. Its calls are ones whose result does not depend on the filter's side
// effects and that the Go runtime never makes: calls that ignore their arguments, getpgid
// and lseek (32-bit and 64-bit arguments, with descriptors no process has), and numbers
// no table has (x32 numbers on amd64, a negative one).

type probeCall struct {
	name  string // "" for a number no table names
	nr    int64  // the number
	pools []([]uint64)
}

var (
	pidPool = []uint64{0, 1, 1 << 32, 1<<32 | 1, 0x3ffffff, 1<<32 | 0x3ffffff, 0xffffffff, 0xffffffff00000000, 0x7fffffff}
	fdPool  = []uint64{0x100000, 0x100001, 0x7fffffff, 0xfffff000, 1<<32 | 0x100000, 0xffffffff00100000, 1<<63 | 0x200000}
)

func probeCalls() []probeCall {
	tab := systab.Current()
	var l []probeCall
	for _, name := range []string{"getppid", "getuid", "getgid", "getpgid", "lseek"} {
		e, ok := systab.Lookup(systab.Arch(runtime.GOARCH), name)
		if !ok {
			continue
		}
		c := probeCall{name: name, nr: int64(e.Number)}
		switch name {
		case "getpgid":
			c.pools = [][]uint64{pidPool}
		case "lseek":
			c.pools = [][]uint64{fdPool, pool, pool}
		}
		l = append(l, c)
	}
	last := int64(tab[len(tab)-1].Number)
	for _, n := range []int64{last + 100, last + 1000, 0x3ffffff0, -16} {
		l = append(l, probeCall{nr: n})
	}
	if runtime.GOARCH == "amd64" {
		l = append(l, probeCall{nr: x32Bit | 39}, probeCall{nr: x32Bit | 1000}) // x32 getpid, nothing
	}
	return l
}

func (c probeCall) arg(rng *rand.Rand, i int) uint64 {
	if i < len(c.pools) {
		return c.pools[i][rng.Intn(len(c.pools[i]))]
	}
	if rng.Intn(3) == 0 {
		return rng.Uint64()
	}
	return pool[rng.Intn(len(pool))]
}

// corpusCase is one child: a policy (or a hand-made program) and the calls to make.
type corpusCase struct {
	name   string
	policy *Policy
	prog   []Instruction // when policy is nil
	calls  []Data
	fatal  bool // each call kills the child: one child per call
}

const (
	nPolicies = 36
	nPrograms = 12
)

// corpus builds the cases; the child rebuilds the same (fixed seeds).
func corpus() []corpusCase {
	arch := systab.Arch(runtime.GOARCH)
	audit, _, _ := AuditArch(arch)
	probes := probeCalls()
	probeNames := map[string]bool{}
	for _, c := range probes {
		probeNames[c.name] = true
	}
	var cases []corpusCase
	mkCalls := func(rng *rand.Rand, n int) []Data {
		var ds []Data
		for i := 0; i < n; i++ {
			c := probes[rng.Intn(len(probes))]
			d := Data{Nr: int32(c.nr), Arch: audit}
			for j := range d.Args {
				d.Args[j] = c.arg(rng, j)
			}
			ds = append(ds, d)
		}
		return ds
	}
	for k := 0; k < nPolicies; k++ {
		rng := rand.New(rand.NewSource(int64(1000 + k)))
		p := &Policy{Arch: arch, Default: Errno(uint16(3000 + k)), BadArch: Errno(3999)}
		if k%3 == 0 {
			p.Default = Allow
		}
		nrules := 3 + rng.Intn(12)
		for len(p.Rules) < nrules {
			c := probes[rng.Intn(len(probes))]
			r := Rule{Syscall: c.name, Number: int(c.nr)}
			proto, _ := systab.PrototypeOn(arch, c.name)
			acts := []Action{Errno(uint16(3100 + rng.Intn(900))), Allow, Log, Trace(1), UserNotif, Errno(uint16(3100 + rng.Intn(900)))}
			r.Action = acts[rng.Intn(len(acts))]
			for n := rng.Intn(4); n > 0; n-- {
				cd := Cond{Arg: rng.Intn(6), Op: Op(1 + rng.Intn(7))}
				if c.name == "" || cd.Arg >= len(proto.Args) || rng.Intn(4) == 0 {
					cd.Width = 32
					if ai, _ := infoOf(arch); ai.is64 && rng.Intn(2) == 0 {
						cd.Width = 64
					}
				}
				cd.Value = c.arg(rng, cd.Arg)
				if cd.Op == MaskedEq {
					cd.Mask = c.arg(rng, cd.Arg) | uint64(rng.Intn(2))*0xff
					if rng.Intn(3) > 0 {
						cd.Value &= cd.Mask
					}
				}
				r.Args = append(r.Args, cd)
			}
			p.Rules = append(p.Rules, r)
			if _, err := p.resolve(); err != nil {
				p.Rules = p.Rules[:len(p.Rules)-1] // unreachable, or a value too wide
				nrules--
			}
		}
		if p.Default != Allow {
			// Let the Go runtime live: allow every other call of the table.
			for _, e := range systab.Current() {
				if e.Implemented && !probeNames[e.Name] {
					p.Add(Allow, e.Name)
				}
			}
		}
		cases = append(cases, corpusCase{name: fmt.Sprintf("policy%d", k), policy: p, calls: mkCalls(rng, 60)})
	}
	for k := 0; k < nPrograms; k++ {
		rng := rand.New(rand.NewSource(int64(2000 + k)))
		getppid, _ := systab.Lookup(arch, "getppid")
		cases = append(cases, corpusCase{name: fmt.Sprintf("program%d", k), prog: randomProgram(rng, audit, uint32(getppid.Number), arch),
			calls: func() []Data {
				var ds []Data
				for i := 0; i < 60; i++ {
					d := Data{Nr: int32(getppid.Number), Arch: audit}
					for j := range d.Args {
						d.Args[j] = probeCall{}.arg(rng, j)
					}
					ds = append(ds, d)
				}
				return ds
			}()})
	}
	// Calls that kill: each in its own child.
	getppid, _ := systab.Lookup(arch, "getppid")
	getuid, _ := systab.Lookup(arch, "getuid")
	kill := &Policy{Arch: arch, Default: Allow}
	kill.Add(KillProcess, "getppid", Arg(0).Eq(5).WithWidth(32))
	kill.Add(Trap(9), "getuid")
	cases = append(cases, corpusCase{name: "fatal", policy: kill, fatal: true, calls: []Data{
		{Nr: int32(getppid.Number), Arch: audit, Args: [6]uint64{5}},
		{Nr: int32(getppid.Number), Arch: audit, Args: [6]uint64{1<<32 | 5}},
		{Nr: int32(getuid.Number), Arch: audit},
	}})
	if arch == "amd64" {
		x32 := &Policy{Arch: arch, Default: Allow} // BadArch unset: x32 numbers kill
		cases = append(cases, corpusCase{name: "x32", policy: x32, fatal: true, calls: []Data{{Nr: x32Bit | 39, Arch: audit}}})
	}
	if unsafe.Sizeof(uintptr(0)) == 4 {
		// A 32-bit process passes one word per argument: the kernel's seccomp_data holds
		// it zero-extended (also for a compat task: 386 on x86-64, arm on arm64), and the
		// interpreter is given the same (the hand-made programs load the high halves).
		for i := range cases {
			for j := range cases[i].calls {
				for a := range cases[i].calls[j].Args {
					cases[i].calls[j].Args[a] &= 0xffffffff
				}
			}
		}
	}
	return cases
}

// randomProgram is a hand-made filter: the arch check, everything but getppid allowed, then
// random arithmetic over the arguments whose result becomes getppid's errno.
func randomProgram(rng *rand.Rand, audit, getppid uint32, arch systab.Arch) []Instruction {
	ai, _ := infoOf(arch)
	ld := func(k uint32) Instruction { return Instruction{Code: bpfLD | bpfW | bpfABS, K: k} }
	prog := []Instruction{
		ld(offArch), {Code: bpfJMP | bpfJEQ | bpfK, K: audit, Jt: 1}, {Code: bpfRET | bpfK, K: KillProcess.Ret()},
		ld(offNr), {Code: bpfJMP | bpfJEQ | bpfK, K: getppid, Jt: 1}, {Code: bpfRET | bpfK, K: Allow.Ret()},
	}
	// Scratch words 0-3 are written first, so any later load of them is valid.
	for m := uint32(0); m < 4; m++ {
		lo, _ := argOffsets(ai, int(m))
		prog = append(prog, ld(lo), Instruction{Code: bpfST, K: m})
	}
	n := 10 + rng.Intn(25)
	body := make([]Instruction, 0, n)
	xNonzero := false
	alu := []uint16{bpfADD, bpfSUB, bpfMUL, bpfDIV, bpfAND, bpfOR, bpfXOR, bpfLSH, bpfRSH}
	for len(body) < n {
		left := n - len(body) // instructions after this one, the tail excluded
		switch rng.Intn(10) {
		case 0, 1:
			body = append(body, ld(uint32(4*rng.Intn(16))))
		case 2:
			body = append(body, Instruction{Code: bpfLD | bpfMEM, K: uint32(rng.Intn(4))})
		case 3:
			v := uint32(1 + rng.Intn(40))
			body = append(body, Instruction{Code: bpfLDX | bpfIMM, K: v})
			xNonzero = true
		case 4:
			if rng.Intn(2) == 0 {
				body = append(body, Instruction{Code: bpfMISC | bpfTAX})
				xNonzero = false
			} else {
				body = append(body, Instruction{Code: bpfMISC | bpfTXA})
			}
		case 5:
			body = append(body, Instruction{Code: bpfALU | bpfNEG})
		case 6, 7:
			op := alu[rng.Intn(len(alu))]
			in := Instruction{Code: bpfALU | op | bpfK, K: rng.Uint32()}
			if op == bpfLSH || op == bpfRSH {
				in.K %= 32
			}
			if op == bpfDIV && in.K == 0 {
				in.K = 3
			}
			if rng.Intn(2) == 0 && (op != bpfDIV || xNonzero) {
				in.Code, in.K = bpfALU|op|bpfX, 0
			}
			body = append(body, in)
		case 8:
			body = append(body, Instruction{Code: bpfST, K: uint32(rng.Intn(4))})
		case 9:
			jops := []uint16{bpfJEQ, bpfJGT, bpfJGE, bpfJSET}
			in := Instruction{Code: bpfJMP | jops[rng.Intn(4)], K: uint32(pool[rng.Intn(len(pool))])}
			if rng.Intn(3) == 0 {
				in.Code |= bpfX
			}
			in.Jt, in.Jf = uint8(rng.Intn(left)), uint8(rng.Intn(left))
			body = append(body, in)
		}
	}
	prog = append(prog, body...)
	return append(prog, Instruction{Code: bpfALU | bpfAND | bpfK, K: 0xfff}, Instruction{Code: bpfALU | bpfOR | bpfK, K: 0x50000}, Instruction{Code: bpfRET | bpfA})
}

// outcome is what a call did in the child.
type outcome struct {
	r     uint64
	errno uint64
}

func (c *corpusCase) program() ([]Instruction, error) {
	if c.policy == nil {
		return c.prog, Validate(c.prog)
	}
	p, err := c.policy.Compile()
	if err != nil {
		return nil, err
	}
	return p.Instructions, nil
}

func doCall(d Data) outcome {
	r, _, e := raw.Syscall6(uintptr(int64(d.Nr)), uintptr(d.Args[0]), uintptr(d.Args[1]), uintptr(d.Args[2]), uintptr(d.Args[3]), uintptr(d.Args[4]), uintptr(d.Args[5]))
	return outcome{uint64(r), uint64(e)}
}

// childCorpus is the child's side: "K" makes case K's calls before and after installing
// its filter and prints both outcomes; "K:I" installs and makes call I only.
func childCorpus(spec string) {
	cases := corpus()
	k, rest, _ := strings.Cut(spec, ":")
	ki, _ := strconv.Atoi(k)
	c := &cases[ki]
	prog, err := c.program()
	if err != nil {
		fmt.Println("compile:", err)
		os.Exit(3)
	}
	var lim syscall.Rlimit // no core files from the calls that kill
	syscall.Setrlimit(syscall.RLIMIT_CORE, &lim)
	before := make([]outcome, len(c.calls))
	if rest == "" {
		for i, d := range c.calls {
			before[i] = doCall(d)
		}
	}
	if _, err := InstallInstructions(prog, TSync); err != nil {
		fmt.Println("install:", err)
		os.Exit(3)
	}
	if rest != "" {
		i, _ := strconv.Atoi(rest)
		o := doCall(c.calls[i])
		fmt.Printf("survived %d %d\n", o.r, o.errno)
		os.Exit(0)
	}
	var out bytes.Buffer
	for i, d := range c.calls {
		o := doCall(d)
		fmt.Fprintf(&out, "%d %d %d %d %d\n", i, before[i].r, before[i].errno, o.r, o.errno)
	}
	os.Stdout.Write(out.Bytes())
	os.Exit(0)
}

// expect says what the kernel must do with a call the interpreter answers a for.
func expect(a Action, before outcome) (o outcome, fatal string) {
	enosys := uint64(linux.ENOSYS)
	switch a.Kind() {
	case ErrnoAction:
		e := uint64(min(a.Data(), maxErrno))
		if e == 0 {
			return outcome{0, 0}, ""
		}
		return outcome{errno: e}, ""
	case Allow, Log:
		return before, ""
	case TraceAction, UserNotif: // no tracer, no listener
		return outcome{errno: enosys}, ""
	case TrapAction:
		return outcome{}, "trap"
	}
	return outcome{}, "kill"
}

func same(a, b outcome) bool {
	if a.errno != 0 || b.errno != 0 {
		return a.errno == b.errno
	}
	return a.r == b.r
}

func TestKernelCorpus(t *testing.T) {
	if spec := os.Getenv(childVar); strings.HasPrefix(spec, "corpus:") {
		childCorpus(strings.TrimPrefix(spec, "corpus:"))
	}
	skipNoSeccomp(t)
	bo, _ := ByteOrder(systab.Arch(runtime.GOARCH))
	cases := corpus()
	calls, kinds := 0, map[string]int{}
	skipped := 0
	for k := range cases {
		c := &cases[k]
		if raceEnabled && !c.fatal && k%3 != 0 {
			skipped++
			continue
		}
		prog, err := c.program()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b := make([]Action, len(c.calls))
		for i := range c.calls {
			r, err := Run(prog, &c.calls[i], bo)
			if err != nil {
				t.Fatal(err)
			}
			b[i] = ActionOf(r)
			kinds[strings.Fields(b[i].String())[0]]++
			if c.policy != nil {
				if want := c.policy.mustDecide(c.calls[i]); want != b[i] {
					t.Errorf("%s call %d: interpreter %s, policy %s", c.name, i, b[i], want)
				}
			}
		}
		if c.fatal {
			for i := range c.calls {
				out, err := child(t, "TestKernelCorpus", fmt.Sprintf("%s=corpus:%d:%d", childVar, k, i)).CombinedOutput()
				_, want := expect(b[i], outcome{})
				var ee *exec.ExitError
				got := "survived"
				if errors.As(err, &ee) {
					ws := ee.Sys().(syscall.WaitStatus)
					switch {
					case ws.Signaled() && ws.Signal() == syscall.SIGSYS:
						got = "kill"
					case bytes.Contains(out, []byte("SIGSYS")):
						got = "trap" // the Go runtime's report of a SIGSYS it did not expect
					default:
						got = fmt.Sprintf("exit %v", err)
					}
				}
				if got != want {
					t.Errorf("%s call %d (%#x): the kernel: %s, the interpreter: %s (%s)\n%s", c.name, i, c.calls[i].Args, got, want, b[i], out)
				}
				calls++
			}
			continue
		}
		out, err := child(t, "TestKernelCorpus", fmt.Sprintf("%s=corpus:%d", childVar, k)).Output()
		if err != nil {
			t.Fatalf("%s: child: %v\n%s", c.name, err, out)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		n := 0
		for sc.Scan() {
			var i int
			var before, after outcome
			if _, err := fmt.Sscan(sc.Text(), &i, &before.r, &before.errno, &after.r, &after.errno); err != nil {
				continue // the test framework's own lines
			}
			n++
			want, fatal := expect(b[i], before)
			if fatal != "" {
				t.Fatalf("%s call %d: the interpreter says %s in a non-fatal case", c.name, i, b[i])
			}
			if !same(want, after) {
				t.Errorf("%s call %d: nr %d args %#x: the kernel gave r=%d errno=%d, the interpreter %s (r=%d errno=%d)", c.name, i, c.calls[i].Nr, c.calls[i].Args, after.r, after.errno, b[i], want.r, want.errno)
			}
		}
		if n != len(c.calls) {
			t.Fatalf("%s: %d results of %d\n%s", c.name, n, len(c.calls), out)
		}
		calls += n
	}
	t.Logf("%d cases (%d compiled policies, %d hand-made programs, fatal ones; %d left out under -race), %d calls: the kernel and the interpreter agree; actions: %v", len(cases), nPolicies, nPrograms, skipped, calls, kinds)
}

func (p *Policy) mustDecide(d Data) Action {
	dec, err := p.Decide(d)
	if err != nil {
		panic(err)
	}
	return dec.Action
}

// allPrograms returns every program the portable tests compile, by name.
func allPrograms(t *testing.T) (names []string, progs []*Program) {
	add := func(name string, p *Policy) {
		prog, err := p.Compile()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		names, progs = append(names, name), append(progs, prog)
	}
	for _, a := range systab.Arches() {
		p := sandboxPolicy(a)
		p.Rules = p.Rules[:len(p.Rules)-1]
		add(string(a)+" sandbox", p)
		extra := max(60, 420-len(systab.Table(a)))
		add(string(a)+" large", largePolicy(a, extra))
	}
	for _, pair := range [][2]systab.Arch{{"amd64", "386"}, {"arm64", "arm"}, {"mips64", "mips"}} {
		p := &Policy{Arch: pair[0], Default: Errno(1), Compat: []Policy{{Arch: pair[1]}}}
		p.Add(Allow, "ioctl", Arg(1).Eq(0x5401))
		p.Compat[0].Add(Allow, "ioctl", Arg(1).Eq(0x5401))
		add(string(pair[0])+"+"+string(pair[1]), p)
	}
	return names, progs
}

// TestKernelAcceptsPrograms loads every program the tests compile, exactly as emitted, and
// the corpus's hand-made ones. The kernel checks a filter when it is installed, and a
// filter for another arch (or a restrictive one for this arch) leaves a process unable to
// go on, so each is installed by a bare child: a fork of this process's thread that runs
// no Go runtime, sets no_new_privs, installs the filter, stores the kernel's answer in
// shared memory and exits (or is killed, when its filter forbids exit_group).
func TestKernelAcceptsPrograms(t *testing.T) {
	skipNoSeccomp(t)
	names, progs := allPrograms(t)
	for _, c := range corpus() {
		prog, err := c.program()
		if err != nil {
			t.Fatal(err)
		}
		names, progs = append(names, c.name), append(progs, &Program{Arch: systab.Arch(runtime.GOARCH), Instructions: prog})
	}
	total := 0
	for i, p := range progs {
		if err := loadBare(p.Instructions); err != nil {
			t.Errorf("%s (%d instructions): %v", names[i], len(p.Instructions), err)
		}
		total += len(p.Instructions)
	}
	// The check is real: an invalid program is refused the same way.
	if err := loadBare([]Instruction{{Code: bpfLD | bpfW | bpfABS, K: 2}, {Code: bpfRET}}); !errors.Is(err, linux.EINVAL) {
		t.Errorf("an unaligned load: %v, want EINVAL", err)
	}
	t.Logf("the kernel accepted all %d programs (%d instructions): %v", len(progs), total, names)
}

// loadBare installs prog in a bare child process and returns the kernel's answer.
func loadBare(prog []Instruction) error {
	mem, err := syscall.Mmap(-1, 0, 4096, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED|syscall.MAP_ANONYMOUS)
	if err != nil {
		return err
	}
	defer syscall.Munmap(mem)
	res := (*uint32)(unsafe.Pointer(&mem[0])) // 0: no answer, 1: installed, 2+errno: refused
	sf := sockFilters(prog)
	fprog := linux.SockFprog{Len: uint16(len(sf)), Filter: &sf[0]}
	a1, a2 := uintptr(syscall.SIGCHLD), uintptr(0)
	if runtime.GOARCH == "s390x" { // CONFIG_CLONE_BACKWARDS2: the stack first
		a1, a2 = a2, a1
	}
	runtime.LockOSThread()
	pid, _, e := raw.RawSyscall6(linux.SYS_CLONE, a1, a2, 0, 0, 0, 0)
	if e == 0 && pid == 0 {
		// The child: one thread, no Go scheduler; raw calls and stores only.
		_, _, e = raw.RawSyscall6(linux.SYS_PRCTL, uintptr(linux.PR_SET_NO_NEW_PRIVS), 1, 0, 0, 0, 0)
		if e == 0 {
			_, _, e = raw.RawSyscall(linux.SYS_SECCOMP, uintptr(linux.SECCOMP_SET_MODE_FILTER), 0, uintptr(unsafe.Pointer(&fprog)))
		}
		if e == 0 {
			*res = 1
		} else {
			*res = 2 + uint32(e)
		}
		raw.RawSyscall(linux.SYS_EXIT_GROUP, 0, 0, 0)
		for {
		}
	}
	runtime.UnlockOSThread()
	runtime.KeepAlive(prog)
	if e != 0 {
		return fmt.Errorf("clone: %w", e)
	}
	var ws syscall.WaitStatus
	deadline := time.Now().Add(2 * time.Second)
	for {
		wpid, err := syscall.Wait4(int(pid), &ws, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if wpid == int(pid) || err != nil {
			break
		}
		if atomic.LoadUint32(res) != 0 || time.Now().After(deadline) {
			// Answered, but its filter keeps it from exiting: kill it.
			time.Sleep(10 * time.Millisecond)
			syscall.Kill(int(pid), syscall.SIGKILL)
		}
		time.Sleep(time.Millisecond)
	}
	switch r := atomic.LoadUint32(res); r {
	case 0:
		return fmt.Errorf("the child gave no answer (%v)", ws)
	case 1:
		return nil
	default:
		return raw.Errno(r - 2)
	}
}

// TestUserNotification: a supervisor goroutine answers the notified calls of its own
// process (the listener of NewListener, TSync with it).
func TestUserNotification(t *testing.T) {
	arch := systab.Arch(runtime.GOARCH)
	getppid, _ := systab.Lookup(arch, "getppid")
	if os.Getenv(childVar) == "notif" {
		p := &Policy{Arch: arch, Default: Allow}
		p.Add(UserNotif, "getppid")
		fd, err := p.MustCompile().Install(TSync | NewListener)
		if err != nil {
			fmt.Println("install:", err)
			os.Exit(3)
		}
		go func() {
			for i := 0; ; i++ {
				n, err := Receive(fd)
				if err != nil {
					fmt.Println("receive:", err)
					os.Exit(4)
				}
				if !IDValid(fd, n.ID) || n.Data.Nr != int32(getppid.Number) {
					fmt.Println("bad notification", n)
					os.Exit(5)
				}
				switch i {
				case 0:
					Respond(fd, n.ID, int64(4242+n.Data.Args[0]), 0)
				case 1:
					Respond(fd, n.ID, 0, linux.EXDEV)
				default:
					Continue(fd, n.ID)
				}
			}
		}()
		r1, _, e1 := raw.Syscall(uintptr(getppid.Number), 7, 0, 0)
		_, _, e2 := raw.Syscall(uintptr(getppid.Number), 0, 0, 0)
		r3, _, _ := raw.Syscall(uintptr(getppid.Number), 0, 0, 0)
		fmt.Printf("result %d %d %d %d\n", r1, e1, e2, r3)
		os.Exit(0)
	}
	skipNoSeccomp(t)
	if ok, _ := ActionAvailable(UserNotif); !ok {
		t.Skip("the kernel has no SECCOMP_RET_USER_NOTIF (Linux 5.0)")
	}
	out, err := child(t, "TestUserNotification", childVar+"=notif").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := fmt.Sprintf("result 4249 0 %d %d", int(linux.EXDEV), os.Getpid())
	if !bytes.Contains(out, []byte(want)) {
		t.Fatalf("got %s, want %q", out, want)
	}
}

// TestInstallErrors: the arch check and the kernel's refusals surface as errors.
func TestInstallErrors(t *testing.T) {
	other := systab.Arch("arm64")
	if runtime.GOARCH == "arm64" {
		other = "amd64"
	}
	p := &Policy{Arch: other, Default: Allow}
	if _, err := p.MustCompile().Install(0); err == nil {
		t.Error("a foreign filter installed")
	}
	if os.Getenv(childVar) == "invalid" {
		_, err := InstallInstructions([]Instruction{{Code: bpfLD | bpfMEM}, {Code: bpfRET}}, TSync)
		fmt.Println("result", errors.Is(err, linux.EINVAL), err)
		os.Exit(0)
	}
	skipNoSeccomp(t)
	out, err := child(t, "TestInstallErrors", childVar+"=invalid").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("result true")) {
		t.Fatalf("an invalid program: %v\n%s", err, out)
	}
	st, err := Status()
	if err != nil || st.Mode != 0 {
		t.Errorf("the test process has a filter: %+v %v", st, err)
	}
	for _, a := range []Action{KillProcess, KillThread, TrapAction, ErrnoAction, UserNotif, TraceAction, Log, Allow} {
		if ok, err := ActionAvailable(a); !ok || err != nil {
			t.Errorf("ActionAvailable(%s): %v %v", a, ok, err)
		}
	}
	if ok, err := ActionAvailable(ActionOf(0x12340000)); ok || err != nil {
		t.Errorf("an unknown action: %v %v", ok, err)
	}
}

// The errno table agrees with package raw's names on this arch.
func TestErrnoNamesRaw(t *testing.T) {
	arch := systab.Arch(runtime.GOARCH)
	n := 0
	for name := range errnoNums {
		e, ok := ErrnoNamed(arch, name)
		if !ok {
			continue
		}
		n++
		// raw names a number once: ErrnoName gives the same name for it
		if got, want := ErrnoName(arch, e), raw.Errno(e).Name(); got != want {
			t.Errorf("%s = %d here: ErrnoName %q, raw calls %d %q", name, e, got, e, want)
		}
	}
	if e, _ := ErrnoNamed(arch, "ENOSYS"); raw.Errno(e) != linux.ENOSYS {
		t.Errorf("ENOSYS %d, raw %d", e, linux.ENOSYS)
	}
	t.Logf("%d names checked on %s", n, arch)
}

// Instruction is struct sock_filter (package linux's SockFilter, which the ABI checks
// against C), and Data struct seccomp_data, field by field.
func TestABILayouts(t *testing.T) {
	var in Instruction
	var sf linux.SockFilter
	if unsafe.Sizeof(in) != unsafe.Sizeof(sf) || unsafe.Offsetof(in.Code) != unsafe.Offsetof(sf.Code) || unsafe.Offsetof(in.Jt) != unsafe.Offsetof(sf.Jt) ||
		unsafe.Offsetof(in.Jf) != unsafe.Offsetof(sf.Jf) || unsafe.Offsetof(in.K) != unsafe.Offsetof(sf.K) || unsafe.Alignof(in) != unsafe.Alignof(sf) {
		t.Errorf("Instruction and linux.SockFilter differ")
	}
	p := []Instruction{{Code: 1, Jt: 2, Jf: 3, K: 4}}
	if s := sockFilters(p); len(s) != 1 || s[0].Code != 1 || s[0].Jt != 2 || s[0].Jf != 3 || s[0].K != 4 {
		t.Errorf("sockFilters: %+v", s)
	}
	var d Data
	var sd linux.SeccompData
	if unsafe.Sizeof(sd) != dataSize || unsafe.Sizeof(d) != dataSize || unsafe.Offsetof(d.Arch) != unsafe.Offsetof(sd.Arch) ||
		unsafe.Offsetof(d.InstructionPointer) != unsafe.Offsetof(sd.InstructionPointer) || unsafe.Offsetof(d.Args) != unsafe.Offsetof(sd.Args) {
		t.Errorf("Data and linux.SeccompData differ")
	}
	// The serialization the interpreter reads is the struct's memory on this arch.
	d = Data{Nr: 0x01020304, Arch: 0x05060708, InstructionPointer: 0x1112131415161718, Args: [6]uint64{0x2122232425262728, 2, 3, 4, 5, 0x3132333435363738}}
	bo, _ := ByteOrder(systab.Arch(runtime.GOARCH))
	b := d.bytes(bo)
	if mem := unsafe.Slice((*byte)(unsafe.Pointer(&d)), dataSize); string(mem) != string(b[:]) {
		t.Errorf("Data's bytes for the interpreter differ from its memory on %s", runtime.GOARCH)
	}
}
