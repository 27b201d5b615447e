//go:build mips || mipsle || mips64 || mips64le

package raw_test

import (
	"syscall"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// TestPipeR2 checks r2 where the kernel uses it: mips's pipe(2) returns the read end in v0
// and the write end in v1 (sysm_pipe).
func TestPipeR2(t *testing.T) {
	for _, c := range calls {
		r1, r2, e := c.fn(syscall.SYS_PIPE, 0, 0, 0)
		if e != 0 {
			t.Fatalf("%s pipe: %v", c.name, e)
		}
		rfd, wfd := int(r1), int(r2)
		if rfd == wfd || rfd < 0 || wfd <= 0 {
			t.Fatalf("%s pipe: r1 = %d, r2 = %d", c.name, rfd, wfd)
		}
		msg := []byte("v1")
		if n, err := syscall.Write(wfd, msg); err != nil || n != 2 {
			t.Fatalf("%s write to r2 (%d): %d, %v", c.name, wfd, n, err)
		}
		var buf [4]byte
		n, _, e := raw.Syscall(syscall.SYS_READ, uintptr(rfd), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if e != 0 || string(buf[:n]) != "v1" {
			t.Fatalf("%s read from r1 (%d): %q, %v", c.name, rfd, buf[:n], e)
		}
		syscall.Close(rfd)
		syscall.Close(wfd)
	}
}
