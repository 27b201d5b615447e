package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func specFromText(t *testing.T, text string) *spec {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.spec"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sp, err := readSpec(dir)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

const stanzaMips = `
func SetThreadArea(addr uintptr) error
	call set_thread_area mipsany
`

const stanza386 = `
func SetThreadArea(desc *UserDesc) error
	call set_thread_area 386
	u_info = desc
`

// TestOneNamePerArch: stanzas may share a Go name when their call lines name disjoint
// arches; each arch gets its own signature.
func TestOneNamePerArch(t *testing.T) {
	g, err := generate(specFromText(t, stanzaMips+stanza386))
	if err != nil {
		t.Fatal(err)
	}
	for arch, want := range map[string]string{"mips": "addr uintptr", "mips64le": "addr uintptr", "386": "desc *UserDesc"} {
		found := false
		for _, it := range g.items[arch] {
			if it.Key == "SetThreadArea" {
				found = true
				if !strings.Contains(it.Text, "func SetThreadArea("+want+") error") {
					t.Errorf("%s: %s", arch, it.Text)
				}
			}
		}
		if !found {
			t.Errorf("%s: no SetThreadArea", arch)
		}
	}
	if len(g.declared["SetThreadArea"]) != 5 {
		t.Errorf("declared on %v, want 386 and the four mips arches", g.declared["SetThreadArea"])
	}
	for _, bad := range []string{
		stanzaMips + strings.Replace(stanza386, "386", "386,mips", 1), // both on mips
		stanzaMips + strings.Replace(stanza386, " 386", "", 1),        // the second one on every arch
	} {
		if _, err := generate(specFromText(t, bad)); err == nil {
			t.Errorf("no error for\n%s", bad)
		}
	}
}

// TestHandwrittenDeclByFile: the declaration of the stanza's file is the one checked.
func TestHandwrittenDeclByFile(t *testing.T) {
	saved := handwrittenDecls
	defer func() { handwrittenDecls = saved }()
	st := &stanza{goName: "F", handwritten: "a_linux.go", params: []param{{"x", "int"}}, results: []param{{"", "error"}}, hasErr: true}
	handwrittenDecls = map[string]map[string]string{"F": {"a_linux.go": "func F(x int) error", "b_linux_386.go": "func F(y uint) error"}}
	if err := checkHandwritten(st); err != nil {
		t.Errorf("file's own declaration: %v", err)
	}
	st.handwritten = "c_linux.go"
	if err := checkHandwritten(st); err == nil {
		t.Errorf("two other declarations that differ: no error")
	}
	handwrittenDecls = map[string]map[string]string{"F": {"a_linux_arm.go": "func F(x int) error"}}
	if err := checkHandwritten(st); err != nil {
		t.Errorf("one declaration in another file: %v", err)
	}
}
