// Command callcount counts, per GOARCH, the rows of the kernel's syscall table that
// golang.org/x/sys/unix (the version bench/go.mod requires) makes a call of, next to
// rawlinux's typed and raw-only rows (package systab's coverage): the README's coverage
// comparison.
//
// A row counts for x/sys when a function of its linux/GOARCH build (the files a build
// for that arch includes, its zsysnum tables left out) names the row's SYS_* number:
// every x/sys wrapper makes its call through Syscall/RawSyscall with that number.
//
//	cd bench && go run ./cmd/callcount
package main

import (
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/systab"
)

var sysRef = regexp.MustCompile(`\bSYS_([A-Z0-9_]+)\b`)

// xsysCalls returns the SYS_* names (lower case, as the table's rows) that x/sys/unix's
// linux/arch build uses outside its number tables.
func xsysCalls(dir, arch string) (map[string]bool, error) {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = "linux", arch, false
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for _, e := range ents {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, "zsysnum_") {
			continue
		}
		if ok, err := ctxt.MatchFile(dir, n); err != nil || !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		for _, m := range sysRef.FindAllStringSubmatch(string(b), -1) {
			used[strings.ToLower(m[1])] = true
		}
	}
	return used, nil
}

func main() {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "golang.org/x/sys/unix").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "callcount: go list golang.org/x/sys/unix:", err)
		os.Exit(1)
	}
	dir := strings.TrimSpace(string(out))
	fmt.Println("| arch | implemented rows | rawlinux typed | rawlinux raw-only (with the reason) | x/sys/unix makes |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, a := range systab.Arches() {
		used, err := xsysCalls(dir, string(a))
		if err != nil {
			fmt.Fprintln(os.Stderr, "callcount:", err)
			os.Exit(1)
		}
		impl, xs := 0, 0
		for _, e := range systab.Table(a) {
			if !e.Implemented {
				continue
			}
			impl++
			if used[e.Name] {
				xs++
			}
		}
		typed, rawOnly := 0, 0
		for _, w := range systab.Wrappers(a) {
			switch w.Status {
			case systab.Typed:
				typed++
			case systab.RawOnly:
				rawOnly++
			}
		}
		fmt.Printf("| %s | %d | %d | %d | %d |\n", a, impl, typed, rawOnly, xs)
	}
}
