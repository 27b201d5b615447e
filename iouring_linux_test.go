//go:build linux

package linux

import (
	"runtime"
	"testing"
	"unsafe"
)

// io_uring: setup, the rings mapped, a NOP and a read submitted through io_uring_enter,
// their completions read; a probe through io_uring_register.

func TestIoUringNopAndRead(t *testing.T) {
	var p IoUringParams
	r, err := NewIoUring(8, &p)
	skipUnsupported(t, "io_uring_setup", err)
	if err == EPERM {
		t.Skip("io_uring disabled (kernel.io_uring_disabled)")
	}
	must(t, "io_uring_setup", err)
	defer r.Close()
	if p.SqEntries != 8 || p.CqEntries != 16 || r.Params().SqEntries != 8 {
		t.Fatalf("params %+v", p)
	}
	sqe := r.GetSQE()
	sqe.PrepNop(42)
	path := tempFile(t, "read by io_uring")
	fd, err := Openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	buf := make([]byte, 32)
	r.GetSQE().PrepRead(fd, buf, 8, 43)
	if n, err := r.SubmitAndWait(2); err != nil || n != 2 {
		t.Fatalf("submit: %d %v", n, err)
	}
	got := map[uint64]int32{}
	for i := 0; i < 2; i++ {
		c, err := r.WaitCQE()
		must(t, "wait cqe", err)
		got[c.UserData] = c.Res
	}
	if got[42] != 0 || got[43] != int32(len("io_uring")) || string(buf[:8]) != "io_uring" {
		t.Fatalf("completions %v, buffer %q", got, buf[:8])
	}
	runtime.KeepAlive(buf)
	if _, ok := r.PeekCQE(); ok || r.Ready() != 0 {
		t.Fatal("a completion left over")
	}
	// A full queue hands out no entry.
	for i := 0; i < 8; i++ {
		if r.GetSQE() == nil {
			t.Fatalf("entry %d of 8: nil", i)
		}
	}
	if r.GetSQE() != nil {
		t.Fatal("a ninth entry from an 8-entry queue")
	}
	n, err := r.Submit()
	if err != nil || n != 8 {
		t.Fatalf("submit of 8 zeroed entries (NOPs): %d %v", n, err)
	}
	for i := 0; i < 8; i++ {
		if c, err := r.WaitCQE(); err != nil || c.Res != 0 {
			t.Fatalf("nop %d: %+v %v", i, c, err)
		}
	}
	// A read of a bad descriptor completes with -EBADF.
	r.GetSQE().PrepRead(FD(0x7ffe), buf, 0, 44)
	r.Submit()
	if c, err := r.WaitCQE(); err != nil || c.UserData != 44 || c.Res != -int32(EBADF) {
		t.Fatalf("read of a bad descriptor: %+v %v", c, err)
	}
}

func TestIoUringRegisterProbe(t *testing.T) {
	r, err := NewIoUring(2, nil)
	skipUnsupported(t, "io_uring_setup", err)
	if err == EPERM {
		t.Skip("io_uring disabled")
	}
	must(t, "setup", err)
	defer r.Close()
	const nops = 64
	buf := make([]byte, unsafe.Sizeof(IoUringProbe{})+nops*unsafe.Sizeof(IoUringProbeOp{}))
	if _, err := IoUringRegister(r.FD(), IORING_REGISTER_PROBE, unsafe.Pointer(&buf[0]), nops); err != nil {
		t.Fatalf("IORING_REGISTER_PROBE: %v", err)
	}
	probe := (*IoUringProbe)(unsafe.Pointer(&buf[0]))
	ops := unsafe.Slice((*IoUringProbeOp)(unsafe.Add(unsafe.Pointer(&buf[0]), unsafe.Sizeof(IoUringProbe{}))), nops)
	if probe.OpsLen == 0 || ops[IORING_OP_READ].Flags&IO_URING_OP_SUPPORTED == 0 || ops[IORING_OP_NOP].Flags&IO_URING_OP_SUPPORTED == 0 {
		t.Fatalf("probe: %d ops, read %+v", probe.OpsLen, ops[IORING_OP_READ])
	}
	// The raw enter: no entries, no wait.
	if n, err := IoUringEnter(r.FD(), 0, 0, 0, nil, 0); err != nil || n != 0 {
		t.Fatalf("io_uring_enter: %d %v", n, err)
	}
	_, err = IoUringEnter(FD(0), 0, 0, 0, nil, 0)
	if err != EOPNOTSUPP && err != EBADF {
		t.Fatalf("io_uring_enter on stdin: %v", err)
	}
	_, err = IoUringSetup(0, &IoUringParams{})
	wantErrno(t, "io_uring_setup of 0 entries", err, EINVAL)
}

func TestIoUringWriteAndAdvance(t *testing.T) {
	r, err := NewIoUring(4, nil)
	skipUnsupported(t, "io_uring_setup", err)
	if err == EPERM {
		t.Skip("io_uring disabled")
	}
	must(t, "setup", err)
	defer r.Close()
	p, err := Pipe2(O_CLOEXEC)
	must(t, "pipe", err)
	defer Close(p[0])
	defer Close(p[1])
	data := []byte("written through the ring")
	r.GetSQE().PrepWrite(p[1], data, -1, 1)
	r.GetSQE().PrepNop(2)
	if _, err := r.SubmitAndWait(2); err != nil {
		t.Fatal(err)
	}
	for r.Ready() < 2 {
		IoUringEnter(r.FD(), 0, 2, IORING_ENTER_GETEVENTS, nil, 0)
	}
	c, ok := r.PeekCQE()
	if !ok || c.UserData != 1 || c.Res != int32(len(data)) {
		t.Fatalf("first completion %+v %v", c, ok)
	}
	r.AdvanceCQ(2) // both at once
	if r.Ready() != 0 {
		t.Fatal("AdvanceCQ(2) left completions")
	}
	runtime.KeepAlive(data)
	buf := make([]byte, 64)
	if n, _ := Read(p[0], buf); string(buf[:n]) != string(data) {
		t.Fatalf("the pipe holds %q", buf[:n])
	}
	// An iocb's buffer through SetBuf.
	var cb Iocb
	cb.SetBuf(buf[:10])
	if cb.Nbytes != 10 || cb.Buf != uint64(uintptr(unsafe.Pointer(&buf[0]))) {
		t.Fatalf("SetBuf: %+v", cb)
	}
}
