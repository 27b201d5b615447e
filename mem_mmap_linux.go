//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The mapping calls (spec/memory.spec): mmap and its per-arch forms, munmap, mremap,
// mprotect, pkey_mprotect, madvise, process_madvise, mseal, mincore, map_shadow_stack. They
// keep the table of mem_linux.go.

// mapAt maps length bytes at addr with do (the arch's row), under the rule of MAP_FIXED:
// it replaces only ranges the table covers, and elsewhere becomes MAP_FIXED_NOREPLACE.
func mapAt(addr, length uintptr, flags MapFlags, do func(addr uintptr, flags MapFlags) (uintptr, raw.Errno)) (uintptr, error) {
	if length == 0 {
		return 0, EINVAL
	}
	if flags&MAP_FIXED == 0 {
		r, e := do(addr, flags)
		if e != 0 {
			return 0, e
		}
		if flags&MAP_FIXED_NOREPLACE != 0 && r != addr {
			return 0, unmapStray(r, length)
		}
		mappings.mu.Lock()
		remember(r, length)
		mappings.mu.Unlock()
		return r, nil
	}
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	if !covered(addr, length) {
		flags = flags&^MAP_FIXED | MAP_FIXED_NOREPLACE
	}
	r, e := do(addr, flags)
	if e != 0 {
		return 0, e
	}
	if r != addr {
		return 0, unmapStray(r, length)
	}
	remember(r, length)
	return r, nil
}

// unmapStray undoes a mapping that a kernel older than 4.17, which ignores
// MAP_FIXED_NOREPLACE, put elsewhere than asked, and reports that the place was taken.
func unmapStray(r, length uintptr) error {
	raw.Syscall(SYS_MUNMAP, r, length, 0)
	return EEXIST
}

// Mmap maps length bytes of fd from offset (MAP_ANONYMOUS: fd -1, offset 0) wherever the
// kernel chooses, and returns the mapping as a []byte of that length, outside the Go heap,
// for Munmap to release.
//
// length 0 is EINVAL; MAP_FIXED is EINVAL here (it needs an address: MmapPtr). The slice
// stays valid until Munmap: touching it after is a fault the runtime reports as a crash.
// On 32-bit arches it makes mmap2, whose 4096-byte units reach offsets up to 2^44 (offset
// must be a multiple of 4096); on s390x mmap's struct form. With MAP_HUGETLB, length must
// be a multiple of the huge page size.
//
// See [mmap(2)].
//
// [mmap(2)]: https://man7.org/linux/man-pages/man2/mmap.2.html
func Mmap(fd FD, offset int64, length int, prot Prot, flags MapFlags) ([]byte, error) {
	if length <= 0 || flags&(MAP_FIXED|MAP_FIXED_NOREPLACE) != 0 {
		return nil, EINVAL
	}
	r, err := mapAt(0, uintptr(length), flags, func(a uintptr, f MapFlags) (uintptr, raw.Errno) {
		return mmapRow(a, uintptr(length), prot, f, fd, offset)
	})
	if err != nil {
		return nil, err
	}
	return bytesAt(r, length), nil
}

// MmapPtr is Mmap with an address: a hint, or with MAP_FIXED_NOREPLACE the place to map
// (EEXIST if anything is mapped there), or with MAP_FIXED the place to replace.
//
// MAP_FIXED replaces only memory that this package mapped (Mmap, MmapPtr, Mremap, Shmat...);
// over anything else it acts as MAP_FIXED_NOREPLACE, and fails with EEXIST where the Go
// heap, a stack or any other mapping is, so it never replaces memory the runtime owns. The
// mapping is released with MunmapPtr (or Munmap of a slice over it).
//
// See [mmap(2)].
//
// [mmap(2)]: https://man7.org/linux/man-pages/man2/mmap.2.html
func MmapPtr(addr unsafe.Pointer, length uintptr, prot Prot, flags MapFlags, fd FD, offset int64) (unsafe.Pointer, error) {
	r, err := mapAt(uintptr(addr), length, flags, func(a uintptr, f MapFlags) (uintptr, raw.Errno) {
		return mmapRow(a, length, prot, f, fd, offset)
	})
	if err != nil {
		return nil, err
	}
	return addrPointer(r), nil
}

// Munmap unmaps the pages of b, which must lie inside mappings that this package made
// (Mmap, MmapPtr, Mremap, Shmat...); any other slice is EINVAL, so that Go memory is never
// unmapped.
//
// b may be a page-aligned part of a mapping (the rest stays mapped). Every slice over the
// unmapped pages becomes invalid: touching one faults.
//
// See [munmap(2)].
//
// [munmap(2)]: https://man7.org/linux/man-pages/man2/munmap.2.html
func Munmap(b []byte) error {
	if len(b) == 0 {
		return EINVAL
	}
	return munmapRange(sliceAddr(b), uintptr(len(b)))
}

// MunmapPtr is Munmap of the length bytes at addr.
//
// See [munmap(2)].
//
// [munmap(2)]: https://man7.org/linux/man-pages/man2/munmap.2.html
func MunmapPtr(addr unsafe.Pointer, length uintptr) error {
	return munmapRange(uintptr(addr), length)
}

func munmapRange(a, n uintptr) error {
	if n == 0 {
		return EINVAL
	}
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	if !covered(a, n) {
		return EINVAL
	}
	forget(a, n) // first: a concurrent Mprotect of the range from now on is EINVAL
	if _, _, e := raw.Syscall(SYS_MUNMAP, a, n, 0); e != 0 {
		remember(a, n)
		return e
	}
	return nil
}

// Mremap resizes the mapping b (a whole mapping from Mmap or a page-aligned part of one),
// moving it with MREMAP_MAYMOVE, and returns the slice over its new place and length; b is
// invalid afterwards unless the result starts where b did.
//
// MREMAP_FIXED needs a target: MremapPtr. MREMAP_DONTUNMAP leaves b's pages mapped (and
// empty, for private anonymous memory).
//
// See [mremap(2)].
//
// [mremap(2)]: https://man7.org/linux/man-pages/man2/mremap.2.html
func Mremap(b []byte, newLength int, flags MremapFlags) ([]byte, error) {
	if len(b) == 0 || newLength <= 0 || flags&MREMAP_FIXED != 0 {
		return nil, EINVAL
	}
	r, err := mremapRange(sliceAddr(b), uintptr(len(b)), uintptr(newLength), flags, 0)
	if err != nil {
		return nil, err
	}
	return bytesAt(r, newLength), nil
}

// MremapPtr is Mremap with addresses; with MREMAP_FIXED the target range newAddr must lie
// inside mappings this package made (EINVAL otherwise: the kernel would replace whatever is
// there).
//
// See [mremap(2)].
//
// [mremap(2)]: https://man7.org/linux/man-pages/man2/mremap.2.html
func MremapPtr(oldAddr unsafe.Pointer, oldLength, newLength uintptr, flags MremapFlags, newAddr unsafe.Pointer) (unsafe.Pointer, error) {
	r, err := mremapRange(uintptr(oldAddr), oldLength, newLength, flags, uintptr(newAddr))
	if err != nil {
		return nil, err
	}
	return addrPointer(r), nil
}

func mremapRange(old, oldLen, newLen uintptr, flags MremapFlags, newAddr uintptr) (uintptr, error) {
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	// An old length of 0 duplicates a shared mapping: old must still be inside one.
	if !covered(old, max(oldLen, 1)) || flags&MREMAP_FIXED != 0 && !covered(newAddr, newLen) {
		return 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_MREMAP, old, oldLen, newLen, uintptr(flags), newAddr, 0)
	if e != 0 {
		return 0, e
	}
	if flags&MREMAP_DONTUNMAP == 0 {
		forget(old, oldLen)
	}
	remember(r, newLen)
	return r, nil
}

// inTable makes system call num on the range [a, a+n) (its first two arguments) if the
// table covers the range; EINVAL otherwise.
func inTable(num, a, n, a3, a4 uintptr) error {
	if !covered(a, n) {
		return EINVAL
	}
	if _, _, e := raw.Syscall6(num, a, n, a3, a4, 0, 0); e != 0 {
		return e
	}
	return nil
}

// Mprotect sets the protection (PROT_READ, PROT_WRITE, PROT_EXEC, PROT_NONE) of the pages of
// b, which must lie inside mappings this package made (EINVAL for Go memory, which the
// runtime must be able to write).
//
// A write to a page without PROT_WRITE, or any access without PROT_READ, faults: the
// runtime reports it as a crash (debug.SetPanicOnFault turns it into a panic).
//
// See [mprotect(2)].
//
// [mprotect(2)]: https://man7.org/linux/man-pages/man2/mprotect.2.html
func Mprotect(b []byte, prot Prot) error {
	return inTable(SYS_MPROTECT, sliceAddr(b), uintptr(len(b)), uintptr(prot), 0)
}

// PkeyMprotect is Mprotect that also tags the pages with protection key pkey (from
// PkeyAlloc; -1: the default key); the same rule for b.
//
// See [pkey_mprotect(2)].
//
// [pkey_mprotect(2)]: https://man7.org/linux/man-pages/man2/pkey_mprotect.2.html
func PkeyMprotect(b []byte, prot Prot, pkey int) error {
	return inTable(SYS_PKEY_MPROTECT, sliceAddr(b), uintptr(len(b)), uintptr(prot), uintptr(pkey))
}

// Mseal seals the pages of b: their mapping, protection and (for read-only private memory)
// contents can no longer change (munmap, mremap, mprotect and MAP_FIXED over them fail with
// EPERM) until the process exits; b must lie inside mappings this package made; flags must
// be 0.
//
// Sealed memory is never released: Munmap of it fails with EPERM.
//
// See [mseal(2)].
//
// [mseal(2)]: https://man7.org/linux/man-pages/man2/mseal.2.html
func Mseal(b []byte, flags uint) error {
	return inTable(SYS_MSEAL, sliceAddr(b), uintptr(len(b)), uintptr(flags), 0)
}

// harmlessAdvice reports advice that keeps the contents of the pages and their
// accessibility (in this process and in a forked child): the rest needs memory from the
// table. An advice unknown here counts as destructive.
func harmlessAdvice(advice MadviseAdvice) bool {
	switch advice {
	case MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_MERGEABLE,
		MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP, MADV_DODUMP,
		MADV_DOFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT, MADV_POPULATE_READ,
		MADV_POPULATE_WRITE, MADV_COLLAPSE, MADV_GUARD_REMOVE:
		return true
	}
	return false
}

// Madvise gives the kernel advice (MADV_*) about the pages of b.
//
// The advice that discards or hides data (MADV_DONTNEED, MADV_FREE, MADV_REMOVE,
// MADV_DONTFORK, MADV_WIPEONFORK, MADV_GUARD_INSTALL, MADV_HWPOISON, MADV_DONTNEED_LOCKED)
// needs b inside mappings this package made (EINVAL for Go memory, whose neighbours on the
// same pages it would destroy); the rest (MADV_WILLNEED, MADV_SEQUENTIAL, MADV_HUGEPAGE,
// MADV_COLD, MADV_PAGEOUT...) takes any memory.
//
// See [madvise(2)].
//
// [madvise(2)]: https://man7.org/linux/man-pages/man2/madvise.2.html
func Madvise(b []byte, advice MadviseAdvice) error {
	if !harmlessAdvice(advice) {
		return inTable(SYS_MADVISE, sliceAddr(b), uintptr(len(b)), uintptr(advice), 0)
	}
	_, _, e := raw.Syscall(SYS_MADVISE, uintptr(sliceData(b)), uintptr(len(b)), uintptr(advice))
	if e != 0 {
		return e
	}
	return nil
}

// ProcessMadvise gives advice about the ranges of iov in the address space of the process
// of pidfd and returns how many bytes it advised; flags must be 0.
//
// For another process the kernel takes only MADV_COLD, MADV_PAGEOUT, MADV_WILLNEED and
// MADV_COLLAPSE (and CAP_SYS_NICE). Any other advice acts on the caller's own memory, so
// its ranges follow Madvise's rule: the destructive advice needs them inside mappings this
// package made (EINVAL otherwise).
//
// See [process_madvise(2)].
//
// [process_madvise(2)]: https://man7.org/linux/man-pages/man2/process_madvise.2.html
func ProcessMadvise(pidfd FD, iov []Iovec, advice MadviseAdvice, flags uint32) (int, error) {
	destructive := !harmlessAdvice(advice)
	if destructive {
		for i := range iov {
			if !covered(uintptr(unsafe.Pointer(iov[i].Base)), uintptr(iov[i].Len)) {
				return 0, EINVAL
			}
		}
	}
	r, _, e := raw.Syscall6(SYS_PROCESS_MADVISE, uintptr(pidfd), uintptr(sliceData(iov)), uintptr(len(iov)),
		uintptr(advice), uintptr(flags), 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// Mincore reports which pages of b are resident: bit 0 of vec[i] for the i-th page; vec
// must have a byte for every page (EINVAL otherwise, before the kernel writes); b must start
// on a page boundary.
//
// See [mincore(2)].
//
// [mincore(2)]: https://man7.org/linux/man-pages/man2/mincore.2.html
func Mincore(b, vec []byte) error {
	if ps := pageBytes(); uintptr(len(vec)) < (uintptr(len(b))+ps-1)/ps {
		return EINVAL
	}
	_, _, e := raw.Syscall(SYS_MINCORE, uintptr(sliceData(b)), uintptr(len(b)), uintptr(sliceData(vec)))
	if e != 0 {
		return e
	}
	return nil
}
