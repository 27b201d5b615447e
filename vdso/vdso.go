// Package vdso finds the kernel's vDSO in this process and resolves its symbols.
//
// The kernel maps the vDSO, a small ELF shared object, into every process on most arches
// and passes its address in the auxiliary vector (AT_SYSINFO_EHDR). This package reads that
// address at init (from the runtime's copy of the auxiliary vector, which the runtime exports
// for golang.org/x/sys; from /proc/self/auxv when that is unavailable), copies the image out of
// memory (bounded by its first page for the headers and then by its PT_LOAD segments), and
// parses the copy with a bounds-checked ELF parser: the dynamic symbol table through
// DT_GNU_HASH or DT_HASH, with the symbol versions of DT_VERSYM/DT_VERDEF, as
// Documentation/ABI/stable/vdso and tools/testing/selftests/vDSO/parse_vdso.c describe.
// A missing or malformed image means "no vDSO" (Err says why), never a crash.
//
// The symbol names and versions each arch exports come from the kernel's vDSO linker
// scripts (arch/*/.../vdso*.lds.S): for example __vdso_clock_gettime@LINUX_2.6 on x86,
// __kernel_clock_gettime@LINUX_2.6.39 on arm64, __vdso_clock_gettime@LINUX_4.15 on riscv64,
// __vdso_clock_gettime@LINUX_5.10 on loong64, __kernel_clock_gettime@LINUX_2.6.15 on powerpc
// and __kernel_clock_gettime@LINUX_2.6.29 on s390x.
//
// Package vdso only finds things; the typed calls (linux.ClockGettime, linux.Getcpu...) live
// in the root package.
package vdso

import (
	"encoding/binary"
	"errors"
	"os"
	"unsafe"
)

const (
	atNull        = 0
	atSysinfoEhdr = 33
	// maxImage bounds the image copy; real vDSO images are a few pages.
	maxImage = 4 << 20
)

var (
	loaded  *Image
	loadErr error
	base    uintptr
	copyOf  []byte
)

//go:linkname runtime_getAuxv runtime.getAuxv
func runtime_getAuxv() []uintptr

func init() {
	loaded, loadErr = load()
}

// auxvSysinfoEhdr returns AT_SYSINFO_EHDR and where it came from.
func auxvSysinfoEhdr() (uintptr, error) {
	if av := runtime_getAuxv(); len(av) > 0 {
		for i := 0; i+1 < len(av); i += 2 {
			if av[i] == atSysinfoEhdr {
				return av[i+1], nil
			}
			if av[i] == atNull {
				break
			}
		}
		return 0, nil
	}
	b, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		return 0, err
	}
	w := int(unsafe.Sizeof(uintptr(0)))
	for i := 0; i+2*w <= len(b); i += 2 * w {
		var k, v uint64
		if w == 8 {
			k, v = binary.NativeEndian.Uint64(b[i:]), binary.NativeEndian.Uint64(b[i+8:])
		} else {
			k, v = uint64(binary.NativeEndian.Uint32(b[i:])), uint64(binary.NativeEndian.Uint32(b[i+4:]))
		}
		if k == atSysinfoEhdr {
			return uintptr(v), nil
		}
		if k == atNull {
			break
		}
	}
	return 0, nil
}

// ErrNoVDSO is returned by Err when the kernel gave this process no vDSO.
var ErrNoVDSO = errors.New("vdso: no AT_SYSINFO_EHDR in the auxiliary vector")

// memory returns n bytes of this process's memory at address a, as a slice that aliases it.
func memory(a uintptr, n int) []byte {
	p := *(*unsafe.Pointer)(unsafe.Pointer(&a)) // a is the kernel's address of a mapped page
	return unsafe.Slice((*byte)(p), n)
}

func load() (*Image, error) {
	b, err := auxvSysinfoEhdr()
	if err != nil {
		return nil, err
	}
	if b == 0 {
		return nil, ErrNoVDSO
	}
	page := os.Getpagesize()
	if b%uintptr(page) != 0 {
		return nil, bad("AT_SYSINFO_EHDR %#x is not page-aligned", b)
	}
	// The ELF header and program headers must lie in the first page (the kernel's images
	// always do); read only that page until the PT_LOAD segments tell the image's size.
	first := append([]byte(nil), memory(b, page)...)
	size, err := imageSize(first)
	if err != nil {
		return nil, err
	}
	// The kernel maps whole pages: copy through the end of the last page the segments touch
	// (the section headers, which debug/elf reads, usually live there).
	size = (size + page - 1) &^ (page - 1)
	img := first
	if size > page {
		img = append([]byte(nil), memory(b, size)...)
	}
	im, err := Parse(img, b)
	if err != nil {
		return nil, err
	}
	if im.Class != int(8*unsafe.Sizeof(uintptr(0))) || im.BigEndian != (binary.NativeEndian.Uint16([]byte{0, 1}) == 1) {
		return nil, bad("image is ELF%d big-endian=%v, not this process's kind", im.Class, im.BigEndian)
	}
	base, copyOf = b, img
	return im, nil
}

// imageSize reads the program headers of the first page and returns the bytes that the
// PT_LOAD segments cover from offset 0.
func imageSize(page []byte) (int, error) {
	if len(page) < 64 || string(page[:4]) != "\x7fELF" {
		return 0, bad("no ELF magic at AT_SYSINFO_EHDR")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if page[5] == elfData2MSB {
		bo = binary.BigEndian
	}
	r := reader{page, bo}
	is64 := page[4] == elfClass64
	var phoff uint64
	var phentsize, phnum uint16
	if is64 {
		phoff, _ = r.u64(32)
		phentsize, _ = r.u16(54)
		phnum, _ = r.u16(56)
	} else {
		p, _ := r.u32(28)
		phoff = uint64(p)
		phentsize, _ = r.u16(42)
		phnum, _ = r.u16(44)
	}
	if phentsize == 0 || !r.ok(phoff, uint64(phnum)*uint64(phentsize)) {
		return 0, bad("program headers are not in the first page")
	}
	var size uint64
	for i := uint64(0); i < uint64(phnum); i++ {
		ph := phoff + i*uint64(phentsize)
		typ, _ := r.u32(ph)
		if typ != ptLoad {
			continue
		}
		var off, filesz uint64
		if is64 {
			off, _ = r.u64(ph + 8)
			filesz, _ = r.u64(ph + 32)
		} else {
			o, _ := r.u32(ph + 4)
			f, _ := r.u32(ph + 16)
			off, filesz = uint64(o), uint64(f)
		}
		if off > maxImage || filesz > maxImage-off {
			return 0, bad("PT_LOAD [%#x,+%#x) larger than %d bytes", off, filesz, maxImage)
		}
		if off+filesz > size {
			size = off + filesz
		}
	}
	if size == 0 {
		return 0, bad("no PT_LOAD")
	}
	return int(size), nil
}

// Present reports whether this process has a usable vDSO.
func Present() bool { return loaded != nil }

// Err tells why Present is false: ErrNoVDSO, an error wrapping ErrFormat, or nil.
func Err() error { return loadErr }

// Base returns the vDSO's address in this process (AT_SYSINFO_EHDR), 0 without one.
func Base() uintptr { return base }

// Loaded returns the parsed image of this process's vDSO, nil without one.
func Loaded() *Image { return loaded }

// Bytes returns a copy of this process's vDSO image (nil without one).
func Bytes() []byte { return append([]byte(nil), copyOf...) }

// Symbols lists the functions this process's vDSO exports, with their versions and
// addresses; nil without a vDSO.
func Symbols() []Symbol {
	if loaded == nil {
		return nil
	}
	return loaded.Symbols()
}

// Lookup returns the address of name@version in this process's vDSO, or 0.
func Lookup(name, version string) uintptr {
	if loaded == nil {
		return 0
	}
	s, ok := loaded.Lookup(name, version)
	if !ok {
		return 0
	}
	return s.Addr
}
