//go:build linux

package linux

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"unsafe"
)

// Linux AIO: a context, a pread submitted and reaped, a cancel, the time variants.

func TestAIOPread(t *testing.T) {
	ctx, err := IoSetup(8)
	skipUnsupported(t, "io_setup", err)
	must(t, "io_setup", err)
	defer func() { must(t, "io_destroy", IoDestroy(ctx)) }()
	content := bytes.Repeat([]byte("aio!"), 1024)
	path := filepath.Join(t.TempDir(), "data")
	must(t, "write", os.WriteFile(path, content, 0o644))
	fd, err := Openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	buf := make([]byte, 100)
	cb := new(Iocb)
	cb.PrepPread(fd, buf, 400, 0xabcdef)
	if n, err := IoSubmit(ctx, []*Iocb{cb}); err != nil || n != 1 {
		t.Fatalf("io_submit: %d %v", n, err)
	}
	events := make([]IoEvent, 4)
	n, err := IoGetevents(ctx, 1, events, &Timespec{Sec: 5})
	if err != nil || n != 1 {
		t.Fatalf("io_getevents: %d %v", n, err)
	}
	ev := events[0]
	if ev.Data != 0xabcdef || ev.Res != 100 || ev.Obj != uint64(uintptr(unsafe.Pointer(cb))) || !bytes.Equal(buf, content[400:500]) {
		t.Fatalf("event %+v, buffer %q", ev, buf[:8])
	}
	runtime.KeepAlive(buf)
	// A write, reaped with IoPgetevents and a signal mask.
	out := filepath.Join(t.TempDir(), "out")
	wfd, err := Openat(AT_FDCWD, out, O_WRONLY|O_CREAT|O_CLOEXEC, 0o600)
	wfd = mustFD(t, "create", wfd, err)
	wbuf := []byte("written by aio")
	cb2 := new(Iocb)
	cb2.PrepPwrite(wfd, wbuf, 0, 2)
	if _, err := IoSubmit(ctx, []*Iocb{cb2}); err != nil {
		t.Fatal(err)
	}
	mask := SigsetOf(SIGUSR2)
	sig := AioSigset{Sigmask: &mask}
	setUint(&sig.Sigsetsize, uint64(unsafe.Sizeof(mask)))
	n, err = IoPgetevents(ctx, 1, events, &Timespec{Sec: 5}, &sig)
	if err != nil || n != 1 || events[0].Res != int64(len(wbuf)) || events[0].Data != 2 {
		t.Fatalf("io_pgetevents: %d %+v %v", n, events[0], err)
	}
	runtime.KeepAlive(wbuf)
	if got, _ := os.ReadFile(out); string(got) != "written by aio" {
		t.Fatalf("the file holds %q", got)
	}
	// Nothing in flight: a zero timeout reaps nothing.
	if n, err := IoGetevents(ctx, 1, events, &Timespec{}); err != nil || n != 0 {
		t.Fatalf("io_getevents of nothing: %d %v", n, err)
	}
	// Cancelling an operation that is not queued.
	_, err = IoCancel(ctx, cb)
	if err != EINVAL && err != EAGAIN {
		t.Fatalf("io_cancel of a completed iocb: %v", err)
	}
	// A bad context.
	_, err = IoSubmit(AioContext(1), []*Iocb{cb})
	wantErrno(t, "io_submit on a bad context", err, EINVAL)
	wantErrno(t, "io_destroy of a bad context", IoDestroy(AioContext(1)), EINVAL)
}
