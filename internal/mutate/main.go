// Command mutate is the mutation check: it applies each mutation of a checked-in list (a small,
// plausible bug in the raw layer, the errno tables, the vDSO calls, the parser, the summary...)
// to a scratch copy of the module, runs the tests the list says must catch it, and fails unless
// one of those tests fails by name. A mutation that does not compile, that makes the tests
// time out or that no named test catches fails the check.
//
//	go run ./internal/mutate [-list internal/mutate/mutations.txt] [-run REGEXP] [-timeout 2m]
//
// It runs from the module root, on the host (the mutations are amd64 code), and prints, per
// mutation, which tests caught it and how long it took. Before any mutation, the catching
// tests run once unmutated: each must pass there, or its mutations prove nothing.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"
)

// mutation is one entry of the list.
type mutation struct {
	name    string
	file    string
	pkg     string
	tests   []string
	pending string
	pairs   [][2]string // old, new
	line    int
}

func main() {
	list := flag.String("list", "internal/mutate/mutations.txt", "the list of mutations")
	only := flag.String("run", "", "run only the mutations whose name matches this regular expression")
	timeout := flag.Duration("timeout", 2*time.Minute, "the time one mutation's tests may take")
	flag.Parse()
	if runtime.GOARCH != "amd64" || runtime.GOOS != "linux" {
		fmt.Fprintf(os.Stderr, "mutate: the mutations are linux/amd64 code; this is %s/%s\n", runtime.GOOS, runtime.GOARCH)
		os.Exit(2)
	}
	f, err := os.Open(*list)
	if err != nil {
		fatal(err)
	}
	muts, err := parseList(f)
	f.Close()
	if err != nil {
		fatal(fmt.Errorf("%s: %v", *list, err))
	}
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fatal(err)
		}
		var keep []mutation
		for _, m := range muts {
			if re.MatchString(m.name) {
				keep = append(keep, m)
			}
		}
		muts = keep
	}
	if len(muts) == 0 {
		fatal(errors.New("no mutations to run"))
	}
	start := time.Now()
	scratch, err := os.MkdirTemp("", "rawlinux-mutate-")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(scratch)
	if err := copyTree(scratch); err != nil {
		fatal(err)
	}
	fmt.Printf("mutation check: %d mutations, on a scratch copy of the module (%s)\n", len(muts), scratch)

	failed := 0
	// Every mutation must apply to the current tree.
	for _, m := range muts {
		b, err := os.ReadFile(filepath.Join(scratch, m.file))
		if err != nil {
			fmt.Printf("  STALE   %s (line %d): %v\n", m.name, m.line, err)
			failed++
			continue
		}
		for _, p := range m.pairs {
			if n := bytes.Count(b, []byte(p[0])); n != 1 {
				fmt.Printf("  STALE   %s (line %d): its old text occurs %d times in %s, want once\n", m.name, m.line, n, m.file)
				failed++
			}
		}
	}
	if failed > 0 {
		fmt.Printf("mutation check: FAILED: %d mutations do not apply to this tree (update %s)\n", failed, *list)
		os.Exit(1)
	}

	// The baseline: the catching tests pass without mutations.
	byPkg := map[string]map[string]bool{}
	for _, m := range muts {
		if m.pending != "" {
			continue // its tests may not exist yet
		}
		if byPkg[m.pkg] == nil {
			byPkg[m.pkg] = map[string]bool{}
		}
		for _, t := range m.tests {
			byPkg[m.pkg][t] = true
		}
	}
	var pkgs []string
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		var tests []string
		for t := range byPkg[p] {
			tests = append(tests, t)
		}
		sort.Strings(tests)
		t0 := time.Now()
		res := goTest(scratch, p, tests, *timeout)
		var bad []string
		for _, t := range tests {
			if res.result[t] != "pass" {
				bad = append(bad, fmt.Sprintf("%s: %s", t, orNone(res.result[t])))
			}
		}
		if res.err != nil && len(bad) == 0 {
			bad = append(bad, res.err.Error())
		}
		if len(bad) > 0 {
			fmt.Printf("  baseline %s: the catching tests must pass unmutated: %s\n%s\n", p, strings.Join(bad, "; "), indent(res.output))
			fmt.Println("mutation check: FAILED (baseline)")
			os.Exit(1)
		}
		fmt.Printf("  baseline %-20s %2d tests pass unmutated (%.1fs)\n", p, len(tests), time.Since(t0).Seconds())
	}

	caught, pendingCaught, pendingOpen := 0, 0, 0
	for _, m := range muts {
		path := filepath.Join(scratch, m.file)
		orig, err := os.ReadFile(path)
		if err != nil {
			fatal(err)
		}
		mutated := orig
		for _, p := range m.pairs {
			mutated = bytes.Replace(mutated, []byte(p[0]), []byte(p[1]), 1)
		}
		if err := os.WriteFile(path, mutated, 0o644); err != nil {
			fatal(err)
		}
		t0 := time.Now()
		res := goTest(scratch, m.pkg, m.tests, *timeout)
		took := time.Since(t0)
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			fatal(err)
		}
		var by []string
		for _, t := range res.failedTests {
			top, _, _ := strings.Cut(t, "/")
			for _, want := range m.tests {
				if top == want {
					by = append(by, t)
					break
				}
			}
		}
		status, detail := "caught", ""
		switch {
		case res.buildFailed:
			status, detail = "NO BUILD", "the mutation does not compile:\n"+indent(res.output)
		case res.timedOut:
			status, detail = "TIMEOUT", "the tests timed out instead of failing by name"
		case len(by) == 0:
			status, detail = "SURVIVED", "no test of "+strings.Join(m.tests, ", ")+" failed"
		}
		by = deepest(by)
		if len(by) > 4 {
			by = append(by[:4], fmt.Sprintf("and %d more", len(by)-4))
		}
		line := fmt.Sprintf("  %-8s %5.1fs  %s", status, took.Seconds(), m.name)
		if status == "caught" {
			line += "\n                   by " + strings.Join(by, ", ")
		}
		switch {
		case m.pending != "" && status == "caught":
			pendingCaught++
			line = strings.Replace(line, "caught  ", "caught! ", 1) + "\n                   (marked pending, yet caught: remove its pending line)"
			failed++
		case m.pending != "":
			pendingOpen++
			line += "\n                   PENDING, not counted: " + m.pending
		case status == "caught":
			caught++
		default:
			failed++
			line += "\n                   " + detail
		}
		fmt.Println(line)
	}
	counted := len(muts) - pendingOpen - pendingCaught
	fmt.Printf("mutation check: %d of %d mutations caught by a named test, %d pending (not counted), in %s\n",
		caught, counted, pendingOpen, time.Since(start).Round(time.Second))
	if failed > 0 {
		fmt.Printf("mutation check: FAILED: %d mutations\n", failed)
		os.Exit(1)
	}
}

// deepest drops a test from names when one of its subtests is there too.
func deepest(names []string) []string {
	var out []string
	for _, n := range names {
		parent := false
		for _, o := range names {
			if strings.HasPrefix(o, n+"/") {
				parent = true
				break
			}
		}
		if !parent {
			out = append(out, n)
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "did not run"
	}
	return s
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "mutate:", err)
	os.Exit(2)
}

func indent(s string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		out = append(out, "                   | "+l)
	}
	if len(out) > 30 {
		out = append(out[:30], "                   | ...")
	}
	return strings.Join(out, "\n")
}

// parseList reads the mutation list (its format is described at the top of the file).
func parseList(rd io.Reader) ([]mutation, error) {
	var muts []mutation
	var cur *mutation
	var text []string
	mode := "" // "", "old", "new"
	var old string
	sc := bufio.NewScanner(rd)
	n := 0
	flush := func() error {
		switch mode {
		case "old":
			old = strings.Join(text, "\n")
		case "new":
			cur.pairs = append(cur.pairs, [2]string{old, strings.Join(text, "\n")})
		}
		text = nil
		return nil
	}
	for sc.Scan() {
		n++
		l := sc.Text()
		kw, rest, _ := strings.Cut(l, " ")
		if mode == "old" || mode == "new" {
			if l == "old" || l == "new" || l == "end" {
				if l == "old" && mode == "old" || l == "new" && mode == "new" {
					return nil, fmt.Errorf("line %d: %q twice", n, l)
				}
				flush()
				if l == "end" {
					if mode != "new" {
						return nil, fmt.Errorf("line %d: old without new", n)
					}
					if cur.file == "" || cur.pkg == "" || len(cur.tests) == 0 || len(cur.pairs) == 0 {
						return nil, fmt.Errorf("mutation %q (line %d): needs file, catch and old/new", cur.name, cur.line)
					}
					muts = append(muts, *cur)
					cur, mode = nil, ""
				} else {
					mode = l
				}
				continue
			}
			text = append(text, l)
			continue
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		switch {
		case kw == "mutation":
			if cur != nil {
				return nil, fmt.Errorf("line %d: mutation %q has no end", n, cur.name)
			}
			cur = &mutation{name: rest, line: n}
		case cur == nil:
			return nil, fmt.Errorf("line %d: %q outside a mutation", n, l)
		case kw == "file":
			cur.file = rest
		case kw == "catch":
			f := strings.Fields(rest)
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: catch PACKAGE TEST...", n)
			}
			cur.pkg, cur.tests = f[0], f[1:]
		case kw == "pending":
			cur.pending = rest
		case l == "old":
			mode = "old"
		default:
			return nil, fmt.Errorf("line %d: unknown line %q", n, l)
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("mutation %q has no end", cur.name)
	}
	return muts, sc.Err()
}

// copyTree copies the module's tracked and untracked-but-not-ignored files into dir.
func copyTree(dir string) error {
	out, err := exec.Command("git", "ls-files", "-z", "-co", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if f == "" {
			continue
		}
		st, err := os.Lstat(f)
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			return err
		}
		if !st.Mode().IsRegular() {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, st.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

type testResult struct {
	result      map[string]string // top-level test -> pass, fail, skip
	failedTests []string          // every failed test and subtest
	buildFailed bool
	timedOut    bool
	output      string
	err         error
}

// goTest runs go test -json for tests of pkg in dir.
func goTest(dir, pkg string, tests []string, timeout time.Duration) testResult {
	ctx, cancel := context.WithTimeout(context.Background(), timeout+30*time.Second)
	defer cancel()
	re := "^(" + strings.Join(tests, "|") + ")$"
	cmd := exec.CommandContext(ctx, "go", "test", "-json", "-count=1", "-timeout", timeout.String(), "-run", re, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOARCH=", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := testResult{result: map[string]string{}, err: err}
	var text strings.Builder
	text.WriteString(stderr.String())
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e struct {
			Action, Test, Output, FailedBuild string
		}
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		switch e.Action {
		case "output", "build-output":
			text.WriteString(e.Output)
			if strings.Contains(e.Output, "panic: test timed out") {
				res.timedOut = true
			}
		case "build-fail":
			res.buildFailed = true
		case "pass", "fail", "skip":
			if e.Test == "" {
				if e.FailedBuild != "" {
					res.buildFailed = true
				}
				continue
			}
			if !strings.Contains(e.Test, "/") {
				res.result[e.Test] = e.Action
			}
			if e.Action == "fail" {
				res.failedTests = append(res.failedTests, e.Test)
			}
		}
	}
	if ctx.Err() != nil {
		res.timedOut = true
	}
	res.output = text.String()
	return res
}
