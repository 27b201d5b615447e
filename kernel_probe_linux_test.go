package linux

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

// configOption names the kernel configuration option without which a call answers ENOSYS
// (the calls this kernel's configuration may leave out).
var configOption = map[string]string{
	"map_shadow_stack": "CONFIG_X86_USER_SHADOW_STACK", "memfd_secret": "CONFIG_SECRETMEM",
	"io_uring_setup": "CONFIG_IO_URING", "io_uring_enter": "CONFIG_IO_URING", "io_uring_register": "CONFIG_IO_URING",
	"landlock_create_ruleset": "CONFIG_SECURITY_LANDLOCK", "landlock_add_rule": "CONFIG_SECURITY_LANDLOCK",
	"landlock_restrict_self": "CONFIG_SECURITY_LANDLOCK", "lsm_get_self_attr": "CONFIG_SECURITY",
	"lsm_set_self_attr": "CONFIG_SECURITY", "lsm_list_modules": "CONFIG_SECURITY", "bpf": "CONFIG_BPF_SYSCALL",
	"userfaultfd": "CONFIG_USERFAULTFD", "kcmp": "CONFIG_KCMP", "quotactl_fd": "CONFIG_QUOTACTL",
	"process_vm_readv": "CONFIG_CROSS_MEMORY_ATTACH", "process_vm_writev": "CONFIG_CROSS_MEMORY_ATTACH",
	"pkey_alloc": "CONFIG_ARCH_HAS_PKEYS", "pkey_free": "CONFIG_ARCH_HAS_PKEYS", "pkey_mprotect": "CONFIG_ARCH_HAS_PKEYS",
	"rseq": "CONFIG_RSEQ", "membarrier": "CONFIG_MEMBARRIER", "set_mempolicy_home_node": "CONFIG_NUMA",
	"cachestat": "CONFIG_CACHESTAT_SYSCALL", "seccomp": "CONFIG_SECCOMP", "futex_waitv": "CONFIG_FUTEX",
	"futex_wake": "CONFIG_FUTEX", "futex_wait": "CONFIG_FUTEX", "futex_requeue": "CONFIG_FUTEX",
	"process_madvise": "CONFIG_ADVISE_SYSCALLS", "mseal": "CONFIG_64BIT", "io_pgetevents": "CONFIG_AIO",
}

// kernelConfig reads /proc/config.gz: option -> value ("y", "m", "" for "is not set"); nil
// when the kernel does not provide it.
func kernelConfig() map[string]string {
	f, err := os.Open("/proc/config.gz")
	if err != nil {
		return nil
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil
	}
	m := map[string]string{}
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		l := sc.Text()
		if k, v, ok := strings.Cut(l, "="); ok && strings.HasPrefix(k, "CONFIG_") {
			m[k] = v
		} else if strings.HasPrefix(l, "# CONFIG_") && strings.HasSuffix(l, " is not set") {
			m[strings.Fields(l)[1]] = ""
		}
	}
	return m
}

func sinceVersion(k KernelRelease) systab.Version {
	return systab.Version{Major: k.Major, Minor: k.Minor}
}

// TestSupports probes every call of this arch's table that has a probe and checks each
// answer against the since-tables: a call the tables date after the running kernel must
// be missing, one they date before it present, and every "not supported" is explained
// (newer than this kernel, a configuration option this kernel lacks, or qemu-user).
func TestSupports(t *testing.T) {
	k, err := RunningKernel()
	if err != nil {
		t.Fatal(err)
	}
	kv := sinceVersion(k)
	qemu := qemuUser()
	cfg := kernelConfig()
	arch := systab.Arch(runtime.GOARCH)
	counts := map[SupportState]int{}
	var lines []string
	for _, e := range systab.Table(arch) {
		s := Supports(uintptr(e.Number))
		if s != Supports(uintptr(e.Number)) {
			t.Errorf("%s: a second question gave another answer", e.Name)
		}
		counts[s.State]++
		if s.State == SupportUnknown {
			continue
		}
		since, ok := systab.SyscallSince(arch, e.Name)
		if !ok {
			t.Errorf("%s: no since entry", e.Name)
			continue
		}
		has, known := since.On(kv)
		why := ""
		switch {
		case s.State == Supported && !e.Implemented:
			t.Errorf("%s: the table says sys_ni_syscall, the probe %s: %v", e.Name, s.Probe, s.Errno)
		case s.State == Supported && known && !has:
			t.Errorf("%s: supported by %s, but the since-table dates it %s (%s)", e.Name, k, since, since.Sources)
		case s.State == Supported && !known:
			why = fmt.Sprintf("supported: the since-table's %s narrows to %s..%s on this kernel", since, since.Min, kv)
		case s.State == NotSupported && !e.Implemented:
			why = "not implemented on this arch (sys_ni_syscall)"
		case s.State == NotSupported && qemu && !(known && !has):
			why = "ENOSYS under qemu-user: qemu does not emulate it (or the host kernel lacks it)"
		case s.State == NotSupported && known && !has:
			why = fmt.Sprintf("newer than the running kernel %s: Linux %s", k, since)
		case s.State == NotSupported && !known:
			why = fmt.Sprintf("newer than the running kernel %s: the since-table's %s narrows to after %s", k, since, kv)
		case s.State == NotSupported && configOption[e.Name] != "" && cfg != nil && cfg[configOption[e.Name]] == "":
			why = fmt.Sprintf("this kernel is configured without it: %s is not set (/proc/config.gz)", configOption[e.Name])
		case s.State == NotSupported && qemu:
			why = "qemu-user does not emulate it (ENOSYS from qemu)"
		case s.State == NotSupported:
			t.Errorf("%s: not supported (%s: %v) on %s, which the since-table says has it (%s), and no configuration option explains it", e.Name, s.Probe, s.Errno, k, since)
		}
		if s.State == NotSupported || why != "" {
			lines = append(lines, fmt.Sprintf("%-26s %-13s %s", e.Name, s.State, why))
		}
	}
	sort.Strings(lines)
	t.Logf("kernel %s on %s%s: %d supported, %d not supported, %d not probed", k, arch, map[bool]string{true: " (qemu-user)"}[qemu],
		counts[Supported], counts[NotSupported], counts[SupportUnknown])
	for _, l := range lines {
		t.Log(l)
	}
	if counts[Supported] < 50 && !qemu {
		t.Errorf("only %d calls supported", counts[Supported])
	}
}

// TestSupportsUnknown: calls without a probe say why.
func TestSupportsUnknown(t *testing.T) {
	s := Supports(SYS_GETPID)
	if s.State != SupportUnknown || s.Reason == "" {
		t.Errorf("getpid: %+v", s)
	}
	if s := Supports(^uintptr(0) >> 1); s.State != SupportUnknown {
		t.Errorf("an unknown number: %+v", s)
	}
}

// TestSupportsFlags checks the flag probes against the since-tables: every flag they date
// at or before the running kernel is supported, every later one not.
func TestSupportsFlags(t *testing.T) {
	k, _ := RunningKernel()
	kv := sinceVersion(k)
	if Supports(SYS_OPENAT2).State != Supported {
		t.Skipf("no openat2 here (%v)", Supports(SYS_OPENAT2))
	}
	check := func(name string, s Support) {
		t.Helper()
		since, ok := systab.ConstSince(name)
		if !ok {
			t.Errorf("%s: no since entry", name)
			return
		}
		has, known := since.On(kv)
		switch {
		case !known:
			t.Logf("%-24s %-13s (%s: %s; the since-table's %s is narrowed by this kernel)", name, s.State, s.Probe, s.Errno.Name(), since)
		case has != s.OK():
			t.Errorf("%s: %s (%s: %v) on %s, the since-table says %s (%s)", name, s.State, s.Probe, s.Errno, k, since, since.Sources)
		default:
			t.Logf("%-24s %-13s (%s: %s; Linux %s)", name, s.State, s.Probe, s.Errno.Name(), since)
		}
	}
	for _, c := range []struct {
		name string
		f    ResolveFlags
	}{{"RESOLVE_NO_XDEV", RESOLVE_NO_XDEV}, {"RESOLVE_NO_MAGICLINKS", RESOLVE_NO_MAGICLINKS}, {"RESOLVE_NO_SYMLINKS", RESOLVE_NO_SYMLINKS},
		{"RESOLVE_BENEATH", RESOLVE_BENEATH}, {"RESOLVE_IN_ROOT", RESOLVE_IN_ROOT}, {"RESOLVE_CACHED", RESOLVE_CACHED}} {
		check(c.name, SupportsResolve(c.f))
	}
	if s := SupportsResolve(1 << 62); s.State != NotSupported {
		t.Errorf("RESOLVE bit 62: %+v", s)
	}
	if s := SupportsOpenFlags(O_RDONLY | O_CLOEXEC | O_PATH); !s.OK() {
		t.Errorf("O_PATH|O_CLOEXEC: %+v", s)
	}
	if s := SupportsOpenFlags(OpenFlags(1 << 30)); s.State != NotSupported {
		if qemuUser() {
			t.Logf("O_ bit 30: %s under qemu-user, which translates the O_* flags to the host's and drops those it does not know", s.State)
		} else {
			t.Errorf("O_ bit 30: %+v", s)
		}
	}
	if Supports(SYS_RENAMEAT2).OK() {
		for _, c := range []struct {
			name string
			f    RenameFlags
		}{{"RENAME_NOREPLACE", RENAME_NOREPLACE}, {"RENAME_EXCHANGE", RENAME_EXCHANGE}, {"RENAME_WHITEOUT", RENAME_WHITEOUT}} {
			check(c.name, SupportsRename(c.f))
		}
		if s := SupportsRename(RENAME_EXCHANGE | RENAME_NOREPLACE); s.State != NotSupported {
			t.Errorf("RENAME_EXCHANGE|RENAME_NOREPLACE, a combination renameat2 refuses: %+v", s)
		}
		if s := SupportsRename(1 << 20); s.State != NotSupported {
			t.Errorf("RENAME bit 20: %+v", s)
		}
	}
	got, err := SupportsStatx(STATX_BASIC_STATS | STATX_MNT_ID | 1<<30)
	switch {
	case err != nil:
		skipUnsupported(t, "statx", err)
		t.Errorf("statx: %v", err)
	case got&STATX_BASIC_STATS != STATX_BASIC_STATS:
		t.Errorf("statx of /: basic stats missing: %#x", got)
	case got&(1<<30) != 0:
		t.Errorf("statx of /: an unknown bit came back: %#x", got)
	case k.AtLeast(5, 8) && got&STATX_MNT_ID == 0 && !qemuUser():
		t.Errorf("statx of / on %s: no STATX_MNT_ID (5.8)", k)
	}
	t.Logf("statx of / fills %#x of %#x", got, STATX_BASIC_STATS|STATX_MNT_ID|1<<30)
	s := SupportsClone3(CLONE_INTO_CGROUP)
	if !qemuUser() || s.Errno != ENOSYS {
		check("CLONE_INTO_CGROUP", s)
	}
	if s := SupportsClone3(CLONE_NEWTIME); s.State != SupportUnknown && s.State != NotSupported {
		t.Errorf("CLONE_NEWTIME: %+v (clone3 cannot tell)", s)
	}
}

// TestNoSinceTables: package linux never imports systab, so a program that uses package
// linux only links no since-table (the probes are reached only through Supports).
func TestNoSinceTables(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			if strings.Contains(im.Path.Value, "rawlinux/linux/systab") {
				t.Errorf("%s imports systab", f)
			}
		}
	}
}
