//go:build linux

package linux

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// mmapAnon maps n bytes of private anonymous memory and unmaps them at the end of the test
// (if they are still mapped).
func mmapAnon(t *testing.T, n int, prot Prot) []byte {
	t.Helper()
	b, err := Mmap(-1, 0, n, prot, MAP_PRIVATE|MAP_ANONYMOUS)
	must(t, "mmap anonymous", err)
	t.Cleanup(func() { Munmap(b) })
	return b
}

// goPages returns n pages of Go heap memory whose first byte starts a page (a large
// allocation is page-aligned in Go's heap), filled with 0x5a.
func goPages(t *testing.T, n int) []byte {
	t.Helper()
	raw := make([]byte, (n+1)*int(pageSize))
	off := int(pageRound(uintptr(unsafe.Pointer(&raw[0]))) - uintptr(unsafe.Pointer(&raw[0])))
	b := raw[off : off+n*int(pageSize)]
	for i := range b {
		b[i] = 0x5a
	}
	return b
}

// memPipe returns a pipe's two ends, closed at the end of the test.
func memPipe(t *testing.T) (r, w FD) {
	t.Helper()
	pr, pw, err := os.Pipe()
	must(t, "pipe", err)
	t.Cleanup(func() { pr.Close(); pw.Close() })
	r, err = FileFD(pr)
	must(t, "fd", err)
	w, err = FileFD(pw)
	must(t, "fd", err)
	return r, w
}

func TestMmapAnonymous(t *testing.T) {
	ps := int(pageSize)
	b, err := Mmap(-1, 0, 2*ps+1, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
	must(t, "mmap", err)
	if len(b) != 2*ps+1 || cap(b) != 2*ps+1 || sliceAddr(b)%pageSize != 0 {
		t.Fatalf("mmap: len %d cap %d at %#x", len(b), cap(b), sliceAddr(b))
	}
	for i := range b {
		if b[i] != 0 {
			t.Fatalf("anonymous memory not zero at %d", i)
		}
		b[i] = byte(i)
	}
	if b[ps+7] != byte(ps+7) {
		t.Fatal("write lost")
	}
	// The pages are the kernel's: a write(2) from them sends their bytes.
	r, w := memPipe(t)
	if n, err := Write(w, b[ps:ps+16]); err != nil || n != 16 {
		t.Fatalf("write from the mapping: %d %v", n, err)
	}
	got := make([]byte, 16)
	if _, err := Read(r, got); err != nil || !bytes.Equal(got, b[ps:ps+16]) {
		t.Fatalf("read back %x, %v", got, err)
	}
	must(t, "munmap", Munmap(b))
	wantErrno(t, "munmap twice", Munmap(b), EINVAL)
	// Unmapped: the kernel refuses to read from it.
	_, err = Write(w, b[:1])
	wantErrno(t, "write from unmapped memory", err, EFAULT)
}

func TestMmapRefusals(t *testing.T) {
	_, err := Mmap(-1, 0, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
	wantErrno(t, "mmap of length 0", err, EINVAL)
	_, err = Mmap(-1, 0, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
	wantErrno(t, "Mmap with MAP_FIXED", err, EINVAL)
	_, err = MmapPtr(nil, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
	wantErrno(t, "MmapPtr of length 0", err, EINVAL)

	// Go memory is never unmapped, protected, sealed or discarded.
	g := goPages(t, 2)
	wantErrno(t, "munmap of Go memory", Munmap(g), EINVAL)
	wantErrno(t, "munmap of an empty slice", Munmap(nil), EINVAL)
	wantErrno(t, "munmapptr of Go memory", MunmapPtr(unsafe.Pointer(&g[0]), uintptr(len(g))), EINVAL)
	wantErrno(t, "mprotect of Go memory", Mprotect(g, PROT_READ), EINVAL)
	wantErrno(t, "pkey_mprotect of Go memory", PkeyMprotect(g, PROT_NONE, -1), EINVAL)
	wantErrno(t, "mseal of Go memory", Mseal(g, 0), EINVAL)
	for _, adv := range []MadviseAdvice{MADV_DONTNEED, MADV_FREE, MADV_REMOVE, MADV_DONTFORK, MADV_WIPEONFORK} {
		wantErrno(t, "madvise "+adv.String()+" of Go memory", Madvise(g, adv), EINVAL)
	}
	_, err = Mremap(g, 4*len(g), MREMAP_MAYMOVE)
	wantErrno(t, "mremap of Go memory", err, EINVAL)
	// MAP_FIXED over Go memory becomes MAP_FIXED_NOREPLACE: the kernel finds the heap there.
	_, err = MmapPtr(unsafe.Pointer(&g[0]), uintptr(len(g)), PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	wantErrno(t, "MAP_FIXED over Go memory", err, EEXIST)
	// MAP_FIXED over the binary's data.
	data := unsafe.Pointer(uintptr(unsafe.Pointer(&mmapDataMarker)) &^ (pageSize - 1))
	_, err = MmapPtr(data, pageSize, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	wantErrno(t, "MAP_FIXED over the binary's data", err, EEXIST)
	if mmapDataMarker != 1 {
		t.Fatal("the binary's data changed")
	}
	for i, c := range g {
		if c != 0x5a {
			t.Fatalf("Go memory changed at %d: %#x", i, c)
		}
	}
	// Harmless advice takes any memory.
	must(t, "madvise WILLNEED of Go memory", Madvise(g, MADV_WILLNEED))
	must(t, "madvise COLD of Go memory", Madvise(g, MADV_COLD))
	if g[0] != 0x5a {
		t.Fatal("MADV_COLD lost data")
	}
	runtime.KeepAlive(g)
}

var mmapDataMarker = 1

func TestMmapFixed(t *testing.T) {
	ps := pageSize
	b := mmapAnon(t, 4*int(ps), PROT_READ|PROT_WRITE)
	b[ps] = 7
	// MAP_FIXED inside our own mapping replaces it: fresh zero pages.
	p, err := MmapPtr(unsafe.Pointer(&b[ps]), ps, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	must(t, "MAP_FIXED over our mapping", err)
	if p != unsafe.Pointer(&b[ps]) || b[ps] != 0 {
		t.Fatalf("MAP_FIXED: at %p (want %p), byte %d", p, &b[ps], b[ps])
	}
	// MAP_FIXED_NOREPLACE over it: EEXIST, the contents stay.
	b[ps] = 9
	_, err = MmapPtr(unsafe.Pointer(&b[ps]), ps, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE, -1, 0)
	wantErrno(t, "MAP_FIXED_NOREPLACE over a mapping", err, EEXIST)
	if b[ps] != 9 {
		t.Fatal("MAP_FIXED_NOREPLACE replaced the page")
	}
	// A hole left by Munmap: MAP_FIXED (as NOREPLACE) maps there.
	must(t, "munmap a page in the middle", Munmap(b[2*ps:3*ps]))
	p, err = MmapPtr(unsafe.Pointer(&b[2*ps]), ps, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	must(t, "MAP_FIXED into a hole", err)
	*(*byte)(p) = 3
	if b[2*ps] != 3 {
		t.Fatal("the new page is not where asked")
	}
	must(t, "munmapptr", MunmapPtr(p, ps))
	wantErrno(t, "munmap of the hole again", Munmap(b[2*ps:3*ps]), EINVAL)
}

func TestMmapFile(t *testing.T) {
	ps := int(pageSize)
	content := strings.Repeat("rawlinux", ps/4) // two pages
	path := tempFile(t, content)
	fd, err := Open(path, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	b, err := Mmap(fd, 0, len(content), PROT_READ|PROT_WRITE, MAP_SHARED)
	must(t, "mmap file", err)
	if string(b) != content {
		t.Fatal("the mapping does not show the file")
	}
	// An offset: the second page.
	b2, err := Mmap(fd, int64(ps), ps, PROT_READ, MAP_SHARED)
	must(t, "mmap file at a page offset", err)
	if string(b2) != content[ps:] {
		t.Fatal("the mapping at offset does not show the file's second page")
	}
	must(t, "munmap", Munmap(b2))
	_, err = Mmap(fd, 1, ps, PROT_READ, MAP_SHARED)
	wantErrno(t, "mmap at an unaligned offset", err, EINVAL)
	// A write through the shared mapping, msync, and read(2) sees it.
	copy(b[10:], "KERNEL")
	must(t, "msync", Msync(b, MS_SYNC))
	got := make([]byte, 6)
	if n, err := Pread(fd, got, 10); err != nil || n != 6 || string(got) != "KERNEL" {
		t.Fatalf("pread after msync: %q %v", got[:n], err)
	}
	must(t, "msync MS_ASYNC|MS_INVALIDATE", Msync(b, MS_ASYNC|MS_INVALIDATE))
	wantErrno(t, "msync with MS_SYNC|MS_ASYNC", Msync(b, MS_SYNC|MS_ASYNC), EINVAL)
	must(t, "munmap", Munmap(b))
}

// TestMmapLargeOffset maps a page at 5 GiB into a sparse file: on 32-bit arches mmap2's
// 4096-byte units carry the offset.
func TestMmapLargeOffset(t *testing.T) {
	path := tempFile(t, "")
	fd, err := Open(path, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	const off = 5 << 30
	if _, err := Pwrite(fd, []byte("far away"), off); err != nil {
		t.Skipf("a sparse file of 5 GiB: %v", err)
	}
	b, err := Mmap(fd, off, 4096, PROT_READ, MAP_SHARED)
	must(t, "mmap at 5 GiB", err)
	if string(b[:8]) != "far away" {
		t.Fatalf("mmap at 5 GiB shows %q", b[:8])
	}
	must(t, "munmap", Munmap(b))
}

func TestMremap(t *testing.T) {
	ps := int(pageSize)
	b := mmapAnon(t, ps, PROT_READ|PROT_WRITE)
	copy(b, "grow me")
	g, err := Mremap(b, 64*ps, MREMAP_MAYMOVE)
	must(t, "mremap MAYMOVE", err)
	t.Cleanup(func() { Munmap(g) })
	if len(g) != 64*ps || string(g[:7]) != "grow me" {
		t.Fatalf("mremap: len %d, %q", len(g), g[:7])
	}
	g[63*ps] = 1 // the new pages are there
	if sliceAddr(g) != sliceAddr(b) {
		wantErrno(t, "munmap of the old place", Munmap(b), EINVAL)
	}
	// Shrink in place.
	s, err := Mremap(g, ps, 0)
	must(t, "mremap shrink", err)
	if sliceAddr(s) != sliceAddr(g) || string(s[:7]) != "grow me" {
		t.Fatal("shrink moved or lost data")
	}
	wantErrno(t, "munmap of the released tail", Munmap(g[ps:2*ps]), EINVAL)
	// MREMAP_FIXED: only onto our own mappings.
	target := mmapAnon(t, ps, PROT_READ|PROT_WRITE)
	goMem := goPages(t, 1)
	_, err = MremapPtr(unsafe.Pointer(&s[0]), pageSize, pageSize, MREMAP_MAYMOVE|MREMAP_FIXED, unsafe.Pointer(&goMem[0]))
	wantErrno(t, "MREMAP_FIXED onto Go memory", err, EINVAL)
	p, err := MremapPtr(unsafe.Pointer(&s[0]), pageSize, pageSize, MREMAP_MAYMOVE|MREMAP_FIXED, unsafe.Pointer(&target[0]))
	must(t, "MREMAP_FIXED onto our mapping", err)
	if p != unsafe.Pointer(&target[0]) || string(target[:7]) != "grow me" {
		t.Fatalf("MREMAP_FIXED: at %p, %q", p, target[:7])
	}
	wantErrno(t, "munmap of the moved-from place", Munmap(s), EINVAL)
	if goMem[0] != 0x5a {
		t.Fatal("Go memory changed")
	}
	_, err = Mremap(target, ps, MREMAP_FIXED)
	wantErrno(t, "Mremap with MREMAP_FIXED", err, EINVAL)
}

// TestMprotect makes a page read-only and then inaccessible: the kernel's own copies show it
// (read(2) into a read-only page is EFAULT, write(2) from it works), and so does a write
// from Go, a fault that debug.SetPanicOnFault turns into a recovered panic.
func TestMprotect(t *testing.T) {
	b := mmapAnon(t, int(pageSize), PROT_READ|PROT_WRITE)
	copy(b, "read only")
	must(t, "mprotect PROT_READ", Mprotect(b, PROT_READ))
	if string(b[:9]) != "read only" {
		t.Fatal("a read-only page lost its data")
	}
	r, w := memPipe(t)
	if _, err := Write(w, b[:9]); err != nil {
		t.Fatalf("write(2) from a read-only page: %v", err)
	}
	_, err := Read(r, b[:9])
	wantErrno(t, "read(2) into a read-only page", err, EFAULT)
	if !faults(func() { b[0] = 'X' }) {
		t.Fatal("a write to a read-only page did not fault")
	}
	must(t, "mprotect PROT_NONE", Mprotect(b, PROT_NONE))
	_, err = Write(w, b[:1])
	wantErrno(t, "write(2) from a PROT_NONE page", err, EFAULT)
	must(t, "mprotect PROT_READ|PROT_WRITE", Mprotect(b, PROT_READ|PROT_WRITE))
	b[0] = 'R'
	if string(b[:9]) != "Read only" {
		t.Fatalf("after mprotect back: %q", b[:9])
	}
	wantErrno(t, "mprotect of an unaligned start", Mprotect(b[1:], PROT_READ), EINVAL)
}

// faults reports whether f faults (and recovers the fault).
func faults(f func()) (faulted bool) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if recover() != nil {
			faulted = true
		}
	}()
	f()
	return false
}

func TestPkeys(t *testing.T) {
	k, err := PkeyAlloc(0, PKEY_DISABLE_WRITE)
	skipUnsupported(t, "pkey_alloc", err)
	if err != nil {
		// No protection keys on this CPU or kernel: the kernel's specific answers.
		var e Errno
		if !errors.As(err, &e) || (e != ENOSPC && e != EINVAL && e != ENOSYS) {
			t.Fatalf("pkey_alloc: %v (want a key, or ENOSPC/EINVAL without pkeys)", err)
		}
		t.Logf("no protection keys here: pkey_alloc = %v", err)
		b := mmapAnon(t, int(pageSize), PROT_READ|PROT_WRITE)
		// The default key -1 works everywhere pkey_mprotect exists; key 1 was never allocated.
		err = PkeyMprotect(b, PROT_READ, -1)
		skipUnsupported(t, "pkey_mprotect", err)
		must(t, "pkey_mprotect with the default key", err)
		wantErrno(t, "pkey_mprotect with a key never allocated", PkeyMprotect(b, PROT_READ, 1), EINVAL)
		wantErrno(t, "pkey_free of a key never allocated", PkeyFree(1), EINVAL)
		return
	}
	b := mmapAnon(t, int(pageSize), PROT_READ|PROT_WRITE)
	must(t, "pkey_mprotect", PkeyMprotect(b, PROT_READ|PROT_WRITE, k))
	if re := regexp.MustCompile(`ProtectionKey:\s+` + itoa(k) + `\n`); !re.MatchString(smapsOf(t, sliceAddr(b))) {
		t.Errorf("smaps of the page tagged with key %d lacks %s:\n%s", k, re, smapsOf(t, sliceAddr(b)))
	}
	must(t, "pkey_free", PkeyFree(k))
	wantErrno(t, "pkey_free twice", PkeyFree(k), EINVAL)
	_, err = PkeyAlloc(1, 0)
	wantErrno(t, "pkey_alloc with flags", err, EINVAL)
}

// smapsOf returns the /proc/self/smaps paragraph of the mapping that contains addr.
func smapsOf(t *testing.T, addr uintptr) string {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	var cur strings.Builder
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		var lo, hi uintptr
		if n, _ := sscanRange(line, &lo, &hi); n {
			if in {
				break
			}
			in = addr >= lo && addr < hi
		}
		if in {
			cur.WriteString(line + "\n")
		}
	}
	return cur.String()
}

// sscanRange parses the "lo-hi " at the start of a maps line.
func sscanRange(line string, lo, hi *uintptr) (bool, error) {
	r, _, ok := strings.Cut(line, " ")
	if !ok {
		return false, nil
	}
	a, b, ok := strings.Cut(r, "-")
	if !ok {
		return false, nil
	}
	x, ok1 := parseHex(a)
	y, ok2 := parseHex(b)
	*lo, *hi = x, y
	return ok1 && ok2, nil
}

func parseHex(s string) (uintptr, bool) {
	if s == "" {
		return 0, false
	}
	var v uintptr
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uintptr(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uintptr(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

func TestMadvise(t *testing.T) {
	b := mmapAnon(t, 2*int(pageSize), PROT_READ|PROT_WRITE)
	b[0], b[pageSize] = 1, 2
	must(t, "madvise DONTNEED", Madvise(b[:pageSize], MADV_DONTNEED))
	if b[0] != 0 || b[pageSize] != 2 {
		t.Fatalf("MADV_DONTNEED of private anonymous memory: first page %d (want 0), second %d (want 2)", b[0], b[pageSize])
	}
	must(t, "madvise SEQUENTIAL", Madvise(b, MADV_SEQUENTIAL))
	wantErrno(t, "madvise with an unknown advice", Madvise(b, MadviseAdvice(999)), EINVAL)
}

func TestProcessMadvise(t *testing.T) {
	pidfd, err := pidfdOpen(PID(os.Getpid()))
	skipUnsupported(t, "pidfd_open", err)
	pidfd = mustFD(t, "pidfd_open", pidfd, err)
	b := mmapAnon(t, 2*int(pageSize), PROT_READ|PROT_WRITE)
	b[0] = 1
	n, err := ProcessMadvise(pidfd, []Iovec{IovecOf(b[:pageSize])}, MADV_DONTNEED, 0)
	skipUnsupported(t, "process_madvise", err)
	if err != nil || n != int(pageSize) || b[0] != 0 {
		t.Fatalf("process_madvise DONTNEED of self: %d, %v, byte %d", n, err, b[0])
	}
	g := goPages(t, 1)
	_, err = ProcessMadvise(pidfd, []Iovec{IovecOf(b), IovecOf(g)}, MADV_DONTNEED, 0)
	wantErrno(t, "process_madvise DONTNEED of Go memory", err, EINVAL)
	if n, err := ProcessMadvise(pidfd, []Iovec{IovecOf(g)}, MADV_COLD, 0); err != nil || n != len(g) {
		t.Fatalf("process_madvise COLD of Go memory: %d %v", n, err)
	}
	if g[0] != 0x5a {
		t.Fatal("Go memory changed")
	}
	_, err = ProcessMadvise(pidfd, []Iovec{IovecOf(b)}, MADV_COLD, 1)
	wantErrno(t, "process_madvise with flags", err, EINVAL)
}

// pidfdOpen is pidfd_open(2) (another group's call), for the tests.
func pidfdOpen(pid PID) (FD, error) {
	r, _, e := raw.Syscall(SYS_PIDFD_OPEN, uintptr(pid), 0, 0)
	if e != 0 {
		return -1, e
	}
	return FD(r), nil
}

func TestMseal(t *testing.T) {
	b, err := Mmap(-1, 0, int(pageSize), PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS) // never released
	must(t, "mmap", err)
	err = Mseal(b, 0)
	skipUnsupported(t, "mseal", err)
	must(t, "mseal", err)
	wantErrno(t, "munmap of sealed memory", Munmap(b), EPERM)
	wantErrno(t, "mprotect of sealed memory", Mprotect(b, PROT_READ|PROT_WRITE), EPERM)
	_, err = Mremap(b, 2*int(pageSize), MREMAP_MAYMOVE)
	wantErrno(t, "mremap of sealed memory", err, EPERM)
	_, err = MmapPtr(unsafe.Pointer(&b[0]), pageSize, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)
	wantErrno(t, "MAP_FIXED over sealed memory", err, EPERM)
	c := mmapAnon(t, int(pageSize), PROT_READ)
	wantErrno(t, "mseal with flags", Mseal(c, 1), EINVAL)
}

func TestRemapFilePages(t *testing.T) {
	ps := int(pageSize)
	path := tempFile(t, strings.Repeat("A", ps)+strings.Repeat("B", ps))
	fd, err := Open(path, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	b, err := Mmap(fd, 0, 2*ps, PROT_READ|PROT_WRITE, MAP_SHARED)
	must(t, "mmap", err)
	t.Cleanup(func() { Munmap(b) })
	err = RemapFilePages(b[:ps], 0, 1, 0)
	skipUnsupported(t, "remap_file_pages", err)
	must(t, "remap_file_pages", err)
	if b[0] != 'B' || b[ps] != 'B' {
		t.Fatalf("after remap_file_pages: %c %c, want B B", b[0], b[ps])
	}
	g := goPages(t, 1)
	wantErrno(t, "remap_file_pages of Go memory", RemapFilePages(g, 0, 0, 0), EINVAL)
}

func TestMincoreMlock(t *testing.T) {
	ps := int(pageSize)
	b := mmapAnon(t, 4*ps, PROT_READ|PROT_WRITE)
	vec := make([]byte, 4)
	err := Mincore(b, vec)
	skipUnsupported(t, "mincore", err)
	must(t, "mincore", err)
	if !bytes.Equal(vec, []byte{0, 0, 0, 0}) {
		t.Fatalf("mincore of untouched memory: %v", vec)
	}
	b[0], b[2*ps] = 1, 1
	must(t, "mincore", Mincore(b, vec))
	if vec[0]&1 != 1 || vec[1]&1 != 0 || vec[2]&1 != 1 || vec[3]&1 != 0 {
		t.Fatalf("mincore after touching pages 0 and 2: %v", vec)
	}
	wantErrno(t, "mincore with a short vector", Mincore(b, vec[:3]), EINVAL)
	wantErrno(t, "mincore of an unaligned start", Mincore(b[1:], vec), EINVAL)

	// MLOCK_ONFAULT locks without faulting the pages in; mlock faults them all in.
	c := mmapAnon(t, 4*ps, PROT_READ|PROT_WRITE)
	err = Mlock2(c, MLOCK_ONFAULT)
	skipUnsupported(t, "mlock2", err)
	must(t, "mlock2 ONFAULT", err)
	must(t, "mincore", Mincore(c, vec))
	if vec[1]&1 != 0 {
		t.Fatalf("MLOCK_ONFAULT faulted pages in: %v", vec)
	}
	c[ps] = 1
	must(t, "mincore", Mincore(c, vec))
	if vec[1]&1 != 1 || vec[3]&1 != 0 {
		t.Fatalf("MLOCK_ONFAULT after touching page 1: %v", vec)
	}
	if !qemuUser() && !strings.Contains(smapsOf(t, sliceAddr(c)), "lf") {
		t.Error("smaps VmFlags of an MLOCK_ONFAULT range lack lf")
	}
	must(t, "munlock", Munlock(c))
	must(t, "mlock", Mlock(c))
	must(t, "mincore", Mincore(c, vec))
	if !bytes.Equal(vec, []byte{1, 1, 1, 1}) {
		t.Fatalf("mlock did not fault every page in: %v", vec)
	}
	if !qemuUser() && !strings.Contains(smapsOf(t, sliceAddr(c)), " lo") {
		t.Error("smaps VmFlags of an mlocked range lack lo")
	}
	must(t, "munlock", Munlock(c))
	// Go memory can be locked: mlock only pins it.
	g := goPages(t, 1)
	must(t, "mlock of Go memory", Mlock(g))
	must(t, "munlock of Go memory", Munlock(g))
	wantErrno(t, "mlock2 with an unknown flag", Mlock2(c, 0x100), EINVAL)
}

func TestMlockall(t *testing.T) {
	// MCL_ONFAULT: lock what is resident and what faults in later, without faulting in
	// everything the runtime has mapped.
	err := Mlockall(MCL_CURRENT | MCL_ONFAULT)
	skipUnsupported(t, "mlockall", err)
	must(t, "mlockall", err)
	locked := vmLck(t)
	must(t, "munlockall", Munlockall())
	after := vmLck(t)
	if !qemuUser() && (locked == 0 || after != 0) {
		t.Fatalf("VmLck: %d kB under mlockall, %d kB after munlockall", locked, after)
	}
	wantErrno(t, "mlockall without MCL_CURRENT or MCL_FUTURE", Mlockall(MCL_ONFAULT), EINVAL)
}

// vmLck is the VmLck of /proc/self/status in kB.
func vmLck(t *testing.T) int {
	data, err := os.ReadFile("/proc/self/status")
	must(t, "read status", err)
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmLck:"); ok {
			n := 0
			for _, c := range strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")) {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	t.Fatal("no VmLck")
	return 0
}

func TestBrk(t *testing.T) {
	cur := Brk(0)
	if cur == 0 {
		t.Fatal("brk(0) returned 0")
	}
	if Brk(0) != cur {
		t.Fatal("brk(0) moved the break")
	}
	// Below the start of the data segment: refused, the break stays.
	if got := Brk(1); got != cur {
		t.Fatalf("brk(1) = %#x, want the unchanged %#x", got, cur)
	}
	if heapInMaps(t) {
		t.Logf("the break at %#x has a [heap] (the C allocator of this binary uses it): not moving it", cur)
		return
	}
	up := pageRound(cur) + pageSize
	if got := Brk(up); got != up {
		t.Fatalf("brk(%#x) = %#x", up, got)
	}
	*(*byte)(addrPointer(up - 1)) = 1 // the new memory is there
	if got := Brk(cur); got != cur {
		t.Fatalf("brk back to %#x = %#x", cur, got)
	}
}

// heapInMaps reports a [heap] line in /proc/self/maps: something uses the break.
func heapInMaps(t *testing.T) bool {
	data, err := os.ReadFile("/proc/self/maps")
	must(t, "read maps", err)
	return strings.Contains(string(data), "[heap]")
}
