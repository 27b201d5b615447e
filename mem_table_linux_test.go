//go:build linux

package linux

import (
	"errors"
	"sync"
	"testing"
)

// TestMappingTable exercises the table of mappings on made-up ranges at low addresses,
// where nothing is mapped, and across leaves and words of its bitmaps.
func TestMappingTable(t *testing.T) {
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	p := pageSize
	base := 1000 * p
	remember(base, 4*p)
	remember(base+10*p, p+1) // rounded up to two pages
	for _, c := range []struct {
		start, n uintptr
		want     bool
	}{
		{base, 4 * p, true}, {base + p, 1, true}, {base + 3*p, p + 1, false}, {base - 1, 2, false},
		{base + 10*p, 2 * p, true}, {base + 4*p, p, false}, {base, 0, true}, {^uintptr(0) - p, 4 * p, false},
		{base + 12*p, 1, false}, {0, p, false},
	} {
		if got := covered(c.start, c.n); got != c.want {
			t.Errorf("covered(base%+d pages, %d) = %v", int(c.start-base)/int(p), c.n, got)
		}
	}
	forget(base+p, p) // a hole
	if covered(base, 2*p) || !covered(base, p) || !covered(base+2*p, 2*p) {
		t.Error("the hole is not exactly one page")
	}
	remember(base+p, p)
	if !covered(base, 4*p) {
		t.Error("the refilled range is not covered")
	}
	// Across words (64 pages) and leaves (2^15 pages).
	far := uintptr(3<<leafBits-40) * p
	remember(far, 100*p)
	if !covered(far, 100*p) || covered(far, 101*p) || covered(far-p, 2*p) || !covered(far+63*p, 3*p) {
		t.Error("a range across words and leaves")
	}
	forget(far+50*p, p)
	if covered(far, 100*p) || !covered(far, 50*p) || !covered(far+51*p, 49*p) {
		t.Error("a hole across words and leaves")
	}
	forget(far, 100*p)
	forget(base, 12*p)
	if covered(base, p) || covered(base+10*p, p) || covered(far+10*p, p) {
		t.Error("forgotten ranges are still covered")
	}
}

// TestMappingTableConcurrent maps, protects and unmaps from several goroutines (run it
// with -race): the table stays consistent with the kernel.
func TestMappingTableConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				b, err := Mmap(-1, 0, 3*int(pageSize), PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
				if err != nil {
					t.Error(err)
					return
				}
				b[0] = 1
				if err := Mprotect(b[:pageSize], PROT_READ); err != nil {
					t.Error(err)
				}
				if err := Madvise(b[pageSize:], MADV_DONTNEED); err != nil {
					t.Error(err)
				}
				if err := Munmap(b[pageSize : 2*pageSize]); err != nil {
					t.Error(err)
				}
				if err := Munmap(b[:pageSize]); err != nil {
					t.Error(err)
				}
				if err := Munmap(b[2*pageSize:]); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

// qemuLacks reports (and logs) that err is qemu-user's answer for a call it does not
// implement, so that a test can go on with its other calls.
func qemuLacks(t *testing.T, call string, err error) bool {
	t.Helper()
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, EOPNOTSUPP)) {
		t.Logf("%s: %v under qemu-user (qemu does not implement it): not checked", call, err)
		return true
	}
	return false
}
