//go:build linux && (386 || mips || mipsle)

package linux

import (
	"strings"
	"testing"
	"unsafe"
)

// TestMmap32 maps through the older mmap row of 386 (the struct form) and mips o32 (a 32-bit
// byte offset): a file's second page, and MAP_FIXED's rule.
func TestMmap32(t *testing.T) {
	ps := int(pageSize)
	path := tempFile(t, strings.Repeat("1", ps)+strings.Repeat("2", ps))
	fd, err := Open(path, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	p, err := Mmap32(nil, pageSize, PROT_READ, MAP_SHARED, fd, uint32(ps))
	must(t, "mmap (32-bit offset)", err)
	if b := unsafe.Slice((*byte)(p), ps); b[0] != '2' || b[ps-1] != '2' {
		t.Fatalf("the second page shows %q", b[:4])
	}
	// MAP_FIXED over its own mapping works, over Go memory it is EEXIST.
	_, err = Mmap32(p, pageSize, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	must(t, "MAP_FIXED over our mapping", err)
	if *(*byte)(p) != 0 {
		t.Fatal("MAP_FIXED did not replace the page")
	}
	g := goPages(t, 1)
	_, err = Mmap32(unsafe.Pointer(&g[0]), pageSize, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	wantErrno(t, "MAP_FIXED over Go memory", err, EEXIST)
	must(t, "munmap", MunmapPtr(p, pageSize))
	_, err = Mmap32(nil, pageSize, PROT_READ, MAP_SHARED, fd, 1)
	wantErrno(t, "mmap (32-bit offset) at an unaligned offset", err, EINVAL)
}
