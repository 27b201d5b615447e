package seccomp

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

func TestTextRoundTrip(t *testing.T) {
	for _, a := range systab.Arches() {
		p := sandboxPolicy(a)
		p.Rules = p.Rules[:len(p.Rules)-1]
		p.Compat = nil
		if c, ok := compatOf[a]; ok {
			cs := Policy{Arch: c, Default: Errno(2)}
			cs.AddAll(Allow, "read", "write")
			cs.Add(Allow, "ioctl", Arg(1).Eq(5))
			p.Compat = []Policy{cs}
		}
		text := FormatPolicy(p)
		q, err := ParsePolicy([]byte(text), "")
		if err != nil {
			t.Fatalf("%s: %v\n%s", a, err, text)
		}
		if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: the text form does not read back:\n%s\n%+v\n%+v", a, text, p, q)
		}
		js, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ParsePolicy(js, "")
		if err != nil {
			t.Fatalf("%s: %v\n%s", a, err, js)
		}
		if !reflect.DeepEqual(p, r) {
			t.Errorf("%s: the JSON form does not read back:\n%s", a, js)
		}
		prog := p.MustCompile()
		bin, _ := prog.MarshalBinary()
		bo, _ := ByteOrder(a)
		back, err := ParseInstructions(bin, bo)
		if err != nil || !reflect.DeepEqual(back, prog.Instructions) {
			t.Errorf("%s: binary form: %v", a, err)
		}
	}
}

func TestParseText(t *testing.T) {
	text := `# a sample
arch amd64
default errno EPERM   # every other call
badarch kill-process
allow read write
errno ENOSYS openat2
allow ioctl if arg1 != 0x5412
allow socket if arg0 <= 10 and arg1 & 0xf == 1
allow lseek if arg1:32 >= -1 && arg2 < 3
trap 3 #0x40000027
compat 386
allow read
`
	p, err := ParsePolicy([]byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	want := &Policy{Arch: "amd64", Default: Errno(1), BadArch: KillProcess, Rules: []Rule{
		{Syscall: "read", Action: Allow}, {Syscall: "write", Action: Allow},
		{Syscall: "openat2", Action: Errno(38)},
		{Syscall: "ioctl", Action: Allow, Args: []Cond{{Arg: 1, Op: Ne, Value: 0x5412}}},
		{Syscall: "socket", Action: Allow, Args: []Cond{{Arg: 0, Op: Le, Value: 10}, {Arg: 1, Op: MaskedEq, Mask: 0xf, Value: 1}}},
		{Syscall: "lseek", Action: Allow, Args: []Cond{{Arg: 1, Op: Ge, Value: 1<<64 - 1, Width: 32}, {Arg: 2, Op: Lt, Value: 3}}},
		{Number: 0x40000027, Action: Trap(3)},
	}, Compat: []Policy{{Arch: "386", Rules: []Rule{{Syscall: "read", Action: Allow}}}}}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", p, want)
	}
	if _, err := p.Compile(); err != nil {
		t.Fatal(err)
	}
	// -arch replaces the file's arch and resolves errno names for it.
	p, err = ParsePolicy([]byte("default errno ENOSYS\nallow read\n"), "mips")
	if err != nil || p.Arch != "mips" || p.Default != Errno(89) {
		t.Errorf("mips: %+v %v", p, err)
	}
	for _, bad := range []string{
		"default errno EPERM\n",                       // no arch
		"arch amd64\nfly read\n",                      // no such action
		"arch amd64\nallow\n",                         // no call
		"arch amd64\nallow ioctl if arg1 ~ 3\n",       // no such comparison
		"arch amd64\nallow ioctl if\n",                // nothing after if
		"arch amd64\nallow #zz\n",                     // no number
		"arch amd64\ncompat 386\nbadarch allow\n",     // badarch in a compat section
		"arch amd64\nallow ioctl if arg1 == 0x1g\n",   // no number
		"arch amd64\nerrno read\n",                    // errno without its datum
		"arch amd64\ncompat 386\narch arm\n",          // arch in a compat section
		"{\"arch\": \"amd64\", \"default\": \"fly\"}", // bad JSON action
	} {
		if p, err := ParsePolicy([]byte(bad), ""); err == nil {
			t.Errorf("%q parsed: %+v", bad, p)
		}
	}
}

func TestParseOCI(t *testing.T) {
	b, err := os.ReadFile("testdata/profile.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []systab.Arch{"amd64", "arm64", "s390x", "mips"} {
		p, err := ParsePolicy(b, a)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		prog, err := p.Compile()
		if err != nil {
			t.Fatalf("%s: %v\n%s", a, err, FormatPolicy(p))
		}
		wantCompat := a == "amd64" || a == "arm64"
		if (len(p.Compat) == 1) != wantCompat {
			t.Errorf("%s: %d compat sections", a, len(p.Compat))
		}
		check := func(arch systab.Arch, name string, want Action, args ...uint64) {
			t.Helper()
			d, err := CallData(arch, name, args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := prog.Run(d); got != want {
				t.Errorf("%s program, %s %s%#x: %s, want %s", a, arch, name, args, got, want)
			}
		}
		check(a, "read", Allow)
		check(a, "ptrace", KillProcess)
		check(a, "personality", Allow, 0xffffffff)
		check(a, "personality", Errno(1), 8)
		check(a, "clone3", Errno(38)) // numbers, not names: 38 on every arch of the profile's author
		if a == "s390x" {
			check(a, "clone", Errno(1), 0) // excluded for s390x; the CAP_SYS_ADMIN entry dropped
		} else {
			check(a, "clone", Allow, 0x11)
			check(a, "clone", Errno(1), 0x10000000) // CLONE_NEWUSER
		}
		if a == "amd64" {
			check(a, "arch_prctl", Allow)
			check("386", "read", Allow)
			check("386", "ptrace", KillProcess)
			check("386", "mmap2", Allow)
			audit, _, _ := AuditArch("amd64")
			if got := prog.Run(Data{Nr: x32Bit | 0, Arch: audit}); got != KillProcess {
				t.Errorf("x32 read: %s (no x32 table: BadArch)", got)
			}
		}
	}
	// A whole config.json.
	cfg := `{"ociVersion": "1.2.0", "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_AARCH64"], "syscalls": [{"names": ["ptrace"], "action": "SCMP_ACT_ERRNO"}]}}}`
	p, err := ParsePolicy([]byte(cfg), "")
	if err != nil || p.Arch != "arm64" || len(p.Rules) != 1 || p.Rules[0].Action != Errno(1) {
		t.Errorf("config.json: %+v %v", p, err)
	}
	if _, err := ParseOCI([]byte(`{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_PPC"]}`), ""); err == nil || !strings.Contains(err.Error(), "no arch") {
		t.Errorf("a profile for ppc32 only: %v", err)
	}
}
