package bench

import (
	"os"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux"
	"golang.org/x/sys/unix"
)

// The memory, futex and timer calls of rawlinux's typed wrappers (issue 11) against
// golang.org/x/sys/unix, in the same process.

// MemFixture is what the memory benchmarks work on: for each library a mapped page between
// two PROT_NONE pages (so that changing its protection never merges or splits it with a
// neighbour, whatever the kernel put next to it), a timerfd and a futex word.
type MemFixture struct {
	ours, theirs       []byte // the middle pages
	oursMap, theirsMap []byte // the three pages
	timerfd            int
	word               *uint32
}

// NewMemFixture maps the pages and makes the timerfd; Close releases them.
func NewMemFixture() (*MemFixture, error) {
	ps := os.Getpagesize()
	f := &MemFixture{word: new(uint32)}
	var err error
	if f.oursMap, err = linux.Mmap(-1, 0, 3*ps, linux.PROT_NONE, linux.MAP_PRIVATE|linux.MAP_ANONYMOUS); err != nil {
		return nil, err
	}
	f.ours = f.oursMap[ps : 2*ps]
	if err := linux.Mprotect(f.ours, linux.PROT_READ|linux.PROT_WRITE); err != nil {
		return nil, err
	}
	if f.theirsMap, err = unix.Mmap(-1, 0, 3*ps, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON); err != nil {
		return nil, err
	}
	f.theirs = f.theirsMap[ps : 2*ps]
	if err := unix.Mprotect(f.theirs, unix.PROT_READ|unix.PROT_WRITE); err != nil {
		return nil, err
	}
	if f.timerfd, err = unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_CLOEXEC); err != nil {
		return nil, err
	}
	// Armed far ahead, so that gettime has something to compute.
	its := unix.ItimerSpec{Value: unix.Timespec{Sec: 3600}}
	if err := unix.TimerfdSettime(f.timerfd, 0, &its, nil); err != nil {
		return nil, err
	}
	return f, nil
}

// Close releases the fixture.
func (f *MemFixture) Close() {
	linux.Munmap(f.oursMap)
	unix.Munmap(f.theirsMap)
	unix.Close(f.timerfd)
}

// A MemOp is one job done by rawlinux (Ours) and by x/sys (Theirs); i is the iteration.
type MemOp struct {
	Name         string
	Ours, Theirs func(i int)
}

// Ops returns the jobs of the memory benchmarks on f.
func (f *MemFixture) Ops() []MemOp {
	ps := os.Getpagesize()
	rwOurs := [2]linux.Prot{linux.PROT_READ, linux.PROT_READ | linux.PROT_WRITE}
	rwTheirs := [2]int{unix.PROT_READ, unix.PROT_READ | unix.PROT_WRITE}
	w := f.word
	tfd := linux.FD(f.timerfd)
	return []MemOp{
		{"mmap+munmap 1 page",
			func(int) {
				if b, err := linux.Mmap(-1, 0, ps, linux.PROT_READ|linux.PROT_WRITE, linux.MAP_PRIVATE|linux.MAP_ANONYMOUS); err == nil {
					linux.Munmap(b)
				}
			},
			func(int) {
				if b, err := unix.Mmap(-1, 0, ps, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON); err == nil {
					unix.Munmap(b)
				}
			}},
		{"mprotect",
			func(i int) { linux.Mprotect(f.ours, rwOurs[i&1]) },
			func(i int) { unix.Mprotect(f.theirs, rwTheirs[i&1]) }},
		{"madvise DONTNEED",
			func(int) { linux.Madvise(f.ours, linux.MADV_DONTNEED) },
			func(int) { unix.Madvise(f.theirs, unix.MADV_DONTNEED) }},
		{"futex wake, no waiter",
			func(int) { n, _ := linux.Futex(w, linux.FUTEX_WAKE_PRIVATE, 1, nil, nil, 0); isink += n },
			func(int) {
				r, _, _ := unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(w)), uintptr(linux.FUTEX_WAKE_PRIVATE), 1, 0, 0, 0)
				isink += int(r)
			}},
		{"timerfd_gettime",
			func(int) { its, _ := linux.TimerfdGettime(tfd); isink += int(its.Value.Sec) },
			func(int) { var its unix.ItimerSpec; unix.TimerfdGettime(f.timerfd, &its); isink += int(its.Value.Sec) }},
		{"clock_nanosleep(0)",
			func(int) { linux.ClockNanosleep(linux.CLOCK_MONOTONIC, 0, &linux.Timespec{}, nil) },
			func(int) { unix.ClockNanosleep(unix.CLOCK_MONOTONIC, 0, &unix.Timespec{}, nil) }},
	}
}

// Pairs returns the jobs of Ops as benchmarks.
func (f *MemFixture) Pairs() []Pair {
	loop := func(fn func(i int)) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fn(i)
			}
		}
	}
	var l []Pair
	for _, op := range f.Ops() {
		l = append(l, Pair{op.Name, false, loop(op.Ours), loop(op.Theirs)})
	}
	return l
}
