//go:build linux

package linux

import "unsafe"

// AioContext is an AIO context from IoSetup (aio_context_t: an unsigned long, the
// address of the context's ring in the process).
type AioContext uintptr

// escapeSink is written only when on is set, which it never is: a store to it makes the
// compiler move whatever escapes reaches to the heap, at no cost at run time.
var escapeSink struct {
	on bool
	p  unsafe.Pointer
}

// escapes makes p's memory heap memory: for memory the kernel uses after the call that
// hands it over returns (AIO and io_uring buffers), which must not be in a goroutine's
// stack, where it would move or die with the frame.
func escapes(p unsafe.Pointer) {
	if escapeSink.on {
		escapeSink.p = p
	}
}

// SetBuf makes b the buffer of cb (Buf, Nbytes). b is moved to the heap by the compiler
// if it was not there: the kernel reads or writes it after IoSubmit returns. The caller
// must keep b reachable until the operation's event is reaped: cb's Buf, an integer, does
// not keep it alive.
func (cb *Iocb) SetBuf(b []byte) {
	p := unsafe.Pointer(unsafe.SliceData(b))
	escapes(p)
	cb.Buf = uint64(uintptr(p))
	cb.Nbytes = uint64(len(b))
}

// PrepPread makes cb a read of len(b) bytes of fd at offset off into b (IOCB_CMD_PREAD),
// with data handed back in the event's Data.
func (cb *Iocb) PrepPread(fd FD, b []byte, off int64, data uint64) {
	*cb = Iocb{Data: data, LioOpcode: IOCB_CMD_PREAD, Fildes: uint32(fd), Offset: off}
	cb.SetBuf(b)
}

// PrepPwrite makes cb a write of b to fd at offset off (IOCB_CMD_PWRITE).
func (cb *Iocb) PrepPwrite(fd FD, b []byte, off int64, data uint64) {
	*cb = Iocb{Data: data, LioOpcode: IOCB_CMD_PWRITE, Fildes: uint32(fd), Offset: off}
	cb.SetBuf(b)
}
