//go:build linux && (amd64 || 386 || arm || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package linux

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The runtime-internal offsets the trampolines use (zgoffsets_linux.h, generated with their
// Go twins in zgoffsets_linux_notmips.go from the runtime's go_asm.h by internal/gen/goffsets):
// on the register-g arches to make direct vDSO calls safe at all, on amd64 and 386 only to
// set m.vdsoPC and m.vdsoSP so that profile samples inside the vDSO unwind to the Go caller.
// vdsoValidate checks them before any use.

func vdsoGetg() uintptr

func vdsoGetsp() uintptr

func vdsoPeek(addr uintptr) uintptr

// vdsoValidate checks the runtime offsets against facts from elsewhere, on one locked
// thread: the Go release; g.m.curg is g; m.procid is the thread id gettid(2) returns;
// m.gsignal's stack is the alternate signal stack sigaltstack(2) reports (ss_sp and
// ss_size) and gsignal.m, g0.m are m; the current SP lies within g.stack; g0.sched.sp lies
// within g0.stack; m.vdsoSP is 0 outside a vDSO call.
func vdsoValidate() error {
	if v := runtime.Version(); v != vdsoRuntimeRelease && !strings.HasPrefix(v, vdsoRuntimeRelease+".") {
		return fmt.Errorf("runtime offsets are known for %s, this is %s", vdsoRuntimeRelease, v)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	g := vdsoGetg()
	sp := vdsoGetsp()
	if g == 0 {
		return errors.New("no g")
	}
	m := vdsoPeek(g + vgGM)
	if m == 0 || vdsoPeek(m+vgMCurg) != g {
		return errors.New("g.m.curg is not g")
	}
	if lo, hi := vdsoPeek(g+vgStackLo), vdsoPeek(g+vgStackHi); !(lo <= sp && sp < hi) {
		return fmt.Errorf("SP %#x not within g.stack [%#x, %#x)", sp, lo, hi)
	}
	tid, _, _ := raw.RawSyscall(SYS_GETTID, 0, 0, 0)
	if vdsoPeek(m+vgMProcid) != tid {
		return errors.New("m.procid is not the thread id")
	}
	var ss [3]uintptr // stack_t: ss_sp, ss_flags (int, padded on 64-bit), ss_size
	if _, _, e := raw.RawSyscall(SYS_SIGALTSTACK, 0, uintptr(unsafe.Pointer(&ss)), 0); e != 0 {
		return fmt.Errorf("sigaltstack: %v", e)
	}
	gs := vdsoPeek(m + vgMGsignal)
	if gs == 0 || ss[0] == 0 || vdsoPeek(gs+vgStackLo) != ss[0] || vdsoPeek(gs+vgStackHi) != ss[0]+ss[2] || vdsoPeek(gs+vgGM) != m {
		return errors.New("m.gsignal.stack is not the thread's sigaltstack")
	}
	g0 := vdsoPeek(m + vgMG0)
	if g0 == 0 || vdsoPeek(g0+vgGM) != m {
		return errors.New("m.g0.m is not m")
	}
	if lo, hi, s := vdsoPeek(g0+vgStackLo), vdsoPeek(g0+vgStackHi), vdsoPeek(g0+vgGSchedSP); !(lo < s && s <= hi) {
		return fmt.Errorf("g0.sched.sp %#x not within g0.stack [%#x, %#x)", s, lo, hi)
	}
	if vdsoPeek(m+vgMVdsoSP) != 0 {
		return errors.New("m.vdsoSP is not 0 outside a vDSO call")
	}
	return nil
}
