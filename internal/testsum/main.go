// Command testsum reads `go test -json` streams and prints what the test command reports:
// one line per arch (passed, failed, skipped, with every skip's reason when -v) and, last,
// one closing line with the totals.
//
//	testsum [-v] [-skips FILE] ARCH=FILE.json[:EXIT] ...
//
// EXIT is go test's exit status for that stream. An arch fails when:
//   - a test or a package failed, or go test exited non-zero;
//   - the stream is missing, or a package's stream ends without its result (a cut stream, a
//     killed run), or a test started without a result;
//   - a package ran no test (every test excluded, "[no test files]" included, unless the
//     skip list names the package);
//   - a skip is not in the skip list for that arch, or a listed skip did not happen, or its
//     reason does not match the listed one.
//
// The skip list (-skips, default internal/testsum/expected-skips.txt; "" for none: then no
// skip is expected) holds one expected skip a line: ARCHES PACKAGE.TEST REASON-REGEXP (see
// that file). testsum exits 1 if any arch failed, 2 on bad arguments.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
}

type result struct {
	passed, failed, skipped int
	failures                []string
	skips                   []skip
	pkgFailures             []string
	packages                []string          // in order of first appearance
	pkgResult               map[string]string // package -> pass, fail or skip
	pkgPassed               map[string]int    // package -> tests passed
	pkgOutput               map[string][]string
	unfinished              []string // tests that started without a result
}

// skip is one skipped test ("" Test for a package without test files) and its reason.
type skip struct {
	pkg, test, reason string
}

func (s skip) key() string {
	if s.test == "" {
		return short(s.pkg)
	}
	return short(s.pkg) + "." + s.test
}

func main() {
	verbose := flag.Bool("v", false, "list every skip with its reason")
	skipsFile := flag.String("skips", "internal/testsum/expected-skips.txt", "the list of expected skips (\"\" for none)")
	flag.Parse()
	var exps []expectation
	if *skipsFile != "" {
		f, err := os.Open(*skipsFile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "testsum: %v\n", err)
			os.Exit(2)
		}
		exps, err = loadExpectations(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "testsum: %s: %v\n", *skipsFile, err)
			os.Exit(2)
		}
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: testsum [-v] [-skips FILE] ARCH=FILE.json[:EXIT] ...")
		os.Exit(2)
	}
	var total result
	bad := false
	for _, arg := range flag.Args() {
		arch, file, exit, err := parseArg(arg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "testsum: %v\n", err)
			os.Exit(2)
		}
		r, err := read(file)
		if err != nil {
			fmt.Printf("%-9s error: %v\n", arch+":", err)
			bad = true
			continue
		}
		lines, archBad := check(arch, r, exit, exps, *verbose)
		for _, l := range lines {
			fmt.Println(l)
		}
		bad = bad || archBad
		total.passed += r.passed
		total.failed += r.failed + len(r.pkgFailures)
		total.skipped += r.skipped
	}
	fmt.Printf("total: %d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped)
	if bad {
		os.Exit(1)
	}
}

// parseArg splits ARCH=FILE[:EXIT]; exit is -1 when not given.
func parseArg(arg string) (arch, file string, exit int, err error) {
	arch, file, ok := strings.Cut(arg, "=")
	if !ok || arch == "" || file == "" {
		return "", "", 0, fmt.Errorf("%q is not ARCH=FILE.json[:EXIT]", arg)
	}
	exit = -1
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if n, err := strconv.Atoi(file[i+1:]); err == nil && n >= 0 {
			file, exit = file[:i], n
		}
	}
	return arch, file, exit, nil
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
	r := &result{pkgResult: map[string]string{}, pkgPassed: map[string]int{}, pkgOutput: map[string][]string{}}
	output := map[string][]string{} // pkg + " " + test -> output lines
	running := map[string]bool{}    // pkg + " " + test of tests without a result yet
	var order []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue // build output interleaved by go test
		}
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			continue // a line cut in the middle
		}
		if e.Package == "" && e.ImportPath != "" {
			// Build output: "pkg [pkg.test]" names the package being built for its tests.
			pkg, _, _ := strings.Cut(e.ImportPath, " ")
			if e.Action == "build-output" {
				r.pkgOutput[pkg] = append(r.pkgOutput[pkg], e.Output)
			}
			continue
		}
		if e.Package == "" {
			continue
		}
		if !seen[e.Package] {
			seen[e.Package] = true
			order = append(order, e.Package)
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
			if e.Test == "" {
				r.pkgOutput[e.Package] = append(r.pkgOutput[e.Package], e.Output)
			}
		case "run":
			running[key] = true
		case "pass":
			if e.Test != "" {
				delete(running, key)
				r.passed++
				r.pkgPassed[e.Package]++
			} else {
				r.pkgResult[e.Package] = "pass"
			}
		case "fail":
			if e.Test != "" {
				delete(running, key)
				r.failed++
				r.failures = append(r.failures, short(e.Package)+"."+e.Test+failText(output[key]))
			} else {
				r.pkgResult[e.Package] = "fail"
				if !packageHadTestFailure(r, e.Package) {
					r.pkgFailures = append(r.pkgFailures, short(e.Package)+failText(r.pkgOutput[e.Package]))
				}
			}
		case "skip":
			if e.Test != "" {
				delete(running, key)
				r.skipped++
				r.skips = append(r.skips, skip{e.Package, e.Test, skipReason(output[key])})
			} else {
				r.pkgResult[e.Package] = "skip"
				r.skips = append(r.skips, skip{e.Package, "", skipReason(output[key])})
			}
		}
	}
	r.packages = order
	for k := range running {
		pkg, test, _ := strings.Cut(k, " ")
		r.unfinished = append(r.unfinished, short(pkg)+"."+test)
	}
	sort.Strings(r.unfinished)
	sort.Slice(r.skips, func(i, j int) bool { return r.skips[i].key() < r.skips[j].key() })
	return r, sc.Err()
}

// check judges one arch's result and returns its report lines.
func check(arch string, r *result, exit int, exps []expectation, verbose bool) (lines []string, bad bool) {
	var problems []string
	for _, pkg := range r.packages {
		res, ok := r.pkgResult[pkg]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("package %s: the stream ends without its result (cut off, or go test was killed)", short(pkg)))
		case res == "pass" && r.pkgPassed[pkg] == 0:
			problems = append(problems, fmt.Sprintf("package %s ran no test", short(pkg)))
		}
	}
	for _, u := range r.unfinished {
		problems = append(problems, "test "+u+" started and has no result")
	}
	if exit > 0 {
		problems = append(problems, fmt.Sprintf("go test exited with status %d", exit))
	}
	if len(r.packages) == 0 {
		problems = append(problems, "the stream holds no package")
	}
	// Skips against the list.
	var mine []*expectation
	for i := range exps {
		if exps[i].appliesTo(arch) {
			mine = append(mine, &exps[i])
		}
	}
	used := make([]bool, len(mine))
	expected := 0
	for _, s := range r.skips {
		matched, keyMatched := false, false
		for i, e := range mine {
			if !e.matchesKey(s.key()) {
				continue
			}
			keyMatched = true
			if e.reason.MatchString(s.reason) {
				used[i], matched = true, true
				break
			}
		}
		switch {
		case matched:
			if s.test != "" {
				expected++
			}
		case keyMatched:
			problems = append(problems, fmt.Sprintf("skip %s: reason %q does not match the skip list's", s.key(), s.reason))
		case s.test == "":
			problems = append(problems, fmt.Sprintf("package %s has no test files (%s) and the skip list does not allow it", s.key(), s.reason))
		default:
			problems = append(problems, fmt.Sprintf("unexpected skip %s: %s", s.key(), s.reason))
		}
	}
	for i, e := range mine {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("expected skip did not happen: %s (%s:%d)", e.key, e.file, e.line))
		}
	}
	line := fmt.Sprintf("%-9s %d passed, %d failed, %d skipped (%d expected)", arch+":", r.passed, r.failed, r.skipped, expected)
	if len(r.pkgFailures) > 0 {
		line += fmt.Sprintf(" (packages failed: %s)", strings.Join(firstLines(r.pkgFailures), ", "))
	}
	lines = append(lines, line)
	for _, f := range r.failures {
		lines = append(lines, "          FAIL "+f)
	}
	for _, f := range r.pkgFailures {
		if strings.Contains(f, "\n") {
			lines = append(lines, "          FAIL package "+f)
		}
	}
	for _, p := range problems {
		lines = append(lines, "          FAIL "+p)
	}
	if verbose {
		for _, s := range r.skips {
			lines = append(lines, fmt.Sprintf("          skip %s: %s", s.key(), s.reason))
		}
	}
	bad = r.failed > 0 || len(r.pkgFailures) > 0 || r.passed == 0 || len(problems) > 0
	return lines, bad
}

func firstLines(s []string) []string {
	var out []string
	for _, x := range s {
		f, _, _ := strings.Cut(x, "\n")
		out = append(out, f)
	}
	return out
}

// expectation is one line of the skip list.
type expectation struct {
	arches []string // arch names or groups; "*" for all
	key    string   // PACKAGE.TEST, or PACKAGE for a package without test files (path.Match patterns)
	reason *regexp.Regexp
	file   string
	line   int
}

// archGroups name sets of arches in the skip list.
var archGroups = map[string][]string{
	"host":       {"amd64", "amd64-race"},
	"qemu":       {"386", "arm", "arm64", "riscv64", "ppc64", "ppc64le", "s390x", "mips", "mipsle", "mips64", "mips64le", "loong64"},
	"mipsfamily": {"mips", "mipsle", "mips64", "mips64le"},
}

func (e *expectation) appliesTo(arch string) bool {
	for _, a := range e.arches {
		if a == "*" || a == arch {
			return true
		}
		for _, g := range archGroups[a] {
			if g == arch {
				return true
			}
		}
	}
	return false
}

func (e *expectation) matchesKey(key string) bool {
	if e.key == key {
		return true
	}
	ok, err := path.Match(e.key, key)
	return err == nil && ok
}

// loadExpectations reads the skip list: "ARCHES KEY REASON-REGEXP" a line, # comments.
func loadExpectations(rd io.Reader) ([]expectation, error) {
	var exps []expectation
	sc := bufio.NewScanner(rd)
	name := "expected-skips"
	if f, ok := rd.(*os.File); ok {
		name = f.Name()
	}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("line %d: want ARCHES PACKAGE.TEST REASON-REGEXP", n)
		}
		arches := strings.Split(f[0], ",")
		for _, a := range arches {
			if _, group := archGroups[a]; !group && a != "*" && !knownArch[a] {
				return nil, fmt.Errorf("line %d: unknown arch %q", n, a)
			}
		}
		if _, err := path.Match(f[1], ""); err != nil {
			return nil, fmt.Errorf("line %d: %q: %v", n, f[1], err)
		}
		// The reason is the rest of the line after the key, spaces kept.
		rest := strings.TrimSpace(line[strings.Index(line, f[1])+len(f[1]):])
		re, err := regexp.Compile(rest)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		exps = append(exps, expectation{arches: arches, key: f[1], reason: re, file: name, line: n})
	}
	return exps, sc.Err()
}

var knownArch = map[string]bool{"amd64": true, "amd64-race": true}

func init() {
	for _, a := range archGroups["qemu"] {
		knownArch[a] = true
	}
}

func packageHadTestFailure(r *result, pkg string) bool {
	for _, f := range r.failures {
		if strings.HasPrefix(f, short(pkg)+".") {
			return true
		}
	}
	return false
}

// short names a package below the module ("raw", "internal/testsum"); the module's root
// package is "linux".
func short(pkg string) string {
	if pkg == "github.com/rawlinux/linux" {
		return "linux"
	}
	return strings.TrimPrefix(strings.TrimPrefix(pkg, "github.com/rawlinux/linux"), "/")
}

// logPrefix is the file:line testing puts before each logged line.
var logPrefix = regexp.MustCompile(`^[A-Za-z0-9_.-]+\.go:[0-9]+: `)

// skipReason is what the test logged, without go test's own === / --- lines and without the
// file:line of each line (so that the skip list does not change when code moves).
func skipReason(lines []string) string {
	var parts []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		parts = append(parts, logPrefix.ReplaceAllString(t, ""))
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
