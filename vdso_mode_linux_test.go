//go:build linux

package linux

import (
	"runtime"
	"strings"
	"testing"

	"github.com/rawlinux/linux/vdso"
)

// TestVDSOMode reports how this process calls the vDSO and which functions go direct. On the
// arches with direct calls it fails when init turned them off although this process has a
// vDSO and runs the Go release whose runtime offsets rawlinux knows (the validation must pass
// there), unless the vDSO's functions lie outside the range the runtime recognises as the
// vDSO (qemu-user's images): then init must have refused them.
func TestVDSOMode(t *testing.T) {
	mode := vdsoInitMode
	t.Logf("%s: at init: %s; in the tests: %s; direct: clock_gettime %v, clock_getres %v, getcpu %v, time %v",
		runtime.GOARCH, mode, VDSOMode(), vdsoClockGettime != 0, vdsoClockGetres != 0, vdsoGetcpu != 0, vdsoTime != 0)
	switch runtime.GOARCH {
	case "mips", "mipsle", "mips64", "mips64le":
		return
	}
	if !vdso.Present() {
		// Every arch but the mips family gets a vDSO from the kernel and from qemu 11.
		t.Fatalf("no vDSO in this process: %v", vdso.Err())
	}
	if !strings.HasPrefix(runtime.Version(), "go1.26") {
		t.Skipf("%s: runtime offsets are known for go1.26 only", runtime.Version())
	}
	im := vdso.Loaded()
	outside := false
	for _, s := range im.Symbols() {
		if strings.Contains(s.Name, "clock_gettime") && s.Size > 0 && !im.InFirstLoad(s) {
			outside = true
		}
	}
	registerG := runtime.GOARCH != "amd64" && runtime.GOARCH != "386"
	switch {
	case registerG && outside:
		if !strings.HasPrefix(mode, "off:") || !strings.Contains(mode, "outside the vDSO range") {
			t.Errorf("clock_gettime lies outside the runtime's vDSO range, yet init says: %s", mode)
		}
	case !strings.HasPrefix(mode, "direct"):
		t.Errorf("direct vDSO calls are off: %s", mode)
	}
	if !strings.HasPrefix(VDSOMode(), "direct") || vdsoClockGettime == 0 {
		t.Errorf("the tests do not call the vDSO directly: %s", VDSOMode())
	}
}
