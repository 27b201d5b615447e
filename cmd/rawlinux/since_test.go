package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSince(t *testing.T) {
	for _, c := range []struct {
		args  []string
		first string // the first line: the release
	}{
		{[]string{"statx", "-arch", "amd64"}, "4.11"},
		{[]string{"statx", "-arch", "loong64"}, "5.19"},
		{[]string{"-arch", "loong64", "statx"}, "5.19"},
		{[]string{"RESOLVE_CACHED"}, "5.12"},
		{[]string{"SYS_OPENAT2", "-arch", "arm64"}, "5.6"},
		{[]string{"Openat2", "-arch", "amd64"}, "5.6"},
		{[]string{"socket", "-arch", "386"}, "4.3"},
	} {
		var b bytes.Buffer
		if err := since(&b, c.args); err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		if first, _, _ := strings.Cut(b.String(), "\n"); first != c.first {
			t.Errorf("%v: %q, want %q\n%s", c.args, first, c.first, b.String())
		}
		if !strings.Contains(b.String(), "sources:") {
			t.Errorf("%v: no sources:\n%s", c.args, b.String())
		}
	}
	var b bytes.Buffer
	if err := since(&b, []string{"openat2", "-arch", "loong64", "-json"}); err != nil {
		t.Fatal(err)
	}
	var a sinceAnswer
	if err := json.Unmarshal(b.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if a.Since != "5.19" || a.Arches["amd64"] != "5.6" || a.Kind != "syscall" || len(a.Sources) == 0 {
		t.Errorf("-json: %+v", a)
	}
	for _, bad := range [][]string{{}, {"nosuchcall"}, {"statx", "-arch", "vax"}, {"open", "-arch", "arm64"}} {
		if err := since(&b, bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}
