//go:build linux

package linux

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// The table of the mappings this package made (Mmap, MmapPtr, Mmap2, Mmap32, Mremap,
// Shmat, MapShadowStack). The calls that destroy memory or take it away (munmap, mremap,
// mprotect, mseal, MAP_FIXED, SHM_REMAP, the destructive madvise advice) act only on ranges
// it covers, so that they can never reach memory the Go runtime owns: its heap, the
// goroutine stacks, the binary, the runtime's own mappings.
//
// What goes wrong without it: the kernel unmaps, protects or replaces whatever range it is
// given. Munmap of a slice of the Go heap (a make([]byte) that happens to be page-aligned, or
// a slice the caller thinks came from Mmap) unmaps the heap pages under the objects around
// it, and the runtime or the next goroutine faults far from the mistake, or, once the kernel
// reuses the hole for the next mmap, writes into a stranger's mapping without faulting at
// all. Mprotect(PROT_READ) of heap memory makes the garbage collector's next write there a
// SIGSEGV; MADV_DONTNEED zeroes live objects; MAP_FIXED over a stack or the heap replaces it
// with zeroes. x/sys/unix guards Munmap only (a map of the exact slices Mmap returned);
// this table guards every one of those calls, and for parts of mappings too.
//
// The table is one bit per page. The bits are in leaves of 2^leafBits pages (a 64-word
// bitmap: 512 bytes for 16 MiB of address space with 4 KiB pages), found through an
// open-addressing hash of leaves by their number. Nothing exists before the first mapping
// (the zero value of mappings is the empty table: no init work, no static data beyond a few
// words); a leaf is never freed, so a program that keeps mapping and unmapping allocates
// nothing after the first time (the kernel reuses the address ranges it freed). Reading the
// table takes no lock: covered is a few atomic loads (a lock around mprotect or madvise cost
// 11 ns there, 5% of the call). The calls that change it hold mappings.mu from before their
// system call until the table says what the kernel did (munmap, mremap, MAP_FIXED, shmat,
// shmdt), so they are serialised with each other: a MAP_FIXED can never land on a range that
// a concurrent Munmap just gave back. Munmap takes its pages out of the table before the
// call. What the table cannot do is serialise a Munmap with another goroutine's Mprotect or
// Madvise of the same range: that is a data race of the program, as it is in C.

// pageBytes is the kernel's page size (AT_PAGESZ, as the runtime read it): mappings and
// their lengths are whole pages of it.
func pageBytes() uintptr { return uintptr(syscall.Getpagesize()) }

// leafBits: a leaf holds the bits of 2^leafBits pages (page number >> leafBits is its chunk).
const leafBits = 12

type pageLeaf struct {
	chunk uint64 // its page numbers >> leafBits
	words [1 << (leafBits - 6)]atomic.Uint64
}

// leafTable is the hash of the leaves: len(slots) is 1<<bits, at most half of them used;
// a full table is replaced by one twice as large (the leaves are shared, so a reader of the
// old one still reads the current bits).
type leafTable struct {
	shift uint // log2 of the page size
	bits  uint
	n     int // leaves in slots
	slots []atomic.Pointer[pageLeaf]
}

var mappings struct {
	mu    sync.Mutex                // held by every change of the table
	table atomic.Pointer[leafTable] // nil until the first mapping
	hot   atomic.Pointer[pageLeaf]  // the leaf changed last: most lookups need no probe
	shm   map[uintptr]uintptr       // Shmat: the address of each attached segment -> its size
}

// slot is where the probe for chunk starts (Fibonacci hashing).
func (t *leafTable) slot(chunk uint64) uint64 { return chunk * 0x9E3779B97F4A7C15 >> (64 - t.bits) }

// find returns the leaf of chunk, nil if there is none.
func (t *leafTable) find(chunk uint64) *pageLeaf {
	if h := mappings.hot.Load(); h != nil && h.chunk == chunk {
		return h
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.slot(chunk); ; i = (i + 1) & mask {
		l := t.slots[i].Load()
		if l == nil || l.chunk == chunk {
			return l
		}
	}
}

// insert puts l in t, which has room (mappings.mu held).
func (t *leafTable) insert(l *pageLeaf) {
	mask := uint64(len(t.slots) - 1)
	i := t.slot(l.chunk)
	for t.slots[i].Load() != nil {
		i = (i + 1) & mask
	}
	t.slots[i].Store(l)
	t.n++
}

// leafFor returns the leaf of chunk, made if there is none (mappings.mu held).
func leafFor(chunk uint64) *pageLeaf {
	t := mappings.table.Load()
	if l := t.find(chunk); l != nil {
		return l
	}
	if 2*(t.n+1) > len(t.slots) {
		g := &leafTable{shift: t.shift, bits: t.bits + 1, slots: make([]atomic.Pointer[pageLeaf], 2*len(t.slots))}
		for i := range t.slots {
			if l := t.slots[i].Load(); l != nil {
				g.insert(l)
			}
		}
		mappings.table.Store(g)
		t = g
	}
	l := &pageLeaf{chunk: chunk}
	t.insert(l)
	return l
}

// pageRange is the first and last page of [start, start+n); ok is false for an empty or
// overflowing range. (For a page-aligned start, as the kernel requires, these are the pages
// of n rounded up to pages.)
func pageRange(shift uint, start, n uintptr) (first, last uint64, ok bool) {
	end := start + n - 1
	if n == 0 || end < start {
		return 0, 0, false
	}
	return uint64(start) >> shift, uint64(end) >> shift, true
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

// wordOf is the word of page pn in its leaf.
func wordOf(l *pageLeaf, pn uint64) *atomic.Uint64 { return &l.words[pn>>6&(1<<(leafBits-6)-1)] }

// covered reports whether the pages of [start, start+n) are all in the table. A length of
// 0 is covered: the kernel's calls touch nothing for it. It takes no lock.
func covered(start, n uintptr) bool {
	if n == 0 {
		return true
	}
	t := mappings.table.Load()
	if t == nil {
		return false
	}
	first, last, ok := pageRange(t.shift, start, n)
	if !ok {
		return false
	}
	if first>>6 == last>>6 { // one word of one leaf: the common case
		l := t.find(first >> leafBits)
		mask := ^uint64(0) >> (63 - last&63) &^ (1<<(first&63) - 1)
		return l != nil && wordOf(l, first).Load()&mask == mask
	}
	for pn := first; pn <= last; {
		l := t.find(pn >> leafBits)
		if l == nil {
			return false
		}
		mask, next := wordMask(pn, last)
		if wordOf(l, pn).Load()&mask != mask {
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
	t := mappings.table.Load()
	if t == nil {
		if !set {
			return
		}
		t = &leafTable{shift: uint(bits.TrailingZeros(uint(pageBytes()))), bits: 3, slots: make([]atomic.Pointer[pageLeaf], 8)}
		mappings.table.Store(t)
	}
	first, last, ok := pageRange(t.shift, start, n)
	if !ok {
		return
	}
	for pn := first; pn <= last; {
		var l *pageLeaf
		if set {
			l = leafFor(pn >> leafBits)
			if mappings.hot.Load() != l {
				mappings.hot.Store(l)
			}
		} else {
			l = mappings.table.Load().find(pn >> leafBits)
		}
		mask, next := wordMask(pn, last)
		if l != nil {
			if set {
				wordOf(l, pn).Or(mask)
			} else {
				wordOf(l, pn).And(^mask)
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
