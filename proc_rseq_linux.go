//go:build linux

package linux

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Restartable sequences. The kernel writes into a thread's registered struct rseq (its CPU
// id, node id, concurrency id) whenever the thread is preempted, migrated or signalled,
// for as long as it stays registered or the thread lives: the memory must not be freed,
// moved or reused meanwhile, and struct rseq is 32-byte aligned, which no Go type can say.
// NewRseqArea allocates an aligned area outside any Go object's interior layout, and Rseq
// keeps every registered area reachable until it is unregistered.

// The auxiliary-vector entries of rseq (include/uapi/linux/auxvec.h): the size of the
// fields the kernel supports and the alignment an area of that size needs.
const (
	atRseqFeatureSize = 27
	atRseqAlign       = 28
)

//go:linkname runtime_getAuxv runtime.getAuxv
func runtime_getAuxv() []uintptr

// rseqGeometry returns the rseq_len to register and the alignment it needs: the kernel's
// feature size when it announces more than the original 32 bytes, else 32 and 32.
func rseqGeometry() (size, align uintptr) {
	size, align = 32, 32
	av := runtime_getAuxv()
	var feat, al uintptr
	for i := 0; i+1 < len(av); i += 2 {
		switch av[i] {
		case atRseqFeatureSize:
			feat = av[i+1]
		case atRseqAlign:
			al = av[i+1]
		}
	}
	if feat > 32 && al >= 32 && al&(al-1) == 0 && feat <= 4096 {
		size, align = feat, al
	}
	return size, align
}

// An RseqArea is a struct rseq for Rseq: aligned as the kernel requires, at least
// sizeof(Rseq_t) bytes, in memory the garbage collector neither moves nor frees while the
// area is registered.
type RseqArea struct {
	mem []uint64 // the allocation; p points into it
	p   *Rseq_t
	len uint32
}

// NewRseqArea allocates an area for the kernel's current rseq feature size (the
// AT_RSEQ_FEATURE_SIZE and AT_RSEQ_ALIGN of the auxiliary vector; 32 bytes, 32-aligned,
// without them), its CPU id fields set to RSEQ_CPU_ID_UNINITIALIZED.
func NewRseqArea() *RseqArea {
	size, align := rseqGeometry()
	n := size
	if s := unsafe.Sizeof(Rseq_t{}); s > n {
		n = s
	}
	mem := make([]uint64, (n+align+7)/8)
	base := uintptr(unsafe.Pointer(&mem[0]))
	off := (align - base%align) % align
	a := &RseqArea{mem: mem, p: (*Rseq_t)(unsafe.Add(unsafe.Pointer(&mem[0]), off)), len: uint32(size)}
	uninit := int32(RSEQ_CPU_ID_UNINITIALIZED)
	a.p.CPUID = uint32(uninit)
	return a
}

// Len returns the rseq_len Rseq registers the area with.
func (a *RseqArea) Len() uint32 { return a.len }

// Rseq returns the area's fields. The kernel changes them while the area is registered:
// read them with atomic loads (CPUID, NodeID do) from the thread that registered it.
func (a *RseqArea) Rseq() *Rseq_t { return a.p }

// CPUID returns the CPU the registered thread runs on (RSEQ_CPU_ID_UNINITIALIZED before
// registration, RSEQ_CPU_ID_REGISTRATION_FAILED after a failed one), read atomically.
func (a *RseqArea) CPUID() uint32 { return atomic.LoadUint32(&a.p.CPUID) }

// NodeID returns the NUMA node of that CPU, read atomically (set by kernels whose feature
// size covers it).
func (a *RseqArea) NodeID() uint32 { return atomic.LoadUint32(&a.p.NodeID) }

// rseqRegistered keeps the registered areas reachable: the kernel writes into them.
var rseqRegistered sync.Map // *RseqArea -> struct{}

// Rseq registers area as the calling thread's restartable-sequences area (the kernel keeps
// its CPU id and node id current there), or with RSEQ_FLAG_UNREGISTER unregisters it; sig
// is the signature of abort handlers.
//
// The Go runtime registers no rseq area (glibc does, in a cgo program: EINVAL here, a
// different area being registered); struct
// rseq must be 32-byte aligned, which no Go type can say: NewRseqArea allocates one and
// Rseq keeps it alive while it is registered. Register on a locked thread and unregister
// before unlocking it, or throw the thread away (LockedThread); an area left registered on
// a thread that ended stays allocated.
//
// See [rseq(2)].
//
// [rseq(2)]: https://man7.org/linux/man-pages/man2/rseq.2.html
func Rseq(area *RseqArea, flags RseqFlags, sig uint32) error {
	if area == nil {
		return EINVAL
	}
	if flags&RSEQ_FLAG_UNREGISTER == 0 {
		rseqRegistered.Store(area, struct{}{}) // before the kernel can write into it
	}
	_, _, e := raw.Syscall6(SYS_RSEQ, uintptr(unsafe.Pointer(area.p)), uintptr(area.len), uintptr(flags), uintptr(sig), 0, 0)
	switch {
	case e != 0 && flags&RSEQ_FLAG_UNREGISTER == 0:
		if e != EBUSY {
			rseqRegistered.Delete(area)
		}
		return e
	case e != 0:
		return e
	case flags&RSEQ_FLAG_UNREGISTER != 0:
		rseqRegistered.Delete(area)
	}
	return nil
}
