// Command systab generates the system-call numbers of every arch from the kernel's own
// syscall tables:
//
//   - systab/zsystab.go: the cross-arch table (package systab) with every row of every
//     arch's table (number, name, ABI, entry points, implemented or not) and the C argument
//     lists of include/linux/syscalls.h;
//   - zsysnum_linux_<arch>.go: the SYS_* constants of package linux for that arch;
//   - zsysnum_linux_<arch>_test.go: the list of those constants by name, which the root
//     package's test compares with package systab on the arch itself.
//
// Which rows an arch gets is not taken on trust from internal/gen/arches: it is read from the
// kernel's build files (scripts/Makefile.asm-headers and arch/$ARCH/kernel/Makefile.syscalls
// for the generic arches, the arch's own syscall Makefile for the others), for the unistd
// header that clang's target selects through <asm/unistd.h>. A disagreement stops the
// generator.
//
//	go run ./internal/gen/systab -kernel DIR -out .
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
)

var ks *kernelSource

// die removes what the generator unpacked and exits.
func die(format string, args ...any) {
	if ks != nil {
		ks.cleanup()
	}
	log.Fatalf(format, args...)
}

func main() {
	kernel := flag.String("kernel", "", "directory made by internal/gen/kernel.sh")
	out := flag.String("out", ".", "module root")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("systab: ")
	if *kernel == "" {
		die("-kernel is required (the directory internal/gen/kernel.sh prints)")
	}
	ks = newKernelSource(*kernel)
	defer ks.cleanup()
	version, err := ks.version()
	if err != nil {
		die("%v", err)
	}
	setHeader(version)

	var tables []archTable
	var protos []proto
	for _, a := range arches.All {
		sel, err := selection(ks, a)
		if err != nil {
			die("%s: %v", a.GOARCH, err)
		}
		if err := checkAgainstArches(a, sel); err != nil {
			die("%s: %v", a.GOARCH, err)
		}
		rows, err := readTable(ks, sel)
		if err != nil {
			die("%s: %v", a.GOARCH, err)
		}
		tables = append(tables, archTable{arch: a, sel: sel, rows: rows})
	}
	protos, err = readPrototypes(filepath.Join(ks.tree, "include/linux/syscalls.h"))
	if err != nil {
		die("%v", err)
	}

	files := map[string][]byte{}
	src, err := genSystab(tables, protos)
	if err != nil {
		die("%v", err)
	}
	files[filepath.Join("systab", "zsystab.go")] = src
	// The per-arch prototypes (archprotos.go), from the directory kernel.sh prepared.
	if src, err = genArchPrototypes(filepath.Join(*kernel, "linux-source-7.2"), tables, protos); err != nil {
		die("%v", err)
	}
	files[filepath.Join("systab", "zprototypes_arch.go")] = src
	for _, t := range tables {
		if src, err = genSysnum(t); err != nil {
			die("%v", err)
		}
		files["zsysnum_linux_"+t.arch.GOARCH+".go"] = src
		if src, err = genSysnumTest(t); err != nil {
			die("%v", err)
		}
		files["zsysnum_linux_"+t.arch.GOARCH+"_test.go"] = src
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeAtomic(filepath.Join(*out, n), files[n]); err != nil {
			die("%v", err)
		}
	}
	for _, t := range tables {
		impl := 0
		for _, r := range t.rows {
			if r.implemented() {
				impl++
			}
		}
		log.Printf("%-9s %-42s %-14s abis %-32s rows %d implemented %d", t.arch.GOARCH, t.sel.table, t.sel.header, strings.Join(t.sel.abiList(), ","), len(t.rows), impl)
	}
}

// writeAtomic writes data to a temporary file beside path and renames it into place, and
// leaves an identical file untouched.
func writeAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".systab-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// checkAgainstArches fails when the kernel's own selection differs from internal/gen/arches.
func checkAgainstArches(a arches.Arch, sel tableSelection) error {
	var problems []string
	if sel.table != a.Table {
		problems = append(problems, fmt.Sprintf("table: kernel build reads %s, arches.Table says %s", sel.table, a.Table))
	}
	if sel.offset != a.Offset {
		problems = append(problems, fmt.Sprintf("number offset: kernel %d, arches.Offset %d", sel.offset, a.Offset))
	}
	want := map[string]bool{}
	for _, x := range a.ABIs {
		want[x] = true
	}
	got := sel.abis
	var missing, extra []string
	for x := range got {
		if !want[x] {
			missing = append(missing, x)
		}
	}
	for x := range want {
		if !got[x] {
			extra = append(extra, x)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)

	if len(missing) > 0 || len(extra) > 0 {
		problems = append(problems, fmt.Sprintf("ABIs: the kernel selects %s for %s (%s); arches.ABIs is %s (missing %v, extra %v)",
			strings.Join(sel.abiList(), ","), sel.header, sel.why, strings.Join(a.ABIs, ","), missing, extra))
	}
	if len(problems) > 0 {
		return fmt.Errorf("internal/gen/arches disagrees with the kernel:\n\t%s", strings.Join(problems, "\n\t"))
	}
	return nil
}
