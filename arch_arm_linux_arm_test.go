//go:build linux

package linux

import (
	"runtime"
	"testing"

	"github.com/rawlinux/linux/raw"
)

// arm's private calls: cacheflush, set_tls and get_tls; the raw-only ones are not made
// (breakpoint and usr26/usr32 end in a fatal signal).
func TestArmPrivateCalls(t *testing.T) {
	code := make([]byte, 256)
	err := Cacheflush(code, 0)
	skipUnsupported(t, "cacheflush", err)
	must(t, "cacheflush", err)
	if err := Cacheflush(code, 1); err == nil && qemuUser() {
		t.Log("qemu-arm's cacheflush ignores its flags")
	} else {
		wantErrno(t, "cacheflush with flags", err, EINVAL)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	old := GetTls()
	err = SetTls(0x12345678)
	skipUnsupported(t, "set_tls", err)
	must(t, "set_tls", err)
	got := GetTls()
	must(t, "restore", SetTls(old))
	if got != 0x12345678 || GetTls() != old {
		t.Fatalf("get_tls %#x after set_tls 0x12345678 (restored %#x, was %#x)", got, GetTls(), old)
	}
	// The numbers from __ARM_NR_BASE+7 to +0x7ff are reserved and answer ENOSYS.
	_, _, e := raw.RawSyscall(0x0f0000+0x7f0, 0, 0, 0)
	if e != ENOSYS {
		t.Fatalf("a reserved private number: %v, want ENOSYS", e)
	}
}
