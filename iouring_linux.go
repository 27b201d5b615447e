//go:build linux

package linux

import (
	"sync/atomic"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// IoUring is an io_uring instance with its rings mapped (io_uring(7)): a minimal
// submission and completion helper over IoUringSetup and IoUringEnter. GetSQE hands out a
// submission-queue entry to fill in (the Prep methods of IoUringSqe, or its fields),
// Submit passes the filled ones to the kernel, and PeekCQE, WaitCQE and AdvanceCQ read the
// completions. An IoUring is not safe for concurrent use.
//
// The rings are shared memory: entries are published with atomic stores of the ring tails
// after they are written, and completions read after an atomic load of the tail, as the
// kernel's acquire and release order them. Buffers an entry points at are read or written
// by the kernel after Submit returns, through addresses the garbage collector does not
// see: the Prep methods move them to the heap, and the caller keeps them reachable until
// their completion is read.
type IoUring struct {
	fd     FD
	params IoUringParams

	sqRing, cqRing, sqesMem uintptr // mapped addresses (cqRing == sqRing with one mapping)
	sqLen, cqLen, sqesLen   uintptr

	sqHead, sqTail, sqFlags *uint32
	sqMask                  uint32
	sqArray                 []uint32 // nil with IORING_SETUP_NO_SQARRAY
	sqes                    []IoUringSqe
	cqHead, cqTail          *uint32
	cqMask                  uint32
	cqes                    []IoUringCqe

	sqeHead, sqeTail uint32 // entries handed out by GetSQE and not yet published, [head, tail)
}

// ptrAt returns the address base+off as a pointer into mapped memory (not Go memory).
func ptrAt(base, off uintptr) unsafe.Pointer {
	p := base + off
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}

// NewIoUring creates an io_uring instance with at least entries submission-queue entries
// (IoUringSetup; params nil: the defaults, else its Flags and other requests, and the
// kernel's answers are written back to it) and maps its rings. IORING_SETUP_SQE128,
// IORING_SETUP_CQE32 and the other entry formats than the plain 64-byte SQE and 16-byte
// CQE are EINVAL here (IoUringSetup makes them).
func NewIoUring(entries uint32, params *IoUringParams) (*IoUring, error) {
	var p IoUringParams
	if params != nil {
		p = *params
	}
	if p.Flags&(IORING_SETUP_SQE128|IORING_SETUP_CQE32|IORING_SETUP_SQE_MIXED|IORING_SETUP_CQE_MIXED|IORING_SETUP_NO_MMAP) != 0 {
		return nil, raw.EINVAL
	}
	fd, err := IoUringSetup(entries, &p)
	if err != nil {
		return nil, err
	}
	if params != nil {
		*params = p
	}
	r := &IoUring{fd: fd, params: p}
	if err := r.mapRings(); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func (r *IoUring) mapRings() error {
	p := &r.params
	r.sqLen = uintptr(p.SqOff.Array) + uintptr(p.SqEntries)*4
	if p.Flags&IORING_SETUP_NO_SQARRAY != 0 {
		r.sqLen = uintptr(p.SqOff.Array) // the array's offset is the end of the ring's fields
		if r.sqLen == 0 {
			r.sqLen = uintptr(p.SqOff.Dropped) + 4
		}
	}
	r.cqLen = uintptr(p.CqOff.Cqes) + uintptr(p.CqEntries)*uintptr(unsafe.Sizeof(IoUringCqe{}))
	single := p.Features&IORING_FEAT_SINGLE_MMAP != 0
	if single {
		r.sqLen = max(r.sqLen, r.cqLen)
		r.cqLen = r.sqLen
	}
	var err error
	if r.sqRing, err = mmapShared(r.fd, IORING_OFF_SQ_RING, r.sqLen); err != nil {
		return err
	}
	if single {
		r.cqRing = r.sqRing
	} else if r.cqRing, err = mmapShared(r.fd, IORING_OFF_CQ_RING, r.cqLen); err != nil {
		return err
	}
	r.sqesLen = uintptr(p.SqEntries) * unsafe.Sizeof(IoUringSqe{})
	if r.sqesMem, err = mmapShared(r.fd, IORING_OFF_SQES, r.sqesLen); err != nil {
		return err
	}
	r.sqHead = (*uint32)(ptrAt(r.sqRing, uintptr(p.SqOff.Head)))
	r.sqTail = (*uint32)(ptrAt(r.sqRing, uintptr(p.SqOff.Tail)))
	r.sqFlags = (*uint32)(ptrAt(r.sqRing, uintptr(p.SqOff.Flags)))
	r.sqMask = *(*uint32)(ptrAt(r.sqRing, uintptr(p.SqOff.RingMask)))
	if p.Flags&IORING_SETUP_NO_SQARRAY == 0 {
		r.sqArray = unsafe.Slice((*uint32)(ptrAt(r.sqRing, uintptr(p.SqOff.Array))), p.SqEntries)
	}
	r.sqes = unsafe.Slice((*IoUringSqe)(ptrAt(r.sqesMem, 0)), p.SqEntries)
	r.cqHead = (*uint32)(ptrAt(r.cqRing, uintptr(p.CqOff.Head)))
	r.cqTail = (*uint32)(ptrAt(r.cqRing, uintptr(p.CqOff.Tail)))
	r.cqMask = *(*uint32)(ptrAt(r.cqRing, uintptr(p.CqOff.RingMask)))
	r.cqes = unsafe.Slice((*IoUringCqe)(ptrAt(r.cqRing, uintptr(p.CqOff.Cqes))), p.CqEntries)
	r.sqeHead = atomic.LoadUint32(r.sqTail)
	r.sqeTail = r.sqeHead
	return nil
}

func munmap(addr, length uintptr) {
	if addr != 0 {
		raw.Syscall(SYS_MUNMAP, addr, length, 0)
	}
}

// Close unmaps the rings and closes the instance (operations in flight are cancelled by
// the kernel).
func (r *IoUring) Close() error {
	munmap(r.sqesMem, r.sqesLen)
	if r.cqRing != r.sqRing {
		munmap(r.cqRing, r.cqLen)
	}
	munmap(r.sqRing, r.sqLen)
	r.sqRing, r.cqRing, r.sqesMem = 0, 0, 0
	r.sqes, r.cqes, r.sqArray = nil, nil, nil
	fd := r.fd
	r.fd = -1
	return Close(fd)
}

// FD returns the instance's descriptor (for IoUringRegister, or a raw IoUringEnter).
func (r *IoUring) FD() FD { return r.fd }

// Params returns what IoUringSetup answered: the entries of each ring, the features.
func (r *IoUring) Params() IoUringParams { return r.params }

// GetSQE returns the next free submission-queue entry, zeroed, or nil when the queue is
// full (Submit, then try again). It is the caller's until Submit.
func (r *IoUring) GetSQE() *IoUringSqe {
	if r.sqeTail-atomic.LoadUint32(r.sqHead) >= r.params.SqEntries {
		return nil
	}
	s := &r.sqes[r.sqeTail&r.sqMask]
	*s = IoUringSqe{}
	r.sqeTail++
	return s
}

// flush publishes the entries handed out since the last flush and returns how many the
// kernel has not consumed yet.
func (r *IoUring) flush() uint32 {
	tail := atomic.LoadUint32(r.sqTail)
	for ; r.sqeHead != r.sqeTail; r.sqeHead++ {
		if r.sqArray != nil {
			r.sqArray[tail&r.sqMask] = r.sqeHead & r.sqMask
		}
		tail++
	}
	atomic.StoreUint32(r.sqTail, tail)
	return tail - atomic.LoadUint32(r.sqHead)
}

// Submit passes the entries filled since the last Submit to the kernel and returns how
// many it consumed.
func (r *IoUring) Submit() (int, error) { return r.SubmitAndWait(0) }

// SubmitAndWait is Submit that also waits for at least wait completions.
func (r *IoUring) SubmitAndWait(wait uint32) (int, error) {
	n := r.flush()
	var flags IoUringEnterFlags
	if wait > 0 {
		flags |= IORING_ENTER_GETEVENTS
	}
	if r.params.Flags&IORING_SETUP_SQPOLL != 0 {
		// The kernel's thread consumes the queue; it needs a wakeup only when it slept.
		if atomic.LoadUint32(r.sqFlags)&IORING_SQ_NEED_WAKEUP != 0 {
			flags |= IORING_ENTER_SQ_WAKEUP
		} else if wait == 0 {
			return int(n), nil
		}
	}
	for {
		k, err := IoUringEnter(r.fd, n, wait, flags, nil, 0)
		if err == raw.EINTR {
			continue
		}
		return k, err
	}
}

// Ready returns how many completions wait to be read.
func (r *IoUring) Ready() uint32 {
	return atomic.LoadUint32(r.cqTail) - atomic.LoadUint32(r.cqHead)
}

// PeekCQE returns the oldest completion without consuming it (AdvanceCQ does), and false
// when there is none.
func (r *IoUring) PeekCQE() (IoUringCqe, bool) {
	head := atomic.LoadUint32(r.cqHead)
	if atomic.LoadUint32(r.cqTail) == head {
		return IoUringCqe{}, false
	}
	return r.cqes[head&r.cqMask], true
}

// AdvanceCQ consumes n completions, giving their slots back to the kernel.
func (r *IoUring) AdvanceCQ(n uint32) {
	atomic.StoreUint32(r.cqHead, atomic.LoadUint32(r.cqHead)+n)
}

// WaitCQE returns the oldest completion and consumes it, waiting for one (io_uring_enter
// with IORING_ENTER_GETEVENTS) when there is none.
func (r *IoUring) WaitCQE() (IoUringCqe, error) {
	for {
		if c, ok := r.PeekCQE(); ok {
			r.AdvanceCQ(1)
			return c, nil
		}
		if _, err := IoUringEnter(r.fd, 0, 1, IORING_ENTER_GETEVENTS, nil, 0); err != nil && err != raw.EINTR {
			return IoUringCqe{}, err
		}
	}
}

// PrepNop makes s a no-op (IORING_OP_NOP) whose completion carries userData.
func (s *IoUringSqe) PrepNop(userData uint64) {
	*s = IoUringSqe{Opcode: IORING_OP_NOP, FD: -1, UserData: userData}
}

// PrepRead makes s a read of len(buf) bytes of fd at offset off (-1: the file offset) into
// buf (IORING_OP_READ). buf is moved to the heap by the compiler if it was not there; keep
// it reachable until the completion is read.
func (s *IoUringSqe) PrepRead(fd FD, buf []byte, off int64, userData uint64) {
	s.prepRW(IORING_OP_READ, fd, buf, off, userData)
}

// PrepWrite makes s a write of buf to fd at offset off (-1: the file offset;
// IORING_OP_WRITE). Keep buf reachable until the completion is read.
func (s *IoUringSqe) PrepWrite(fd FD, buf []byte, off int64, userData uint64) {
	s.prepRW(IORING_OP_WRITE, fd, buf, off, userData)
}

func (s *IoUringSqe) prepRW(op IoUringOp, fd FD, buf []byte, off int64, userData uint64) {
	p := unsafe.Pointer(unsafe.SliceData(buf))
	escapes(p)
	*s = IoUringSqe{Opcode: op, FD: int32(fd), Off: uint64(off), Addr: uint64(uintptr(p)), Len: uint32(len(buf)), UserData: userData}
}
