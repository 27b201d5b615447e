//go:build linux

package linux

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/rawlinux/linux/raw"
)

// eventfd, signalfd, poll and select on a ready pipe, pipes, inotify, fanotify.

func TestEventfdSemaphore(t *testing.T) {
	fd, err := Eventfd2(3, EFD_SEMAPHORE|EFD_NONBLOCK|EFD_CLOEXEC)
	fd = mustFD(t, "eventfd2", fd, err)
	for i := 0; i < 3; i++ {
		if v, err := EventfdRead(fd); err != nil || v != 1 {
			t.Fatalf("semaphore read %d: %d, %v", i, v, err)
		}
	}
	_, err = EventfdRead(fd)
	wantErrno(t, "read of a zero counter", err, EAGAIN)
	must(t, "write", EventfdWrite(fd, 5))
	// Without EFD_SEMAPHORE a read takes the whole counter.
	plain, err := Eventfd(7)
	plain = mustFD(t, "eventfd", plain, err)
	must(t, "write", EventfdWrite(plain, 3))
	if v, err := EventfdRead(plain); err != nil || v != 10 {
		t.Fatalf("counter read: %d, %v", v, err)
	}
	wantErrno(t, "write of 2^64-1", EventfdWrite(fd, ^uint64(0)), EINVAL)
	_, err = Eventfd2(0, 0x7fff)
	wantErrno(t, "eventfd2 with bad flags", err, EINVAL)
}

// testSigprocmask changes the calling thread's signal mask.
func testSigprocmask(t *testing.T, how SigmaskHow, set *Sigset) Sigset {
	t.Helper()
	old, err := RtSigprocmask(how, set)
	if err != nil {
		t.Fatalf("rt_sigprocmask: %v", err)
	}
	return old
}

func TestSignalfd(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	mask := SigsetOf(SIGUSR1)
	if !mask.Has(SIGUSR1) || mask.Has(SIGUSR2) {
		t.Fatal("SigsetOf")
	}
	old := testSigprocmask(t, SIG_BLOCK, &mask)
	defer testSigprocmask(t, SIG_SETMASK, &old)
	fd, err := Signalfd4(-1, &mask, SFD_NONBLOCK|SFD_CLOEXEC)
	skipUnsupported(t, "signalfd4", err)
	fd = mustFD(t, "signalfd4", fd, err)
	_, err = SignalfdRead(fd)
	wantErrno(t, "read with nothing pending", err, EAGAIN)
	// A signal for this thread, blocked here: pending, read through the descriptor.
	if _, _, e := raw.RawSyscall(SYS_TGKILL, uintptr(os.Getpid()), uintptr(testGettid()), uintptr(SIGUSR1)); e != 0 {
		t.Fatalf("tgkill: %v", e)
	}
	si, err := SignalfdRead(fd)
	must(t, "read", err)
	if Signal(si.Signo) != SIGUSR1 || si.PID != uint32(os.Getpid()) || si.Code != -6 { // SI_TKILL
		t.Fatalf("siginfo %+v: want SIGUSR1 from pid %d by tkill", si, os.Getpid())
	}
	// Signalfd (no flags) updates the mask of an existing descriptor: SIGUSR2 is
	// not in it, SIGUSR1 no longer.
	mask2 := SigsetOf(SIGUSR2)
	if fd2, err := Signalfd(fd, &mask2); err != nil || fd2 != fd {
		t.Fatalf("signalfd update: %d, %v", fd2, err)
	}
	_, err = Signalfd4(0, &mask, 0) // stdin is no signalfd
	wantErrno(t, "signalfd4 on another descriptor", err, EINVAL)
}

// testGettid is the caller's thread id (for tgkill).
func testGettid() int {
	r, _, _ := raw.RawSyscall(SYS_GETTID, 0, 0, 0)
	return int(r)
}

func TestPollSelectReadyPipe(t *testing.T) {
	r, w := testPipe(t, 0)
	r2, _ := testPipe(t, 0)
	Write(w, []byte("ready"))
	fds := []Pollfd{{FD: int32(r), Events: POLLIN}, {FD: int32(r2), Events: POLLIN}, {FD: int32(w), Events: POLLOUT}}
	if n, err := Poll(fds, 100); err != nil || n != 2 || fds[0].Revents != POLLIN || fds[1].Revents != 0 || fds[2].Revents != POLLOUT {
		t.Fatalf("poll: %d %+v %v", n, fds, err)
	}
	fds[0].Revents, fds[2].Revents = 0, 0
	if n, err := Ppoll(fds[:2], &Timespec{Nsec: 1e6}, nil); err != nil || n != 1 || fds[0].Revents != POLLIN {
		t.Fatalf("ppoll: %d %+v %v", n, fds, err)
	}
	// Nothing ready: poll times out (0 ready).
	t0 := time.Now()
	if n, err := Poll(fds[1:2], 20); err != nil || n != 0 || time.Since(t0) < 15*time.Millisecond {
		t.Fatalf("poll timeout: %d %v after %v", n, err, time.Since(t0))
	}
	// select: r readable, r2 not.
	var rs FDSet
	rs.Set(r)
	rs.Set(r2)
	hi := int(max(r, r2)) + 1
	tv := Timeval{}
	setInt(&tv.Usec, 100000)
	n, err := Select(hi, &rs, nil, nil, &tv)
	if err != nil || n != 1 || !rs.IsSet(r) || rs.IsSet(r2) {
		t.Fatalf("select: %d %v (r set %v, r2 set %v)", n, err, rs.IsSet(r), rs.IsSet(r2))
	}
	// pselect6 with a signal mask.
	rs.Zero()
	rs.Set(r)
	var ws FDSet
	ws.Set(w)
	mask := SigsetOf(SIGUSR2)
	n, err = Pselect6(int(max(r, w))+1, &rs, &ws, nil, &Timespec{Nsec: 1e6}, &mask)
	if err != nil || n != 2 || !rs.IsSet(r) || !ws.IsSet(w) {
		t.Fatalf("pselect6: %d %v", n, err)
	}
	// Timing out: the timeout is written back (select's time left: 0).
	rs.Zero()
	rs.Set(r2)
	setInt(&tv.Sec, 0)
	setInt(&tv.Usec, 20000)
	n, err = Select(int(r2)+1, &rs, nil, nil, &tv)
	if err != nil || n != 0 || rs.IsSet(r2) || int64(tv.Sec) != 0 || int64(tv.Usec) != 0 {
		t.Fatalf("select timeout: %d %v, timeout left %+v", n, err, tv)
	}
	// FDSet's bounds.
	var s FDSet
	s.Set(FD(FDSetSize))
	s.Set(-1)
	if s != (FDSet{}) || s.IsSet(FD(FDSetSize)) {
		t.Fatal("FDSet took a descriptor out of range")
	}
	s.Set(FD(FDSetSize - 1))
	if !s.IsSet(FD(FDSetSize-1)) || FDSetSize != 1024 {
		t.Fatalf("FDSetSize %d", FDSetSize)
	}
	s.Clear(FD(FDSetSize - 1))
	if s != (FDSet{}) {
		t.Fatal("Clear")
	}
}

func TestPipes(t *testing.T) {
	p, err := Pipe()
	must(t, "pipe", err)
	defer Close(p[0])
	defer Close(p[1])
	if _, err := Write(p[1], []byte("through")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	if n, err := Read(p[0], buf); err != nil || string(buf[:n]) != "through" {
		t.Fatalf("read: %q %v", buf[:n], err)
	}
	if fl, _ := Fcntl(p[0], F_GETFD, 0); fl&FD_CLOEXEC != 0 {
		t.Fatal("pipe made a close-on-exec descriptor")
	}
	q, err := Pipe2(O_NONBLOCK | O_CLOEXEC)
	must(t, "pipe2", err)
	defer Close(q[0])
	defer Close(q[1])
	_, err = Read(q[0], buf)
	wantErrno(t, "read of an empty O_NONBLOCK pipe", err, EAGAIN)
	if fl, _ := Fcntl(q[1], F_GETFD, 0); fl&FD_CLOEXEC == 0 {
		t.Fatal("pipe2 O_CLOEXEC")
	}
	_, err = Pipe2(0x7fff0000)
	wantErrno(t, "pipe2 with bad flags", err, EINVAL)
}

func TestInotify(t *testing.T) {
	fd, err := InotifyInit1(IN_NONBLOCK | IN_CLOEXEC)
	skipUnsupported(t, "inotify_init1", err)
	fd = mustFD(t, "inotify_init1", fd, err)
	dir := t.TempDir()
	wd, err := InotifyAddWatch(fd, dir, IN_CREATE|IN_DELETE)
	must(t, "inotify_add_watch", err)
	buf := make([]byte, 4096)
	_, err = Read(fd, buf)
	wantErrno(t, "read with no event", err, EAGAIN)
	must(t, "create", os.WriteFile(filepath.Join(dir, "new-file"), nil, 0o644))
	n, err := Read(fd, buf)
	must(t, "read", err)
	var got []InotifyRecord
	for r, err := range InotifyRecords(buf[:n]) {
		must(t, "records", err)
		got = append(got, r)
	}
	if len(got) != 1 || got[0].Wd != wd || got[0].Mask != IN_CREATE || string(got[0].Name) != "new-file" {
		t.Fatalf("events %+v", got)
	}
	must(t, "inotify_rm_watch", InotifyRmWatch(fd, wd))
	n, err = Read(fd, buf)
	must(t, "read IN_IGNORED", err)
	for r, err := range InotifyRecords(buf[:n]) {
		if err != nil || r.Mask&IN_IGNORED == 0 {
			t.Fatalf("after rm_watch: %+v %v", r, err)
		}
	}
	wantErrno(t, "rm_watch twice", InotifyRmWatch(fd, wd), EINVAL)
	_, err = InotifyAddWatch(fd, filepath.Join(dir, "nonexistent"), IN_CREATE)
	wantErrno(t, "watch a missing path", err, ENOENT)
	old, err := InotifyInit()
	old = mustFD(t, "inotify_init", old, err)
	if _, err := InotifyAddWatch(old, dir, IN_ALL_EVENTS); err != nil {
		t.Fatalf("inotify_init's instance: %v", err)
	}
}

func TestInotifyRecordsBad(t *testing.T) {
	b := make([]byte, inotifyHdrLen+4)
	b[12] = 200 // a name longer than the buffer
	for _, err := range InotifyRecords(b) {
		if err != EINVAL {
			t.Fatalf("a long name: %v", err)
		}
	}
	for _, err := range InotifyRecords(b[:3]) {
		if err != EINVAL {
			t.Fatalf("a short record: %v", err)
		}
	}
}

func TestFanotifyOpen(t *testing.T) {
	fd, err := FanotifyInit(FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK, O_RDONLY|O_CLOEXEC)
	skipUnsupported(t, "fanotify_init", err)
	if err == EPERM {
		t.Skip("fanotify needs CAP_SYS_ADMIN")
	}
	fd = mustFD(t, "fanotify_init", fd, err)
	path := tempFile(t, "watched")
	must(t, "fanotify_mark", FanotifyMark(fd, FAN_MARK_ADD, FAN_OPEN|FAN_CLOSE_NOWRITE, AT_FDCWD, path))
	f, err := Openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
	f = mustFD(t, "open", f, err)
	Close(f)
	var st Stat_t
	st, err = Stat(path)
	must(t, "stat", err)
	buf := make([]byte, 4096)
	n, err := Read(fd, buf)
	must(t, "read", err)
	var all FanotifyEvents
	events := 0
	for r, err := range FanotifyRecords(buf[:n]) {
		must(t, "records", err)
		m := r.Metadata
		if m.PID != int32(os.Getpid()) {
			t.Fatalf("event from pid %d", m.PID)
		}
		if m.FD >= 0 {
			fst, err := Fstat(FD(m.FD))
			Close(FD(m.FD))
			if err != nil || fst.Ino != st.Ino {
				t.Fatalf("the event's descriptor is inode %d, the file %d (%v)", fst.Ino, st.Ino, err)
			}
		}
		all |= m.Mask
		events++
	}
	// The kernel merges the open and the close of one file into one event when the
	// first is still queued.
	if events == 0 || all != FAN_OPEN|FAN_CLOSE_NOWRITE {
		t.Fatalf("%d events of mask %#x, want FAN_OPEN and FAN_CLOSE_NOWRITE", events, all)
	}
	// Remove the mark: no more events.
	must(t, "fanotify_mark remove", FanotifyMark(fd, FAN_MARK_REMOVE, FAN_OPEN|FAN_CLOSE_NOWRITE, AT_FDCWD, path))
	f, _ = Openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
	Close(f)
	_, err = Read(fd, buf)
	wantErrno(t, "read after the mark is gone", err, EAGAIN)
	// The descriptor-relative form: path "" marks dirfd itself.
	d := openDir(t, filepath.Dir(path))
	must(t, "fanotify_mark on a descriptor", FanotifyMark(fd, FAN_MARK_ADD, FAN_OPEN|FAN_ONDIR, d, ""))
}

func FuzzNotifyRecords(f *testing.F) {
	f.Add(make([]byte, inotifyHdrLen+16))
	f.Add(make([]byte, fanotifyMetaLen))
	f.Fuzz(func(t *testing.T, b []byte) {
		for r, err := range InotifyRecords(b) {
			if err != nil {
				break
			}
			_ = r.Name
		}
		for r, err := range FanotifyRecords(b) {
			if err != nil {
				break
			}
			for _, err := range FanotifyInfos(r.Info) {
				if err != nil {
					break
				}
			}
		}
	})
}
