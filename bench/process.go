package bench

import (
	"os"
	"testing"

	"github.com/rawlinux/linux"
	"golang.org/x/sys/unix"
)

// The process-group calls of rawlinux's typed wrappers against golang.org/x/sys/unix, in
// the same process: ids, kill(pid, 0), the CPU affinity, prlimit64's read. All of them are
// never-blocking calls on both sides (RawSyscall).

// ProcessPairs returns the jobs of the process-call benchmarks.
func ProcessPairs() []Pair {
	loop := func(fn func()) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fn()
			}
		}
	}
	pid := os.Getpid()
	return []Pair{
		{"getpid", false,
			loop(func() { isink += int(linux.Getpid()) }),
			loop(func() { isink += unix.Getpid() })},
		{"gettid", false,
			loop(func() { isink += int(linux.Gettid()) }),
			loop(func() { isink += unix.Gettid() })},
		{"getuid", false,
			loop(func() { isink += int(linux.Getuid()) }),
			loop(func() { isink += unix.Getuid() })},
		{"kill(pid, 0)", false,
			loop(func() {
				if linux.Kill(linux.PID(pid), 0) != nil {
					isink++
				}
			}),
			loop(func() {
				if unix.Kill(pid, 0) != nil {
					isink++
				}
			})},
		{"sched_getaffinity", false,
			loop(func() { s, _ := linux.SchedGetaffinity(0); isink += int(s[0] & 1) }),
			loop(func() { var s unix.CPUSet; unix.SchedGetaffinity(0, &s); isink += int(s[0] & 1) })},
		{"prlimit64 get", false,
			loop(func() { l, _ := linux.Prlimit64(0, linux.RLIMIT_NOFILE, nil); isink += int(l.Cur) }),
			loop(func() { var l unix.Rlimit; unix.Prlimit(0, unix.RLIMIT_NOFILE, nil, &l); isink += int(l.Cur) })},
	}
}
