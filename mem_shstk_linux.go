//go:build linux && !(ppc64 || ppc64le)

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// MapShadowStack maps a new shadow stack of size bytes (with SHADOW_STACK_SET_TOKEN, a
// restore token at its top) and returns its address; addr, if not nil, is where (never over
// an existing mapping: the kernel uses MAP_FIXED_NOREPLACE).
//
// EOPNOTSUPP where the CPU has no user shadow stacks, ENOSYS where the kernel is built
// without them (ppc64 has no such row). The mapping is recorded like Mmap's: MunmapPtr
// releases it.
//
// See [map_shadow_stack(2)].
//
// [map_shadow_stack(2)]: https://man7.org/linux/man-pages/man2/map_shadow_stack.2.html
func MapShadowStack(addr unsafe.Pointer, size uintptr, flags ShadowStackFlags) (unsafe.Pointer, error) {
	r, _, e := raw.Syscall(SYS_MAP_SHADOW_STACK, uintptr(addr), size, uintptr(flags))
	if e != 0 {
		return nil, e
	}
	mappings.mu.Lock()
	remember(r, size)
	mappings.mu.Unlock()
	return addrPointer(r), nil
}
