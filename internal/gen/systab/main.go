// Command systab generates the system-call numbers of every arch from the kernel's own
// syscall tables:
//
//   - systab/zsystab.go: the cross-arch table (package systab) with every row of every
//     arch's table (number, name, ABI, entry points, implemented or not) and the C argument
//     lists of include/linux/syscalls.h;
//   - zsysnum_linux*.go: the SYS_* constants of package linux, split by gofile.Split (the
//     numbers all arches share in zsysnum_linux.go, an arch family's in its file, the rest
//     per arch);
//   - internal/abitest/zsysnum_linux*_test.go: the list of those constants by name, which
//     internal/abitest compares with package systab on the arch itself.
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
	"fmt"
	"log"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

func die(format string, args ...any) { log.Fatalf(format, args...) }

func main() {
	log.SetFlags(0)
	log.SetPrefix("systab: ")
	d := arches.Flags()
	ks := newKernelSource(d)
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
		t := archTable{arch: a, sel: sel, rows: rows}
		if a.GOARCH == "arm" {
			priv, protos, err := readArmPrivate(ks)
			if err != nil {
				die("%s: %v", a.GOARCH, err)
			}
			t.rows, t.private = append(t.rows, priv...), protos
		}
		tables = append(tables, t)
	}
	protos, err = readPrototypes(filepath.Join(ks.tree, "include/linux/syscalls.h"))
	if err != nil {
		die("%v", err)
	}

	if err := write(d.Out, tables, protos); err != nil {
		die("%v", err)
	}
	// The per-arch prototypes (archprotos.go), from the tree kernel.sh prepared.
	src, err := genArchPrototypes(ks.tree, tables, protos)
	if err != nil {
		die("%v", err)
	}
	if err := gofile.WriteRaw(filepath.Join(d.Out, "systab", "zprototypes_arch.go"), src); err != nil {
		die("%v", err)
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
