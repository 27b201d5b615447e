//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"testing"
	"unsafe"
)

// The time64 and time32 rows of 32-bit arches: ppoll, pselect6 and io_getevents each have
// both, and the canonical names make the time64 one.

func TestTime32And64Rows(t *testing.T) {
	r, w := testPipe(t, 0)
	Write(w, []byte("x"))
	fds := []Pollfd{{FD: int32(r), Events: POLLIN}}
	if n, err := PpollTime64(fds, &Timespec{Nsec: 1e6}, nil); err != nil || n != 1 || fds[0].Revents != POLLIN {
		t.Fatalf("ppoll_time64: %d %+v %v", n, fds, err)
	}
	fds[0].Revents = 0
	if n, err := PpollTime32(fds, &OldTimespec32{Nsec: 1e6}, nil); err != nil || n != 1 || fds[0].Revents != POLLIN {
		t.Fatalf("ppoll (time32): %d %+v %v", n, fds, err)
	}
	var rs FDSet
	rs.Set(r)
	if n, err := Pselect6Time64(int(r)+1, &rs, nil, nil, &Timespec{Nsec: 1e6}, nil); err != nil || n != 1 || !rs.IsSet(r) {
		t.Fatalf("pselect6_time64: %d %v", n, err)
	}
	mask := SigsetOf(SIGUSR2)
	if n, err := Pselect6Time32(int(r)+1, &rs, nil, nil, &OldTimespec32{Nsec: 1e6}, &mask); err != nil || n != 1 || !rs.IsSet(r) {
		t.Fatalf("pselect6 (time32): %d %v", n, err)
	}
	// A 32-bit timeout that runs out is written back as 0.
	var empty FDSet
	r2, _ := testPipe(t, 0)
	empty.Set(r2)
	ts := OldTimespec32{Nsec: 5e6}
	if n, err := Pselect6Time32(int(r2)+1, &empty, nil, nil, &ts, nil); err != nil || n != 0 || ts != (OldTimespec32{}) {
		t.Fatalf("pselect6 (time32) timeout: %d %v, left %+v", n, err, ts)
	}
	if unsafe.Sizeof(OldTimespec32{}) != 8 || unsafe.Sizeof(Timespec{}) != 16 {
		t.Fatal("timespec sizes")
	}
}
