package systab_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
	"github.com/rawlinux/linux/systab"
)

// kernelDir returns RAWLINUX_KERNEL (internal/gen/kernel.sh's directory) or skips: these
// tests read the kernel material and run clang, so they run on the amd64 host only.
func kernelDir(t *testing.T, needClang bool) string {
	t.Helper()
	k := os.Getenv("RAWLINUX_KERNEL")
	if k == "" {
		if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" && runtime.GOARCH == "amd64" {
			t.Fatal("RAWLINUX_KERNEL is unset and RAWLINUX_REQUIRE_KERNEL=1")
		}
		t.Skip("RAWLINUX_KERNEL is unset (the directory internal/gen/kernel.sh prints)")
	}
	if runtime.GOARCH != "amd64" {
		t.Skipf("host-only test: GOARCH %s runs under qemu", runtime.GOARCH)
	}
	if needClang {
		if _, err := exec.LookPath(cc.Compiler()); err != nil {
			if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" {
				t.Fatalf("%s not found", cc.Compiler())
			}
			t.Skipf("%s not found", cc.Compiler())
		}
	}
	return k
}

// TestRowsFromKernelTables recomputes every arch's rows from the kernel's table with a
// parser of its own and the ABI selection of the kernel's build files: the generic arches'
// arch/$ARCH/kernel/Makefile.syscalls on top of common,64 (scripts/Makefile.asm-headers),
// and for the others what their syscall Makefile passes to syscallhdr.sh for the header
// userspace includes (written out here from those Makefiles).
func TestRowsFromKernelTables(t *testing.T) {
	k := kernelDir(t, false)
	tree := arches.KernelDirs(k, "").Tree
	type sel struct {
		table string
		abis  []string // nil: every row (mips: cmd_syshdr has no --abis)
		off   int
	}
	fixed := map[systab.Arch]sel{
		"amd64":    {"arch/x86/entry/syscalls/syscall_64.tbl", []string{"common", "64"}, 0}, // $(uapi)/unistd_64.h: abis := common,64
		"386":      {"arch/x86/entry/syscalls/syscall_32.tbl", []string{"i386"}, 0},         // $(uapi)/unistd_32.h: abis := i386
		"arm":      {"arch/arm/tools/syscall.tbl", []string{"common", "eabi"}, 0},           // unistd-eabi.h: --abis common,$*
		"ppc64":    {"arch/powerpc/kernel/syscalls/syscall.tbl", []string{"common", "nospu", "64"}, 0},
		"ppc64le":  {"arch/powerpc/kernel/syscalls/syscall.tbl", []string{"common", "nospu", "64"}, 0},
		"s390x":    {"arch/s390/kernel/syscalls/syscall.tbl", []string{"common", "64"}, 0}, // unistd_64.h: --abis common,$*
		"mips":     {"arch/mips/kernel/syscalls/syscall_o32.tbl", nil, 4000},
		"mipsle":   {"arch/mips/kernel/syscalls/syscall_o32.tbl", nil, 4000},
		"mips64":   {"arch/mips/kernel/syscalls/syscall_n64.tbl", nil, 5000},
		"mips64le": {"arch/mips/kernel/syscalls/syscall_n64.tbl", nil, 5000},
	}
	kernelArch := map[systab.Arch]string{"arm64": "arm64", "riscv64": "riscv", "loong64": "loongarch"}
	abisRe := regexp.MustCompile(`(?m)^syscall_abis_64\s*\+=\s*(.*)$`)
	for _, a := range systab.Arches() {
		s, ok := fixed[a]
		if !ok {
			mk, err := os.ReadFile(filepath.Join(tree, "arch", kernelArch[a], "kernel/Makefile.syscalls"))
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			s = sel{table: "scripts/syscall.tbl", abis: []string{"common", "64"}}
			for _, m := range abisRe.FindAllStringSubmatch(string(mk), -1) {
				s.abis = append(s.abis, strings.Fields(m[1])...)
			}
		}
		data, err := os.ReadFile(filepath.Join(tree, s.table))
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		type want struct{ name, entry string }
		rows := map[int]want{}
		impl := 0
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) < 3 || strings.HasPrefix(f[0], "#") {
				continue
			}
			if s.abis != nil && !contains(s.abis, f[1]) {
				continue
			}
			n, err := strconv.Atoi(f[0])
			if err != nil {
				t.Fatalf("%s: %q: %v", a, line, err)
			}
			w := want{name: f[2]}
			if len(f) > 3 {
				w.entry = f[3]
			}
			if w.entry != "" && w.entry != "sys_ni_syscall" {
				impl++
			}
			rows[n+s.off] = w
		}
		var tab []systab.Entry
		for _, e := range systab.Table(a) {
			if e.ABI != "private" { // arm's private calls are not in the table (TestNumbersFromUnistdHeaders)
				tab = append(tab, e)
			}
		}
		gotImpl := 0
		for _, e := range tab {
			if e.Implemented {
				gotImpl++
			}
			w, ok := rows[e.Number]
			if !ok || w.name != e.Name || w.entry != e.EntryPoint {
				t.Errorf("%s: row %d %s %s; the kernel table has %+v (%v)", a, e.Number, e.Name, e.EntryPoint, w, ok)
			}
		}
		if len(tab) != len(rows) || gotImpl != impl {
			t.Errorf("%s: %d rows, %d implemented; the kernel table gives %d, %d", a, len(tab), gotImpl, len(rows), impl)
		}
		t.Logf("%-9s %d rows, %d implemented", a, len(rows), impl)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// notSyscalls are __NR_ macros of asm/unistd.h that name no system call.
var notSyscalls = regexp.MustCompile(`^__NR_(syscalls|Linux|Linux_syscalls|SYSCALL_BASE|OABI_SYSCALL_BASE|SYSCALL_MASK|(O32|N32|64)_Linux(_syscalls)?|arch_specific_syscall)$`)

// TestNumbersFromUnistdHeaders checks EVERY row of EVERY arch against the number clang
// reads from the same kernel's <asm/unistd.h> for that arch's target (and -mabi on mips),
// and that every __NR_ macro of the header is a row of the table. (That package linux's
// SYS_* constants equal the table is internal/abitest's TestSysnumAllArches.)
func TestNumbersFromUnistdHeaders(t *testing.T) {
	k := kernelDir(t, true)
	include := arches.KernelDirs(k, "").Include
	for _, a := range arches.All {
		arch := systab.Arch(a.GOARCH)
		t.Run(a.GOARCH, func(t *testing.T) {
			t.Parallel()
			macros, err := cc.Macros(a, include, []string{"asm/unistd.h"})
			if err != nil {
				t.Fatal(err)
			}
			var exprs []cc.Expr
			for name := range macros {
				if strings.HasPrefix(name, "__NR_") || strings.HasPrefix(name, "__ARM_NR_") {
					exprs = append(exprs, cc.Expr{Name: name, C: name})
				}
			}
			sort.Slice(exprs, func(i, j int) bool { return exprs[i].Name < exprs[j].Name })
			// The mips ABI comes from the target and -mabi: o32 for mips/mipsle, n64 for mips64/le.
			abiCheck := map[string]string{
				"mips": "_MIPS_SIM == _MIPS_SIM_ABI32", "mipsle": "_MIPS_SIM == _MIPS_SIM_ABI32",
				"mips64": "_MIPS_SIM == _MIPS_SIM_ABI64", "mips64le": "_MIPS_SIM == _MIPS_SIM_ABI64",
				"arm": "defined(__ARM_EABI__)", "amd64": "defined(__x86_64__) && !defined(__ILP32__)",
				"386": "defined(__i386__)",
			}
			prelude := ""
			if c, ok := abiCheck[a.GOARCH]; ok {
				prelude = "#if " + c + "\n#define RL_ABI_OK 1\n#else\n#define RL_ABI_OK 0\n#endif\n"
				exprs = append(exprs, cc.Expr{Name: "rl_abi_ok", C: "RL_ABI_OK"})
			}
			vals, err := cc.Eval(a, include, []string{"asm/unistd.h"}, prelude, exprs)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := vals["rl_abi_ok"]; ok && v != 1 {
				t.Fatalf("clang's target for %s does not select the ABI: %s is false", a.GOARCH, abiCheck[a.GOARCH])
			}
			if strings.HasPrefix(a.GOARCH, "mips") {
				if got := int(vals["__NR_Linux"]); got != a.Offset {
					t.Errorf("__NR_Linux = %d, arches offset %d", got, a.Offset)
				}
			}
			// Every row has its __NR_ macro with the same number (arm's private rows their
			// __ARM_NR_ macro).
			for _, e := range systab.Table(arch) {
				macro := "__NR_" + e.Name
				if e.ABI == "private" {
					macro = "__ARM_NR_" + e.Name
				}
				v, ok := vals[macro]
				if !ok {
					t.Errorf("%s (%d) has no %s in asm/unistd.h", e.Name, e.Number, macro)
					continue
				}
				if int(int64(v)) != e.Number {
					t.Errorf("%s: table %d, __NR_%s = %d", e.Name, e.Number, e.Name, int64(v))
				}
			}
			// Every __NR_ macro is a row (aliases must point at one).
			rows, aliases, other := 0, 0, 0
			for _, ex := range exprs {
				if ex.Name == "rl_abi_ok" {
					continue
				}
				if notSyscalls.MatchString(ex.Name) || ex.Name == "__ARM_NR_BASE" {
					other++
					continue
				}
				if name, ok := strings.CutPrefix(ex.Name, "__ARM_NR_"); ok {
					if e, ok := systab.Lookup(arch, name); !ok || e.ABI != "private" {
						t.Errorf("%s = %#x is not a private row (%+v, %v)", ex.Name, int64(vals[ex.Name]), e, ok)
					}
					rows++
					continue
				}
				name := strings.TrimPrefix(ex.Name, "__NR_")
				if _, ok := systab.Lookup(arch, name); ok {
					rows++
					continue
				}
				def := strings.TrimSpace(macros[ex.Name])
				if strings.HasPrefix(def, "__NR_") {
					if e, ok := systab.ByNumber(arch, int(int64(vals[ex.Name]))); ok && "__NR_"+e.Name == def {
						aliases++
						t.Logf("alias %s = %s", ex.Name, def)
						continue
					}
				}
				t.Errorf("%s = %d (%s) is missing from the table", ex.Name, int64(vals[ex.Name]), def)
			}
			if rows != len(systab.Table(arch)) {
				t.Errorf("%d __NR_ macros name rows, the table has %d", rows, len(systab.Table(arch)))
			}
			t.Logf("%d rows checked against asm/unistd.h (%d aliases, %d non-syscall __NR_ macros)", rows, aliases, other)

		})
	}
}
