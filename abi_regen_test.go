package linux

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestABIRegenerate runs the generator from the pinned kernel packages and requires the
// committed ztypes_, zconst_ and zlayout_ files to come out byte for byte. It needs the
// kernel directory (RAWLINUX_KERNEL, from internal/gen/kernel.sh) and clang-19.
func TestABIRegenerate(t *testing.T) {
	k := os.Getenv("RAWLINUX_KERNEL")
	switch {
	case runtime.GOARCH != "amd64":
		t.Skip("host-only test (runs clang-19 and go run)")
	case k == "" && os.Getenv("RAWLINUX_REQUIRE_KERNEL") == "1":
		t.Fatal("RAWLINUX_KERNEL is not set (RAWLINUX_REQUIRE_KERNEL=1)")
	case k == "":
		t.Skip("RAWLINUX_KERNEL is not set: the directory internal/gen/kernel.sh prints")
	case testing.Short():
		t.Skip("-short: regenerating takes about a minute")
	}
	if _, err := exec.LookPath("clang-19"); err != nil && os.Getenv("RAWLINUX_CLANG") == "" {
		t.Skip("clang-19 is not installed")
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/gen/abi", "-kernel", k, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(out, "z*"))
	if len(files) != 3*len(abiArches) {
		t.Errorf("generator wrote %d files, want %d", len(files), 3*len(abiArches))
	}
	for _, f := range files {
		got, _ := os.ReadFile(f)
		want, err := os.ReadFile(filepath.Base(f))
		if err != nil {
			t.Errorf("%s: generated but not committed", filepath.Base(f))
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: regenerated file differs from the committed one", filepath.Base(f))
		}
	}
	t.Logf("%d generated files reproduced byte for byte", len(files))
}
