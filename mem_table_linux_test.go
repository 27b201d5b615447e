//go:build linux

package linux

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// pageSize is the page size, for the tests.
var pageSize = uintptr(os.Getpagesize())

// pageRound rounds n up to whole pages.
func pageRound(n uintptr) uintptr { return (n + pageSize - 1) &^ (pageSize - 1) }

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
	// Many leaves: the hash grows (from 8 slots), and every leaf is still found.
	before := len(mappings.table.Load().slots)
	for i := uintptr(0); i < 64; i++ {
		remember(uintptr(100+7*i)<<leafBits*p+i*p, p)
	}
	if len(mappings.table.Load().slots) <= before && before < 128 {
		t.Errorf("64 more leaves, and the hash still has %d slots", before)
	}
	for i := uintptr(0); i < 64; i++ {
		a := uintptr(100+7*i)<<leafBits*p + i*p
		if !covered(a, p) || covered(a+p, p) || covered(a-p, p) {
			t.Fatalf("leaf %d: the page is not exactly what the table holds", i)
		}
		forget(a, p)
		if covered(a, p) {
			t.Fatalf("leaf %d: forgotten page still covered", i)
		}
	}
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

// tableBytes is the memory the table holds: the hash's slots and the leaves.
func tableBytes() uintptr {
	t := mappings.table.Load()
	if t == nil {
		return 0
	}
	return unsafe.Sizeof(*t) + uintptr(len(t.slots))*unsafe.Sizeof(t.slots[0]) + uintptr(t.n)*unsafe.Sizeof(pageLeaf{})
}

// withFreshTable runs f on an empty table (the saved one back afterwards): what f's
// mappings cost the table, from nothing. f must leave nothing mapped.
func withFreshTable(f func()) {
	mappings.mu.Lock()
	saved, savedHot := mappings.table.Load(), mappings.hot.Load()
	mappings.table.Store(nil)
	mappings.hot.Store(nil)
	mappings.mu.Unlock()
	defer func() {
		mappings.mu.Lock()
		mappings.table.Store(saved)
		mappings.hot.Store(savedHot)
		mappings.mu.Unlock()
	}()
	f()
}

// BenchmarkMappingTable measures what the table costs: its share of an Mmap and a Munmap
// (remember and forget of one page, with the lock: the work the table adds to the system
// calls), a lookup (covered: what Mprotect, Madvise and Munmap add), and the bytes it holds
// per mapped page, from an empty table, for a dense mapping, the kernel's placement of many
// small ones, and the worst case (each page alone in its 2^leafBits-page leaf).
func BenchmarkMappingTable(b *testing.B) {
	m, err := Mmap(-1, 0, int(pageSize), PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
	if err != nil {
		b.Fatal(err)
	}
	defer Munmap(m)
	a := sliceAddr(m)
	b.Run("remember+forget", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			mappings.mu.Lock()
			remember(a+pageSize, pageSize)
			forget(a+pageSize, pageSize)
			mappings.mu.Unlock()
		}
	})
	b.Run("covered", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for i := 0; i < b.N; i++ {
			if covered(a, pageSize) {
				n++
			}
		}
		if n != b.N {
			b.Fatal("the mapping is not covered")
		}
	})
	perPage := func(b *testing.B, pages int, mapAll func() []uintptr, unmapAll func([]uintptr)) {
		var bytes uintptr
		withFreshTable(func() {
			as := mapAll()
			bytes = tableBytes()
			unmapAll(as)
		})
		b.ReportMetric(float64(bytes)/float64(pages), "table-B/page")
		b.ReportMetric(float64(bytes), "table-B")
	}
	b.Run("memory/dense-1GiB", func(b *testing.B) {
		n := (1 << 30) / int(pageSize)
		for i := 0; i < b.N; i++ {
			perPage(b, n, func() []uintptr {
				m, err := Mmap(-1, 0, 1<<30, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE)
				if err != nil {
					b.Skip("no 1 GiB of address space:", err)
				}
				return []uintptr{sliceAddr(m), 1 << 30}
			}, func(as []uintptr) { mustB(b, MunmapPtr(addrPointer(as[0]), as[1])) })
		}
	})
	b.Run("memory/1024-mmaps", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			perPage(b, 1024, func() []uintptr {
				var as []uintptr
				for j := 0; j < 1024; j++ {
					m, err := Mmap(-1, 0, int(pageSize), PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
					if err != nil {
						b.Fatal(err)
					}
					as = append(as, sliceAddr(m))
				}
				return as
			}, func(as []uintptr) {
				for _, a := range as {
					mustB(b, MunmapPtr(addrPointer(a), pageSize))
				}
			})
		}
	})
	b.Run("memory/worst-1024-leaves", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			perPage(b, 1024, func() []uintptr {
				mappings.mu.Lock()
				defer mappings.mu.Unlock()
				for j := uintptr(0); j < 1024; j++ {
					remember((j+1)<<leafBits*pageSize, pageSize) // table entries only: nothing is mapped
				}
				return nil
			}, func([]uintptr) {
				mappings.mu.Lock()
				defer mappings.mu.Unlock()
				for j := uintptr(0); j < 1024; j++ {
					forget((j+1)<<leafBits*pageSize, pageSize)
				}
			})
		}
	})
}

// BenchmarkMmapMunmapTable is one page's Mmap+Munmap through the wrappers and through the
// bare system calls: the difference is what the table (and the slice) cost per pair.
func BenchmarkMmapMunmapTable(b *testing.B) {
	ps := int(pageSize)
	b.Run("wrappers", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m, err := Mmap(-1, 0, ps, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
			if err != nil {
				b.Fatal(err)
			}
			if err := Munmap(m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			a, e := mmapRow(0, uintptr(ps), PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
			if e != 0 {
				b.Fatal(e)
			}
			if _, _, e := raw.Syscall(SYS_MUNMAP, a, uintptr(ps), 0); e != 0 {
				b.Fatal(e)
			}
		}
	})
}

func mustB(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// TestMemTableUnusedCostsNothing builds two small programs and reads their symbols: one that
// calls only Getpid must carry nothing of the table (no variable, no init work from
// mem_linux.go), and one that calls Mmap must carry the table as a few words of data (no
// big static array: the leaves are made by the first mapping).
func TestMemTableUnusedCostsNothing(t *testing.T) {
	if qemuUser() {
		t.Skip("host-only test (runs go build); the table's code is the same on every arch")
	}
	gotool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gotool); err != nil {
		t.Skip("host-only test (runs go build): no go tool at", gotool)
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module tablecheck\n\ngo 1.24\n\nrequire github.com/rawlinux/linux v0.0.0\n\nreplace github.com/rawlinux/linux => "+root+"\n")
	write("getpid/main.go", "package main\n\nimport \"github.com/rawlinux/linux\"\n\nfunc main() { println(linux.Getpid()) }\n")
	write("mmap/main.go", "package main\n\nimport \"github.com/rawlinux/linux\"\n\nfunc main() {\n\tb, _ := linux.Mmap(-1, 0, 4096, linux.PROT_READ, linux.MAP_PRIVATE|linux.MAP_ANONYMOUS)\n\tlinux.Munmap(b)\n}\n")
	symbols := func(prog string) string {
		bin := filepath.Join(dir, prog+".bin")
		cmd := exec.Command(gotool, "build", "-o", bin, "./"+prog)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", prog, err, out)
		}
		out, err := exec.Command(gotool, "tool", "nm", "-size", bin).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool nm %s: %v\n%s", prog, err, out)
		}
		asm, err := exec.Command(gotool, "tool", "objdump", "-s", `^github.com/rawlinux/linux\.init$`, bin).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool objdump %s: %v\n%s", prog, err, asm)
		}
		return string(out) + string(asm)
	}
	small := symbols("getpid")
	for _, sym := range []string{"linux.mappings", "linux.pageLeaf", "linux.covered", "mem_linux.go"} {
		if strings.Contains(small, sym) {
			t.Errorf("a program that never maps carries %s", sym)
		}
	}
	withMmap := symbols("mmap")
	found := false
	for _, line := range strings.Split(withMmap, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[3] == "github.com/rawlinux/linux.mappings" {
			found = true
			if n, err := strconv.Atoi(f[1]); err != nil || n > 64 {
				t.Errorf("the table's static data is %s bytes (want a few words)", f[1])
			}
		}
	}
	if !found {
		t.Error("no linux.mappings symbol in a program that calls Mmap: the check reads nothing")
	}
	if strings.Contains(withMmap, "mem_linux.go") {
		t.Error("the package's init runs code of mem_linux.go")
	}
}
