//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// System V shared memory attachments (spec/memory.spec): the memory of an attached segment
// is a mapping outside the Go heap, kept in the table of mem_linux.go like Mmap's.

// shmatDo attaches segment shmid with do, the write lock held: SHM_REMAP only over ranges
// the table covers. It records the attachment and returns its address and size.
func shmatDo(shmid int, addr uintptr, flags ShmatFlags, do func() (uintptr, raw.Errno)) (uintptr, uintptr, error) {
	var ds Shmid64Ds
	if _, err := Shmctl(shmid, IPC_STAT, &ds); err != nil {
		return 0, 0, err
	}
	size := uintptr(ds.Segsz)
	// SHM_RND rounds addr down by the arch's SHMLBA, which may reach outside the checked
	// range: with SHM_REMAP it is refused.
	if flags&SHM_REMAP != 0 && (flags&SHM_RND != 0 || !covered(addr, size)) {
		return 0, 0, EINVAL
	}
	r, e := do()
	if e != 0 {
		return 0, 0, e
	}
	remember(r, size)
	if mappings.shm == nil {
		mappings.shm = map[uintptr]uintptr{}
	}
	mappings.shm[r] = size
	return r, size, nil
}

// shmdtDo detaches the attachment at addr with do, the write lock held: only one that the
// table recorded.
func shmdtDo(addr uintptr, do func() raw.Errno) error {
	size, ok := mappings.shm[addr]
	if !ok {
		return EINVAL
	}
	if e := do(); e != 0 {
		return e
	}
	forget(addr, size)
	delete(mappings.shm, addr)
	return nil
}

// Shmat attaches segment shmid (at addr, or where the kernel chooses with nil; SHM_RND
// rounds addr down) and returns its memory as a []byte of the segment's size, outside the
// Go heap, recorded like Mmap's; SHM_RDONLY attaches it read-only.
//
// SHM_REMAP (replace what is mapped at addr) is allowed only inside mappings this package
// made (and without SHM_RND), EINVAL elsewhere. Detach with Shmdt.
//
// See [shmat(2)].
//
// [shmat(2)]: https://man7.org/linux/man-pages/man2/shmat.2.html
func Shmat(shmid int, addr unsafe.Pointer, flags ShmatFlags) ([]byte, error) {
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	r, size, err := shmatDo(shmid, uintptr(addr), flags, func() (uintptr, raw.Errno) {
		r, _, e := raw.Syscall(SYS_SHMAT, uintptr(shmid), uintptr(addr), uintptr(flags))
		return r, e
	})
	if err != nil {
		return nil, err
	}
	return bytesAt(r, int(size)), nil
}

// Shmdt detaches the segment that Shmat returned as b (EINVAL for any other slice); b and
// every slice over it become invalid.
//
// See [shmdt(2)].
//
// [shmdt(2)]: https://man7.org/linux/man-pages/man2/shmdt.2.html
func Shmdt(b []byte) error {
	a := sliceAddr(b)
	mappings.mu.Lock()
	defer mappings.mu.Unlock()
	return shmdtDo(a, func() raw.Errno {
		_, _, e := raw.Syscall(SYS_SHMDT, a, 0, 0)
		return e
	})
}
