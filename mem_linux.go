//go:build linux

package linux

import (
	"math/bits"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"
)

// The table of the mappings this package made (Mmap, MmapPtr, Mmap2, Mmap32, Mremap,
// Shmat, MapShadowStack). The calls that destroy memory or take it away (munmap, mremap,
// mprotect, mseal, MAP_FIXED, SHM_REMAP, the destructive madvise advice) act only on ranges
// it covers, so that they can never reach memory the Go runtime owns: its heap, the
// goroutine stacks, the binary, the runtime's own mappings.
//
// The table is one bit per page, in a radix tree of bitmaps that grows as mappings appear
// (a leaf covers 2^15 pages; nothing is freed, so a process that keeps mapping and unmapping
// allocates nothing after the first time). Reading it takes no lock: covered is a few loads
// (a lock around mprotect or madvise cost 11 ns there, 5% of the call). The calls that
// change it hold mappings.mu from before their system call until the table says what the
// kernel did (munmap, mremap, MAP_FIXED, shmat, shmdt), so they are serialised with each
// other: a MAP_FIXED can never land on a range that a concurrent Munmap just gave back.
// Munmap takes its pages out of the table before the call. What the table cannot do is
// serialise a Munmap with another goroutine's Mprotect or Madvise of the same range: that
// is a data race of the program, as it is in C.

// pageSize is the kernel's page size (AT_PAGESZ): mappings and their lengths are whole
// pages of it.
var pageSize = uintptr(os.Getpagesize())

var pageShift = uint(bits.TrailingZeros64(uint64(pageSize)))

// pageRound rounds n up to whole pages (0 on overflow).
func pageRound(n uintptr) uintptr {
	r := (n + pageSize - 1) &^ (pageSize - 1)
	if r < n {
		return 0
	}
	return r
}

// The radix tree: page number = address >> pageShift (at most 52 bits, for 4 KiB pages);
// its low leafBits bits index a leaf's bitmap, the next dirBits a dir2, the next dirBits a
// dir1, the rest (rootBits at most) the root.
const (
	leafBits = 15
	dirBits  = 12
	rootBits = 64 - 12 - leafBits - 2*dirBits // 13
)

type (
	pageLeaf struct {
		chunk uint64 // its page numbers >> leafBits
		words [1 << (leafBits - 6)]atomic.Uint64
	}
	pageDir2 [1 << dirBits]atomic.Pointer[pageLeaf]
	pageDir1 [1 << dirBits]atomic.Pointer[pageDir2]
)

var mappings struct {
	mu   sync.Mutex                              // held by every change of the table
	root [1 << rootBits]atomic.Pointer[pageDir1] // in bss: only what is used is touched
	shm  map[uintptr]uintptr                     // Shmat: the address of each attached segment -> its size
	hot  atomic.Pointer[pageLeaf]                // the leaf changed last: most lookups need no walk
}

// leafOf returns the leaf of chunk (a page number >> leafBits), nil if there is none and
// create is false; creating one needs mappings.mu.
func leafOf(chunk uint64, create bool) *pageLeaf {
	if h := mappings.hot.Load(); h != nil && h.chunk == chunk {
		return h
	}
	r := &mappings.root[chunk>>(2*dirBits)&(1<<rootBits-1)]
	d1 := r.Load()
	if d1 == nil {
		if !create {
			return nil
		}
		d1 = new(pageDir1)
		r.Store(d1)
	}
	p2 := &d1[chunk>>dirBits&(1<<dirBits-1)]
	d2 := p2.Load()
	if d2 == nil {
		if !create {
			return nil
		}
		d2 = new(pageDir2)
		p2.Store(d2)
	}
	p3 := &d2[chunk&(1<<dirBits-1)]
	l := p3.Load()
	if l == nil {
		if !create {
			return nil
		}
		l = &pageLeaf{chunk: chunk}
		p3.Store(l)
	}
	return l
}

// pageRange is the first and last page of [start, start+n); ok is false for an empty or
// overflowing range. (For a page-aligned start, as the kernel requires, these are the pages
// of n rounded up to pages.)
func pageRange(start, n uintptr) (first, last uint64, ok bool) {
	end := start + n - 1
	if n == 0 || end < start {
		return 0, 0, false
	}
	return uint64(start) >> pageShift, uint64(end) >> pageShift, true
}

// wordMask is the mask of the bits of pages pn..last (inclusive) in pn's word, and the page
// after the word's last page it covers.
func wordMask(pn, last uint64) (mask uint64, next uint64) {
	lo := pn & 63
	hi := uint64(63)
	if last>>6 == pn>>6 {
		hi = last & 63
	}
	mask = ^uint64(0) >> (63 - hi) &^ (1<<lo - 1)
	return mask, pn - lo + hi + 1
}

// covered reports whether the pages of [start, start+n) are all in the table. A length of
// 0 is covered: the kernel's calls touch nothing for it. It takes no lock.
func covered(start, n uintptr) bool {
	if n == 0 {
		return true
	}
	first, last, ok := pageRange(start, n)
	if !ok {
		return false
	}
	if first>>6 == last>>6 { // one word of one leaf: the common case
		l := leafOf(first>>leafBits, false)
		mask := ^uint64(0) >> (63 - last&63) &^ (1<<(first&63) - 1)
		return l != nil && l.words[first>>6&(1<<(leafBits-6)-1)].Load()&mask == mask
	}
	for pn := first; pn <= last; {
		l := leafOf(pn>>leafBits, false)
		if l == nil {
			return false
		}
		mask, next := wordMask(pn, last)
		if l.words[pn>>6&(1<<(leafBits-6)-1)].Load()&mask != mask {
			return false
		}
		if next == 0 { // the last page of the address space
			break
		}
		pn = next
	}
	return true
}

// mark sets (or clears) the pages of [start, start+n) in the table, mappings.mu held.
func mark(start, n uintptr, set bool) {
	first, last, ok := pageRange(start, n)
	if !ok {
		return
	}
	for pn := first; pn <= last; {
		l := leafOf(pn>>leafBits, set)
		mask, next := wordMask(pn, last)
		if l != nil {
			if set && mappings.hot.Load() != l {
				mappings.hot.Store(l)
			}
			w := &l.words[pn>>6&(1<<(leafBits-6)-1)]
			if set {
				w.Or(mask)
			} else {
				w.And(^mask)
			}
		}
		if next == 0 {
			break
		}
		pn = next
	}
}

// remember adds the pages of [start, start+n) to the table, mappings.mu held.
func remember(start, n uintptr) { mark(start, n, true) }

// forget removes the pages of [start, start+n) from the table, mappings.mu held.
func forget(start, n uintptr) { mark(start, n, false) }

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
