// Command testsum reads `go test -json` streams and prints what the test command reports:
// one line per arch (passed, failed, skipped, with every skip's reason when -v) and, last,
// one closing line with the totals.
//
//	testsum [-v] [-o summary.txt] ARCH=FILE.json ...
//
// It exits 1 if any test or package failed, or if a stream is missing or holds no test.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type result struct {
	passed, failed, skipped int
	failures                []string
	skips                   []string // "pkg.Test: reason"
	pkgFailures             []string
}

func main() {
	verbose := flag.Bool("v", false, "list every skip with its reason")
	flag.Parse()
	var total result
	bad := false
	for _, arg := range flag.Args() {
		arch, file, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "testsum: %q is not ARCH=FILE\n", arg)
			os.Exit(2)
		}
		r, err := read(file)
		if err != nil {
			fmt.Printf("%-9s error: %v\n", arch+":", err)
			bad = true
			continue
		}
		line := fmt.Sprintf("%-9s %d passed, %d failed, %d skipped", arch+":", r.passed, r.failed, r.skipped)
		if len(r.pkgFailures) > 0 {
			line += fmt.Sprintf(" (packages failed: %s)", strings.Join(r.pkgFailures, ", "))
		}
		fmt.Println(line)
		for _, f := range r.failures {
			fmt.Printf("          FAIL %s\n", f)
		}
		if *verbose {
			for _, s := range r.skips {
				fmt.Printf("          skip %s\n", s)
			}
		}
		if r.failed > 0 || len(r.pkgFailures) > 0 || r.passed == 0 {
			bad = true
		}
		total.passed += r.passed
		total.failed += r.failed + len(r.pkgFailures)
		total.skipped += r.skipped
	}
	fmt.Printf("total: %d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped)
	if bad {
		os.Exit(1)
	}
}

func read(file string) (*result, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse(f)
}

func parse(rd io.Reader) (*result, error) {
	r := &result{}
	output := map[string][]string{} // pkg + " " + test -> output lines
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue // build output interleaved by go test
		}
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
		case "pass":
			if e.Test != "" {
				r.passed++
			}
		case "fail":
			if e.Test != "" {
				r.failed++
				r.failures = append(r.failures, short(e.Package)+"."+e.Test+failText(output[key]))
			} else if !packageHadTestFailure(r, e.Package) {
				r.pkgFailures = append(r.pkgFailures, short(e.Package)+failText(output[key]))
			}
		case "skip":
			if e.Test != "" {
				r.skipped++
				r.skips = append(r.skips, short(e.Package)+"."+e.Test+": "+skipReason(output[key]))
			}
		}
	}
	sort.Strings(r.skips)
	return r, sc.Err()
}

func packageHadTestFailure(r *result, pkg string) bool {
	for _, f := range r.failures {
		if strings.HasPrefix(f, short(pkg)+".") {
			return true
		}
	}
	return false
}

func short(pkg string) string {
	return strings.TrimPrefix(strings.TrimPrefix(pkg, "github.com/rawlinux/linux"), "/")
}

// skipReason is what the test logged, without go test's own === / --- lines.
func skipReason(lines []string) string {
	var parts []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		parts = append(parts, t)
	}
	if len(parts) == 0 {
		return "(no reason given)"
	}
	s := strings.Join(parts, " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func failText(lines []string) string {
	var parts []string
	for _, l := range lines {
		t := strings.TrimRight(l, "\n")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(strings.TrimSpace(t), "=== ") {
			continue
		}
		parts = append(parts, "            "+t)
	}
	if len(parts) > 40 {
		parts = append(parts[:40], "            ...")
	}
	if len(parts) == 0 {
		return ""
	}
	return "\n" + strings.Join(parts, "\n")
}
