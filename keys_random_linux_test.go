//go:build linux

package linux

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// getrandom, the system call itself (GRND_NONBLOCK, GRND_RANDOM) next to Getrandom, which
// prefers the vDSO.
func TestGetrandomSyscall(t *testing.T) {
	sys := func(b []byte, flags GrndFlags) (int, error) {
		r, _, e := raw.Syscall(SYS_GETRANDOM, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(flags))
		if e != 0 {
			return 0, e
		}
		return int(r), nil
	}
	a, b := make([]byte, 32), make([]byte, 32)
	for _, flags := range []GrndFlags{0, GRND_NONBLOCK, GRND_RANDOM | GRND_NONBLOCK, GRND_INSECURE} {
		clear(a)
		clear(b)
		n, err := sys(a, flags)
		if flags&GRND_RANDOM != 0 && err == EAGAIN {
			continue // the blocking pool may be empty: EAGAIN is its answer with GRND_NONBLOCK
		}
		if err != nil || n == 0 {
			t.Fatalf("getrandom(%v) system call: %d %v", flags, n, err)
		}
		if m, err := Getrandom(b, flags); err != nil || m != len(b) {
			t.Fatalf("Getrandom(%v): %d %v", flags, m, err)
		}
		if bytes.Equal(a[:n], b[:n]) || bytes.Equal(a, make([]byte, 32)) {
			t.Fatalf("flags %v: the same or zero bytes twice: % x", flags, a)
		}
	}
	_, err := sys(a, GRND_RANDOM|GRND_INSECURE)
	wantErrno(t, "GRND_RANDOM|GRND_INSECURE", err, EINVAL)
	// (Getrandom with the same flags succeeds where the runtime's vDSO getrandom serves
	// it: it does not check them.)
}
