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

// MemFixture is what the memory benchmarks work on: a mapped page for each library (the
// same kind), a timerfd and a futex word.
type MemFixture struct {
	ours, theirs []byte
	timerfd      int
	word         *uint32
}

// NewMemFixture maps the pages and makes the timerfd; Close releases them.
func NewMemFixture() (*MemFixture, error) {
	ps := os.Getpagesize()
	f := &MemFixture{word: new(uint32)}
	var err error
	if f.ours, err = linux.Mmap(-1, 0, ps, linux.PROT_READ|linux.PROT_WRITE, linux.MAP_PRIVATE|linux.MAP_ANONYMOUS); err != nil {
		return nil, err
	}
	if f.theirs, err = unix.Mmap(-1, 0, ps, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON); err != nil {
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
	linux.Munmap(f.ours)
	unix.Munmap(f.theirs)
	unix.Close(f.timerfd)
}

// Pairs returns the jobs of the memory benchmarks on f.
func (f *MemFixture) Pairs() []Pair {
	ps := os.Getpagesize()
	loop := func(fn func(i int)) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fn(i)
			}
		}
	}
	rwOurs := [2]linux.Prot{linux.PROT_READ, linux.PROT_READ | linux.PROT_WRITE}
	rwTheirs := [2]int{unix.PROT_READ, unix.PROT_READ | unix.PROT_WRITE}
	w := f.word
	tfd := linux.FD(f.timerfd)
	return []Pair{
		{"mmap+munmap 1 page", false,
			loop(func(int) {
				if b, err := linux.Mmap(-1, 0, ps, linux.PROT_READ|linux.PROT_WRITE, linux.MAP_PRIVATE|linux.MAP_ANONYMOUS); err == nil {
					linux.Munmap(b)
				}
			}),
			loop(func(int) {
				if b, err := unix.Mmap(-1, 0, ps, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON); err == nil {
					unix.Munmap(b)
				}
			})},
		{"mprotect", false,
			loop(func(i int) { linux.Mprotect(f.ours, rwOurs[i&1]) }),
			loop(func(i int) { unix.Mprotect(f.theirs, rwTheirs[i&1]) })},
		{"madvise DONTNEED", false,
			loop(func(int) { linux.Madvise(f.ours, linux.MADV_DONTNEED) }),
			loop(func(int) { unix.Madvise(f.theirs, unix.MADV_DONTNEED) })},
		{"futex wake, no waiter", false,
			loop(func(int) { n, _ := linux.Futex(w, linux.FUTEX_WAKE_PRIVATE, 1, nil, nil, 0); isink += n }),
			loop(func(int) {
				r, _, _ := unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(w)), uintptr(linux.FUTEX_WAKE_PRIVATE), 1, 0, 0, 0)
				isink += int(r)
			})},
		{"timerfd_gettime", false,
			loop(func(int) { its, _ := linux.TimerfdGettime(tfd); isink += int(its.Value.Sec) }),
			loop(func(int) { var its unix.ItimerSpec; unix.TimerfdGettime(f.timerfd, &its); isink += int(its.Value.Sec) })},
		{"clock_nanosleep(0)", false,
			loop(func(int) { linux.ClockNanosleep(linux.CLOCK_MONOTONIC, 0, &linux.Timespec{}, nil) }),
			loop(func(int) { unix.ClockNanosleep(unix.CLOCK_MONOTONIC, 0, &unix.Timespec{}, nil) })},
	}
}
