package raw_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux/internal/emulation"
	"github.com/rawlinux/linux/raw"
)

// The system-call numbers below come from the standard library (syscall.SYS_*), used only as
// test inputs; the per-arch ones are in arch32_linux_test.go / arch64_linux_test.go.

const wordBits = 32 << (^uintptr(0) >> 63)

// flagArch reports whether the arch's kernel reports errors with a flag beside the value
// (register a3 on mips, CR0.SO on powerpc) rather than by the value's range alone.
var flagArch = strings.HasPrefix(runtime.GOARCH, "mips") || strings.HasPrefix(runtime.GOARCH, "ppc64")

// emulated reports whether the test runs under qemu-user (internal/emulation). It cannot
// tell qemu-i386 from a native 386 process on an x86_64 kernel; only the flag arches (mips,
// powerpc) and the /proc/self/task/TID/syscall test use the answer.
func emulated() bool { return emulation.QemuUser("") }

type call3 struct {
	name string
	fn   func(num, a1, a2, a3 uintptr) (uintptr, uintptr, raw.Errno)
}

// calls are the four entry points, reduced to three arguments.
var calls = []call3{
	{"Syscall", raw.Syscall},
	{"RawSyscall", raw.RawSyscall},
	{"Syscall6", func(n, a1, a2, a3 uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.Syscall6(n, a1, a2, a3, 0, 0, 0)
	}},
	{"RawSyscall6", func(n, a1, a2, a3 uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.RawSyscall6(n, a1, a2, a3, 0, 0, 0)
	}},
}

// inErrorRange reports whether v, a machine word, lies in [-4095, -1].
func inErrorRange(v uintptr) bool { return v >= ^uintptr(4094) }

// TestErrorRule drives lseek on /proc/self/mem, whose mem_lseek returns any offset set with
// SEEK_SET and asks the kernel not to treat it as an error (force_successful_syscall_return),
// to the edges of the error range.
func TestErrorRule(t *testing.T) {
	f, err := os.Open("/proc/self/mem")
	if err != nil {
		t.Skipf("cannot open /proc/self/mem: %v", err)
	}
	defer f.Close()
	fd := f.Fd()
	emu := emulated()
	t.Logf("GOARCH=%s word=%d bits, error flag arch: %v, emulated: %v", runtime.GOARCH, wordBits, flagArch, emu)
	for _, c := range calls {
		for _, v := range seekProbes {
			r1, _, e := c.fn(sysLseek, fd, v, 0 /* SEEK_SET */)
			if r1 != v {
				t.Errorf("%s lseek(mem, %#x): r1 = %#x, want the raw value %#x (err %d)", c.name, v, r1, v, e)
			}
			if e != 0 && uintptr(e) != -r1 {
				t.Errorf("%s lseek(mem, %#x): err = %d, want 0 or -r1 = %d", c.name, v, e, -r1)
			}
			if e != 0 && !inErrorRange(r1) {
				t.Errorf("%s lseek(mem, %#x): err = %d for r1 outside [-4095,-1]", c.name, v, e)
			}
			switch {
			case !inErrorRange(v):
				if e != 0 {
					t.Errorf("%s lseek(mem, %#x): err = %d, want a success", c.name, v, e)
				}
			case !flagArch:
				// The range rule alone decides.
				if uintptr(e) != -v {
					t.Errorf("%s lseek(mem, %#x): err = %d, want %d", c.name, v, e, -v)
				}
			case v == ^uintptr(0):
				// The flag decides: qemu flags [-515,-1] (ppc) and [-1133,-1] (mips)
				// results as errors; a real powerpc kernel honours
				// force_successful_syscall_return and may leave -1 unflagged.
				if e != 1 {
					if emu {
						t.Errorf("%s lseek(mem, -1): err = %d, want 1 (EPERM) under qemu", c.name, e)
					} else {
						t.Logf("%s lseek(mem, -1): the kernel left it unflagged (err %d)", c.name, e)
					}
				}
			default:
				t.Logf("%s lseek(mem, %#x): flag arch reported err = %d (r1 = %#x)", c.name, v, e, r1)
			}
		}
	}
}

func TestGetpid(t *testing.T) {
	for _, c := range calls {
		r1, _, e := c.fn(syscall.SYS_GETPID, 0, 0, 0)
		if e != 0 || int(r1) != os.Getpid() {
			t.Errorf("%s getpid = %d, %v; want %d", c.name, r1, e, os.Getpid())
		}
	}
}

func TestGettid(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	want := syscall.Gettid()
	for _, c := range calls {
		r1, _, e := c.fn(syscall.SYS_GETTID, 0, 0, 0)
		if e != 0 || int(r1) != want {
			t.Errorf("%s gettid = %d, %v; want %d", c.name, r1, e, want)
		}
	}
}

func TestOpenatENOENT(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing")
	p, err := syscall.BytePtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	atFDCWD := -100
	for _, c := range calls {
		r1, _, e := c.fn(syscall.SYS_OPENAT, uintptr(atFDCWD), uintptr(unsafe.Pointer(p)), uintptr(syscall.O_RDONLY|syscall.O_CLOEXEC))
		if e == 0 {
			syscall.Close(int(r1))
			t.Fatalf("%s openat(%q) succeeded", c.name, path)
		}
		if -r1 != uintptr(e) {
			t.Errorf("%s openat: r1 = %#x, err = %d: want r1 == -err", c.name, r1, e)
		}
		var err error = e
		if !errors.Is(err, fs.ErrNotExist) || !errors.Is(err, syscall.ENOENT) || e != raw.ENOENT {
			t.Errorf("%s openat(%q): err = %v (%d), want ENOENT", c.name, path, err, e)
		}
	}
	// The kernel's own name and text, from include/uapi/asm-generic/errno-base.h.
	if n, s := raw.ENOENT.Name(), raw.ENOENT.Error(); n != "ENOENT" || s != "No such file or directory" {
		t.Errorf("ENOENT: Name %q Error %q", n, s)
	}
	if uintptr(raw.ENOENT) != uintptr(syscall.ENOENT) {
		t.Errorf("raw.ENOENT = %d, syscall.ENOENT = %d", raw.ENOENT, syscall.ENOENT)
	}
}

// TestSeekAbove4G moves a real file's offset past 2^32, where a 32-bit return would not fit.
func TestSeekAbove4G(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const off = 1<<32 + 1<<20 + 7
	got, e := seek64(f.Fd(), off, 0)
	if e != 0 || got != off {
		t.Fatalf("seek to %#x = %#x, %v", int64(off), got, e)
	}
	cur, err := f.Seek(0, 1)
	if err != nil || cur != off {
		t.Fatalf("os Seek(0, SEEK_CUR) = %#x, %v; want %#x", cur, err, int64(off))
	}
	got, e = seek64(f.Fd(), 0, 1)
	if e != 0 || got != off {
		t.Fatalf("seek(0, SEEK_CUR) = %#x, %v; want %#x", got, e, int64(off))
	}
	// A negative offset is EINVAL from the real file (no force_successful here).
	if _, e := seek64(f.Fd(), -1, 0); e != raw.EINVAL {
		t.Fatalf("seek to -1: err = %v, want EINVAL", e)
	}
}

func TestMmapHighHint(t *testing.T) {
	const size = 1 << 16
	prot := uintptr(syscall.PROT_READ | syscall.PROT_WRITE)
	flags := uintptr(syscall.MAP_PRIVATE | syscall.MAP_ANON)
	const mapFixedNoreplace = 0x100000 // asm-generic/mman-common.h, mips/asm/mman.h
	hint := uintptr(highHint)
	addr, e := mmap(hint, size, prot, flags|mapFixedNoreplace, ^uintptr(0), 0)
	how := "MAP_FIXED_NOREPLACE"
	if e != 0 {
		t.Logf("mmap(%#x, MAP_FIXED_NOREPLACE): %v (%d); retrying with a plain hint", hint, e, e)
		addr, e = mmap(hint, size, prot, flags, ^uintptr(0), 0)
		how = "plain hint"
	}
	if e != 0 {
		t.Fatalf("mmap(%#x, %s): %v", hint, how, e)
	}
	defer munmap(addr, size)
	if addr != hint {
		if how == "MAP_FIXED_NOREPLACE" {
			// Kernels before 4.17 ignore the unknown flag and treat it as a hint.
			t.Logf("MAP_FIXED_NOREPLACE not honoured: got %#x for %#x", addr, hint)
		} else {
			t.Logf("hint %#x not honoured (%s): got %#x", hint, how, addr)
		}
	} else {
		t.Logf("mapped at %#x (%s)", addr, how)
	}
	if addr < hint {
		t.Logf("mapping below the hint: the high-address path is not exercised here")
	}
	// addr is memory from mmap, outside the Go heap; reading the word as a pointer keeps
	// vet's unsafeptr check quiet about the uintptr conversion.
	mem := unsafe.Slice((*byte)(*(*unsafe.Pointer)(unsafe.Pointer(&addr))), size)
	for i := range mem {
		mem[i] = byte(i * 7)
	}
	for i := range mem {
		if mem[i] != byte(i*7) {
			t.Fatalf("mapping at %#x: byte %d reads back %d", addr, i, mem[i])
		}
	}
}

// TestSixArgs maps the second page of a file: mmap's fifth and sixth arguments (fd and
// offset) must arrive, which on mips o32 means on the stack.
func TestSixArgs(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pg := os.Getpagesize()
	data := make([]byte, 2*pg)
	for i := range data {
		data[i] = byte(i / 4096 * 17)
	}
	data[pg] = 0xA5
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	addr, e := mmap(0, uintptr(pg), syscall.PROT_READ, syscall.MAP_SHARED, f.Fd(), int64(pg))
	if e != 0 {
		t.Fatalf("mmap(file, offset %d): %v", pg, e)
	}
	defer munmap(addr, uintptr(pg))
	mem := unsafe.Slice((*byte)(*(*unsafe.Pointer)(unsafe.Pointer(&addr))), pg)
	if string(mem) != string(data[pg:]) {
		t.Fatalf("mapping of page 1 does not hold the file's page 1 (first byte %#x)", mem[0])
	}
}

// blockingCalls are the entry points that tell the scheduler, reduced to three arguments
// (the mips o32 test file adds Syscall8).
var blockingCalls = []call3{
	{"Syscall", raw.Syscall},
	{"Syscall6", func(n, a1, a2, a3 uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.Syscall6(n, a1, a2, a3, 0, 0, 0)
	}},
}

// TestBlockingReadKeepsScheduler blocks one goroutine in read(2) on an empty socket through
// each blocking entry point with GOMAXPROCS=1: the other goroutines must keep running, so
// the write that releases the reader can happen at all. While the reader is blocked, the
// garbage collector scans its stack and a traceback walks it, through the assembly frame.
//
// An entry point that does not tell the scheduler (no entersyscall) keeps the only P while
// it sleeps, so nothing else runs: the read then ends by itself, after readTimeout
// (SO_RCVTIMEO: EAGAIN) or at the runtime's first preemption signal (a socket read with a
// timeout is not restarted after a signal: EINTR), and the test fails saying so instead of
// hanging. A thread inside entersyscall is never sent preemption signals.
func TestBlockingReadKeepsScheduler(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, c := range blockingCalls {
		t.Run(c.name, func(t *testing.T) { blockingRead(t, c) })
	}
}

// readTimeout bounds the blocked read: far longer than the scheduler needs to hand the P on
// (sysmon retakes it within 10 ms), even under qemu on a loaded machine.
const readTimeout = 5 * time.Second

//go:noinline
func blockedReader(c call3, fd int, tid chan<- int, done chan<- string) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tid <- syscall.Gettid()
	buf := make([]byte, 16)
	n, _, e := c.fn(syscall.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	if e != 0 {
		done <- "error: " + e.Error()
		return
	}
	done <- string(buf[:min(int(n), len(buf))])
}

func blockingRead(t *testing.T, c call3) {
	p, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(p[0])
	defer syscall.Close(p[1])
	tv := syscall.NsecToTimeval(int64(readTimeout))
	if err := syscall.SetsockoptTimeval(p[0], syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv); err != nil {
		t.Fatal(err)
	}

	tid := make(chan int, 1)
	done := make(chan string, 1)
	start := time.Now()
	go blockedReader(c, p[0], tid, done)
	reader := <-tid
	// This goroutine runs again only once the reader's P was handed on (or the read gave up).
	gaveUp := func(r string) {
		t.Fatalf("raw.%s: read(2) returned %q after %v, before any other goroutine could write: the entry point "+
			"kept its P while blocked (no entersyscall); the runtime either could not run anything else until the "+
			"read timed out (EAGAIN) or tried to preempt the \"running\" reader with a signal (EINTR)",
			c.name, r, time.Since(start).Round(time.Millisecond))
	}
	select {
	case r := <-done:
		gaveUp(r)
	default:
	}
	// Wait until the reader thread sleeps in the kernel (state S in its stat), or give it
	// time to get there where /proc does not tell.
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile("/proc/self/task/" + itoa(reader) + "/stat")
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			break
		}
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i > 0 && i+2 < len(s) && s[i+2] == 'S' {
			break
		}
		time.Sleep(time.Millisecond)
	}
	// Another goroutine runs while the reader is blocked.
	var ticks atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				ticks.Add(1)
				runtime.Gosched()
			}
		}
	}()
	for ticks.Load() < 1000 {
		runtime.Gosched()
	}
	close(stop)
	wg.Wait()
	runtime.GC()
	runtime.GC()
	stack := make([]byte, 1<<20)
	stack = stack[:runtime.Stack(stack, true)]
	select {
	case r := <-done:
		gaveUp(r)
	default:
	}
	if !strings.Contains(string(stack), "raw_test.blockedReader(") {
		t.Errorf("traceback of all goroutines does not reach blockedReader through raw.%s:\n%s", c.name, stack)
	}
	msg := []byte("ping")
	n, _, e := raw.Syscall(syscall.SYS_WRITE, uintptr(p[1]), uintptr(unsafe.Pointer(&msg[0])), uintptr(len(msg)))
	if e != 0 || n != uintptr(len(msg)) {
		t.Fatalf("write = %d, %v", n, e)
	}
	select {
	case r := <-done:
		if r != "ping" {
			t.Fatalf("read = %q", r)
		}
	case <-time.After(2 * readTimeout):
		t.Fatal("reader did not wake up")
	}
	t.Logf("other goroutine ran %d times while the reader was blocked in raw.%s", ticks.Load(), c.name)
}

// TestPointerArgs passes a fresh heap buffer to fstat as uintptr(unsafe.Pointer(&buf[0]))
// in the call expression while other goroutines force collections; run it under -race
// (which enables checkptr) to check the conversions.
func TestPointerArgs(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const size = 12345
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	var want syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &want); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
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
				keep = append(keep, make([]byte, 4096))
				if len(keep) > 64 {
					keep = nil
					runtime.GC()
				}
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	fd := f.Fd()
	n := 2000
	if testing.Short() || runtime.GOARCH != "amd64" {
		n = 300
	}
	for i := 0; i < n; i++ {
		ino, sz, e := fstatHeap(fd, i%2 == 0)
		if e != 0 {
			t.Fatalf("fstat: %v", e)
		}
		if ino != uint64(want.Ino) || sz != size {
			t.Fatalf("fstat: ino %d size %d, want ino %d size %d", ino, sz, want.Ino, size)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

var sink uintptr

func BenchmarkGetpid(b *testing.B) {
	b.Run("RawSyscall6", func(b *testing.B) {
		var s uintptr
		for b.Loop() {
			r, _, _ := raw.RawSyscall6(syscall.SYS_GETPID, 0, 0, 0, 0, 0, 0)
			s += r
		}
		sink = s
	})
	b.Run("syscall.RawSyscall", func(b *testing.B) {
		var s uintptr
		for b.Loop() {
			r, _, _ := syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0)
			s += r
		}
		sink = s
	})
	b.Run("Syscall6", func(b *testing.B) {
		var s uintptr
		for b.Loop() {
			r, _, _ := raw.Syscall6(syscall.SYS_GETPID, 0, 0, 0, 0, 0, 0)
			s += r
		}
		sink = s
	})
	b.Run("syscall.Syscall", func(b *testing.B) {
		var s uintptr
		for b.Loop() {
			r, _, _ := syscall.Syscall(syscall.SYS_GETPID, 0, 0, 0)
			s += r
		}
		sink = s
	})
	// interleaved times short runs of the four calls in rotating order within one loop, so
	// load changes on a shared machine hit all of them alike, and reports the two ratios.
	b.Run("interleaved", func(b *testing.B) {
		fns := [4]func() uintptr{
			func() uintptr { r, _, _ := raw.RawSyscall6(syscall.SYS_GETPID, 0, 0, 0, 0, 0, 0); return r },
			func() uintptr { r, _, _ := syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0); return r },
			func() uintptr { r, _, _ := raw.Syscall6(syscall.SYS_GETPID, 0, 0, 0, 0, 0, 0); return r },
			func() uintptr { r, _, _ := syscall.Syscall(syscall.SYS_GETPID, 0, 0, 0); return r },
		}
		const chunk = 32
		var total [4]time.Duration
		var s uintptr
		for i := 0; b.Loop(); i++ {
			for k := range 4 {
				j := (i + k) % 4
				t0 := time.Now()
				for range chunk {
					s += fns[j]()
				}
				total[j] += time.Since(t0)
			}
		}
		sink = s
		b.ReportMetric(float64(total[0])/float64(total[1]), "RawSyscall6/syscall.RawSyscall")
		b.ReportMetric(float64(total[2])/float64(total[3]), "Syscall6/syscall.Syscall")
	})
	b.Run("RawSyscall", func(b *testing.B) {
		var s uintptr
		for b.Loop() {
			r, _, _ := raw.RawSyscall(syscall.SYS_GETPID, 0, 0, 0)
			s += r
		}
		sink = s
	})
}
