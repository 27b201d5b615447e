//go:build linux

package raw_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The register tests: every entry point gets a distinct value in every argument register,
// and each value must arrive where the kernel uses it, so that a swapped, zeroed, truncated
// or forgotten argument register fails a named test on every arch (natively and under
// qemu-user, which reads the guest's registers by the same ABI as the kernel):
//
//   - TestArgumentsRead: read(fd, buf, n) on a pipe, arguments 1-3 (the rest carry junk
//     that read ignores);
//   - TestArgumentsRecvfrom: recvfrom(fd, buf, n, flags, addr, addrlen), arguments 1-6, each
//     with an effect of its own (which socket, where the bytes go, how many, MSG_TRUNC's
//     return value and MSG_PEEK's queue, the sender's address and its length);
//   - TestArgumentsProcSyscall: natively, the six argument registers exactly as the kernel
//     saw them (/proc/self/task/TID/syscall while the call blocks), the 3-argument entry
//     points' zeros in registers 4-6 included;
//   - TestResultRegister: r2 where the arch defines what the second result register holds;
//   - on mips o32, TestSyscall8 (syscall8_mipsx_test.go) covers argument 7.

// entry is one raw entry point taking up to eight arguments; one with fewer ignores the rest.
type entry struct {
	name  string
	nargs int
	fn    func(num uintptr, a *[8]uintptr) (r1, r2 uintptr, err raw.Errno)
}

// entries are the entry points of every arch (regs_linux_mipsx_test.go adds Syscall8 and
// RawSyscall8 on mips o32).
var entries = []entry{
	{"Syscall", 3, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.Syscall(n, a[0], a[1], a[2])
	}},
	{"RawSyscall", 3, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.RawSyscall(n, a[0], a[1], a[2])
	}},
	{"Syscall6", 6, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.Syscall6(n, a[0], a[1], a[2], a[3], a[4], a[5])
	}},
	{"RawSyscall6", 6, func(n uintptr, a *[8]uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.RawSyscall6(n, a[0], a[1], a[2], a[3], a[4], a[5])
	}},
}

var junkSeq atomic.Uint32

// junk returns values for the argument registers a call ignores: full-width (the high half
// set on 64-bit arches, bit 31 set on 32-bit ones), different per register and per call, so
// that a value read back from the wrong register, half a register or a stale slot shows.
func junk(a *[8]uintptr, from int) {
	seq := uint64(junkSeq.Add(1))
	for i := from; i < len(a); i++ {
		a[i] = uintptr(uint64(0xa0+i)<<56 | uint64(0xc0de)<<32 | 0x80000000 | seq<<8 | uint64(i+1))
	}
}

// unusedFD returns a number above lo that is not an open file descriptor, for a length
// argument: a length that landed in the fd register must not name a real file.
func unusedFD(lo int) uintptr {
	for n := lo; ; n++ {
		if _, _, e := syscall.RawSyscall(syscall.SYS_FCNTL, uintptr(n), syscall.F_GETFD, 0); e == syscall.EBADF {
			return uintptr(n)
		}
	}
}

// canary fills b with a byte the kernel never writes in these tests.
func canary(b []byte) {
	for i := range b {
		b[i] = 0xEE
	}
}

// TestArgumentsRead reads n bytes from a pipe holding more: the bytes must come from that
// pipe (argument 1), land in buf (argument 2) and be exactly n of them (argument 3); the
// pipe must then hold the rest.
func TestArgumentsRead(t *testing.T) {
	data := []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
	for _, c := range entries {
		t.Run(c.name, func(t *testing.T) {
			var p [2]int
			if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC|syscall.O_NONBLOCK); err != nil {
				t.Fatal(err)
			}
			defer syscall.Close(p[0])
			defer syscall.Close(p[1])
			if n, err := syscall.Write(p[1], data); err != nil || n != len(data) {
				t.Fatalf("write: %d, %v", n, err)
			}
			n := unusedFD(7)
			if n >= uintptr(len(data)) {
				t.Fatalf("no unused descriptor number below %d for the length", len(data))
			}
			buf := new([128]byte)
			canary(buf[:])
			a := new([8]uintptr)
			junk(a, 3)
			a[0], a[1], a[2] = uintptr(p[0]), uintptr(unsafe.Pointer(&buf[0])), n
			r1, _, e := c.fn(syscall.SYS_READ, a)
			runtime.KeepAlive(buf)
			if e != 0 || r1 != n {
				t.Fatalf("read(pipe %d, buf, %d): r1 = %d, err %v; want %d bytes", p[0], n, r1, e, n)
			}
			if !bytes.Equal(buf[:n], data[:n]) {
				t.Errorf("read(pipe, buf, %d): buf holds %q, want %q", n, buf[:n], data[:n])
			}
			if !bytes.Equal(buf[n:], bytes.Repeat([]byte{0xEE}, len(buf)-int(n))) {
				t.Errorf("read(pipe, buf, %d): bytes past n written: %q", n, buf[n:])
			}
			rest := make([]byte, 128)
			m, err := syscall.Read(p[0], rest)
			if err != nil || string(rest[:m]) != string(data[n:]) {
				t.Errorf("pipe after reading %d bytes holds %q (%v), want %q", n, rest[:max(m, 0)], err, data[n:])
			}
		})
	}
}

// recvPair is a receiving unix datagram socket with one datagram queued from a sender
// bound to a path.
type recvPair struct {
	fd       int
	sender   string // the sender's path
	datagram []byte
}

func newRecvPair(t *testing.T) recvPair {
	t.Helper()
	dir := t.TempDir()
	if len(dir) > 80 {
		// sun_path holds 108 bytes; a long TMPDIR would not fit.
		d, err := os.MkdirTemp("/tmp", "rl")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(d) })
		dir = d
	}
	rpath, spath := filepath.Join(dir, "r"), filepath.Join(dir, "sender")
	sock := func(path string) int {
		fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { syscall.Close(fd) })
		if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
			t.Fatalf("bind %s: %v", path, err)
		}
		return fd
	}
	r, s := sock(rpath), sock(spath)
	dg := []byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if err := syscall.Sendto(s, dg, 0, &syscall.SockaddrUnix{Name: rpath}); err != nil {
		t.Fatalf("sendto: %v", err)
	}
	return recvPair{r, spath, dg}
}

// MSG_* of include/linux/socket.h, the same on every arch.
const (
	msgPeek     = 0x2
	msgTrunc    = 0x20
	msgDontwait = 0x40
)

// TestArgumentsRecvfrom gives recvfrom six arguments that each leave their own trace:
//
//	fd       the only socket with a datagram queued (another number: EBADF, ENOTSOCK or EAGAIN)
//	buf      where the first n bytes of the datagram must land
//	n        how many (the bytes after them keep their canary)
//	flags    MSG_PEEK|MSG_TRUNC|MSG_DONTWAIT: the result is the datagram's full length, not
//	         n, and the datagram stays queued
//	addr     receives the sender's address (AF_UNIX and its path, as the kernel records it)
//	addrlen  in: the buffer's size; out: the address's length
//
// Swapping arguments 5 and 6 makes the kernel read the length from the canary-filled address
// buffer (negative: EINVAL); zeroing argument 4 makes the result n.
func TestArgumentsRecvfrom(t *testing.T) {
	for _, c := range entries {
		if c.nargs < 6 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			p := newRecvPair(t)
			n := unusedFD(7)
			if n >= uintptr(len(p.datagram)) {
				t.Fatalf("no unused descriptor number below %d for the length", len(p.datagram))
			}
			buf := new([128]byte)
			addr := new([128]byte)
			addrlen := new(uint32)
			canary(buf[:])
			canary(addr[:])
			*addrlen = uint32(len(addr))
			a := new([8]uintptr)
			junk(a, 6)
			a[0], a[1], a[2], a[3] = uintptr(p.fd), uintptr(unsafe.Pointer(&buf[0])), n, msgPeek|msgTrunc|msgDontwait
			a[4], a[5] = uintptr(unsafe.Pointer(&addr[0])), uintptr(unsafe.Pointer(addrlen))
			r1, _, e := c.fn(sysRecvfrom, a)
			runtime.KeepAlive(buf)
			runtime.KeepAlive(addr)
			runtime.KeepAlive(addrlen)
			if e != 0 {
				t.Fatalf("recvfrom(fd %d, buf, %d, MSG_PEEK|MSG_TRUNC|MSG_DONTWAIT, addr, &addrlen): %v (%d)", p.fd, n, e, e)
			}
			if r1 != uintptr(len(p.datagram)) {
				t.Errorf("recvfrom returned %d, want the datagram's full length %d (MSG_TRUNC in argument 4)", r1, len(p.datagram))
			}
			if !bytes.Equal(buf[:n], p.datagram[:n]) || !bytes.Equal(buf[n:], bytes.Repeat([]byte{0xEE}, len(buf)-int(n))) {
				t.Errorf("buf (argument 2, %d bytes wanted: argument 3) = %q, want %q then canaries", n, buf[:n+4], p.datagram[:n])
			}
			// The kernel records a path address as family, path and its NUL (unix(7)).
			want := make([]byte, 2, 2+len(p.sender)+1)
			binary.NativeEndian.PutUint16(want, syscall.AF_UNIX)
			want = append(append(want, p.sender...), 0)
			if *addrlen != uint32(len(want)) {
				t.Errorf("addrlen (argument 6) = %d, want %d", *addrlen, len(want))
			}
			if !bytes.Equal(addr[:len(want)], want) || !bytes.Equal(addr[len(want):], bytes.Repeat([]byte{0xEE}, len(addr)-len(want))) {
				t.Errorf("addr (argument 5) = %q, want %q then canaries", addr[:len(want)+2], want)
			}
			// MSG_PEEK: the datagram is still queued, whole.
			got := make([]byte, 128)
			m, _, err := syscall.Recvfrom(p.fd, got, 0)
			if err != nil || string(got[:m]) != string(p.datagram) {
				t.Errorf("after MSG_PEEK the queue holds %q (%v), want %q", got[:max(m, 0)], err, p.datagram)
			}
		})
	}
}

// r2Rule says what r2 holds after a call that sets no second result (getpid), by arch, and
// which argument that is (0: r2 must be 0; -1: undefined).
//
//   - amd64 (rdx), 386 (edx): the kernel restores every register but the result (and rcx,
//     r11 on amd64; arch/x86/entry/entry_64.S), so r2 is argument 3;
//   - arm (r1), arm64 (x1), riscv64 (a1), loong64 ($a1), s390x (r3): the kernel restores
//     every register but the result (the C libraries' inline system calls rely on it), so
//     r2 is argument 2;
//   - mips, mipsle, mips64, mips64le (v1): the entry points zero it before the trap and only
//     pipe(2) sets it (TestPipeR2), so r2 is 0;
//   - ppc64, ppc64le (r4): volatile across sc (Documentation/arch/powerpc/syscall64-abi.rst),
//     so nothing is defined and r2 is not checked.
func r2Rule() int {
	switch runtime.GOARCH {
	case "amd64", "386":
		return 3
	case "arm", "arm64", "riscv64", "loong64", "s390x":
		return 2
	case "mips", "mipsle", "mips64", "mips64le":
		return 0
	}
	return -1
}

// TestResultRegister makes getpid, which ignores its arguments, with junk in every
// argument register: r1 must be the pid and r2 what the arch defines (r2Rule).
func TestResultRegister(t *testing.T) {
	rule := r2Rule()
	if rule < 0 {
		t.Logf("%s: r2 is not defined after a system call; checking r1 only", runtime.GOARCH)
	}
	pid := uintptr(os.Getpid())
	for _, c := range entries {
		for i := 0; i < 3; i++ {
			a := new([8]uintptr)
			junk(a, 0)
			r1, r2, e := c.fn(syscall.SYS_GETPID, a)
			if e != 0 || r1 != pid {
				t.Errorf("%s getpid(junk) = %#x, %v; want %d", c.name, r1, e, pid)
			}
			switch {
			case rule == 0 && r2 != 0:
				t.Errorf("%s getpid: r2 = %#x, want 0 (v1 is zeroed before the trap and getpid leaves it)", c.name, r2)
			case rule > 0 && r2 != a[rule-1]:
				t.Errorf("%s getpid: r2 = %#x, want argument %d, %#x, which the kernel hands back untouched", c.name, r2, rule, a[rule-1])
			}
		}
	}
}

// TestArgumentsProcSyscall blocks each entry point in read(2) with a distinct value in each
// of the six argument registers and reads them back as the kernel saw them from
// /proc/self/task/TID/syscall ("NR a1 a2 a3 a4 a5 a6 sp pc"): the six-argument entry points
// must pass every register exactly, the three-argument ones zeros in registers 4-6. Under
// qemu-user that file shows qemu's own system call, so the test runs natively only.
func TestArgumentsProcSyscall(t *testing.T) {
	if emulated() {
		t.Skip("under emulation /proc/self/task/TID/syscall shows the emulator's host system call, not the guest's registers")
	}
	// RawSyscall holds its P while it blocks: the test needs another.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	for _, c := range entries {
		var emu string
		t.Run(c.name, func(t *testing.T) {
			if emu = procSyscall(t, c); emu != "" {
				t.Skip(emu)
			}
		})
		if emu != "" {
			// emulated() cannot tell qemu-i386 from a native 386 process: the file can.
			t.Skip(emu)
		}
	}
}

// procSyscall checks c's registers; it returns why not where the file shows the emulator's
// own system call instead of the guest's.
func procSyscall(t *testing.T, c entry) (emulator string) {
	// A pipe: the kernel restarts its read after a signal (SA_RESTART) with the same
	// registers, and the runtime sends RawSyscall's "running" goroutine preemption signals.
	// This goroutine always writes to it in the end, so the read cannot hang.
	var fds [2]int
	if err := syscall.Pipe2(fds[:], syscall.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	buf := new([16]byte)
	a := new([8]uintptr)
	junk(a, 3)
	a[0], a[1], a[2] = uintptr(fds[0]), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf))
	want := *a
	if c.nargs < 6 {
		want[3], want[4], want[5] = 0, 0, 0
	}
	tid := make(chan int, 1)
	type result struct {
		r1 uintptr
		e  raw.Errno
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid <- syscall.Gettid()
		r1, _, e := c.fn(syscall.SYS_READ, a)
		runtime.KeepAlive(buf)
		done <- result{r1, e}
	}()
	path := "/proc/self/task/" + strconv.Itoa(<-tid) + "/syscall"
	var fields []string
	start := time.Now()
	other := time.Time{} // since when the file has shown another system call
	written := false
	defer func() {
		if !written {
			unblock(t, fds[1])
		}
	}()
	for {
		select {
		case r := <-done:
			// (Then this thread may be the reader's, and the file would show its own read.)
			t.Fatalf("%s: read returned %d, %v before its registers were seen", c.name, r.r1, r.e)
		default:
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		fields = strings.Fields(string(b))
		if len(fields) >= 7 && fields[0] == strconv.Itoa(syscall.SYS_READ) {
			break
		}
		if len(fields) < 7 {
			other = time.Time{} // "running": not in the kernel yet
		} else if other.IsZero() {
			other = time.Now()
		}
		if runtime.GOARCH == "386" && !other.IsZero() && time.Since(other) > 300*time.Millisecond {
			// Blocked, but in another call: the file shows qemu's own system call.
			unblock(t, fds[1])
			written = true
			<-done
			return fmt.Sprintf("%s shows system call %s while the thread blocks in read (%d): under emulation it "+
				"shows the emulator's host system call, not the guest's registers", path, fields[0], syscall.SYS_READ)
		}
		if time.Since(start) > 5*time.Second {
			t.Fatalf("%s never showed the thread blocked in read (%d): %q", path, syscall.SYS_READ, fields)
		}
		time.Sleep(time.Millisecond)
	}
	for i := 0; i < 6; i++ {
		got, err := strconv.ParseUint(strings.TrimPrefix(fields[1+i], "0x"), 16, 64)
		if err != nil {
			t.Fatalf("%s: field %q: %v", path, fields[1+i], err)
		}
		if uintptr(got) != want[i] {
			t.Errorf("%s: argument register %d = %#x, want %#x", c.name, i+1, got, want[i])
		}
	}
	unblock(t, fds[1])
	written = true
	r := <-done
	if r.e != 0 || r.r1 != 4 || string(buf[:4]) != "ping" {
		t.Errorf("%s read = %d, %v, %q; want 4, \"ping\"", c.name, r.r1, r.e, buf[:4])
	}
	return ""
}

func unblock(t *testing.T, fd int) {
	if n, err := syscall.Write(fd, []byte("ping")); err != nil || n != 4 {
		t.Fatalf("write: %d, %v", n, err)
	}
}
