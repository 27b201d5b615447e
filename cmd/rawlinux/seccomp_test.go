package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/seccomp"
)

const testPolicy = `# a sandbox
default errno EPERM
skip-unknown
allow read write close exit_group futex mmap mmap2 munmap rt_sigreturn
errno ENOSYS openat2 clone3
allow ioctl if arg1 != 0x5412
kill-process ptrace
compat 386
allow read
`

func TestSeccompCommand(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy")
	if err := os.WriteFile(pol, []byte(testPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without the 386 section, for the big-endian arches.
	pol1 := filepath.Join(dir, "policy1")
	if err := os.WriteFile(pol1, []byte(testPolicy[:strings.Index(testPolicy, "compat")]), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		var b bytes.Buffer
		err := seccompCmd(&b, args)
		return b.String(), err
	}
	out, err := run(pol, "-arch", "amd64")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "amd64 (AUDIT_ARCH_X86_64): 14 rules (1 calls not in the table skipped: mmap2), ") || !strings.Contains(out, "ret #0x00050026\t; errno 38") {
		t.Errorf("amd64:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-arch", "amd64", "-check", "ioctl", "1", "0x5412"}, "ioctl(0x1, 0x5412) on amd64, number 16: errno 1 (0x00050001): default"},
		{[]string{"-arch", "amd64", "-check", "ioctl", "1", "0x100005412"}, "ioctl(0x1, 0x100005412) on amd64, number 16: errno 1 (0x00050001): default"},
		{[]string{"-arch", "amd64", "-check", "ioctl", "1", "0x5401"}, "ioctl(0x1, 0x5401) on amd64, number 16: allow (0x7fff0000): rule 11 (allow ioctl if arg1 != 0x5412)"},
		{[]string{"-arch", "mips", "-check", "openat2", "-policy1"}, "openat2() on mips, number 4437: errno 89 (0x00050059): rule 9 (errno 89 openat2)"},
		{[]string{"-arch", "amd64", "-check", "386:read"}, "read() on 386, number 3: allow (0x7fff0000): rule 0 (allow read)"},
		{[]string{"-arch", "amd64", "-check", "386:write"}, "write() on 386, number 4: errno 1 (0x00050001): default"},
		{[]string{"-arch", "arm64", "-check", "arm:write"}, "write() on arm, number 4: kill-process (0x80000000): bad arch"},
		{[]string{"-arch", "amd64", "-check", "0x40000000"}, "0x40000000() on amd64, number 1073741824: kill-process (0x80000000): x32 number"},
	} {
		file := pol
		if c.args[len(c.args)-1] == "-policy1" {
			file, c.args = pol1, c.args[:len(c.args)-1]
		}
		out, err := run(append([]string{file}, c.args...)...)
		if err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		if ls := strings.Split(strings.TrimSpace(out), "\n"); len(ls) != 2 || ls[1] != c.want {
			t.Errorf("%v:\n%s\nwant %q", c.args, out, c.want)
		}
	}
	js, err := run(pol1, "-arch", "s390x", "-json")
	if err != nil {
		t.Fatal(err)
	}
	var a seccompAnswer
	if err := json.Unmarshal([]byte(js), &a); err != nil || a.Arch != "s390x" || len(a.Program) != a.Instructions || a.Program[0].Text != "ld [4]\t; arch" {
		t.Errorf("-json: %v %+v", err, a)
	}
	bin := filepath.Join(dir, "p.bpf")
	if _, err := run(pol1, "-arch", "ppc64", "-o", bin); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(bin)
	if prog, err := seccomp.ParseInstructions(b, binary.BigEndian); err != nil || len(prog) == 0 {
		t.Errorf("-o: %d bytes, %v", len(b), err)
	} else if err := seccomp.Validate(prog); err != nil {
		t.Errorf("-o: %v", err)
	}
	for _, bad := range [][]string{nil, {pol, "extra"}, {filepath.Join(dir, "missing")}, {pol, "-arch", "vax"}, {pol, "-arch", "s390x"}, {pol, "-check", "nosuchcall"}, {pol, "-check", "read", "x"}} {
		if out, err := run(bad...); err == nil {
			t.Errorf("%v: no error\n%s", bad, out)
		}
	}
}
