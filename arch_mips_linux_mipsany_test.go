//go:build linux && (mips || mipsle || mips64 || mips64le)

package linux

import (
	"runtime"
	"testing"
)

func TestMipsCacheCalls(t *testing.T) {
	code := make([]byte, 64)
	err := Cacheflush(code, BCACHE)
	skipUnsupported(t, "cacheflush", err)
	must(t, "cacheflush", err)
	must(t, "cacheflush of nothing", Cacheflush(nil, BCACHE))
	// cachectl is a stub in Linux (arch/mips/kernel/syscall.c: return -ENOSYS).
	wantErrno(t, "cachectl", Cachectl(code, CACHEABLE), ENOSYS)
}

func TestSysmips(t *testing.T) {
	// MIPS_FIXADE with its default (fix up, do not log) is a no-op; SETNAME is gone.
	_, err := Sysmips(MIPS_FIXADE, 1, 0)
	skipUnsupported(t, "sysmips", err)
	must(t, "sysmips MIPS_FIXADE", err)
	_, err = Sysmips(MIPS_FIXADE, 4, 0)
	wantErrno(t, "MIPS_FIXADE with bit 2", err, EINVAL)
	_, err = Sysmips(SETNAME, 0, 0)
	wantErrno(t, "SETNAME", err, EINVAL)
}

func TestMipsSetThreadArea(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	old := threadPointer()
	err := SetThreadArea(0x12345670)
	skipUnsupported(t, "set_thread_area", err)
	must(t, "set_thread_area", err)
	got := threadPointer()
	must(t, "restore", SetThreadArea(old))
	if got != 0x12345670 || threadPointer() != old {
		t.Fatalf("UserLocal %#x after setting 0x12345670 (restored %#x, was %#x)", got, threadPointer(), old)
	}
}
