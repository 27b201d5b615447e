//go:build linux

package linux

import (
	"testing"
	"unsafe"
)

// 386's select row is sys_old_select: the five arguments in a struct.
func TestOldSelect(t *testing.T) {
	r, w := testPipe(t, 0)
	Write(w, []byte("x"))
	var rs FDSet
	rs.Set(r)
	var tv Timeval
	setInt(&tv.Usec, 10000)
	args := SelArgStruct{N: uint32(r) + 1, Inp: (*byte)(unsafe.Pointer(&rs)), Tvp: &tv}
	n, err := OldSelect(&args)
	skipUnsupported(t, "old select", err)
	if err != nil || n != 1 || !rs.IsSet(r) {
		t.Fatalf("old_select: %d %v", n, err)
	}
}
