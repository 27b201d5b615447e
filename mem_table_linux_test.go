//go:build linux

package linux

import (
	"errors"
	"sync"
	"testing"
)

// TestMappingTable exercises the table of mappings on made-up ranges (the real table is
// saved and restored around it).
func TestMappingTable(t *testing.T) {
	mappings.mu.Lock()
	saved := mappings.spans
	mappings.spans = nil
	defer func() { mappings.spans = saved; mappings.mu.Unlock() }()
	p := pageSize
	base := 1000 * p
	check := func(what string, want ...uintptr) {
		t.Helper()
		l := mappings.spans
		if len(l)*2 != len(want) {
			t.Fatalf("%s: %v, want %v", what, l, want)
		}
		for i := range l {
			if l[i].start != want[2*i] || l[i].end != want[2*i+1] {
				t.Fatalf("%s: %v, want %v", what, l, want)
			}
		}
	}
	remember(base, 4*p)
	remember(base+10*p, p+1) // rounded up to two pages
	check("two mappings", base, base+4*p, base+10*p, base+12*p)
	for _, c := range []struct {
		start, n uintptr
		want     bool
	}{
		{base, 4 * p, true}, {base + p, 1, true}, {base + 3*p, p + 1, false}, {base - 1, 2, false},
		{base + 10*p, 2 * p, true}, {base + 4*p, p, false}, {base, 0, true}, {^uintptr(0) - p, 4 * p, false},
	} {
		if got := covered(c.start, c.n); got != c.want {
			t.Errorf("covered(base%+d pages, %d) = %v", int(c.start-base)/int(p), c.n, got)
		}
	}
	forget(base+p, p) // a hole: split
	check("hole", base, base+p, base+2*p, base+4*p, base+10*p, base+12*p)
	if covered(base, 2*p) {
		t.Error("a range over the hole is covered")
	}
	remember(base+p, p) // filled again: adjacent spans cover a range together
	if !covered(base, 4*p) {
		t.Error("adjacent spans do not cover their union")
	}
	remember(base+3*p, 8*p) // over the tail of the first and the head of the second
	check("overlap", base, base+p, base+p, base+2*p, base+2*p, base+3*p, base+3*p, base+11*p, base+11*p, base+12*p)
	forget(base, 12*p)
	check("all gone")
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
