package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Streams in the form go test -json writes them (cmd/test2json), reduced to what testsum reads.
const (
	okRaw = `{"Action":"start","Package":"github.com/rawlinux/linux/raw"}
{"Action":"run","Package":"github.com/rawlinux/linux/raw","Test":"TestA"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}
{"Action":"pass","Package":"github.com/rawlinux/linux/raw","Test":"TestA","Elapsed":0}
{"Action":"run","Package":"github.com/rawlinux/linux/raw","Test":"TestB"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Test":"TestB","Output":"=== RUN   TestB\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Test":"TestB","Output":"    raw_test.go:9: under emulation: no such thing\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Test":"TestB","Output":"--- SKIP: TestB (0.00s)\n"}
{"Action":"skip","Package":"github.com/rawlinux/linux/raw","Test":"TestB","Elapsed":0}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Output":"PASS\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Output":"ok  \tgithub.com/rawlinux/linux/raw\t0.005s\n"}
{"Action":"pass","Package":"github.com/rawlinux/linux/raw","Elapsed":0.005}
`
	okRoot = `{"Action":"start","Package":"github.com/rawlinux/linux"}
{"Action":"run","Package":"github.com/rawlinux/linux","Test":"TestC"}
{"Action":"pass","Package":"github.com/rawlinux/linux","Test":"TestC","Elapsed":0}
{"Action":"pass","Package":"github.com/rawlinux/linux","Elapsed":0.1}
`
	noTestFiles = `{"Action":"start","Package":"github.com/rawlinux/linux/internal/gen/cc"}
{"Action":"output","Package":"github.com/rawlinux/linux/internal/gen/cc","Output":"?   \tgithub.com/rawlinux/linux/internal/gen/cc\t[no test files]\n"}
{"Action":"skip","Package":"github.com/rawlinux/linux/internal/gen/cc","Elapsed":0}
`
	// Every test excluded (-run, build tags): the package passes having run nothing.
	noTestsRun = `{"Action":"start","Package":"github.com/rawlinux/linux/vdso"}
{"Action":"output","Package":"github.com/rawlinux/linux/vdso","Output":"testing: warning: no tests to run\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/vdso","Output":"PASS\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/vdso","Output":"ok  \tgithub.com/rawlinux/linux/vdso\t0.003s [no tests to run]\n"}
{"Action":"pass","Package":"github.com/rawlinux/linux/vdso","Elapsed":0.003}
`
	// The run was killed in the middle of a test: no result for it, none for its package.
	cut = `{"Action":"start","Package":"github.com/rawlinux/linux/systab"}
{"Action":"run","Package":"github.com/rawlinux/linux/systab","Test":"TestTables"}
{"Action":"pass","Package":"github.com/rawlinux/linux/systab","Test":"TestTables","Elapsed":0}
{"Action":"run","Package":"github.com/rawlinux/linux/systab","Test":"TestKernel"}
{"Action":"output","Package":"github.com/rawlinux/linux/systab","Test":"TestKernel","Output":"=== RUN   TestKernel\n"}
{"Action":"output","Package":"github.com/rawlinux/linux/sys`
	buildFail = `{"ImportPath":"github.com/rawlinux/linux/raw [github.com/rawlinux/linux/raw.test]","Action":"build-output","Output":"raw/x_test.go:3:1: syntax error\n"}
{"ImportPath":"github.com/rawlinux/linux/raw [github.com/rawlinux/linux/raw.test]","Action":"build-fail"}
{"Action":"start","Package":"github.com/rawlinux/linux/raw"}
{"Action":"output","Package":"github.com/rawlinux/linux/raw","Output":"FAIL\tgithub.com/rawlinux/linux/raw [build failed]\n"}
{"Action":"fail","Package":"github.com/rawlinux/linux/raw","Elapsed":0,"FailedBuild":"github.com/rawlinux/linux/raw [github.com/rawlinux/linux/raw.test]"}
`
	testFail = `{"Action":"start","Package":"github.com/rawlinux/linux"}
{"Action":"run","Package":"github.com/rawlinux/linux","Test":"TestD"}
{"Action":"output","Package":"github.com/rawlinux/linux","Test":"TestD","Output":"    x_test.go:5: wrong clock\n"}
{"Action":"fail","Package":"github.com/rawlinux/linux","Test":"TestD","Elapsed":0}
{"Action":"run","Package":"github.com/rawlinux/linux","Test":"TestE"}
{"Action":"pass","Package":"github.com/rawlinux/linux","Test":"TestE","Elapsed":0}
{"Action":"fail","Package":"github.com/rawlinux/linux","Elapsed":0.1}
`
)

const skipList = `# a comment
qemu      raw.TestB      ^under emulation
*         internal/gen/cc  \[no test files\]
`

func summarize(t *testing.T, arch, stream string, exit int, list string) (string, bool) {
	t.Helper()
	r, err := parse(strings.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	exps, err := loadExpectations(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	lines, bad := check(arch, r, exit, exps, true)
	return strings.Join(lines, "\n"), bad
}

func TestSummary(t *testing.T) {
	for _, c := range []struct {
		name    string
		arch    string
		stream  string
		exit    int
		list    string
		bad     bool
		summary []string // substrings of the report
	}{
		{"all passed, the listed skips happened", "arm64", okRaw + okRoot + noTestFiles, 0, skipList, false,
			[]string{"arm64:    2 passed, 0 failed, 1 skipped (1 expected)", "skip raw.TestB: under emulation: no such thing"}},
		{"no exit status given", "arm64", okRaw + okRoot + noTestFiles, -1, skipList, false, nil},
		{"go test exited non-zero", "arm64", okRaw + okRoot + noTestFiles, 1, skipList, true,
			[]string{"FAIL go test exited with status 1"}},
		{"a package ran no test", "arm64", okRaw + okRoot + noTestFiles + noTestsRun, 0, skipList, true,
			[]string{"FAIL package vdso ran no test"}},
		{"a package without test files is not listed", "arm64", okRaw + okRoot + noTestFiles, 0, "qemu raw.TestB ^under emulation\n", true,
			[]string{"FAIL package internal/gen/cc has no test files"}},
		{"a cut stream", "arm64", okRaw + okRoot + noTestFiles + cut, 0, skipList, true,
			[]string{"FAIL package systab: the stream ends without its result", "FAIL test systab.TestKernel started and has no result"}},
		{"an unexpected skip", "amd64", okRaw + okRoot + noTestFiles, 0, skipList, true,
			[]string{"FAIL unexpected skip raw.TestB: under emulation: no such thing"}},
		{"an expected skip did not happen", "arm64", okRoot + noTestFiles, 0, skipList, true,
			[]string{"FAIL expected skip did not happen: raw.TestB"}},
		{"a skip for another reason", "arm64", okRaw + okRoot + noTestFiles, 0, "qemu raw.TestB ^needs root\n* internal/gen/cc \\[no test files\\]\n", true,
			[]string{`FAIL skip raw.TestB: reason "under emulation: no such thing" does not match`}},
		{"a build failure", "arm64", buildFail + okRoot + noTestFiles, 2, "* internal/gen/cc \\[no test files\\]\n", true,
			[]string{"packages failed: raw", "raw/x_test.go:3:1: syntax error", "go test exited with status 2"}},
		{"a failed test", "arm64", okRaw + testFail + noTestFiles, 1, skipList, true,
			[]string{"FAIL linux.TestD", "wrong clock"}},
		{"an empty stream", "arm64", "", 0, "", true, []string{"FAIL the stream holds no package"}},
		{"group and glob", "mips64le", okRaw + okRoot + noTestFiles, 0, "mipsfamily raw.Test? emulation\n* internal/gen/* files\n", false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, bad := summarize(t, c.arch, c.stream, c.exit, c.list)
			if bad != c.bad {
				t.Errorf("bad = %v, want %v; report:\n%s", bad, c.bad, got)
			}
			for _, s := range c.summary {
				if !strings.Contains(got, s) {
					t.Errorf("report lacks %q:\n%s", s, got)
				}
			}
		})
	}
}

func TestParseArg(t *testing.T) {
	for _, c := range []struct {
		arg, arch, file string
		exit            int
		err             bool
	}{
		{"amd64=/tmp/a.json:0", "amd64", "/tmp/a.json", 0, false},
		{"arm=/tmp/a.json:137", "arm", "/tmp/a.json", 137, false},
		{"arm=/tmp/a.json", "arm", "/tmp/a.json", -1, false},
		{"arm=/tmp/dir:x/a.json", "arm", "/tmp/dir:x/a.json", -1, false},
		{"arm", "", "", 0, true},
		{"=f.json", "", "", 0, true},
	} {
		arch, file, exit, err := parseArg(c.arg)
		if (err != nil) != c.err || arch != c.arch || file != c.file || exit != c.exit {
			t.Errorf("parseArg(%q) = %q, %q, %d, %v", c.arg, arch, file, exit, err)
		}
	}
}

func TestLoadExpectations(t *testing.T) {
	for _, bad := range []string{
		"qemu raw.TestB\n",          // no reason
		"sparc raw.TestB reason\n",  // unknown arch
		"qemu raw.TestB ([a-z\n",    // bad regexp
		"qemu raw.Test[ reason\n",   // bad pattern
		"amd64,arm raw.TestB\n",     // no reason
		"amd64,bogus raw.TestB x\n", // unknown arch in a list
	} {
		if _, err := loadExpectations(strings.NewReader(bad)); err == nil {
			t.Errorf("loadExpectations(%q) accepted it", bad)
		}
	}
	exps, err := loadExpectations(strings.NewReader("# c\n\namd64,arm raw.TestB a reason with  spaces\n"))
	if err != nil || len(exps) != 1 {
		t.Fatalf("%v, %v", exps, err)
	}
	e := exps[0]
	if !e.appliesTo("arm") || !e.appliesTo("amd64") || e.appliesTo("arm64") || !e.reason.MatchString("a reason with  spaces") || e.line != 3 {
		t.Errorf("expectation %+v", e)
	}
}

// TestCheckedInList parses the skip list test.sh uses and checks that every entry names a
// package of the module that exists.
func TestCheckedInList(t *testing.T) {
	f, err := os.Open("expected-skips.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exps, err := loadExpectations(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(exps) == 0 {
		t.Fatal("the skip list is empty")
	}
	for _, e := range exps {
		pkg := e.key
		if i := strings.Index(pkg, ".Test"); i >= 0 {
			pkg = pkg[:i]
		}
		dir := filepath.Join("..", "..", pkg)
		if pkg == "linux" {
			dir = filepath.Join("..", "..")
		}
		if m, _ := filepath.Glob(dir); len(m) == 0 {
			t.Errorf("%s:%d: no package %s (%s)", e.file, e.line, pkg, dir)
		}
	}
}

// TestReadFile reads a stream from a file, and a missing file is an error.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	if err := os.WriteFile(p, []byte(okRaw+cut), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := read(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.passed != 2 || r.skipped != 1 || len(r.unfinished) != 1 || len(r.packages) != 2 {
		t.Errorf("read: %+v", r)
	}
	if _, err := read(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("read of a missing file succeeded")
	}
}
