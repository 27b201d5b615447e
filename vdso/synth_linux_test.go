//go:build linux

package vdso

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Synthetic vDSO images, built here from a description: every hash-table kind alone and
// together, 32- and 64-bit, little- and big-endian, with and without symbol versions, and
// corrupt copies of them, each with the outcome the parser must give. The builder has its own
// hash functions and layout code, and its images carry section headers so that debug/elf
// (an independent reader) can confirm what the builder wrote.

// synthSym is one dynamic symbol.
type synthSym struct {
	name    string
	version string // a name from synthSpec.versions, or "" (unversioned)
	info    byte   // st_info; 0 means STT_FUNC, STB_GLOBAL
	undef   bool   // st_shndx SHN_UNDEF
	hidden  bool   // versym's hidden bit
}

func (s synthSym) exported() bool {
	info := s.info
	if info == 0 {
		info = stbGlobal<<4 | sttFunc
	}
	typ, bind := info&0xf, info>>4
	return (typ == sttFunc || typ == sttNotype) && (bind == stbGlobal || bind == stbWeak) && !s.undef
}

// synthSpec describes an image.
type synthSpec struct {
	class64, bigEndian bool
	machine            uint16
	sysv, gnu          bool
	versions           []string // defined versions (indexes 2, 3, ...); nil: no DT_VERSYM/DT_VERDEF
	syms               []synthSym
	vaddr              uint64 // the first PT_LOAD's link address (the kernel's images: 0)
}

// synthImage is a built image and where its parts lie (file offsets; vaddr = offset + vaddr).
type synthImage struct {
	spec                                       synthSpec
	b                                          []byte
	bo                                         binary.ByteOrder
	syms                                       []synthSym // in symbol-table order, from index 1
	symtab, strtab, strsz, hash, gnuhash       int
	versym, verdef, dynamic, text              int
	gnuBloom, gnuBuckets, gnuChains, hashEnt   int
	gnuNbuckets, sysvNbucket, phoff, dynamicSz int
	names                                      map[string]int // string table offsets
}

func (im *synthImage) word() int {
	if im.spec.class64 {
		return 8
	}
	return 4
}

func (im *synthImage) put16(off int, v uint16) { im.bo.PutUint16(im.b[off:], v) }
func (im *synthImage) put32(off int, v uint32) { im.bo.PutUint32(im.b[off:], v) }
func (im *synthImage) put64(off int, v uint64) { im.bo.PutUint64(im.b[off:], v) }
func (im *synthImage) putWord(off int, v uint64) {
	if im.spec.class64 {
		im.put64(off, v)
	} else {
		im.put32(off, uint32(v))
	}
}
func (im *synthImage) get32(off int) uint32 { return im.bo.Uint32(im.b[off:]) }

// synthELFHash and synthGNUHash are the ELF gABI's and GNU's symbol hashes, written here
// independently of the parser's.
func synthELFHash(s string) uint32 {
	var h uint32
	for _, c := range []byte(s) {
		h = h<<4 + uint32(c)
		if g := h & 0xf0000000; g != 0 {
			h ^= g >> 24
			h &^= g
		}
	}
	return h
}

func synthGNUHash(s string) uint32 {
	h := uint32(5381)
	for _, c := range []byte(s) {
		h = h<<5 + h + uint32(c)
	}
	return h
}

const (
	synthGNUBuckets  = 3
	synthSysvBuckets = 3
	synthBloomShift  = 6
	synthSoname      = "linux-vdso.so.1"
)

func align8(n int) int { return (n + 7) &^ 7 }

// build lays the image out: ELF header, program headers (PT_LOAD over the whole image,
// PT_DYNAMIC), .dynsym, .dynstr, .hash, .gnu.hash, .gnu.version, .gnu.version_d, .dynamic,
// .text (16 bytes per symbol), .shstrtab and the section headers.
func (spec synthSpec) build() *synthImage {
	im := &synthImage{spec: spec, bo: binary.LittleEndian, names: map[string]int{}}
	if spec.bigEndian {
		im.bo = binary.BigEndian
	}
	w := im.word()
	ehsize, phent, symEnt, dynEnt, shent := 52, 32, 16, 8, 40
	if spec.class64 {
		ehsize, phent, symEnt, dynEnt, shent = 64, 56, 24, 16, 64
	}
	// GNU hash needs the symbols of one bucket together, in bucket order; the other
	// tables do not care.
	im.syms = append([]synthSym(nil), spec.syms...)
	sort.SliceStable(im.syms, func(i, j int) bool {
		return synthGNUHash(im.syms[i].name)%synthGNUBuckets < synthGNUHash(im.syms[j].name)%synthGNUBuckets
	})
	n := len(im.syms) + 1 // with the null symbol
	// The string table: "", the names, the versions, the soname.
	var str bytes.Buffer
	str.WriteByte(0)
	addStr := func(s string) {
		if _, ok := im.names[s]; !ok {
			im.names[s] = str.Len()
			str.WriteString(s)
			str.WriteByte(0)
		}
	}
	for _, s := range im.syms {
		addStr(s.name)
	}
	for _, v := range spec.versions {
		addStr(v)
	}
	addStr(synthSoname)

	im.hashEnt = 4
	if spec.class64 && spec.machine == uint16(elf.EM_S390) {
		im.hashEnt = 8
	}
	off := ehsize + 2*phent
	im.phoff = ehsize
	off = align8(off)
	im.symtab = off
	off += n * symEnt
	im.strtab, im.strsz = off, str.Len()
	off = align8(off + str.Len())
	if spec.sysv {
		im.hash, im.sysvNbucket = off, synthSysvBuckets
		off = align8(off + im.hashEnt*(2+synthSysvBuckets+n))
	}
	if spec.gnu {
		im.gnuhash, im.gnuNbuckets = off, synthGNUBuckets
		im.gnuBloom = off + 16
		im.gnuBuckets = im.gnuBloom + w
		im.gnuChains = im.gnuBuckets + 4*synthGNUBuckets
		off = align8(im.gnuChains + 4*(n-1))
	}
	nver := 0
	if spec.versions != nil {
		nver = 1 + len(spec.versions)
		im.versym = off
		off = align8(off + 2*n)
		im.verdef = off
		off = align8(off + nver*28)
	}
	im.dynamic = off
	ndyn := 5 // STRTAB SYMTAB STRSZ SYMENT NULL
	if spec.sysv {
		ndyn++
	}
	if spec.gnu {
		ndyn++
	}
	if nver > 0 {
		ndyn += 3
	}
	im.dynamicSz = ndyn * dynEnt
	off = align8(off + im.dynamicSz)
	im.text = off
	off += 16 * len(im.syms)
	shstr := "\x00.dynsym\x00.dynstr\x00.hash\x00.gnu.hash\x00.gnu.version\x00.gnu.version_d\x00.dynamic\x00.text\x00.shstrtab\x00"
	shstrtab := off
	off = align8(off + len(shstr))
	shoff := off
	type section struct {
		name             string
		typ              uint32
		flags            uint64
		off, size        int
		link, info, ent  uint32
		alloc, addralign int
	}
	secs := []section{{}} // the null section
	secIndex := func(name string) uint32 {
		for i, s := range secs {
			if s.name == name {
				return uint32(i)
			}
		}
		return 0
	}
	secs = append(secs, section{name: ".dynstr", typ: uint32(elf.SHT_STRTAB), flags: 2, off: im.strtab, size: im.strsz})
	secs = append(secs, section{name: ".dynsym", typ: uint32(elf.SHT_DYNSYM), flags: 2, off: im.symtab, size: n * symEnt, link: 1, info: 1, ent: uint32(symEnt)})
	if spec.sysv {
		secs = append(secs, section{name: ".hash", typ: uint32(elf.SHT_HASH), flags: 2, off: im.hash, size: im.hashEnt * (2 + synthSysvBuckets + n), link: 2, ent: uint32(im.hashEnt)})
	}
	if spec.gnu {
		secs = append(secs, section{name: ".gnu.hash", typ: uint32(elf.SHT_GNU_HASH), flags: 2, off: im.gnuhash, size: im.gnuChains + 4*(n-1) - im.gnuhash, link: 2})
	}
	if nver > 0 {
		secs = append(secs, section{name: ".gnu.version", typ: uint32(elf.SHT_GNU_VERSYM), flags: 2, off: im.versym, size: 2 * n, link: 2, ent: 2})
		secs = append(secs, section{name: ".gnu.version_d", typ: uint32(elf.SHT_GNU_VERDEF), flags: 2, off: im.verdef, size: nver * 28, link: 1, info: uint32(nver)})
	}
	secs = append(secs, section{name: ".dynamic", typ: uint32(elf.SHT_DYNAMIC), flags: 3, off: im.dynamic, size: im.dynamicSz, link: 1, ent: uint32(dynEnt)})
	secs = append(secs, section{name: ".text", typ: uint32(elf.SHT_PROGBITS), flags: 6, off: im.text, size: 16 * len(im.syms)})
	secs = append(secs, section{name: ".shstrtab", typ: uint32(elf.SHT_STRTAB), off: shstrtab, size: len(shstr)})
	off += len(secs) * shent
	im.b = make([]byte, off)
	b := im.b
	va := func(o int) uint64 { return spec.vaddr + uint64(o) }

	// ELF header.
	copy(b, "\x7fELF")
	b[4], b[5], b[6] = elfClass32, elfData2LSB, 1
	if spec.class64 {
		b[4] = elfClass64
	}
	if spec.bigEndian {
		b[5] = elfData2MSB
	}
	im.put16(16, uint16(elf.ET_DYN))
	im.put16(18, spec.machine)
	im.put32(20, 1)
	shstrndx := uint16(secIndex(".shstrtab"))
	if spec.class64 {
		im.put64(32, uint64(im.phoff))
		im.put64(40, uint64(shoff))
		im.put16(52, uint16(ehsize))
		im.put16(54, uint16(phent))
		im.put16(56, 2)
		im.put16(58, uint16(shent))
		im.put16(60, uint16(len(secs)))
		im.put16(62, shstrndx)
	} else {
		im.put32(28, uint32(im.phoff))
		im.put32(32, uint32(shoff))
		im.put16(40, uint16(ehsize))
		im.put16(42, uint16(phent))
		im.put16(44, 2)
		im.put16(46, uint16(shent))
		im.put16(48, uint16(len(secs)))
		im.put16(50, shstrndx)
	}
	// Program headers: PT_LOAD over the whole file, PT_DYNAMIC.
	phdr := func(i int, typ uint32, o, size int, flags uint32) {
		p := im.phoff + i*phent
		im.put32(p, typ)
		if spec.class64 {
			im.put32(p+4, flags)
			im.put64(p+8, uint64(o))
			im.put64(p+16, va(o))
			im.put64(p+24, va(o))
			im.put64(p+32, uint64(size))
			im.put64(p+40, uint64(size))
			im.put64(p+48, 8)
		} else {
			im.put32(p+4, uint32(o))
			im.put32(p+8, uint32(va(o)))
			im.put32(p+12, uint32(va(o)))
			im.put32(p+16, uint32(size))
			im.put32(p+20, uint32(size))
			im.put32(p+24, flags)
			im.put32(p+28, 8)
		}
	}
	phdr(0, ptLoad, 0, len(b), 5)
	phdr(1, ptDynamic, im.dynamic, im.dynamicSz, 4)

	// Symbols.
	textIdx := uint16(secIndex(".text"))
	for i, s := range im.syms {
		p := im.symtab + (i+1)*symEnt
		info := s.info
		if info == 0 {
			info = stbGlobal<<4 | sttFunc
		}
		shndx := textIdx
		if s.undef {
			shndx = 0
		}
		value, size := va(im.text+16*i), uint64(16)
		im.put32(p, uint32(im.names[s.name]))
		if spec.class64 {
			b[p+4] = info
			im.put16(p+6, shndx)
			im.put64(p+8, value)
			im.put64(p+16, size)
		} else {
			im.put32(p+4, uint32(value))
			im.put32(p+8, uint32(size))
			b[p+12] = info
			im.put16(p+14, shndx)
		}
	}
	copy(b[im.strtab:], str.Bytes())

	// DT_HASH: buckets and chains, each new symbol at the head of its bucket's chain.
	if spec.sysv {
		hw := func(i int, v uint64) {
			if im.hashEnt == 8 {
				im.put64(im.hash+8*i, v)
			} else {
				im.put32(im.hash+4*i, uint32(v))
			}
		}
		hw(0, synthSysvBuckets)
		hw(1, uint64(n))
		bucket := make([]uint64, synthSysvBuckets)
		chain := make([]uint64, n)
		for i, s := range im.syms {
			bk := synthELFHash(s.name) % synthSysvBuckets
			chain[i+1] = bucket[bk]
			bucket[bk] = uint64(i + 1)
		}
		for i, v := range bucket {
			hw(2+i, v)
		}
		for i, v := range chain {
			hw(2+synthSysvBuckets+i, v)
		}
	}
	// DT_GNU_HASH: symoffset 1, one bloom word, buckets, chains ending each bucket's run
	// with the low bit set.
	if spec.gnu {
		bits := uint32(8 * w)
		im.put32(im.gnuhash, synthGNUBuckets)
		im.put32(im.gnuhash+4, 1)
		im.put32(im.gnuhash+8, 1)
		im.put32(im.gnuhash+12, synthBloomShift)
		var bloom uint64
		for i, s := range im.syms {
			h := synthGNUHash(s.name)
			bloom |= 1<<(h%bits) | 1<<((h>>synthBloomShift)%bits)
			bk := h % synthGNUBuckets
			if im.get32(im.gnuBuckets+4*int(bk)) == 0 {
				im.put32(im.gnuBuckets+4*int(bk), uint32(i+1))
			}
			last := i+1 == len(im.syms) || synthGNUHash(im.syms[i+1].name)%synthGNUBuckets != bk
			v := h &^ 1
			if last {
				v |= 1
			}
			im.put32(im.gnuChains+4*i, v)
		}
		im.putWord(im.gnuBloom, bloom)
	}
	// Versions: versym per symbol, and verdef entries (the base, then each version), each
	// with one verdaux naming it.
	if nver > 0 {
		for i, s := range im.syms {
			v := uint16(1)
			if s.version != "" {
				for k, name := range spec.versions {
					if name == s.version {
						v = uint16(2 + k)
					}
				}
			}
			if s.hidden {
				v |= 0x8000
			}
			im.put16(im.versym+2*(i+1), v)
		}
		for k := 0; k < nver; k++ {
			p := im.verdef + 28*k
			name, flags := synthSoname, uint16(0)
			if k == 0 {
				flags = verFlgBase
			} else {
				name = spec.versions[k-1]
			}
			im.put16(p, 1)
			im.put16(p+2, flags)
			im.put16(p+4, uint16(k+1))
			im.put16(p+6, 1)
			im.put32(p+8, synthELFHash(name))
			im.put32(p+12, 20)
			if k+1 < nver {
				im.put32(p+16, 28)
			}
			im.put32(p+20, uint32(im.names[name]))
		}
	}
	// The dynamic table.
	d := im.dynamic
	dyn := func(tag, val uint64) {
		im.putWord(d, tag)
		im.putWord(d+w, val)
		d += dynEnt
	}
	if spec.sysv {
		dyn(dtHash, va(im.hash))
	}
	if spec.gnu {
		dyn(dtGNUHash, va(im.gnuhash))
	}
	dyn(dtStrtab, va(im.strtab))
	dyn(dtSymtab, va(im.symtab))
	dyn(dtStrsz, uint64(im.strsz))
	dyn(dtSyment, uint64(symEnt))
	if nver > 0 {
		dyn(dtVersym, va(im.versym))
		dyn(dtVerdef, va(im.verdef))
		dyn(dtVerdefnum, uint64(nver))
	}
	dyn(dtNull, 0)
	for i := range im.syms {
		copy(b[im.text+16*i:], "\xc3 synthetic fn ")
	}
	// Section headers.
	copy(b[shstrtab:], shstr)
	for i, s := range secs {
		if i == 0 {
			continue
		}
		p := shoff + i*shent
		nameOff := uint32(strings.Index(shstr, "\x00"+s.name+"\x00") + 1)
		addr := uint64(0)
		if s.flags&2 != 0 {
			addr = va(s.off)
		}
		im.put32(p, nameOff)
		im.put32(p+4, s.typ)
		if spec.class64 {
			im.put64(p+8, s.flags)
			im.put64(p+16, addr)
			im.put64(p+24, uint64(s.off))
			im.put64(p+32, uint64(s.size))
			im.put32(p+40, s.link)
			im.put32(p+44, s.info)
			im.put64(p+48, 8)
			im.put64(p+56, uint64(s.ent))
		} else {
			im.put32(p+8, uint32(s.flags))
			im.put32(p+12, uint32(addr))
			im.put32(p+16, uint32(s.off))
			im.put32(p+20, uint32(s.size))
			im.put32(p+24, s.link)
			im.put32(p+28, s.info)
			im.put32(p+32, 8)
			im.put32(p+36, s.ent)
		}
	}
	return im
}

// setDyn changes the value of the dynamic entry tag (which must exist).
func (im *synthImage) setDyn(tag, val uint64) {
	w := im.word()
	for p := im.dynamic; p < im.dynamic+im.dynamicSz; p += 2 * w {
		var t uint64
		if w == 8 {
			t = im.bo.Uint64(im.b[p:])
		} else {
			t = uint64(im.bo.Uint32(im.b[p:]))
		}
		if t == tag {
			im.putWord(p+w, val)
			return
		}
	}
	panic(fmt.Sprintf("no dynamic tag %#x", tag))
}

// symIndex is the symbol-table index of name.
func (im *synthImage) symIndex(name string) int {
	for i, s := range im.syms {
		if s.name == name {
			return i + 1
		}
	}
	panic("no symbol " + name)
}

// The symbols of every image: functions with and without versions, and symbols the parser
// must leave out (an object, a local function, an undefined reference).
var synthFuncs = []synthSym{
	{name: "__vdso_clock_gettime", version: "LINUX_2.6"},
	{name: "__vdso_gettimeofday", version: "LINUX_2.6"},
	{name: "__vdso_time", version: "LINUX_2.6"},
	{name: "__vdso_getcpu", version: "LINUX_2.6"},
	{name: "__kernel_clock_getres", version: "LINUX_4.15"},
	{name: "__vdso_getrandom", version: "LINUX_4.15", hidden: true},
	{name: "__weak_fn", info: stbWeak<<4 | sttFunc},
	{name: "__notype_global", info: stbGlobal<<4 | sttNotype, version: "LINUX_2.6"},
	{name: "__vdso_data_object", info: stbGlobal<<4 | 1 /* STT_OBJECT */},
	{name: "__local_fn", info: 0<<4 | sttFunc},
	{name: "__undefined_ref", undef: true},
}

type synthVariant struct {
	name string
	spec synthSpec
}

// synthVariants are the well-formed images: each hash-table kind alone and both, for each
// class and byte order, with and without versions, linked at 0 (the kernel's) or elsewhere
// (qemu's), and s390x's 64-bit DT_HASH words.
func synthVariants() []synthVariant {
	var vs []synthVariant
	for _, class64 := range []bool{false, true} {
		for _, be := range []bool{false, true} {
			for _, tables := range []string{"hash", "gnu_hash", "both"} {
				for _, versioned := range []bool{false, true} {
					spec := synthSpec{
						class64: class64, bigEndian: be,
						sysv: tables != "gnu_hash", gnu: tables != "hash",
						machine: uint16(elf.EM_X86_64),
						syms:    synthFuncs,
					}
					name := fmt.Sprintf("ELF%d", 32<<b2i(class64))
					if be {
						name += "BE"
						spec.machine = uint16(elf.EM_PPC64)
					} else {
						name += "LE"
					}
					name += "/" + tables
					if versioned {
						spec.versions = []string{"LINUX_2.6", "LINUX_4.15"}
						name += "/versioned"
					} else {
						name += "/unversioned"
					}
					if !class64 {
						spec.machine = uint16(elf.EM_386)
						if be {
							spec.machine = uint16(elf.EM_MIPS)
						}
					}
					if class64 && be && versioned {
						spec.vaddr = 0x7fff0000 // linked away from 0, as qemu-user links its images
						name += "/at0x7fff0000"
					}
					vs = append(vs, synthVariant{name, spec})
				}
			}
		}
	}
	for _, tables := range []string{"hash", "both"} {
		vs = append(vs, synthVariant{"ELF64BE/s390x-8-byte-hash/" + tables, synthSpec{
			class64: true, bigEndian: true, machine: uint16(elf.EM_S390),
			sysv: true, gnu: tables == "both", versions: []string{"LINUX_2.6", "LINUX_4.15"}, syms: synthFuncs,
		}})
	}
	return vs
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

const synthBase = 0x10000000 // where the tests pretend the image is mapped

// TestSyntheticImages parses each well-formed image and checks every symbol the parser
// reports (name, version, value, offset, size, address), that it reports exactly the exported
// functions, that Lookup finds each through the image's hash table at that address and with
// its version only, and that debug/elf reads the same symbols from the section headers.
func TestSyntheticImages(t *testing.T) {
	for _, v := range synthVariants() {
		t.Run(v.name, func(t *testing.T) {
			im := v.spec.build()
			p, err := Parse(im.b, synthBase)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.Class != 32<<b2i(v.spec.class64) || p.BigEndian != v.spec.bigEndian || p.Machine != v.spec.machine || p.Size != len(im.b) {
				t.Errorf("Class %d BigEndian %v Machine %d Size %d; want %d %v %d %d",
					p.Class, p.BigEndian, p.Machine, p.Size, 32<<b2i(v.spec.class64), v.spec.bigEndian, v.spec.machine, len(im.b))
			}
			if gnu, sysv := p.HashTables(); gnu != v.spec.gnu || sysv != v.spec.sysv {
				t.Errorf("HashTables() = gnu %v, sysv %v; want %v, %v", gnu, sysv, v.spec.gnu, v.spec.sysv)
			}
			var want []Symbol
			for i, s := range im.syms {
				if !s.exported() {
					continue
				}
				ver := s.version
				if v.spec.versions == nil {
					ver = ""
				}
				off := uint64(im.text + 16*i)
				want = append(want, Symbol{Name: s.name, Version: ver, Value: v.spec.vaddr + off, Offset: off, Size: 16, Addr: synthBase + uintptr(off)})
			}
			got := p.Symbols()
			if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
				t.Fatalf("Symbols() =\n\t%v\nwant\n\t%v", got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("symbol %d = %+v, want %+v", i, got[i], want[i])
				}
			}
			for _, w := range want {
				if s, ok := p.Lookup(w.Name, w.Version); !ok || s != w {
					t.Errorf("Lookup(%q, %q) = %+v, %v; want %+v", w.Name, w.Version, s, ok, w)
				}
				if s, ok := p.Lookup(w.Name, ""); !ok || s != w {
					t.Errorf("Lookup(%q, any version) = %+v, %v", w.Name, s, ok)
				}
				if _, ok := p.Lookup(w.Name, "LINUX_9.9"); ok {
					t.Errorf("Lookup(%q, LINUX_9.9) found a version the image does not define", w.Name)
				}
				if w.Version != "" {
					other := "LINUX_2.6"
					if w.Version == other {
						other = "LINUX_4.15"
					}
					if _, ok := p.Lookup(w.Name, other); ok {
						t.Errorf("Lookup(%q, %q) found it; it is %s", w.Name, other, w.Version)
					}
				}
			}
			for _, s := range im.syms {
				if !s.exported() {
					if _, ok := p.Lookup(s.name, ""); ok {
						t.Errorf("Lookup(%q) found a symbol that is not an exported function", s.name)
					}
				}
			}
			if _, ok := p.Lookup("__vdso_nonexistent", ""); ok {
				t.Error("Lookup found a name the image does not have")
			}
			synthDebugELF(t, im, want)
		})
	}
}

// synthDebugELF checks the builder: debug/elf must read the same functions, values and
// versions from the section headers.
func synthDebugELF(t *testing.T, im *synthImage, want []Symbol) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(im.b))
	if err != nil {
		t.Fatalf("debug/elf: %v", err)
	}
	dsyms, err := f.DynamicSymbols()
	if err != nil {
		t.Fatalf("debug/elf DynamicSymbols: %v", err)
	}
	var got []string
	for _, d := range dsyms {
		typ, bind := elf.ST_TYPE(d.Info), elf.ST_BIND(d.Info)
		if d.Section == elf.SHN_UNDEF || (typ != elf.STT_FUNC && typ != elf.STT_NOTYPE) || (bind != elf.STB_GLOBAL && bind != elf.STB_WEAK) {
			continue
		}
		got = append(got, fmt.Sprintf("%s@%s %#x", d.Name, d.Version, d.Value))
	}
	var exp []string
	for _, w := range want {
		exp = append(exp, fmt.Sprintf("%s@%s %#x", w.Name, w.Version, w.Value))
	}
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("debug/elf reads the synthetic image as\n\t%v\nthe builder meant\n\t%v", got, exp)
	}
}

// synthCorruption is a broken copy of a well-formed image and the error Parse must give.
type synthCorruption struct {
	name    string
	base    synthSpec
	corrupt func(im *synthImage)
	want    string // a substring of the error
	// orGenuine also accepts a successful parse that reports exactly the image's real
	// functions (for damage the parser cannot always see: a GNU chain without its end
	// marker is read on into the following bytes, which may happen to end it).
	orGenuine bool
}

func synthSpecOf(class64, be, sysv, gnu, versioned bool) synthSpec {
	s := synthSpec{class64: class64, bigEndian: be, sysv: sysv, gnu: gnu, machine: uint16(elf.EM_X86_64), syms: synthFuncs}
	if versioned {
		s.versions = []string{"LINUX_2.6", "LINUX_4.15"}
	}
	return s
}

func synthCorruptions() []synthCorruption {
	var cs []synthCorruption
	for _, class64 := range []bool{false, true} {
		for _, be := range []bool{false, true} {
			tag := fmt.Sprintf("ELF%d%s", 32<<b2i(class64), map[bool]string{false: "LE", true: "BE"}[be])
			both := synthSpecOf(class64, be, true, true, true)
			sysv := synthSpecOf(class64, be, true, false, true)
			gnu := synthSpecOf(class64, be, false, true, true)
			add := func(name string, spec synthSpec, want string, f func(im *synthImage)) {
				cs = append(cs, synthCorruption{name: tag + "/" + name, base: spec, corrupt: f, want: want})
			}
			// Versions.
			add("verdef-version-2", both, "version 2", func(im *synthImage) { im.put16(im.verdef+28, 2) })
			add("verdef-base-version-0", both, "version 0", func(im *synthImage) { im.put16(im.verdef, 0) })
			add("verdef-hash-wrong", both, "does not match", func(im *synthImage) { im.put32(im.verdef+28+8, synthELFHash("LINUX_2.6")^1) })
			add("verdef-count-short", both, "has no definition", func(im *synthImage) { im.setDyn(dtVerdefnum, 2) })
			add("verdef-no-verdaux", both, "has no definition", func(im *synthImage) { im.put16(im.verdef+2*28+6, 0) })
			add("verdef-next-past-end", both, "out of the image", func(im *synthImage) { im.put32(im.verdef+16, uint32(len(im.b))) })
			add("verdaux-name-past-strtab", both, "version name out of the string table", func(im *synthImage) {
				im.put32(im.verdef+28+20, uint32(im.strsz+100))
			})
			add("versym-index-undefined", both, "has no definition", func(im *synthImage) {
				im.put16(im.versym+2*im.symIndex("__vdso_time"), 7)
			})
			// DT_HASH chains.
			add("hash-bucket-emptied", sysv, "DT_HASH does not find", func(im *synthImage) {
				h := synthELFHash("__vdso_getcpu") % synthSysvBuckets
				im.hwPut(2+int(h), 0)
			})
			add("hash-chain-cut", sysv, "DT_HASH does not find", func(im *synthImage) {
				for i := 0; i < len(im.syms)+1; i++ {
					im.hwPut(2+synthSysvBuckets+i, 0)
				}
			})
			add("hash-chain-loop", sysv, "DT_HASH does not find", func(im *synthImage) {
				for i := 1; i < len(im.syms)+1; i++ {
					im.hwPut(2+synthSysvBuckets+i, uint64(i))
				}
			})
			add("hash-broken-beside-good-gnu_hash", both, "DT_HASH does not find", func(im *synthImage) {
				for b := 0; b < synthSysvBuckets; b++ {
					im.hwPut(2+b, 0)
				}
			})
			add("hash-nchain-huge", sysv, "DT_HASH", func(im *synthImage) { im.hwPut(1, 1<<30) })
			add("hash-nbucket-huge", sysv, "DT_HASH out of the image", func(im *synthImage) { im.hwPut(0, 1<<20) })
			// DT_GNU_HASH.
			add("gnu_hash-bucket-emptied", gnu, "DT_GNU_HASH does not find", func(im *synthImage) {
				h := synthGNUHash("__vdso_clock_gettime") % synthGNUBuckets
				im.put32(im.gnuBuckets+4*int(h), 0)
			})
			add("gnu_hash-chain-value-wrong", gnu, "DT_GNU_HASH does not find", func(im *synthImage) {
				i := im.symIndex("__vdso_gettimeofday") - 1
				im.put32(im.gnuChains+4*i, im.get32(im.gnuChains+4*i)^0x100)
			})
			add("gnu_hash-bloom-zero", gnu, "DT_GNU_HASH does not find", func(im *synthImage) { im.putWord(im.gnuBloom, 0) })
			add("gnu_hash-broken-beside-good-hash", both, "DT_GNU_HASH does not find", func(im *synthImage) { im.putWord(im.gnuBloom, 0) })
			add("gnu_hash-chain-no-end", gnu, "DT_GNU_HASH chain", func(im *synthImage) {
				for i := 0; i < len(im.syms); i++ {
					im.put32(im.gnuChains+4*i, im.get32(im.gnuChains+4*i)&^1)
				}
			})
			cs[len(cs)-1].orGenuine = true
			add("gnu_hash-bloom-size-3", gnu, "bloom size 3", func(im *synthImage) { im.put32(im.gnuhash+8, 3) })
			add("gnu_hash-bucket-below-symoffset", gnu, "below symoffset", func(im *synthImage) {
				im.put32(im.gnuhash+4, 5)
				for b := 0; b < synthGNUBuckets; b++ {
					if im.get32(im.gnuBuckets+4*b) >= 5 {
						im.put32(im.gnuBuckets+4*b, 2)
					}
				}
			})
			// Sizes and addresses.
			symEnt := 16
			if class64 {
				symEnt = 24
			}
			add("syment-wrong", both, fmt.Sprintf("DT_SYMENT %d", symEnt+4), func(im *synthImage) { im.setDyn(dtSyment, uint64(symEnt+4)) })
			add("strtab-outside", both, "outside the image", func(im *synthImage) { im.setDyn(dtStrtab, uint64(len(im.b))+0x1000) })
			add("symtab-outside", both, "outside the image", func(im *synthImage) { im.setDyn(dtSymtab, 1<<30) })
			add("symtab-past-end", sysv, "symbol table of", func(im *synthImage) { im.setDyn(dtSymtab, uint64(len(im.b)-symEnt)) })
			add("versym-past-end", both, "DT_VERSYM out of the image", func(im *synthImage) { im.setDyn(dtVersym, uint64(len(im.b)-2)) })
			add("name-past-strtab", both, "name out of the string table", func(im *synthImage) {
				im.put32(im.symtab+im.symIndex("__vdso_time")*symEnt, uint32(im.strsz+8))
			})
			add("value-outside", both, "outside the image", func(im *synthImage) {
				p := im.symtab + im.symIndex("__vdso_getcpu")*symEnt
				if class64 {
					im.put64(p+8, 1<<40)
				} else {
					im.put32(p+4, 0xfff00000)
				}
			})
			add("load-past-end", both, "PT_LOAD", func(im *synthImage) {
				if class64 {
					im.put64(im.phoff+32, uint64(len(im.b)+1))
				} else {
					im.put32(im.phoff+16, uint32(len(im.b)+1))
				}
			})
			add("phdrs-past-end", both, "program headers out of the image", func(im *synthImage) {
				if class64 {
					im.put64(32, uint64(len(im.b)-8))
				} else {
					im.put32(28, uint32(len(im.b)-8))
				}
			})
			add("no-hash-table", sysv, "neither DT_HASH nor DT_GNU_HASH", func(im *synthImage) { im.rename(dtHash, 0x7000_0001) })
			add("no-symtab", both, "no DT_STRTAB or DT_SYMTAB", func(im *synthImage) { im.rename(dtSymtab, 0x7000_0001) })
			add("no-dynamic", both, "no PT_LOAD or no PT_DYNAMIC", func(im *synthImage) { im.put32(im.phoff+im.phent(), 0x7000_0001) })
			add("truncated", both, "", func(im *synthImage) { im.b = im.b[:im.dynamic] })
		}
	}
	return cs
}

func (im *synthImage) phent() int {
	if im.spec.class64 {
		return 56
	}
	return 32
}

func (im *synthImage) parsed(t *testing.T) *Image {
	p, err := Parse(im.b, synthBase)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// hwPut writes word i of DT_HASH.
func (im *synthImage) hwPut(i int, v uint64) {
	if im.hashEnt == 8 {
		im.put64(im.hash+8*i, v)
	} else {
		im.put32(im.hash+4*i, uint32(v))
	}
}

// rename changes a dynamic entry's tag to one the parser ignores.
func (im *synthImage) rename(tag, to uint64) {
	w := im.word()
	for p := im.dynamic; p < im.dynamic+im.dynamicSz; p += 2 * w {
		var t uint64
		if w == 8 {
			t = im.bo.Uint64(im.b[p:])
		} else {
			t = uint64(im.bo.Uint32(im.b[p:]))
		}
		if t == tag {
			im.putWord(p, to)
			return
		}
	}
	panic(fmt.Sprintf("no dynamic tag %#x", tag))
}

// TestSyntheticCorrupt parses each corrupt image: Parse must fail with an error that wraps
// ErrFormat and says what is wrong; the same image before the corruption parses.
func TestSyntheticCorrupt(t *testing.T) {
	for _, c := range synthCorruptions() {
		t.Run(c.name, func(t *testing.T) {
			im := c.base.build()
			if _, err := Parse(im.b, synthBase); err != nil {
				t.Fatalf("the image before the corruption does not parse: %v", err)
			}
			genuine := fmt.Sprint(c.base.build().parsed(t).Symbols())
			c.corrupt(im)
			p, err := Parse(im.b, synthBase)
			if err == nil && c.orGenuine && fmt.Sprint(p.Symbols()) == genuine {
				t.Logf("accepted with exactly the real functions: %v", p.Symbols())
				return
			}
			if err == nil {
				t.Fatalf("Parse accepted it (%d symbols: %v); want an error containing %q", len(p.Symbols()), p.Symbols(), c.want)
			}
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Parse: %v; want an ErrFormat error containing %q", err, c.want)
			}
		})
	}
}

func init() { fuzzSeeds = append(fuzzSeeds, synthSeeds) }

// synthSeeds are every synthetic image, well-formed and corrupt, for the fuzz target.
func synthSeeds() [][]byte {
	var seeds [][]byte
	for _, v := range synthVariants() {
		seeds = append(seeds, v.spec.build().b)
	}
	for _, c := range synthCorruptions() {
		im := c.base.build()
		c.corrupt(im)
		seeds = append(seeds, im.b)
	}
	return seeds
}
