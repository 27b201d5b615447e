//go:build linux

package linux

import (
	"bytes"
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// The helpers of the new mount API over the typed calls, and the two calls whose request
// carries its own size (statmount, listmount).

// FsconfigSetFlag sets the flag parameter key ("ro", "noexec"...) of context fd.
func FsconfigSetFlag(fd FD, key string) error {
	return Fsconfig(fd, FSCONFIG_SET_FLAG, key, nil, 0)
}

// FsconfigSetString sets parameter key of context fd to the string value ("size", "1m").
func FsconfigSetString(fd FD, key, value string) error {
	var buf cbuf
	v, err := cstring(value, &buf)
	if err != nil {
		return err
	}
	return Fsconfig(fd, FSCONFIG_SET_STRING, key, v, 0)
}

// FsconfigSetFD sets parameter key of context fd to the descriptor value.
func FsconfigSetFD(fd FD, key string, value FD) error {
	return Fsconfig(fd, FSCONFIG_SET_FD, key, nil, int(value))
}

// FsconfigCreate creates the superblock of context fd from its parameters
// (FSCONFIG_CMD_CREATE), for Fsmount.
func FsconfigCreate(fd FD) error {
	return Fsconfig(fd, FSCONFIG_CMD_CREATE, "", nil, 0)
}

// mntReq returns a copy of req whose Size is the struct's real size if req's is 0.
func mntReq(req *MntIDReq) *MntIDReq {
	r := *req
	if r.Size == 0 {
		r.Size = uint32(unsafe.Sizeof(r))
	}
	return &r
}

// Statmount writes into buf the mount information req.Param asks for (STATMOUNT_*) about
// mount req.MntID (a unique mount id, from Statx's STATX_MNT_ID_UNIQUE or Listmount; or
// with flags STATMOUNT_BY_FD the mount of descriptor req.MntFD()) and returns buf's struct
// statmount, copied out of it; its string fields are offsets into the string table that
// follows it in buf (StatmountString reads them). EOVERFLOW: buf is too short
// (StatmountInfo sizes it). A zero req.Size is passed as the struct's real size (req
// itself is not changed); buf must hold at least a Statmount_t.
//
// See [statmount(2)].
//
// [statmount(2)]: https://man7.org/linux/man-pages/man2/statmount.2.html
func Statmount(req *MntIDReq, buf []byte, flags uint32) (sm Statmount_t, err error) {
	if len(buf) < int(unsafe.Sizeof(sm)) {
		return sm, EINVAL
	}
	r := mntReq(req)
	_, _, e := raw.Syscall6(SYS_STATMOUNT, uintptr(unsafe.Pointer(r)), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), uintptr(flags), 0, 0)
	runtime.KeepAlive(r)
	runtime.KeepAlive(buf)
	if e != 0 {
		return sm, e
	}
	// buf has no alignment a Go pointer to the struct would need: copy it.
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&sm)), unsafe.Sizeof(sm)), buf)
	return sm, nil
}

// StatmountString returns the string at offset off (a string field of Statmount's result,
// such as MntPoint) of the string table of buf, which Statmount filled.
func StatmountString(buf []byte, off uint32) string {
	table := int(unsafe.Sizeof(Statmount_t{}))
	if table+int(off) >= len(buf) {
		return ""
	}
	s := buf[table+int(off):]
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return string(s)
}

// StatmountInfo is Statmount with a buffer it sizes itself (doubling it on EOVERFLOW, from
// 4 KiB up to 1 MiB); it returns the struct and the buffer its strings are in.
func StatmountInfo(mntID uint64, mask StatmountMask) (Statmount_t, []byte, error) {
	req := MntIDReq{MntID: mntID, Param: uint64(mask)}
	for n := 4096; ; n *= 2 {
		buf := make([]byte, n)
		sm, err := Statmount(&req, buf, 0)
		if err == EOVERFLOW && n < 1<<20 {
			continue
		}
		return sm, buf, err
	}
}

// Listmount writes into ids the unique ids of the mounts below mount req.MntID (LSMT_ROOT:
// the namespace's root) that come after req.Param (0: from the start), in the mount
// namespace req.MntNSID names (0: the caller's), and returns how many (LISTMOUNT_REVERSE:
// newest first). A zero req.Size is passed as the struct's real size (req itself is not
// changed).
//
// See [listmount(2)].
//
// [listmount(2)]: https://man7.org/linux/man-pages/man2/listmount.2.html
func Listmount(req *MntIDReq, ids []uint64, flags ListmountFlags) (int, error) {
	r := mntReq(req)
	n, _, e := raw.Syscall6(SYS_LISTMOUNT, uintptr(unsafe.Pointer(r)), uintptr(sliceData(ids)), uintptr(len(ids)), uintptr(flags), 0, 0)
	runtime.KeepAlive(r)
	runtime.KeepAlive(ids)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
