//go:build linux

package linux

import (
	"encoding/binary"
	"testing"
	"time"
	"unsafe"
)

// epoll on a pipe: level- and edge-triggered readiness, the data field handed back, the
// timeouts of epoll_wait and epoll_pwait2.

// testPipe returns a pipe, both ends closed at the end of the test.
func testPipe(t *testing.T, flags OpenFlags) (r, w FD) {
	t.Helper()
	p, err := Pipe2(flags | O_CLOEXEC)
	must(t, "pipe2", err)
	t.Cleanup(func() { Close(p[0]); Close(p[1]) })
	return p[0], p[1]
}

func TestEpollLevelAndEdge(t *testing.T) {
	ep, err := EpollCreate1(EPOLL_CLOEXEC)
	ep = mustFD(t, "epoll_create1", ep, err)
	lr, lw := testPipe(t, 0)
	er, ew := testPipe(t, 0)
	ev := NewEpollEvent(EPOLLIN, 0x1122334455667788)
	must(t, "add level", EpollCtl(ep, EPOLL_CTL_ADD, lr, &ev))
	ev = NewEpollEvent(EPOLLIN|EPOLLET, uint64(er))
	must(t, "add edge", EpollCtl(ep, EPOLL_CTL_ADD, er, &ev))
	wantErrno(t, "add twice", EpollCtl(ep, EPOLL_CTL_ADD, er, &ev), EEXIST)
	events := make([]EpollEvent, 4)
	if n, err := EpollWait(ep, events, 0); err != nil || n != 0 {
		t.Fatalf("epoll_wait with nothing ready: %d, %v", n, err)
	}
	Write(lw, []byte("l"))
	Write(ew, []byte("e"))
	seen := func() map[uint64]EpollEvents {
		n, err := EpollWait(ep, events, 100)
		must(t, "epoll_wait", err)
		m := map[uint64]EpollEvents{}
		for _, e := range events[:n] {
			m[e.GetData()] = e.Events
		}
		return m
	}
	got := seen()
	if got[0x1122334455667788] != EPOLLIN || got[uint64(er)] != EPOLLIN || len(got) != 2 {
		t.Fatalf("first wait: %v", got)
	}
	// Nothing read: the level-triggered pipe is still ready, the edge-triggered one
	// has had its edge.
	if got := seen(); len(got) != 1 || got[0x1122334455667788] != EPOLLIN {
		t.Fatalf("second wait: %v (want the level-triggered pipe only)", got)
	}
	// New data is a new edge.
	Write(ew, []byte("e"))
	if got := seen(); got[uint64(er)] != EPOLLIN {
		t.Fatalf("after more data: %v", got)
	}
	// Modify, delete.
	ev = NewEpollEvent(EPOLLOUT, 7)
	must(t, "mod", EpollCtl(ep, EPOLL_CTL_MOD, lr, &ev))
	must(t, "del", EpollCtl(ep, EPOLL_CTL_DEL, er, nil))
	if got := seen(); len(got) != 0 {
		t.Fatalf("after mod and del: %v (a read end is never writable)", got)
	}
	wantErrno(t, "del twice", EpollCtl(ep, EPOLL_CTL_DEL, er, nil), ENOENT)
	// EpollPwait with a signal mask, on the write end, writable.
	ev = NewEpollEvent(EPOLLOUT, 9)
	must(t, "add write end", EpollCtl(ep, EPOLL_CTL_ADD, lw, &ev))
	var mask Sigset
	n, err := EpollPwait(ep, events, 100, &mask)
	if err != nil || n != 1 || events[0].GetData() != 9 || events[0].Events&EPOLLOUT == 0 {
		t.Fatalf("epoll_pwait: %d %+v %v", n, events[:n], err)
	}
	_, err = EpollWait(ep, nil, 0)
	wantErrno(t, "epoll_wait without room for an event", err, EINVAL)
}

func TestEpollDataLayout(t *testing.T) {
	// The data field is the same on every arch: bytes at the C offset, in native order.
	ev := NewEpollEvent(EPOLLIN, 0x0102030405060708)
	off := unsafe.Offsetof(ev.Data)
	want := map[uintptr]bool{4: true, 8: true} // packed on x86, aligned elsewhere
	if !want[off] || unsafe.Sizeof(ev) != off+8 {
		t.Fatalf("Data at %d, size %d", off, unsafe.Sizeof(ev))
	}
	if binary.NativeEndian.Uint64(ev.Data[:]) != 0x0102030405060708 || ev.GetData() != 0x0102030405060708 {
		t.Fatalf("Data holds % x: not the value in the arch's byte order", ev.Data)
	}
}

func TestEpollPwait2Timeout(t *testing.T) {
	ep, err := EpollCreate1(EPOLL_CLOEXEC)
	ep = mustFD(t, "epoll_create1", ep, err)
	r, _ := testPipe(t, 0)
	ev := NewEpollEvent(EPOLLIN, 1)
	must(t, "add", EpollCtl(ep, EPOLL_CTL_ADD, r, &ev))
	events := make([]EpollEvent, 1)
	t0 := time.Now()
	n, err := EpollPwait2(ep, events, &Timespec{Nsec: 30e6}, nil)
	skipUnsupported(t, "epoll_pwait2", err)
	d := time.Since(t0)
	if err != nil || n != 0 {
		t.Fatalf("epoll_pwait2: %d, %v", n, err)
	}
	if d < 25*time.Millisecond {
		if qemuUser() && unsafe.Sizeof(uintptr(0)) == 4 {
			t.Skipf("qemu-user's epoll_pwait2 ignores the timeout on 32-bit targets (it returned after %v)", d)
		}
		t.Fatalf("epoll_pwait2 with a 30 ms timeout returned after %v", d)
	}
	// A zero timeout returns at once, a negative one is EINVAL.
	if n, err := EpollPwait2(ep, events, &Timespec{}, nil); err != nil || n != 0 {
		t.Fatalf("zero timeout: %d %v", n, err)
	}
	_, err = EpollPwait2(ep, events, &Timespec{Sec: -1}, nil)
	wantErrno(t, "negative timeout", err, EINVAL)
}

func TestEpollCreate(t *testing.T) {
	ep, err := EpollCreate(1)
	ep = mustFD(t, "epoll_create", ep, err)
	if fl, _ := Fcntl(ep, F_GETFD, 0); fl&FD_CLOEXEC != 0 {
		t.Fatal("epoll_create made a close-on-exec descriptor")
	}
	_, err = EpollCreate(0)
	wantErrno(t, "epoll_create(0)", err, EINVAL)
	_, err = EpollCreate1(0x7fff)
	wantErrno(t, "epoll_create1 with bad flags", err, EINVAL)
	// It is an epoll instance: adding itself is refused as a loop.
	ev := NewEpollEvent(EPOLLIN, 0)
	wantErrno(t, "add itself", EpollCtl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL)
}
