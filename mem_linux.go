//go:build linux

package linux

import (
	"os"
	"sync"
	"unsafe"
)

// The table of the mappings this package made (Mmap, MmapPtr, Mmap2, Mmap32, Mremap,
// Shmat, MapShadowStack). The calls that destroy memory or take it away (munmap, mremap,
// mprotect, mseal, MAP_FIXED, SHM_REMAP, the destructive madvise advice) act only on ranges
// it covers, so that they can never reach memory the Go runtime owns: its heap, the
// goroutine stacks, the binary, the runtime's own mappings.
//
// Locking: a call that changes the table holds the write lock from before its system call
// until the table says what the kernel did (munmap, mremap, MAP_FIXED); a call that only
// checks a range holds the read lock across its system call (mprotect, madvise, mseal), so
// that no Munmap can hand a checked range back to the kernel, and the kernel to the runtime,
// before the call lands. A plain mmap (the kernel chooses the address) adds its range after
// the call: the kernel gave out an address no one else holds.

// pageSize is the kernel's page size (AT_PAGESZ): mappings and their lengths are whole
// pages of it.
var pageSize = uintptr(os.Getpagesize())

// pageRound rounds n up to whole pages (0 on overflow).
func pageRound(n uintptr) uintptr {
	r := (n + pageSize - 1) &^ (pageSize - 1)
	if r < n {
		return 0
	}
	return r
}

// span is the address range [start, end) of one mapping (or part of one).
type span struct{ start, end uintptr }

var mappings struct {
	mu    sync.RWMutex
	spans []span              // sorted by start, disjoint
	shm   map[uintptr]uintptr // Shmat: the address of each attached segment -> its size
}

// firstEnding returns the index of the first span that ends after a.
func firstEnding(a uintptr) int {
	l := mappings.spans
	lo, hi := 0, len(l)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l[m].end <= a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// covered reports whether the pages of [start, start+n) lie inside the table, the lock held.
// A length of 0 is covered: the kernel's calls touch nothing for it.
func covered(start, n uintptr) bool {
	if n == 0 {
		return true
	}
	r := pageRound(n)
	end := start + r
	if r == 0 || end < start {
		return false
	}
	l := mappings.spans
	for i, p := firstEnding(start), start; p < end; i++ {
		if i == len(l) || l[i].start > p {
			return false
		}
		p = l[i].end
	}
	return true
}

// forget removes the pages of [start, start+n) from the table, the write lock held.
func forget(start, n uintptr) {
	r := pageRound(n)
	end := start + r
	if r == 0 || end < start {
		end = ^uintptr(0)
	}
	l := mappings.spans
	i := firstEnding(start)
	for i < len(l) && l[i].start < end {
		s := l[i]
		switch {
		case s.start < start && s.end > end: // a hole in the middle: split
			l = append(l, span{})
			copy(l[i+2:], l[i+1:])
			l[i] = span{s.start, start}
			l[i+1] = span{end, s.end}
			i += 2
		case s.start < start: // the tail goes
			l[i].end = start
			i++
		case s.end > end: // the head goes
			l[i].start = end
			i++
		default: // all of it goes
			l = append(l[:i], l[i+1:]...)
		}
	}
	mappings.spans = l
}

// remember adds the pages of [start, start+n) to the table, the write lock held. Whatever
// the table said about that range before is replaced: the kernel has just mapped it.
func remember(start, n uintptr) {
	r := pageRound(n)
	if r == 0 || start+r < start {
		return
	}
	forget(start, n)
	l := mappings.spans
	i := firstEnding(start)
	l = append(l, span{})
	copy(l[i+1:], l[i:])
	l[i] = span{start, start + r}
	mappings.spans = l
}

// addrPointer turns an address the kernel returned (a mapping outside the Go heap) into a
// pointer.
func addrPointer(a uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&a)) }

// bytesAt is the []byte of n bytes at address a (outside the Go heap).
func bytesAt(a uintptr, n int) []byte { return unsafe.Slice((*byte)(addrPointer(a)), n) }

// sliceAddr is the address of b's first byte (0 for an empty b).
func sliceAddr(b []byte) uintptr {
	if len(b) == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(b)))
}
