package cc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// include writes a tiny header into a UAPI-shaped include directory for every arch.
func include(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath(Compiler()); err != nil {
		if os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1" {
			t.Fatalf("%s not found", Compiler())
		}
		t.Skipf("%s not found", Compiler())
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "rl_test.h"), []byte(`#define RL_A 7
#define RL_NEG (-22)
#define RL_STR "text"
#define RL_BIG 0xffffffffffffffffULL
struct rl_s { char c; long l; };
`), 0o644)
	return dir
}

func TestEval(t *testing.T) {
	inc := include(t)
	for _, a := range []string{"amd64", "arm", "mips64", "s390x"} {
		arch, _ := arches.Lookup(a)
		v, err := Eval(arch, inc, []string{"rl_test.h"}, "", []Expr{
			{"a", "RL_A"}, {"neg", "RL_NEG"}, {"big", "RL_BIG"},
			{"size", "sizeof(struct rl_s)"}, {"off", "__builtin_offsetof(struct rl_s, l)"},
		})
		if err != nil {
			t.Fatal(err)
		}
		p := uint64(arch.PtrSize)
		if v["a"] != 7 || int64(v["neg"]) != -22 || v["big"] != ^uint64(0) || v["size"] != 2*p || v["off"] != p {
			t.Errorf("%s: %v", a, v)
		}
	}
}

func TestEvalSomeDropsWhatIsNoConstant(t *testing.T) {
	inc := include(t)
	a, _ := arches.Lookup("amd64")
	v, err := EvalSome(a, inc, nil, "#include <rl_test.h>\n", []Expr{{"a", "RL_A"}, {"s", "RL_STR"}, {"u", "RL_UNDEFINED"}, {"n", "RL_NEG"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2 || v["a"] != 7 || int64(v["n"]) != -22 {
		t.Errorf("values %v, want a and n only", v)
	}
	if _, err := EvalSome(a, inc, nil, "#include <rl_missing.h>\n", []Expr{{"a", "1"}}); err == nil {
		t.Error("an error in the prefix was not reported")
	}
}

func TestMacros(t *testing.T) {
	inc := include(t)
	a, _ := arches.Lookup("arm64")
	m, err := Macros(a, inc, []string{"rl_test.h"})
	if err != nil {
		t.Fatal(err)
	}
	if m["RL_A"] != "7" || m["RL_STR"] != `"text"` || m["__aarch64__"] != "1" {
		t.Errorf("macros: RL_A %q RL_STR %q __aarch64__ %q", m["RL_A"], m["RL_STR"], m["__aarch64__"])
	}
}

func TestFirstLines(t *testing.T) {
	if got := FirstLines("a\nb\nc\n", 2); got != "a\nb" {
		t.Errorf("%q", got)
	}
	if got := FirstLines("a", 5); got != "a" {
		t.Errorf("%q", got)
	}
	if !strings.Contains(Decls([]Expr{{"x", "1+1"}}), "rl_v_x = (long long)(1+1)") {
		t.Error(Decls([]Expr{{"x", "1+1"}}))
	}
}
