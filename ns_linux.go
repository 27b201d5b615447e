//go:build linux

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Listns writes into ids the ids of the namespaces req selects (req.NSType: CLONE_NEW*
// bits, 0 for every type; req.UserNSID: the ones owned by that user namespace,
// LISTNS_CURRENT_USER: by the caller's; req.NSID: the last id already seen, 0 to start)
// and returns how many. A zero req.Size is passed as the struct's real size (req itself is
// not changed). The ids are those of NS_GET_ID on a namespace's descriptor.
//
// See [listns(2)].
//
// [listns(2)]: https://man7.org/linux/man-pages/man2/listns.2.html
func Listns(req *NSIDReq, ids []uint64) (int, error) {
	r := *req
	if r.Size == 0 {
		r.Size = uint32(unsafe.Sizeof(r))
	}
	n, _, e := raw.Syscall6(SYS_LISTNS, uintptr(unsafe.Pointer(&r)), uintptr(sliceData(ids)), uintptr(len(ids)), 0, 0, 0)
	runtime.KeepAlive(ids)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
