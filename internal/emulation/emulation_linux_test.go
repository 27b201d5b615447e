package emulation

import "testing"

func TestRuns(t *testing.T) {
	for _, c := range []struct {
		machine, goarch string
		want            bool
	}{
		{"x86_64", "amd64", true}, {"x86_64", "386", true}, {"i686", "386", true}, {"aarch64", "amd64", false},
		{"aarch64", "arm64", true}, {"aarch64", "arm", true}, {"armv7l", "arm", true}, {"x86_64", "arm", false},
		{"ppc64le", "ppc64le", true}, {"mips64", "mipsle", true}, {"s390x", "s390x", true}, {"riscv64", "riscv64", true},
		{"loongarch64", "loong64", true}, {"x86_64", "s390x", false},
	} {
		if got := Runs(c.machine, c.goarch); got != c.want {
			t.Errorf("Runs(%q, %q) = %v, want %v", c.machine, c.goarch, got, c.want)
		}
	}
}
