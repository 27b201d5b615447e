//go:build linux

package linux

import (
	"math/bits"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The NUMA policy calls (spec/memory.spec). A node mask is a []uint: the kernel's array of
// unsigned long, whose width Go's uint has on every arch.

// maxnode is the kernel's maxnode for a mask of n words: its bits plus one, because
// get_nodes reads maxnode-1 bits (mm/mempolicy.c).
func maxnode(n int) uintptr {
	if n == 0 {
		return 0
	}
	return uintptr(n)*bits.UintSize + 1
}

// Mbind sets the NUMA policy (MPOL_BIND, MPOL_INTERLEAVE, MPOL_PREFERRED...) of the pages of b
// over the nodes of the mask; MPOL_MF_MOVE also moves pages already placed (their contents
// stay: any memory, Go heap included).
//
// See [mbind(2)].
//
// [mbind(2)]: https://man7.org/linux/man-pages/man2/mbind.2.html
func Mbind(b []byte, mode MempolicyMode, nodes []uint, flags MbindFlags) error {
	_, _, e := raw.Syscall6(SYS_MBIND, uintptr(sliceData(b)), uintptr(len(b)), uintptr(mode),
		uintptr(unsafe.Pointer(unsafe.SliceData(nodes))), maxnode(len(nodes)), uintptr(flags))
	if e != 0 {
		return e
	}
	return nil
}

// SetMempolicy sets the NUMA policy of the calling thread over the nodes of the mask
// (MPOL_DEFAULT with nil).
//
// The policy is per thread: lock the goroutine to its thread (runtime.LockOSThread) for it
// to mean anything.
//
// See [set_mempolicy(2)].
//
// [set_mempolicy(2)]: https://man7.org/linux/man-pages/man2/set_mempolicy.2.html
func SetMempolicy(mode MempolicyMode, nodes []uint) error {
	_, _, e := raw.Syscall(SYS_SET_MEMPOLICY, uintptr(mode), uintptr(unsafe.Pointer(unsafe.SliceData(nodes))),
		maxnode(len(nodes)))
	if e != 0 {
		return e
	}
	return nil
}

// GetMempolicy returns the calling thread's NUMA policy and fills nodes with its node mask
// (nil: no mask); MPOL_F_ADDR: the policy of the page at addr; MPOL_F_NODE: with
// MPOL_F_ADDR the node of that page (as the result), else the next interleave node;
// MPOL_F_MEMS_ALLOWED: the nodes the thread may use.
//
// nodes must have a bit for every node of the machine (EINVAL otherwise). The kernel
// writes its mask in 64-bit units: on 32-bit arches an odd number of words goes through a
// buffer one word longer, so that it never writes past nodes.
//
// See [get_mempolicy(2)].
//
// [get_mempolicy(2)]: https://man7.org/linux/man-pages/man2/get_mempolicy.2.html
func GetMempolicy(nodes []uint, addr unsafe.Pointer, flags GetMempolicyFlags) (MempolicyMode, error) {
	words := nodes
	var stack [16]uint
	if bits.UintSize == 32 && len(nodes)%2 == 1 {
		if len(nodes) < len(stack) {
			words = stack[:len(nodes)+1]
		} else {
			words = make([]uint, len(nodes)+1)
		}
	}
	var mode int32
	_, _, e := raw.Syscall6(SYS_GET_MEMPOLICY, uintptr(unsafe.Pointer(&mode)),
		uintptr(unsafe.Pointer(unsafe.SliceData(words))), maxnode(len(words)), uintptr(addr), uintptr(flags), 0)
	if e != 0 {
		return 0, e
	}
	if len(words) != len(nodes) {
		copy(nodes, words)
	}
	return MempolicyMode(mode), nil
}

// MigratePages moves the pages of process pid (0: the caller) on the nodes of oldNodes to
// those of newNodes and returns how many pages it could not move; the two masks must have
// the same length (EINVAL).
//
// See [migrate_pages(2)].
//
// [migrate_pages(2)]: https://man7.org/linux/man-pages/man2/migrate_pages.2.html
func MigratePages(pid PID, oldNodes, newNodes []uint) (int, error) {
	if len(oldNodes) != len(newNodes) {
		return 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_MIGRATE_PAGES, uintptr(pid), maxnode(len(oldNodes)),
		uintptr(unsafe.Pointer(unsafe.SliceData(oldNodes))), uintptr(unsafe.Pointer(unsafe.SliceData(newNodes))), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// MovePages moves each page of pages (addresses in process pid, 0: the caller) to the node
// of the same index in nodes, or with nodes nil reports each page's node, and returns how
// many pages it could not move; status[i] receives the node or a negative errno; status, and
// nodes if not nil, must be as long as pages (EINVAL).
//
// See [move_pages(2)].
//
// [move_pages(2)]: https://man7.org/linux/man-pages/man2/move_pages.2.html
func MovePages(pid PID, pages []unsafe.Pointer, nodes, status []int32, flags MbindFlags) (int, error) {
	if len(status) < len(pages) || nodes != nil && len(nodes) < len(pages) {
		return 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_MOVE_PAGES, uintptr(pid), uintptr(len(pages)),
		uintptr(unsafe.Pointer(unsafe.SliceData(pages))), uintptr(unsafe.Pointer(unsafe.SliceData(nodes))),
		uintptr(sliceData(status)), uintptr(flags))
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}
