//go:build linux

package linux

import (
	"runtime"
	"strings"
	"testing"

	"github.com/rawlinux/linux/vdso"
)

// TestVDSOMode reports how this process calls the vDSO and which functions go direct. On the
// arches with direct calls it fails when they are off although this process has a vDSO and
// runs the Go release whose runtime offsets rawlinux knows (the validation must pass there).
func TestVDSOMode(t *testing.T) {
	mode := VDSOMode()
	t.Logf("%s: %s; direct: clock_gettime %v, clock_getres %v, getcpu %v, time %v",
		runtime.GOARCH, mode, vdsoClockGettime != 0, vdsoClockGetres != 0, vdsoGetcpu != 0, vdsoTime != 0)
	switch runtime.GOARCH {
	case "mips", "mipsle", "mips64", "mips64le":
		return
	}
	if !vdso.Present() {
		t.Skip("no vDSO in this process")
	}
	if !strings.HasPrefix(runtime.Version(), "go1.26") {
		t.Skipf("%s: runtime offsets are known for go1.26 only", runtime.Version())
	}
	if !strings.HasPrefix(mode, "direct") || vdsoClockGettime == 0 {
		t.Errorf("direct vDSO calls are off: %s", mode)
	}
}
