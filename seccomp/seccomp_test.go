package seccomp

import (
	"bufio"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// The portable tests: the arch facts, the compiler against the reference evaluator
// (Policy.Decide) on policies for every arch, the validator and the interpreter. The
// kernel's side is seccomp_linux_test.go.

func TestAuditArch(t *testing.T) {
	machines := map[systab.Arch]elf.Machine{
		"amd64": elf.EM_X86_64, "386": elf.EM_386, "arm": elf.EM_ARM, "arm64": elf.EM_AARCH64,
		"riscv64": elf.EM_RISCV, "loong64": elf.EM_LOONGARCH, "ppc64": elf.EM_PPC64, "ppc64le": elf.EM_PPC64,
		"s390x": elf.EM_S390, "mips": elf.EM_MIPS, "mipsle": elf.EM_MIPS, "mips64": elf.EM_MIPS, "mips64le": elf.EM_MIPS,
	}
	// The values of include/uapi/linux/audit.h as the kernel's headers spell them out.
	want := map[systab.Arch]uint32{
		"amd64": 0xc000003e, "386": 0x40000003, "arm": 0x40000028, "arm64": 0xc00000b7,
		"riscv64": 0xc00000f3, "loong64": 0xc0000102, "ppc64": 0x80000015, "ppc64le": 0xc0000015,
		"s390x": 0x80000016, "mips": 0x8, "mipsle": 0x40000008, "mips64": 0x80000008, "mips64le": 0xc0000008,
	}
	if len(archInfos) != len(systab.Arches()) {
		t.Fatalf("%d arches described, systab has %d", len(archInfos), len(systab.Arches()))
	}
	for _, a := range systab.Arches() {
		v, name, ok := AuditArch(a)
		if !ok {
			t.Fatalf("%s: no AUDIT_ARCH", a)
		}
		ga, ok := arches.Lookup(string(a))
		if !ok {
			t.Fatalf("%s: not in internal/gen/arches", a)
		}
		ai, _ := infoOf(a)
		if ai.is64 != (ga.PtrSize == 8) || ai.bigEndian != ga.BigEndian {
			t.Errorf("%s: is64=%v bigEndian=%v, internal/gen/arches says PtrSize %d BigEndian %v", a, ai.is64, ai.bigEndian, ga.PtrSize, ga.BigEndian)
		}
		d := uint32(machines[a])
		if ga.PtrSize == 8 {
			d |= auditArch64Bit
		}
		if !ga.BigEndian {
			d |= auditArchLE
		}
		if v != d || v != want[a] {
			t.Errorf("%s: %s = %#x, from debug/elf %#x, audit.h %#x", a, name, v, d, want[a])
		}
		if ArchOfAudit(v) != a && a != "ppc64le" {
			t.Errorf("ArchOfAudit(%#x) = %q, want %s", v, ArchOfAudit(v), a)
		}
	}
	if h := uapiDir(); h != "" {
		// AUDIT_ARCH_* names the table uses must be the header's.
		b, err := os.ReadFile(filepath.Join(h, "linux", "audit.h"))
		if err != nil {
			t.Fatal(err)
		}
		for _, ai := range archInfos {
			if !strings.Contains(string(b), "#define "+ai.name+"\t") {
				t.Errorf("audit.h has no %s", ai.name)
			}
		}
	}
}

// uapiDir returns linux-libc-dev's include directory when the machine has it (test.sh
// fetches it), else "".
func uapiDir() string {
	cache := os.Getenv("RAWLINUX_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "rawlinux")
	}
	m, _ := filepath.Glob(filepath.Join(cache, "pkg", "linux-libc-dev-7.2.13-*", "usr", "include"))
	if len(m) == 0 {
		return ""
	}
	return m[0]
}

func TestErrnoTable(t *testing.T) {
	inc := uapiDir()
	if inc == "" {
		t.Skip("no linux-libc-dev 7.2.13 headers in the cache (test.sh fetches them)")
	}
	parse := func(files ...string) map[string]uint16 {
		raw := map[string]string{}
		for _, f := range files {
			fh, err := os.Open(filepath.Join(inc, f))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(fh)
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) >= 3 && f[0] == "#define" && strings.HasPrefix(f[1], "E") && f[1] != "EDEADLOCK" || len(f) >= 3 && f[1] == "EDEADLOCK" {
					raw[f[1]] = f[2]
				}
			}
			fh.Close()
		}
		out := map[string]uint16{}
		for n, v := range raw {
			for i := 0; i < 4; i++ {
				if w, ok := raw[v]; ok {
					v = w
				}
			}
			x, err := strconv.Atoi(v)
			if err == nil {
				out[n] = uint16(x)
			}
		}
		return out
	}
	generic := parse("asm-generic/errno-base.h", "asm-generic/errno.h")
	mips := parse("asm-generic/errno-base.h", "mips-linux-gnu/asm/errno.h")
	ppc := parse("asm-generic/errno-base.h", "asm-generic/errno.h", "powerpc64-linux-gnu/asm/errno.h")
	check := func(arch systab.Arch, hdr map[string]uint16) {
		for name, v := range hdr {
			if got, ok := ErrnoNamed(arch, name); !ok || got != v {
				t.Errorf("%s %s: table %d %v, header %d", arch, name, got, ok, v)
			}
		}
		for name := range errnoNums {
			if _, ok := ErrnoNamed(arch, name); ok && hdr[name] == 0 && name != "ENOTSUP" {
				t.Errorf("%s: %s is in the table, not in the headers", arch, name)
			}
		}
	}
	check("amd64", generic)
	check("arm64", generic)
	check("mips64le", mips)
	check("ppc64", ppc)
	if e, _ := ErrnoNamed("mips", "ENOSYS"); e != 89 {
		t.Errorf("mips ENOSYS = %d", e)
	}
	if _, ok := ErrnoNamed("", "ENOSYS"); ok {
		t.Error("ENOSYS without an arch")
	}
	if e, ok := ErrnoNamed("", "EPERM"); !ok || e != 1 {
		t.Error("EPERM without an arch")
	}
	if n := ErrnoName("mips", 89); n != "ENOSYS" {
		t.Errorf("ErrnoName(mips, 89) = %q", n)
	}
	if n := ErrnoName("amd64", 11); n != "EAGAIN" {
		t.Errorf("ErrnoName(amd64, 11) = %q", n)
	}
}

// Every C type of a 64-bit arch's prototypes must have a known width: an unknown 32-bit
// type would be compared on 64 bits, which a caller could slip past.
func TestArgWidths(t *testing.T) {
	seen := map[string]string{}
	for _, a := range systab.Arches() {
		if ai, _ := infoOf(a); !ai.is64 {
			continue
		}
		for _, e := range systab.Table(a) {
			p, ok := systab.PrototypeOn(a, e.Name)
			if !ok {
				continue
			}
			for _, arg := range p.Args {
				if _, ok := argBits(arg.Type); !ok {
					seen[arg.Type] = string(a) + " " + e.Name
				}
			}
		}
	}
	for ty, where := range seen {
		t.Errorf("C type %q (%s) has no known width", ty, where)
	}
	// The cases that matter: ioctl's request is unsigned int, lseek's offset off_t.
	p := &Policy{Arch: "amd64", Default: Allow}
	p.Add(Errno(1), "ioctl", Arg(1).Eq(0x5412))
	p.Add(Errno(2), "lseek", Arg(1).Eq(7))
	prog := p.MustCompile()
	for _, c := range []struct {
		name string
		args []uint64
		want Action
	}{
		{"ioctl", []uint64{0, 0x5412}, Errno(1)},
		{"ioctl", []uint64{0, 1<<32 | 0x5412}, Errno(1)}, // the kernel sees TIOCSTI
		{"ioctl", []uint64{0, 0x5413}, Allow},
		{"lseek", []uint64{3, 7}, Errno(2)},
		{"lseek", []uint64{3, 1<<32 | 7}, Allow}, // a different offset
	} {
		d, err := prog.Call("", c.name, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		if got := prog.Run(d); got != c.want {
			t.Errorf("%s%#x: %s, want %s", c.name, c.args, got, c.want)
		}
	}
	// On 32-bit arches a 64-bit comparison is refused, and values must fit.
	bad := &Policy{Arch: "arm", Default: Allow}
	bad.Add(Errno(1), "lseek", Arg(1).Eq(7).WithWidth(64))
	if _, err := bad.Compile(); err == nil {
		t.Error("a 64-bit comparison on arm compiled")
	}
	bad = &Policy{Arch: "amd64", Default: Allow}
	bad.Add(Errno(1), "ioctl", Arg(1).Eq(1<<32|5))
	if _, err := bad.Compile(); err == nil {
		t.Error("a 33-bit value for ioctl's unsigned int request compiled")
	}
	ok := &Policy{Arch: "amd64", Default: Allow}
	ok.Add(Errno(1), "openat", Arg(0).Eq(uint64(1<<64-100))) // AT_FDCWD, sign-extended
	prog = ok.MustCompile()
	d, _ := prog.Call("", "openat", 0xffffff9c)
	if prog.Run(d) != Errno(1) {
		t.Error("AT_FDCWD as a 32-bit int")
	}
}

// pool is the argument values the generated calls and conditions draw from: small values,
// the edges of 32 bits, values whose halves differ only in the high word.
var pool = []uint64{0, 1, 2, 3, 7, 0x5401, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 32, 1<<32 | 1,
	1<<32 | 0x5401, 0xffffffff00000000, 0xffffffff00000001, 1<<64 - 1, 1<<64 - 100, 0x8000000000000000}

// variants returns calls of number nr with argument values around the policy's.
func variants(rng *rand.Rand, audit uint32, nr int32, n int) []Data {
	out := make([]Data, 0, n)
	for i := 0; i < n; i++ {
		d := Data{Nr: nr, Arch: audit, InstructionPointer: rng.Uint64()}
		for j := range d.Args {
			switch rng.Intn(4) {
			case 0:
				d.Args[j] = rng.Uint64()
			case 1:
				d.Args[j] = pool[rng.Intn(len(pool))] ^ uint64(rng.Intn(2))<<(32+rng.Intn(32)) // garbage in the high half
			default:
				d.Args[j] = pool[rng.Intn(len(pool))]
			}
		}
		out = append(out, d)
	}
	return out
}

// numbersToTry returns every number of arch's table, its neighbours and the special ones.
func numbersToTry(arch systab.Arch) []int32 {
	seen := map[int32]bool{}
	var l []int32
	add := func(n int64) {
		if !seen[int32(n)] {
			seen[int32(n)] = true
			l = append(l, int32(n))
		}
	}
	for _, e := range systab.Table(arch) {
		add(int64(e.Number) - 1)
		add(int64(e.Number))
		add(int64(e.Number) + 1)
	}
	for _, n := range []int64{0, 1000, 0x3fffffff, x32Bit, x32Bit | 1, x32Bit | 39, x32Bit | 512, 0x7fffffff, -1, -2, -0x80000000} {
		add(n)
	}
	return l
}

// agree checks the compiled program against the reference evaluator on every number of
// every section's arch (and a foreign arch), with argument variants; it returns the
// number of calls checked.
func agree(t *testing.T, p *Policy, prog *Program, perNumber int, seed int64) int {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	archs := []systab.Arch{p.Arch}
	for _, c := range p.Compat {
		archs = append(archs, c.Arch)
	}
	checked, bad := 0, 0
	native := len(archs)
	for _, f := range []systab.Arch{"s390x", "mipsle"} {
		if !slices.Contains(archs, f) {
			archs = append(archs, f)
		}
	}
	for i, a := range archs {
		audit, _, _ := AuditArch(a)
		nums := numbersToTry(a)
		if i >= native { // foreign: a sample is enough
			nums = nums[:20]
		}
		for _, n := range nums {
			for _, d := range variants(rng, audit, n, perNumber) {
				checked++
				want := prog.Decide(d)
				got := prog.Run(d)
				if got != want.Action {
					if bad++; bad <= 10 {
						t.Errorf("%s: nr %d (%#x) arch %#x args %#x: program %s, policy %s (%s)", p.Arch, n, uint32(n), d.Arch, d.Args, got, want.Action, want.Why)
					}
				}
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d disagreements in all", bad)
	}
	return checked
}

// sandboxPolicy is a container-style allow-list for arch: names of every arch (skipped
// where absent), argument rules, the runc cases (ENOSYS for calls newer than the profile).
func sandboxPolicy(arch systab.Arch) *Policy {
	enosys, _ := ErrnoNamed(arch, "ENOSYS")
	p := &Policy{Arch: arch, Default: Errno(1), SkipUnknown: true}
	p.AddAll(Allow, "read", "write", "readv", "writev", "pread64", "pwrite64", "close", "close_range",
		"open", "openat", "stat", "fstat", "lstat", "newfstatat", "fstatat64", "stat64", "fstat64", "statx",
		"mmap", "mmap2", "munmap", "mprotect", "madvise", "brk", "mremap", "futex", "futex_time64",
		"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "sigreturn",
		"clone", "exit", "exit_group", "gettid", "getpid", "tgkill", "sched_yield", "sched_getaffinity",
		"nanosleep", "clock_nanosleep", "clock_gettime", "clock_gettime64", "epoll_create1", "epoll_ctl",
		"epoll_pwait", "epoll_wait", "pipe2", "fcntl", "fcntl64", "getrandom", "uname", "getcwd", "lseek", "_llseek",
		"dup", "dup2", "dup3", "connect", "sendto", "recvfrom", "getdents64", "prlimit64", "getuid", "getuid32")
	p.Add(Allow, "ioctl", Arg(1).Ne(0x5412))           // all but TIOCSTI
	p.Add(Allow, "personality", Arg(0).Eq(0))          // PER_LINUX
	p.Add(Allow, "personality", Arg(0).Eq(0x8))        // PER_LINUX32
	p.Add(Allow, "personality", Arg(0).Eq(0xffffffff)) // the query
	p.Add(Errno(13), "socket", Arg(0).Eq(40))          // AF_VSOCK: EACCES
	p.Add(Allow, "socket", Arg(0).Le(10))
	p.Add(Allow, "clone3", Arg(1).Ge(64), Arg(1).Lt(4096))
	p.Add(Errno(enosys), "clone3")
	p.Add(Errno(enosys), "openat2")
	p.Add(KillProcess, "ptrace")
	p.Add(Allow, "prctl", Arg(0).MaskedEq(0xffffffff, 38)) // PR_SET_NO_NEW_PRIVS
	p.Add(Trap(7), "kexec_load")
	p.Add(Log, "sysinfo")
	p.Add(Trace(3), "getppid")
	p.Add(UserNotif, "mount")
	p.Add(KillThread, "reboot")
	p.Add(Allow, "munmap", Arg(1).Eq(4096)) // after the unconditional allow: never reached
	return p
}

func TestArchPolicies(t *testing.T) {
	for _, a := range systab.Arches() {
		p := sandboxPolicy(a)
		// The last rule is never reached: Compile must say so.
		if _, err := p.Compile(); err == nil || !strings.Contains(err.Error(), "never reached") {
			t.Errorf("%s: an unreachable rule: %v", a, err)
		}
		p.Rules = p.Rules[:len(p.Rules)-1]
		prog, err := p.Compile()
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if err := Validate(prog.Instructions); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		n := agree(t, p, prog, 6, int64(len(a)))
		t.Logf("%-8s %3d rules (%d skipped), %3d instructions, at most %2d executed; %d calls agree", a, len(p.Rules)-len(prog.Skipped), len(prog.Skipped), len(prog.Instructions), prog.MaxPath(), n)
		// A few decisions spelled out.
		for _, c := range []struct {
			name string
			args []uint64
			want Action
		}{
			{"ioctl", []uint64{1, 0x5412}, Errno(1)},
			{"ioctl", []uint64{1, 0x5413}, Allow},
			{"ptrace", nil, KillProcess},
			{"socket", []uint64{40}, Errno(13)},
			{"socket", []uint64{2}, Allow},
			{"socket", []uint64{16}, Errno(1)},
			{"openat2", nil, Errno(errnoOf(a, "ENOSYS"))},
			{"clone3", []uint64{0, 88}, Allow},
			{"clone3", []uint64{0, 8}, Errno(errnoOf(a, "ENOSYS"))},
			{"getppid", nil, Trace(3)},
		} {
			d, err := prog.Call("", c.name, c.args...)
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			if got := prog.Run(d); got != c.want {
				t.Errorf("%s %s%#x: %s, want %s", a, c.name, c.args, got, c.want)
			}
		}
		// Another arch's convention gets BadArch.
		other := systab.Arch("amd64")
		if a == "amd64" {
			other = "386"
		}
		d, _ := CallData(other, "read")
		if got := prog.Run(d); got != KillProcess {
			t.Errorf("%s: a %s call: %s", a, other, got)
		}
	}
}

func errnoOf(a systab.Arch, name string) uint16 { e, _ := ErrnoNamed(a, name); return e }

func TestX32(t *testing.T) {
	p := &Policy{Arch: "amd64", Default: Allow, BadArch: Errno(99)}
	p.Add(Errno(1), "read")
	p.Rules = append(p.Rules, Rule{Number: x32Bit | 39, Action: Errno(2)}) // x32 getpid, named
	prog := p.MustCompile()
	audit, _, _ := AuditArch("amd64")
	for _, c := range []struct {
		nr   int64
		want Action
	}{
		{0, Errno(1)}, {39, Allow}, {x32Bit, Errno(99)}, {x32Bit | 39, Errno(2)}, {x32Bit | 40, Errno(99)},
		{0x7fffffff, Errno(99)}, {-1, Allow}, {0x3fffffff, Allow},
	} {
		d := Data{Nr: int32(c.nr), Arch: audit}
		if got := prog.Run(d); got != c.want {
			t.Errorf("nr %#x: %s, want %s", uint32(c.nr), got, c.want)
		}
	}
	agree(t, p, prog, 2, 1)
}

func TestCompat(t *testing.T) {
	for _, pair := range [][2]systab.Arch{{"amd64", "386"}, {"arm64", "arm"}, {"mips64", "mips"}, {"mips64le", "mipsle"}} {
		p := &Policy{Arch: pair[0], Default: Errno(1)}
		p.AddAll(Allow, "read", "write", "exit_group")
		p.Add(Allow, "ioctl", Arg(1).Eq(0x5401))
		c := Policy{Arch: pair[1], Default: Errno(2)}
		c.AddAll(Allow, "read", "exit_group")
		c.Add(Allow, "ioctl", Arg(1).Eq(0x5401))
		p.Compat = []Policy{c}
		prog, err := p.Compile()
		if err != nil {
			t.Fatal(err)
		}
		agree(t, p, prog, 4, 2)
		d, _ := CallData(pair[1], "write")
		if got := prog.Run(d); got != Errno(2) {
			t.Errorf("%s+%s: compat write %s", pair[0], pair[1], got)
		}
		d, _ = CallData(pair[1], "ioctl", 0, 1<<32|0x5401) // 32-bit: the high word means nothing
		if got := prog.Run(d); got != Allow {
			t.Errorf("%s+%s: compat ioctl with a high word %s", pair[0], pair[1], got)
		}
		d, _ = CallData(pair[0], "write")
		if got := prog.Run(d); got != Allow {
			t.Errorf("%s+%s: native write %s", pair[0], pair[1], got)
		}
	}
	p := &Policy{Arch: "amd64", Default: Allow, Compat: []Policy{{Arch: "amd64"}}}
	if _, err := p.Compile(); err == nil {
		t.Error("two sections of one arch")
	}
	p = &Policy{Arch: "s390x", Default: Allow, Compat: []Policy{{Arch: "mipsle"}}}
	if _, err := p.Compile(); err == nil {
		t.Error("a compat section of another byte order")
	}
}

// largePolicy has a rule for every row of arch's table, with actions that keep neighbours
// apart (so that no segments merge), and argument rules in front of the first extra rows
// until there are more than 400 rules.
func largePolicy(arch systab.Arch, extra int) *Policy {
	p := &Policy{Arch: arch, Default: Errno(4095)}
	tab := systab.Table(arch)
	ai, _ := infoOf(arch)
	acts := []Action{Allow, Errno(1), Log, Errno(2), Trace(5), Allow, UserNotif, Errno(3)}
	for i, e := range tab {
		if i < extra {
			w := 32
			if ai.is64 && i%2 == 0 {
				w = 64
			}
			p.Add(Errno(uint16(100+i)), e.Name, Arg(i%6).Eq(uint64(i)).WithWidth(w), Arg((i+1)%6).MaskedEq(0xff, uint64(i&0xff)).WithWidth(w))
		}
		p.Add(acts[i%len(acts)], e.Name)
	}
	return p
}

func TestLargePolicies(t *testing.T) {
	for _, a := range systab.Arches() {
		extra := 420 - len(systab.Table(a))
		if extra < 60 {
			extra = 60
		}
		p := largePolicy(a, extra)
		prog, err := p.Compile()
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if len(p.Rules) < 400 || len(prog.Instructions) > MaxInstructions {
			t.Fatalf("%s: %d rules, %d instructions", a, len(p.Rules), len(prog.Instructions))
		}
		if prog.MaxPath() > 40 {
			t.Errorf("%s: %d instructions executed at most: not a search", a, prog.MaxPath())
		}
		agree(t, p, prog, 3, 3)
		t.Logf("%-8s %3d rules, %4d instructions, at most %2d executed", a, len(p.Rules), len(prog.Instructions), prog.MaxPath())
	}
}

// A call with so many rules that its body exceeds jt/jf's reach: the assembler's
// trampolines.
func TestTrampolines(t *testing.T) {
	for _, a := range []systab.Arch{"amd64", "s390x", "arm"} {
		p := &Policy{Arch: a, Default: Allow}
		for i := 0; i < 150; i++ {
			p.Add(Errno(uint16(i+1)), "ioctl", Arg(1).Eq(uint64(0x5400+i)))
		}
		p.AddAll(Errno(999), "read", "write", "close")
		for i := 0; i < 100; i++ {
			v := uint64(i) << 32
			if ai, _ := infoOf(a); !ai.is64 {
				v = uint64(i) << 20
			}
			p.Add(Errno(uint16(500+i)), "lseek", Arg(1).Gt(v), Arg(2).Ne(uint64(i)))
		}
		prog, err := p.Compile()
		if err != nil {
			t.Fatal(err)
		}
		far := 0
		for _, in := range prog.Instructions {
			if in.Code == bpfJMP|bpfJA {
				far++
			}
		}
		if far == 0 {
			t.Errorf("%s: no trampoline in %d instructions", a, len(prog.Instructions))
		}
		agree(t, p, prog, 3, 4)
		d, _ := prog.Call("", "ioctl", 0, 0x5400+149)
		if got := prog.Run(d); got != Errno(150) {
			t.Errorf("%s: the last ioctl rule: %s", a, got)
		}
	}
}

// The kernel's rules, one program each.
func TestValidate(t *testing.T) {
	ret := Instruction{Code: bpfRET | bpfK, K: Allow.Ret()}
	ld := func(k uint32) Instruction { return Instruction{Code: bpfLD | bpfW | bpfABS, K: k} }
	for _, c := range []struct {
		name string
		prog []Instruction
		ok   bool
	}{
		{"return", []Instruction{ret}, true},
		{"empty", nil, false},
		{"4096", append(make([]Instruction, 4095), ret), true}, // 4095 "ld #0" then ret
		{"4097", append(make([]Instruction, 4096), ret), false},
		{"no return last", []Instruction{ret, ld(0)}, false},
		{"ret a", []Instruction{{Code: bpfRET | bpfA}}, true},
		{"ret x", []Instruction{{Code: bpfRET | bpfX}}, false},
		{"ld nr", []Instruction{ld(0), ret}, true},
		{"ld args[5].hi", []Instruction{ld(60), ret}, true},
		{"ld past the end", []Instruction{ld(64), ret}, false},
		{"unaligned ld", []Instruction{ld(2), ret}, false},
		{"ld half", []Instruction{{Code: bpfLD | bpfH | bpfABS}, ret}, false},
		{"ld byte", []Instruction{{Code: bpfLD | bpfB | bpfABS}, ret}, false},
		{"ld ind", []Instruction{{Code: bpfLD | bpfW | bpfIND}, ret}, false},
		{"ldx msh", []Instruction{{Code: bpfLDX | bpfB | bpfMSH}, ret}, false},
		{"ld len", []Instruction{{Code: bpfLD | bpfW | bpfLEN}, ret}, true},
		{"mod", []Instruction{{Code: bpfALU | bpfMOD | bpfK, K: 3}, ret}, false},
		{"div 0", []Instruction{{Code: bpfALU | bpfDIV | bpfK, K: 0}, ret}, false},
		{"div x", []Instruction{{Code: bpfALU | bpfDIV | bpfX}, ret}, true},
		{"lsh 31", []Instruction{{Code: bpfALU | bpfLSH | bpfK, K: 31}, ret}, true},
		{"lsh 32", []Instruction{{Code: bpfALU | bpfLSH | bpfK, K: 32}, ret}, false},
		{"xor", []Instruction{{Code: bpfALU | bpfXOR | bpfK, K: 32}, ret}, true},
		{"unknown code", []Instruction{{Code: 0xff}, ret}, false},
		{"code above a byte", []Instruction{{Code: 0x106}}, false},
		{"ja to ret", []Instruction{{Code: bpfJMP | bpfJA, K: 0}, ret}, true},
		{"ja past", []Instruction{{Code: bpfJMP | bpfJA, K: 1}, ret}, false},
		{"jeq past", []Instruction{{Code: bpfJMP | bpfJEQ, Jt: 0, Jf: 1}, ret}, false},
		{"jeq in", []Instruction{{Code: bpfJMP | bpfJEQ, Jt: 0, Jf: 1}, ret, ret}, true},
		{"mem 15", []Instruction{{Code: bpfST, K: 15}, {Code: bpfLD | bpfMEM, K: 15}, ret}, true},
		{"mem 16", []Instruction{{Code: bpfST, K: 16}, ret}, false},
		{"mem unwritten", []Instruction{{Code: bpfLD | bpfMEM, K: 3}, ret}, false},
		{"mem on one path", []Instruction{{Code: bpfJMP | bpfJEQ, Jt: 1}, {Code: bpfST, K: 1}, {Code: bpfLDX | bpfMEM, K: 1}, ret}, false},
		{"mem on both paths", []Instruction{{Code: bpfST, K: 1}, {Code: bpfJMP | bpfJEQ, Jt: 1}, {Code: bpfST, K: 2}, {Code: bpfLDX | bpfMEM, K: 1}, ret}, true},
	} {
		if c.name == "4096" || c.name == "4097" {
			for i := range c.prog[:len(c.prog)-1] {
				c.prog[i] = Instruction{Code: bpfLD | bpfIMM}
			}
		}
		err := Validate(c.prog)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// The interpreter's arithmetic on hand-written programs (the kernel's answers are checked
// by seccomp_linux_test.go's random programs).
func TestInterpreter(t *testing.T) {
	d := &Data{Nr: 7, Arch: 0xc000003e, Args: [6]uint64{0x1122334455667788, 5}}
	i := func(code uint16, k uint32) Instruction { return Instruction{Code: code, K: k} }
	for _, c := range []struct {
		name string
		bo   binary.ByteOrder
		prog []Instruction
		want uint32
	}{
		{"nr", binary.LittleEndian, []Instruction{i(bpfLD|bpfW|bpfABS, 0), i(bpfRET|bpfA, 0)}, 7},
		{"arg0 low LE", binary.LittleEndian, []Instruction{i(bpfLD|bpfW|bpfABS, 16), i(bpfRET|bpfA, 0)}, 0x55667788},
		{"arg0 high LE", binary.LittleEndian, []Instruction{i(bpfLD|bpfW|bpfABS, 20), i(bpfRET|bpfA, 0)}, 0x11223344},
		{"arg0 high BE", binary.BigEndian, []Instruction{i(bpfLD|bpfW|bpfABS, 16), i(bpfRET|bpfA, 0)}, 0x11223344},
		{"len", binary.LittleEndian, []Instruction{i(bpfLD|bpfW|bpfLEN, 0), i(bpfRET|bpfA, 0)}, 64},
		{"div by x=0", binary.LittleEndian, []Instruction{i(bpfLD|bpfIMM, 9), i(bpfALU|bpfDIV|bpfX, 0), i(bpfRET|bpfK, 5)}, 0},
		{"neg", binary.LittleEndian, []Instruction{i(bpfLD|bpfIMM, 1), i(bpfALU|bpfNEG, 0), i(bpfRET|bpfA, 0)}, 0xffffffff},
		{"lsh x mod 32", binary.LittleEndian, []Instruction{i(bpfLDX|bpfIMM, 33), i(bpfLD|bpfIMM, 1), i(bpfALU|bpfLSH|bpfX, 0), i(bpfRET|bpfA, 0)}, 2},
		{"mem", binary.LittleEndian, []Instruction{i(bpfLD|bpfIMM, 3), i(bpfST, 4), i(bpfLDX|bpfMEM, 4), i(bpfMISC|bpfTXA, 0), i(bpfALU|bpfMUL|bpfX, 0), i(bpfRET|bpfA, 0)}, 9},
		{"jset", binary.LittleEndian, []Instruction{i(bpfLD|bpfW|bpfABS, 24), {Code: bpfJMP | bpfJSET | bpfK, K: 4, Jt: 1}, i(bpfRET|bpfK, 1), i(bpfRET|bpfK, 2)}, 2},
		{"jgt x", binary.LittleEndian, []Instruction{i(bpfLDX|bpfIMM, 5), i(bpfLD|bpfW|bpfABS, 24), {Code: bpfJMP | bpfJGT | bpfX, Jt: 1}, i(bpfRET|bpfK, 1), i(bpfRET|bpfK, 2)}, 1},
		{"jge x", binary.LittleEndian, []Instruction{i(bpfLDX|bpfIMM, 5), i(bpfLD|bpfW|bpfABS, 24), {Code: bpfJMP | bpfJGE | bpfX, Jt: 1}, i(bpfRET|bpfK, 1), i(bpfRET|bpfK, 2)}, 2},
	} {
		got, err := Run(c.prog, d, c.bo)
		if err != nil || got != c.want {
			t.Errorf("%s: %#x, %v; want %#x", c.name, got, err, c.want)
		}
	}
	if _, err := Run([]Instruction{{Code: bpfLD | bpfMEM}}, d, binary.LittleEndian); err == nil {
		t.Error("Run of an invalid program")
	}
}

func TestActions(t *testing.T) {
	for _, c := range []struct {
		s    string
		arch systab.Arch
		want Action
	}{
		{"allow", "", Allow}, {"errno 1", "", Errno(1)}, {"errno EPERM", "amd64", Errno(1)},
		{"errno ENOSYS", "mips", Errno(89)}, {"ENOSYS", "amd64", Errno(38)}, {"kill-process", "", KillProcess},
		{"kill", "", KillThread}, {"trap 5", "", Trap(5)}, {"trace 0", "", Trace(0)}, {"log", "", Log},
		{"user-notif", "", UserNotif}, {"SCMP_ACT_ALLOW", "", Allow}, {"SCMP_ACT_ERRNO", "", Errno(1)},
		{"SCMP_ACT_KILL_PROCESS", "", KillProcess}, {"SCMP_ACT_NOTIFY", "", UserNotif}, {"action 0x10000", "", ActionOf(0x10000)},
	} {
		got, err := ParseAction(c.arch, c.s)
		if err != nil || got != c.want {
			t.Errorf("ParseAction(%q, %q) = %s, %v; want %s", c.arch, c.s, got, err, c.want)
		}
		if back, err := ParseAction(c.arch, got.String()); err != nil || back != got {
			t.Errorf("%s does not read back: %s %v", got, back, err)
		}
	}
	for _, s := range []string{"", "errno", "errno ENOSYS", "allow 3", "fly", "errno 70000"} {
		if s == "errno" {
			continue // SCMP_ACT_ERRNO's default, EPERM
		}
		if a, err := ParseAction("", s); err == nil {
			t.Errorf("ParseAction(%q) = %s", s, a)
		}
	}
	if !KillProcess.Stronger(KillThread) || !Errno(1).Stronger(UserNotif) || !Log.Stronger(Allow) || Allow.Stronger(Log) {
		t.Error("precedence")
	}
	var zero Action
	if zero.IsSet() || zero.String() != "unset" {
		t.Error("the zero Action")
	}
	if _, err := (&Policy{Arch: "amd64"}).Compile(); err == nil {
		t.Error("a policy without a default")
	}
}

// FuzzCompile builds random policies for random arches and checks the program against
// the reference evaluator.
func FuzzCompile(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"))
	f.Add([]byte("\x05\xff\x10\x20\x30\x40\x50\x60\x70\x80\x90\xa0\xb0\xc0"))
	f.Add([]byte("\x0c\x03\x07\x07\x07\x01\x02\x03\x01\x02\x03\x01\x02\x03\x01\x02\x03\x04\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, ok := fuzzPolicy(b)
		if !ok {
			return
		}
		prog, err := p.Compile()
		if err != nil {
			return // unreachable rules, values too wide for a 32-bit argument...
		}
		rng := rand.New(rand.NewSource(int64(len(b))))
		audit, _, _ := AuditArch(p.Arch)
		nums := []int32{0, -1, x32Bit, x32Bit | 3}
		for _, r := range p.Rules {
			if e, ok := systab.Lookup(p.Arch, r.Syscall); ok {
				nums = append(nums, int32(e.Number), int32(e.Number)+1, int32(e.Number)-1)
			}
		}
		for _, n := range nums {
			for _, d := range variants(rng, audit, n, 8) {
				if got, want := prog.Run(d), prog.Decide(d); got != want.Action {
					t.Fatalf("%s nr %d args %#x: program %s, policy %s (%s)\n%s", p.Arch, n, d.Args, got, want.Action, want.Why, prog)
				}
			}
		}
	})
}

func fuzzPolicy(b []byte) (*Policy, bool) {
	if len(b) < 2 {
		return nil, false
	}
	as := systab.Arches()
	arch := as[int(b[0])%len(as)]
	tab := systab.Table(arch)
	acts := []Action{Allow, Errno(1), Errno(2), Log, Trap(1), KillProcess, UserNotif, Trace(2)}
	p := &Policy{Arch: arch, Default: acts[int(b[1])%len(acts)]}
	b = b[2:]
	for len(b) >= 3 && len(p.Rules) < 64 {
		r := Rule{Syscall: tab[int(b[0])%min(len(tab), 24)].Name, Action: acts[int(b[1])%len(acts)]}
		nc := int(b[2]) % 4
		b = b[3:]
		for i := 0; i < nc && len(b) >= 3; i++ {
			c := Cond{Arg: int(b[0]) % 6, Op: Op(1 + int(b[1])%7), Value: pool[int(b[2])%len(pool)], Width: []int{0, 32, 64}[int(b[0]>>4)%3]}
			if c.Op == MaskedEq {
				c.Mask = pool[int(b[1]>>3)%len(pool)]
				c.Value &= c.Mask
			}
			r.Args = append(r.Args, c)
			b = b[3:]
		}
		p.Rules = append(p.Rules, r)
	}
	return p, true
}

// A sample for the report: the sandbox policy of amd64, disassembled.
func ExampleProgram_String() {
	p := &Policy{Arch: "amd64", Default: Errno(1)}
	p.AddAll(Allow, "read", "write", "exit_group")
	p.Add(Allow, "ioctl", Arg(1).Eq(0x5401)) // TCGETS
	fmt.Print(p.MustCompile())
	// Output:
	//  0: ld [4]	; arch
	//  1: jeq #0xc000003e, 3, 2
	//  2: ret #0x80000000	; kill-process
	//  3: ld [0]	; nr
	//  4: jge #0xe7, 15, 5
	//  5: jge #0x10, 9, 6
	//  6: jge #0x2, 8, 7
	//  7: ret #0x7fff0000	; allow
	//  8: ret #0x00050001	; errno 1
	//  9: jeq #0x10, 11, 10
	// 10: ret #0x00050001	; errno 1
	// 11: ld [24]	; args[1].lo
	// 12: jeq #0x5401, 13, 14
	// 13: ret #0x7fff0000	; allow
	// 14: ret #0x00050001	; errno 1
	// 15: jge #0x40000000, 19, 16
	// 16: jge #0xe8, 18, 17
	// 17: ret #0x7fff0000	; allow
	// 18: ret #0x00050001	; errno 1
	// 19: jge #0x80000000, 21, 20
	// 20: ret #0x80000000	; kill-process
	// 21: ret #0x00050001	; errno 1
}
