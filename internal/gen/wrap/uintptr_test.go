package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestUintptrEscapes: every committed wrapper with a uintptr parameter carries
// //go:uintptrescapes (a pointer converted at the call stays on the heap and alive).
func TestUintptrEscapes(t *testing.T) {
	files, _ := filepath.Glob("../../../zsyscall_linux*.go")
	if len(files) == 0 {
		t.Fatal("no zsyscall_linux*.go files")
	}
	fn := regexp.MustCompile(`(?m)^func ([A-Z]\w*)\(([^)]*)\)`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, m := range fn.FindAllStringSubmatchIndex(s, -1) {
			params := s[m[4]:m[5]]
			if !regexp.MustCompile(`\buintptr\b`).MatchString(params) {
				continue
			}
			n++
			if !strings.HasSuffix(s[:m[0]], "//go:uintptrescapes\n") {
				t.Errorf("%s: func %s(%s) lacks //go:uintptrescapes", filepath.Base(f), s[m[2]:m[3]], params)
			}
		}
	}
	if n == 0 {
		t.Error("no wrapper with a uintptr parameter found (Prctl has some)")
	}
	if !takesUintptr([]param{{"a", "int"}, {"b", "uintptr"}}) || takesUintptr([]param{{"p", "*uintptr"}}) {
		t.Error("takesUintptr")
	}
}
