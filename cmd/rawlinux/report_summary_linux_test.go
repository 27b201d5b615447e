package main

import (
	"encoding/json"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
	"github.com/rawlinux/linux/vdso"
)

// summary -json parses and says what the text summary says.
func TestSummaryJSON(t *testing.T) {
	js, err := output(t, "summary", "-json")
	if err != nil {
		t.Fatal(err)
	}
	var s summaryOut
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		t.Fatalf("summary -json does not parse: %v\n%s", err, js)
	}
	rel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	if s.Kernel.Release != strings.TrimSpace(string(rel)) || s.Kernel.Arch != runtime.GOARCH {
		t.Errorf("kernel: %+v", s.Kernel)
	}
	if tab := systab.Current(); s.Rows != len(tab) || s.Implemented == 0 || s.Implemented > s.Rows {
		t.Errorf("rows %d implemented %d, the table has %d", s.Rows, s.Implemented, len(tab))
	}
	if s.VDSO.Present != vdso.Present() || len(s.VDSO.Functions) != len(vdso.Symbols()) {
		t.Errorf("vdso: present %v with %d functions, vdso.Symbols %d", s.VDSO.Present, len(s.VDSO.Functions), len(vdso.Symbols()))
	}
	text, err := output(t, "summary")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.VDSO.Functions {
		if !strings.Contains(text, f.Name) {
			t.Errorf("%s in -json, not in the text", f.Name)
		}
	}
}
