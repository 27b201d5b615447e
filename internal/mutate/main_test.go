package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestList parses the checked-in list: every mutation names a file of the module whose text
// holds each old text exactly once, and a package directory that exists.
func TestList(t *testing.T) {
	f, err := os.Open("mutations.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	muts, err := parseList(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(muts) < 30 {
		t.Errorf("only %d mutations", len(muts))
	}
	root := filepath.Join("..", "..")
	names := map[string]bool{}
	for _, m := range muts {
		if names[m.name] {
			t.Errorf("line %d: mutation %q twice", m.line, m.name)
		}
		names[m.name] = true
		b, err := os.ReadFile(filepath.Join(root, m.file))
		if err != nil {
			t.Errorf("%s: %v", m.name, err)
			continue
		}
		for _, p := range m.pairs {
			if n := bytes.Count(b, []byte(p[0])); n != 1 {
				t.Errorf("%s (line %d): old text occurs %d times in %s", m.name, m.line, n, m.file)
			}
			if p[0] == p[1] {
				t.Errorf("%s: old and new are the same", m.name)
			}
		}
		if st, err := os.Stat(filepath.Join(root, m.pkg)); err != nil || !st.IsDir() {
			t.Errorf("%s: package %s: %v", m.name, m.pkg, err)
		}
		for _, test := range m.tests {
			if !strings.HasPrefix(test, "Test") {
				t.Errorf("%s: %q is not a test name", m.name, test)
			}
		}
	}
}

func TestParseList(t *testing.T) {
	good := "# c\n\nmutation a\nfile x.go\ncatch ./p TestA TestB\nold\n\tone\n\ttwo\nnew\n\tthree\nold\nfour\nnew\nfive\nend\n"
	muts, err := parseList(strings.NewReader(good))
	if err != nil || len(muts) != 1 {
		t.Fatalf("%v, %v", muts, err)
	}
	m := muts[0]
	if m.name != "a" || m.file != "x.go" || m.pkg != "./p" || strings.Join(m.tests, ",") != "TestA,TestB" ||
		len(m.pairs) != 2 || m.pairs[0] != [2]string{"\tone\n\ttwo", "\tthree"} || m.pairs[1] != [2]string{"four", "five"} {
		t.Errorf("parsed %+v", m)
	}
	for _, bad := range []string{
		"mutation a\nfile x.go\ncatch ./p TestA\nold\nx\nend\n",    // old without new
		"mutation a\nfile x.go\nold\nx\nnew\ny\nend\n",             // no catch
		"mutation a\nfile x.go\ncatch ./p TestA\nold\nx\nnew\ny\n", // no end
		"file x.go\n", // outside a mutation
		"mutation a\nfile x.go\ncatch ./p\nold\nx\nnew\ny\nend\n",         // no test
		"mutation a\nfile x.go\ncatch ./p TestA\nbogus\nold\nx\nnew\ny\n", // unknown line
	} {
		if _, err := parseList(strings.NewReader(bad)); err == nil {
			t.Errorf("parseList accepted %q", bad)
		}
	}
}
