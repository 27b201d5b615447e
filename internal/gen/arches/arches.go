// Package arches describes the 13 Linux architectures that Go supports, as the generators
// and the test harness need them: the kernel's names, the syscall table and the ABIs it
// selects, the C target triplet, the UAPI include directory and the qemu-user binary.
package arches

import (
	"flag"
	"log"
	"path/filepath"
)

// Arch is one Go architecture on Linux.
type Arch struct {
	GOARCH    string // Go's name: "amd64"
	Kernel    string // the kernel's arch directory: "x86"
	Triplet   string // clang --target and linux-libc-dev's usr/include/<Triplet>
	Qemu      string // qemu-user binary that runs it: "qemu-x86_64"
	Table     string // syscall table, relative to the kernel tree
	ABIs      []string
	Offset    int  // added to the table's numbers (mips: 4000 o32, 5000 n64)
	PtrSize   int  // 4 or 8
	BigEndian bool // byte order
	// ErrorFlag names the register in which the kernel flags an error (mips a3,
	// powerpc CR0.SO); empty where errors are only the [-4095,-1] range.
	ErrorFlag string
	VDSO      string // the vDSO's linker script (its exported symbols), relative to the kernel tree
}

// All lists every arch, in the order the project prints them.
var All = []Arch{
	{GOARCH: "amd64", Kernel: "x86", Triplet: "x86_64-linux-gnu", Qemu: "qemu-x86_64",
		Table: "arch/x86/entry/syscalls/syscall_64.tbl", ABIs: []string{"common", "64"}, PtrSize: 8, VDSO: "arch/x86/entry/vdso/vdso64/vdso64.lds.S"},
	{GOARCH: "386", Kernel: "x86", Triplet: "i386-linux-gnu", Qemu: "qemu-i386",
		Table: "arch/x86/entry/syscalls/syscall_32.tbl", ABIs: []string{"i386"}, PtrSize: 4, VDSO: "arch/x86/entry/vdso/vdso32/vdso32.lds.S"},
	{GOARCH: "arm", Kernel: "arm", Triplet: "arm-linux-gnueabihf", Qemu: "qemu-arm",
		Table: "arch/arm/tools/syscall.tbl", ABIs: []string{"common", "eabi"}, PtrSize: 4, VDSO: "arch/arm/vdso/vdso.lds.S"},
	{GOARCH: "arm64", Kernel: "arm64", Triplet: "aarch64-linux-gnu", Qemu: "qemu-aarch64",
		Table: "scripts/syscall.tbl", ABIs: []string{"common", "64", "renameat", "rlimit", "memfd_secret"}, PtrSize: 8, VDSO: "arch/arm64/kernel/vdso/vdso.lds.S"},
	{GOARCH: "riscv64", Kernel: "riscv", Triplet: "riscv64-linux-gnu", Qemu: "qemu-riscv64",
		Table: "scripts/syscall.tbl", ABIs: []string{"common", "64", "riscv", "rlimit", "memfd_secret"}, PtrSize: 8, VDSO: "arch/riscv/kernel/vdso/vdso.lds.S"},
	{GOARCH: "loong64", Kernel: "loongarch", Triplet: "loongarch64-linux-gnu", Qemu: "qemu-loongarch64",
		Table: "scripts/syscall.tbl", ABIs: []string{"common", "64", "memfd_secret"}, PtrSize: 8, VDSO: "arch/loongarch/vdso/vdso.lds.S"},
	{GOARCH: "ppc64", Kernel: "powerpc", Triplet: "powerpc64-linux-gnu", Qemu: "qemu-ppc64",
		Table: "arch/powerpc/kernel/syscalls/syscall.tbl", ABIs: []string{"common", "nospu", "64"}, PtrSize: 8, BigEndian: true, ErrorFlag: "cr0.so", VDSO: "arch/powerpc/kernel/vdso/vdso64.lds.S"},
	{GOARCH: "ppc64le", Kernel: "powerpc", Triplet: "powerpc64le-linux-gnu", Qemu: "qemu-ppc64le",
		Table: "arch/powerpc/kernel/syscalls/syscall.tbl", ABIs: []string{"common", "nospu", "64"}, PtrSize: 8, ErrorFlag: "cr0.so", VDSO: "arch/powerpc/kernel/vdso/vdso64.lds.S"},
	{GOARCH: "s390x", Kernel: "s390", Triplet: "s390x-linux-gnu", Qemu: "qemu-s390x",
		Table: "arch/s390/kernel/syscalls/syscall.tbl", ABIs: []string{"common", "64"}, PtrSize: 8, BigEndian: true, VDSO: "arch/s390/kernel/vdso/vdso.lds.S"},
	{GOARCH: "mips", Kernel: "mips", Triplet: "mips-linux-gnu", Qemu: "qemu-mips",
		Table: "arch/mips/kernel/syscalls/syscall_o32.tbl", ABIs: []string{"o32"}, Offset: 4000, PtrSize: 4, BigEndian: true, ErrorFlag: "a3", VDSO: "arch/mips/vdso/vdso.lds.S"},
	{GOARCH: "mipsle", Kernel: "mips", Triplet: "mipsel-linux-gnu", Qemu: "qemu-mipsel",
		Table: "arch/mips/kernel/syscalls/syscall_o32.tbl", ABIs: []string{"o32"}, Offset: 4000, PtrSize: 4, ErrorFlag: "a3", VDSO: "arch/mips/vdso/vdso.lds.S"},
	{GOARCH: "mips64", Kernel: "mips", Triplet: "mips64-linux-gnuabi64", Qemu: "qemu-mips64",
		Table: "arch/mips/kernel/syscalls/syscall_n64.tbl", ABIs: []string{"n64", "common"}, Offset: 5000, PtrSize: 8, BigEndian: true, ErrorFlag: "a3", VDSO: "arch/mips/vdso/vdso.lds.S"},
	{GOARCH: "mips64le", Kernel: "mips", Triplet: "mips64el-linux-gnuabi64", Qemu: "qemu-mips64el",
		Table: "arch/mips/kernel/syscalls/syscall_n64.tbl", ABIs: []string{"n64", "common"}, Offset: 5000, PtrSize: 8, ErrorFlag: "a3", VDSO: "arch/mips/vdso/vdso.lds.S"},
}

// Lookup returns the arch with Go name goarch.
func Lookup(goarch string) (Arch, bool) {
	for _, a := range All {
		if a.GOARCH == goarch {
			return a, true
		}
	}
	return Arch{}, false
}

// ClangArgs returns the clang arguments that compile UAPI-only C for this arch against the
// linux-libc-dev headers under include (no libc, no host headers).
func (a Arch) ClangArgs(include string) []string {
	args := []string{"--target=" + a.Triplet, "-nostdinc", "-ffreestanding",
		"-I" + include + "/" + a.Triplet, "-I" + include}
	if a.GOARCH == "mips" || a.GOARCH == "mipsle" {
		args = append(args, "-mabi=32")
	}
	return args
}

// Dirs are the directories a generator reads and writes.
type Dirs struct {
	Kernel  string // the directory internal/gen/kernel.sh prints
	Tree    string // Kernel/linux: the parts of the kernel source tree that kernel.sh extracts
	Include string // Kernel/include: linux-libc-dev's UAPI headers, all 13 arches
	Out     string // the module root
}

// Flags parses the generators' two flags (-kernel DIR, the directory kernel.sh prints;
// -out ROOT, the module root) and returns the directories, exiting when -kernel is missing.
func Flags() Dirs {
	kernel := flag.String("kernel", "", "directory made by internal/gen/kernel.sh")
	out := flag.String("out", ".", "module root")
	flag.Parse()
	if *kernel == "" {
		log.Fatal("-kernel is required (the directory internal/gen/kernel.sh prints)")
	}
	return KernelDirs(*kernel, *out)
}

// KernelDirs returns the Dirs of kernel.sh's directory kernel, writing into out.
func KernelDirs(kernel, out string) Dirs {
	return Dirs{Kernel: kernel, Tree: filepath.Join(kernel, "linux"), Include: filepath.Join(kernel, "include"), Out: out}
}

// Main is the body of a per-arch generator's main: it parses the flags (Flags) and calls
// generate for every arch with the UAPI include directory, stopping at the first error.
func Main(generate func(a Arch, include, out string) error) {
	d := Flags()
	for _, a := range All {
		if err := generate(a, d.Include, d.Out); err != nil {
			log.Fatal(err)
		}
	}
}
