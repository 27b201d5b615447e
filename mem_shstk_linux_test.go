//go:build linux && !(ppc64 || ppc64le)

package linux

import (
	"errors"
	"strings"
	"testing"
)

func TestMapShadowStack(t *testing.T) {
	p, err := MapShadowStack(nil, pageSize, 1) // SHADOW_STACK_SET_TOKEN where the arch defines it
	skipUnsupported(t, "map_shadow_stack", err)
	if err != nil {
		// EOPNOTSUPP: the CPU has none; ENOSYS: the kernel is built without them
		// (CONFIG_X86_USER_SHADOW_STACK, CONFIG_ARM64_GCS...: sys_ni_syscall).
		var e Errno
		if !errors.As(err, &e) || e != EOPNOTSUPP && e != ENOSYS {
			t.Fatalf("map_shadow_stack: %v (want a mapping, or EOPNOTSUPP/ENOSYS without user shadow stacks)", err)
		}
		t.Logf("no user shadow stacks on this CPU or kernel: map_shadow_stack = %s", e.Name())
		return
	}
	if !qemuUser() && !strings.Contains(smapsOf(t, uintptr(p)), " ss") { // qemu's smaps are the host's
		t.Error("the shadow stack's VmFlags lack ss")
	}
	must(t, "munmap of the shadow stack", MunmapPtr(p, pageSize))
	_, err = MapShadowStack(nil, pageSize, 0x80)
	wantErrno(t, "map_shadow_stack with an unknown flag", err, EINVAL)
}
