package main

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// The corpus (testdata, a module that uses rawlinux through a replace) holds one package
// per setting; each marks what must be reported with // want, and everything else in it
// (old calls and flags, names that are not package linux's) must stay silent.
func TestCorpus(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		min, arch string
		strict    bool
		pkgs      []string
	}{
		{"5.4", "amd64", false, []string{"./min54"}},
		{"5.10", "amd64", false, []string{"./min510"}},
		{"5.6", "amd64", false, []string{"./min56"}},
		{"5.10", "amd64", false, []string{"./flagpkg", "./usepkg"}},
		{"5.4", "loong64", false, []string{"./loong"}},
		{"5.10", "amd64", true, []string{"./strict"}},
	} {
		t.Run(c.min+"-"+c.arch+"-"+c.pkgs[0][2:], func(t *testing.T) {
			minFlag, archFlag, strictFlag = c.min, c.arch, c.strict
			analysistest.Run(t, dir, Analyzer, c.pkgs...)
		})
	}
}

func TestFlags(t *testing.T) {
	minFlag, archFlag = "", "amd64"
	if _, err := getConfig(); err == nil {
		t.Error("no -min: no error")
	}
	minFlag, archFlag = "5.x", "amd64"
	if _, err := getConfig(); err == nil {
		t.Error("-min 5.x: no error")
	}
	minFlag, archFlag = "5.4", "wasm"
	if _, err := getConfig(); err == nil {
		t.Error("-arch wasm: no error")
	}
	minFlag, archFlag = "5.4", "loong64"
	c, err := getConfig()
	if err != nil || c.min.String() != "5.19" {
		t.Errorf("-min 5.4 -arch loong64: %v %v, want the port's 5.19", c.min, err)
	}
}
