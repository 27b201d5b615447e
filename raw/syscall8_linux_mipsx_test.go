//go:build mips || mipsle

package raw_test

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/rawlinux/linux/raw"
)

func init() {
	blockingCalls = append(blockingCalls, call3{"Syscall8", func(n, a1, a2, a3 uintptr) (uintptr, uintptr, raw.Errno) {
		return raw.Syscall8(n, a1, a2, a3, 0, 0, 0, 0, 0)
	}})
}

// pair splits a 64-bit value into the o32 register pair that carries it: high word first on
// big-endian mips, low word first on mipsle.
func pair(v uint64) (uintptr, uintptr) {
	hi, lo := uintptr(v>>32), uintptr(uint32(v))
	if runtime.GOARCH == "mips" {
		return hi, lo
	}
	return lo, hi
}

// TestSyscall8 makes the seven-argument o32 call sync_file_range(fd, pad, offset pair,
// nbytes pair, flags): arguments 5 to 7 travel on the stack.
func TestSyscall8(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 8192)); err != nil {
		t.Fatal(err)
	}
	const write = 2 // SYNC_FILE_RANGE_WRITE
	fd := f.Fd()
	type fn func(num, a1, a2, a3, a4, a5, a6, a7, a8 uintptr) (uintptr, uintptr, raw.Errno)
	for _, c := range []struct {
		name string
		fn   fn
	}{{"Syscall8", raw.Syscall8}, {"RawSyscall8", raw.RawSyscall8}} {
		cases := []struct {
			off, n uint64
			flags  uintptr
			want   raw.Errno
		}{
			{4096, 4096, write, 0},
			{1 << 32, 0, write, 0},             // high word of the offset set: still valid
			{0, 4096, 8, raw.EINVAL},           // an unknown flag: the 7th argument arrives
			{1 << 63, 4096, write, raw.EINVAL}, // a negative offset: the pair's order is right
			{4096, 1 << 63, write, raw.EINVAL}, // a negative end: the stack pair is right
		}
		for _, k := range cases {
			o1, o2 := pair(k.off)
			n1, n2 := pair(k.n)
			r1, _, e := c.fn(syscall.SYS_SYNC_FILE_RANGE, fd, 0, o1, o2, n1, n2, k.flags, 0)
			if e != k.want {
				t.Errorf("%s sync_file_range(off %#x, n %#x, flags %d) = %#x, %v; want err %v", c.name, k.off, k.n, k.flags, r1, e, k.want)
			}
		}
	}
}
