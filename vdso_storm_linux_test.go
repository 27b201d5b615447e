//go:build linux

package linux

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rawlinux/linux/raw"
)

// stormDuration is how long TestVDSOStorm runs: 1.5 s by default, RAWLINUX_SOAK (a Go
// duration such as 60s) for a long soak.
func stormDuration(t *testing.T) time.Duration {
	if s := os.Getenv("RAWLINUX_SOAK"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("RAWLINUX_SOAK=%q: %v", s, err)
		}
		return d
	}
	if testing.Short() {
		return 300 * time.Millisecond
	}
	return 1500 * time.Millisecond
}

// grow recurses to grow the goroutine's stack (and lets it shrink at the next GC).
//
//go:noinline
func grow(n int) int {
	var pad [256]byte
	pad[n%256] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return grow(n-1) + int(pad[n%256])
}

// TestVDSOStorm calls every vDSO function from many goroutines in tight loops while another
// thread sends SIGCHLD, SIGUSR1 and SIGWINCH to the process and to the callers' threads
// (tgkill), the CPU profiler runs, the GC runs and stacks grow and shrink, and asynchronous
// preemption is on. Nothing may crash, every result must be plausible, and monotonic clocks
// must never go backwards within a goroutine.
func TestVDSOStorm(t *testing.T) {
	d := stormDuration(t)
	if os.Getenv("RAWLINUX_VDSO_NOSAVEG") == "1" {
		// The negative control (run by hand, see the README): without g stored for
		// sigFetchG a signal landing inside the vDSO must kill the process.
		vdsoTestNoSaveG = true
		defer func() { vdsoTestNoSaveG = false }()
		t.Logf("RAWLINUX_VDSO_NOSAVEG=1: g is not stored for the signal handler; this run should crash")
	}
	sigs := make(chan os.Signal, 64)
	signal.Notify(sigs, syscall.SIGCHLD, syscall.SIGUSR1, syscall.SIGWINCH)
	defer signal.Stop(sigs)
	var handled atomic.Int64
	go func() {
		for range sigs {
			handled.Add(1)
		}
	}()

	var prof bytes.Buffer
	if err := pprof.StartCPUProfile(&prof); err != nil {
		t.Logf("CPU profiler not started: %v", err)
	} else {
		defer pprof.StopCPUProfile()
	}

	stop := make(chan struct{})
	var (
		wg      sync.WaitGroup
		calls   atomic.Int64
		sent    atomic.Int64
		tidsMu  sync.Mutex
		tids    []int
		failMu  sync.Mutex
		failure string
	)
	fail := func(format string, args ...any) {
		failMu.Lock()
		if failure == "" {
			failure = strings.TrimSpace(sprintf(format, args...))
		}
		failMu.Unlock()
	}
	monotonic := []ClockID{CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME}
	all := append([]ClockID{CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_TAI}, monotonic...)
	workers := 2 * runtime.GOMAXPROCS(0)
	if workers < 4 {
		workers = 4
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			if w%2 == 0 {
				// Half the callers stay on one thread, so tgkill can aim at them.
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				tidsMu.Lock()
				tids = append(tids, syscall.Gettid())
				tidsMu.Unlock()
			}
			last := make([]int64, len(monotonic))
			var buf [16]byte
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				for k, id := range monotonic {
					ts, err := ClockGettime(id)
					if err != nil {
						fail("ClockGettime(%d): %v", id, err)
						return
					}
					if n := nsec(ts); n < last[k] {
						fail("clock %d went backwards: %d after %d", id, n, last[k])
						return
					} else {
						last[k] = n
					}
				}
				for _, id := range all {
					ts, err := ClockGettime(id)
					if err != nil || ts.Nsec < 0 || ts.Nsec >= 1e9 || ts.Sec < 0 {
						fail("ClockGettime(%d) = %+v, %v", id, ts, err)
						return
					}
					if _, err := ClockGetres(id); err != nil {
						fail("ClockGetres(%d): %v", id, err)
						return
					}
				}
				if tv, err := Gettimeofday(); err != nil || tv.Sec < 1e9 {
					fail("Gettimeofday = %+v, %v", tv, err)
					return
				}
				if s, err := Time(); err != nil || s < 1e9 {
					fail("Time = %d, %v", s, err)
					return
				}
				if cpu, node, err := Getcpu(); err != nil || cpu < 0 || node < 0 {
					fail("Getcpu = %d, %d, %v", cpu, node, err)
					return
				}
				if n, err := Getrandom(buf[:], 0); err != nil || n != len(buf) {
					fail("Getrandom = %d, %v", n, err)
					return
				}
				calls.Add(int64(2*len(all) + len(monotonic) + 4))
				if i%64 == 0 {
					grow(w * 8 % 64) // grow and (after GC) shrink the stack
				}
			}
		}(w)
	}

	// The signal sender: the whole process, then each caller thread in turn.
	wg.Add(1)
	go func() {
		defer wg.Done()
		pid := os.Getpid()
		sigl := []syscall.Signal{syscall.SIGCHLD, syscall.SIGUSR1, syscall.SIGWINCH}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			s := sigl[i%len(sigl)]
			if i%2 == 0 {
				syscall.Kill(pid, s)
			} else {
				tidsMu.Lock()
				var tid int
				if len(tids) > 0 {
					tid = tids[i/2%len(tids)]
				}
				tidsMu.Unlock()
				if tid != 0 {
					raw.RawSyscall(SYS_TGKILL, uintptr(pid), uintptr(tid), uintptr(s))
				}
			}
			sent.Add(1)
			if i%256 == 255 {
				runtime.Gosched()
			}
		}
	}()
	// GC and allocation pressure.
	wg.Add(1)
	go func() {
		defer wg.Done()
		var keep [][]byte
		for {
			select {
			case <-stop:
				return
			default:
			}
			keep = append(keep, make([]byte, 64<<10))
			if len(keep) > 64 {
				keep = keep[:0]
				runtime.GC()
			}
		}
	}()

	time.Sleep(d)
	close(stop)
	wg.Wait()
	pprof.StopCPUProfile()
	failMu.Lock()
	defer failMu.Unlock()
	if failure != "" {
		t.Fatal(failure)
	}
	t.Logf("%s: %d calls in %v by %d goroutines; %d signals sent, %d delivered to signal.Notify; profile %d bytes",
		runtime.GOARCH, calls.Load(), d, workers, sent.Load(), handled.Load(), prof.Len())
	if calls.Load() == 0 || sent.Load() == 0 {
		t.Fatal("the storm did not run")
	}
}

// TestVDSOProfile takes a CPU profile of a loop calling the vDSO functions and checks the
// stacks: every sample taken in rawlinux's vDSO path (the typed call or its trampoline) must
// unwind to this test function, and where the trampolines set m.vdsoPC/SP no sample may be
// charged to "runtime._VDSO" (inside the vDSO, without callers).
func TestVDSOProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		t.Skipf("CPU profiler unavailable: %v", err)
	}
	deadline := time.Now().Add(stormDuration(t))
	for time.Now().Before(deadline) {
		profileLoop()
	}
	pprof.StopCPUProfile()
	stacks, err := parseProfileStacks(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var ours, withTest, vdso, total, reach int
	for _, st := range stacks {
		n := st.count
		total += n
		joined := strings.Join(st.funcs, " ")
		if strings.Contains(joined, "runtime._VDSO") || strings.Contains(joined, "runtime._ExternalCode") {
			// Inside the vDSO without m.vdsoSP set: no callers. (Under qemu the runtime
			// does not recognise qemu's relocated vDSO image as the vDSO page and says
			// _ExternalCode.)
			vdso += n
		}
		if strings.Contains(joined, "linux.TestVDSOProfile") {
			reach += n
		}
		if strings.Contains(joined, "linux.ClockGet") || strings.Contains(joined, "linux.vdsoCall") || strings.Contains(joined, "linux.clockGettime") ||
			strings.Contains(joined, "linux.Getcpu") || strings.Contains(joined, "linux.getcpuSlow") || strings.Contains(joined, "linux.Time") {
			ours += n
			if strings.Contains(joined, "linux.profileLoop") && strings.Contains(joined, "linux.TestVDSOProfile") {
				withTest += n
			} else {
				t.Logf("%d samples in the vDSO path that do not reach the test: %v", n, st.funcs)
			}
		}
	}
	t.Logf("%s: %d samples: %d in rawlinux's vDSO path (%d unwind to the test), %d charged to runtime._VDSO or _ExternalCode; %d of %d (%.0f%%) reach the test",
		runtime.GOARCH, total, ours, withTest, vdso, reach, total, 100*float64(reach)/float64(max(total, 1)))
	if total > 20 && ours == 0 {
		t.Errorf("no sample in rawlinux's vDSO path among %d", total)
	}
	if withTest < ours {
		t.Errorf("%d of %d samples in the vDSO path do not unwind to the test (truncated stacks)", ours-withTest, ours)
	}
	if vdso > 0 && vdsoSetM && vdsoClockGettime != 0 {
		t.Errorf("%d samples charged to runtime._VDSO or _ExternalCode without callers although m.vdsoSP is set around the call", vdso)
	}
}

//go:noinline
func profileLoop() {
	for i := 0; i < 1000; i++ {
		ClockGettime(CLOCK_MONOTONIC_RAW)
		ClockGettime(CLOCK_REALTIME_COARSE)
		Getcpu()
		ClockGetres(CLOCK_MONOTONIC)
		Time()
	}
}

func sprintf(format string, args ...any) string {
	var b strings.Builder
	fmt.Fprintf(&b, format, args...)
	return b.String()
}

// parseProfileStacks decodes a gzipped profile.proto (the fields of
// github.com/google/pprof/proto/profile.proto that carry stacks) into the function names of
// each sample, innermost first, with the sample's count (its first value).
func parseProfileStacks(gz []byte) ([]profStack, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var (
		samples   [][]uint64
		counts    []int
		locFuncs  = map[uint64][]uint64{}
		locAddr   = map[uint64]uint64{}
		funcNames = map[uint64]int64{}
		strs      []string
	)
	err = protoFields(b, func(field int, v uint64, data []byte) error {
		switch field {
		case 2: // Sample
			var locs []uint64
			count := -1
			err := protoFields(data, func(f int, v uint64, d []byte) error {
				if f == 2 && count < 0 { // the first value: samples/count
					if d != nil {
						x, _ := uvarint(d)
						count = int(x)
					} else {
						count = int(v)
					}
				}
				if f == 1 {
					if d != nil { // packed
						for len(d) > 0 {
							x, n := uvarint(d)
							if n <= 0 {
								return io.ErrUnexpectedEOF
							}
							locs = append(locs, x)
							d = d[n:]
						}
					} else {
						locs = append(locs, v)
					}
				}
				return nil
			})
			samples = append(samples, locs)
			counts = append(counts, max(count, 1))
			return err
		case 4: // Location
			var id, addr uint64
			var fns []uint64
			err := protoFields(data, func(f int, v uint64, d []byte) error {
				switch f {
				case 1:
					id = v
				case 3:
					addr = v
				case 4: // Line
					return protoFields(d, func(f int, v uint64, _ []byte) error {
						if f == 1 {
							fns = append(fns, v)
						}
						return nil
					})
				}
				return nil
			})
			locFuncs[id] = fns
			locAddr[id] = addr
			return err
		case 5: // Function
			var id uint64
			var name int64
			err := protoFields(data, func(f int, v uint64, _ []byte) error {
				switch f {
				case 1:
					id = v
				case 2:
					name = int64(v)
				}
				return nil
			})
			funcNames[id] = name
			return err
		case 6:
			strs = append(strs, string(data))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []profStack
	for i, locs := range samples {
		var names []string
		for _, l := range locs {
			for _, f := range locFuncs[l] {
				if i := funcNames[f]; i >= 0 && int(i) < len(strs) {
					names = append(names, strs[i]+fmt.Sprintf("@%#x", locAddr[l]))
				}
			}
		}
		out = append(out, profStack{names, counts[i]})
	}
	return out, nil
}

type profStack struct {
	funcs []string
	count int
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

// protoFields calls fn for each field of a protobuf message: varints with v, length-delimited
// fields with data (non-nil).
func protoFields(b []byte, fn func(field int, v uint64, data []byte) error) error {
	for len(b) > 0 {
		key, n := uvarint(b)
		if n <= 0 {
			return io.ErrUnexpectedEOF
		}
		b = b[n:]
		field, wire := int(key>>3), key&7
		switch wire {
		case 0:
			v, n := uvarint(b)
			if n <= 0 {
				return io.ErrUnexpectedEOF
			}
			b = b[n:]
			if err := fn(field, v, nil); err != nil {
				return err
			}
		case 2:
			l, n := uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return io.ErrUnexpectedEOF
			}
			d := b[n : n+int(l)]
			if d == nil {
				d = []byte{}
			}
			b = b[n+int(l):]
			if err := fn(field, 0, d); err != nil {
				return err
			}
		case 1:
			if len(b) < 8 {
				return io.ErrUnexpectedEOF
			}
			b = b[8:]
		case 5:
			if len(b) < 4 {
				return io.ErrUnexpectedEOF
			}
			b = b[4:]
		default:
			return io.ErrUnexpectedEOF
		}
	}
	return nil
}
