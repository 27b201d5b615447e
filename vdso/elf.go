package vdso

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ELF constants (include/uapi/linux/elf.h).
const (
	elfClass32  = 1
	elfClass64  = 2
	elfData2LSB = 1
	elfData2MSB = 2

	ptLoad    = 1
	ptDynamic = 2

	dtNull      = 0
	dtHash      = 4
	dtStrtab    = 5
	dtSymtab    = 6
	dtStrsz     = 10
	dtSyment    = 11
	dtGNUHash   = 0x6ffffef5
	dtVersym    = 0x6ffffff0
	dtVerdef    = 0x6ffffffc
	dtVerdefnum = 0x6ffffffd

	sttNotype = 0
	sttFunc   = 2
	stbGlobal = 1
	stbWeak   = 2
	shnUndef  = 0

	verFlgBase = 1

	emS390  = 22
	emAlpha = 0x9026

	// maxSymbols bounds the symbol table walk; a real vDSO has a few dozen.
	maxSymbols = 1 << 16
)

// Symbol is one function the vDSO exports.
type Symbol struct {
	Name    string  // e.g. "__vdso_clock_gettime"
	Version string  // e.g. "LINUX_2.6"; "" when the image has no version information
	Value   uint64  // st_value: the symbol's virtual address inside the image
	Offset  uint64  // the symbol's byte offset from the start of the image
	Size    uint64  // st_size: the function's length in bytes (0 when the image does not say)
	Addr    uintptr // its address in this process (0 for an image parsed from bytes)
}

func (s Symbol) String() string {
	v := s.Version
	if v == "" {
		v = "(unversioned)"
	}
	return fmt.Sprintf("%s@%s %#x", s.Name, v, s.Addr)
}

// Image is a parsed vDSO image: an ELF shared object as the kernel maps it.
type Image struct {
	Class     int // 32 or 64
	BigEndian bool
	Machine   uint16 // e_machine
	Size      int    // bytes of the image covered by its PT_LOAD segments
	// FirstLoadStart and FirstLoadEnd are the offsets from the image's start (signed: the
	// range may lie before the header) of what the Go runtime (go1.26, runtime/vdso_linux.go)
	// treats as "inside the vDSO" when a signal arrives: p_memsz bytes of the first PT_LOAD
	// from vaddr 0, mapped with that segment's bias.
	FirstLoadStart, FirstLoadEnd int64

	base      uintptr
	syms      []Symbol
	byName    map[string][]int // name -> indexes into syms
	hasGNU    bool
	hasSysV   bool
	img       []byte
	bo        binary.ByteOrder
	loadBias  uint64 // file offset = vaddr - loadBias ... see off()
	strtab    uint64 // file offsets
	strsz     uint64
	symtab    uint64
	symsz     uint64 // entry size
	versym    uint64
	verdef    uint64
	nsyms     uint64
	gnuHash   uint64
	sysvHash  uint64
	hashEnt   uint64 // bytes per DT_HASH entry: 4, or 8 on 64-bit s390 and alpha
	hasVersym bool
	hasVerdef bool
	hashNames bool
}

// ErrFormat is wrapped by every error Parse returns for a malformed image.
var ErrFormat = errors.New("vdso: malformed ELF image")

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, args...))
}

// reader reads fixed-size integers from img with bounds checks.
type reader struct {
	b  []byte
	bo binary.ByteOrder
}

func (r reader) ok(off, n uint64) bool {
	return off <= uint64(len(r.b)) && n <= uint64(len(r.b))-off
}

func (r reader) u8(off uint64) (uint8, bool) {
	if !r.ok(off, 1) {
		return 0, false
	}
	return r.b[off], true
}

func (r reader) u16(off uint64) (uint16, bool) {
	if !r.ok(off, 2) {
		return 0, false
	}
	return r.bo.Uint16(r.b[off:]), true
}

func (r reader) u32(off uint64) (uint32, bool) {
	if !r.ok(off, 4) {
		return 0, false
	}
	return r.bo.Uint32(r.b[off:]), true
}

func (r reader) u64(off uint64) (uint64, bool) {
	if !r.ok(off, 8) {
		return 0, false
	}
	return r.bo.Uint64(r.b[off:]), true
}

// word reads an address-sized field (4 or 8 bytes).
func (r reader) word(off uint64, is64 bool) (uint64, bool) {
	if is64 {
		return r.u64(off)
	}
	v, ok := r.u32(off)
	return uint64(v), ok
}

// cstr reads the NUL-terminated string at off, within [lo, hi) of the image.
func (r reader) cstr(off, lo, hi uint64) (string, bool) {
	if hi > uint64(len(r.b)) {
		hi = uint64(len(r.b))
	}
	if off < lo || off >= hi {
		return "", false
	}
	for i := off; i < hi; i++ {
		if r.b[i] == 0 {
			return string(r.b[off:i]), true
		}
	}
	return "", false
}

// Parse parses a vDSO image held in img (a copy of the mapped bytes starting at the ELF
// header). base is the image's address in this process, used only to fill Symbol.Addr
// (pass 0 for an image that is not mapped). Every offset is checked against len(img): a
// malformed image yields an error wrapping ErrFormat, never a panic.
func Parse(img []byte, base uintptr) (*Image, error) {
	if len(img) < 16 || string(img[:4]) != "\x7fELF" {
		return nil, bad("no ELF magic")
	}
	im := &Image{base: base, img: img}
	var is64 bool
	switch img[4] {
	case elfClass32:
		im.Class = 32
	case elfClass64:
		im.Class, is64 = 64, true
	default:
		return nil, bad("ELF class %d", img[4])
	}
	switch img[5] {
	case elfData2LSB:
		im.bo = binary.LittleEndian
	case elfData2MSB:
		im.bo, im.BigEndian = binary.BigEndian, true
	default:
		return nil, bad("ELF data encoding %d", img[5])
	}
	r := reader{img, im.bo}
	var phoff uint64
	var phentsize, phnum uint16
	var ok1, ok2, ok3, ok4 bool
	im.Machine, ok1 = r.u16(18)
	if is64 {
		phoff, ok2 = r.u64(32)
		phentsize, ok3 = r.u16(54)
		phnum, ok4 = r.u16(56)
	} else {
		var p uint32
		p, ok2 = r.u32(28)
		phoff = uint64(p)
		phentsize, ok3 = r.u16(42)
		phnum, ok4 = r.u16(44)
	}
	if !(ok1 && ok2 && ok3 && ok4) {
		return nil, bad("short ELF header")
	}
	minPh := uint16(32)
	if is64 {
		minPh = 56
	}
	if phnum == 0 || phentsize < minPh {
		return nil, bad("program headers: %d of size %d", phnum, phentsize)
	}
	if !r.ok(phoff, uint64(phnum)*uint64(phentsize)) {
		return nil, bad("program headers out of the image")
	}

	// The first PT_LOAD gives the load bias (vaddr -> offset), PT_DYNAMIC the dynamic table.
	var (
		haveLoad, haveDyn  bool
		loadOff, loadVaddr uint64
		dynOff, dynSize    uint64
		size               uint64
	)
	for i := uint64(0); i < uint64(phnum); i++ {
		ph := phoff + i*uint64(phentsize)
		typ, _ := r.u32(ph)
		var off, vaddr, filesz, memsz uint64
		if is64 {
			off, _ = r.u64(ph + 8)
			vaddr, _ = r.u64(ph + 16)
			filesz, _ = r.u64(ph + 32)
			memsz, _ = r.u64(ph + 40)
		} else {
			o, _ := r.u32(ph + 4)
			v, _ := r.u32(ph + 8)
			f, _ := r.u32(ph + 16)
			m, _ := r.u32(ph + 20)
			off, vaddr, filesz, memsz = uint64(o), uint64(v), uint64(f), uint64(m)
		}
		switch typ {
		case ptLoad:
			if !r.ok(off, filesz) {
				return nil, bad("PT_LOAD [%#x,+%#x) out of the image", off, filesz)
			}
			if !haveLoad {
				haveLoad, loadOff, loadVaddr = true, off, vaddr
				if memsz > maxImage {
					return nil, bad("first PT_LOAD of %#x bytes", memsz)
				}
				// An image linked at a nonzero address (qemu-user's are) puts this range
				// below the image, where no function lies.
				im.FirstLoadStart = int64(off - vaddr)
				im.FirstLoadEnd = im.FirstLoadStart + int64(memsz)
			}
			if end := off + filesz; end > size {
				size = end
			}
		case ptDynamic:
			if !r.ok(off, filesz) {
				return nil, bad("PT_DYNAMIC out of the image")
			}
			haveDyn, dynOff, dynSize = true, off, filesz
		}
	}
	if !haveLoad || !haveDyn {
		return nil, bad("no PT_LOAD or no PT_DYNAMIC")
	}
	im.Size = int(size)
	// off converts a virtual address to an offset in img.
	off := func(vaddr uint64) (uint64, bool) {
		if vaddr < loadVaddr {
			return 0, false
		}
		o := vaddr - loadVaddr + loadOff
		if o < loadOff || o >= uint64(len(img)) {
			return 0, false
		}
		return o, true
	}

	dynEnt := uint64(8)
	if is64 {
		dynEnt = 16
	}
	var haveStr, haveSym bool
	syment := uint64(16)
	if is64 {
		syment = 24
	}
	im.symsz = syment
	var verdefnum uint64
	for p := dynOff; p+dynEnt <= dynOff+dynSize; p += dynEnt {
		tag, _ := r.word(p, is64)
		val, _ := r.word(p+dynEnt/2, is64)
		if tag == dtNull {
			break
		}
		var o uint64
		var ok bool
		switch tag {
		case dtStrtab, dtSymtab, dtHash, dtGNUHash, dtVersym, dtVerdef:
			if o, ok = off(val); !ok {
				return nil, bad("dynamic tag %#x: address %#x outside the image", tag, val)
			}
		}
		switch tag {
		case dtStrtab:
			im.strtab, haveStr = o, true
		case dtSymtab:
			im.symtab, haveSym = o, true
		case dtHash:
			im.sysvHash, im.hasSysV = o, true
		case dtGNUHash:
			im.gnuHash, im.hasGNU = o, true
		case dtVersym:
			im.versym, im.hasVersym = o, true
		case dtVerdef:
			im.verdef, im.hasVerdef = o, true
		case dtStrsz:
			im.strsz = val
		case dtSyment:
			if val != syment {
				return nil, bad("DT_SYMENT %d, want %d", val, syment)
			}
		case dtVerdefnum:
			verdefnum = val
		}
	}
	if !haveStr || !haveSym {
		return nil, bad("no DT_STRTAB or DT_SYMTAB")
	}
	im.hashEnt = 4
	if is64 && (im.Machine == emS390 || im.Machine == emAlpha) {
		im.hashEnt = 8 // the psABIs of these two make DT_HASH words 64-bit
	}
	if !im.hasSysV && !im.hasGNU {
		return nil, bad("neither DT_HASH nor DT_GNU_HASH")
	}
	if im.strsz == 0 || !r.ok(im.strtab, im.strsz) {
		im.strsz = uint64(len(img)) - im.strtab
	}

	// The number of symbols: DT_HASH's nchain, or the end of DT_GNU_HASH's last chain.
	n, err := im.countSymbols(r)
	if err != nil {
		return nil, err
	}
	if !r.ok(im.symtab, n*syment) {
		return nil, bad("symbol table of %d entries out of the image", n)
	}
	if im.hasVersym && !r.ok(im.versym, 2*n) {
		return nil, bad("DT_VERSYM out of the image")
	}
	im.nsyms = n
	versions, err := im.versionNames(r, verdefnum)
	if err != nil {
		return nil, err
	}

	im.byName = map[string][]int{}
	for i := uint64(1); i < n; i++ {
		s := im.symtab + i*syment
		var name32 uint32
		var info uint8
		var shndx uint16
		var value, size uint64
		name32, _ = r.u32(s)
		if is64 {
			info, _ = r.u8(s + 4)
			shndx, _ = r.u16(s + 6)
			value, _ = r.u64(s + 8)
			size, _ = r.u64(s + 16)
		} else {
			var v, z uint32
			v, _ = r.u32(s + 4)
			z, _ = r.u32(s + 8)
			value, size = uint64(v), uint64(z)
			info, _ = r.u8(s + 12)
			shndx, _ = r.u16(s + 14)
		}
		typ, bind := info&0xf, info>>4
		if (typ != sttFunc && typ != sttNotype) || (bind != stbGlobal && bind != stbWeak) || shndx == shnUndef {
			continue
		}
		name, ok := r.cstr(im.strtab+uint64(name32), im.strtab, im.strtab+im.strsz)
		if !ok || name == "" {
			return nil, bad("symbol %d: name out of the string table", i)
		}
		o, ok := off(value)
		if !ok {
			return nil, bad("symbol %s: address %#x outside the image", name, value)
		}
		ver := ""
		if im.hasVersym {
			vs, _ := r.u16(im.versym + 2*i)
			vs &= 0x7fff
			if vs >= 2 { // 0: local, 1: global unversioned
				v, ok := versions[vs]
				if !ok {
					return nil, bad("symbol %s: version index %d has no definition", name, vs)
				}
				ver = v
			}
		}
		sym := Symbol{Name: name, Version: ver, Value: value, Offset: o, Size: size}
		if base != 0 {
			sym.Addr = base + uintptr(o)
		}
		im.byName[name] = append(im.byName[name], len(im.syms))
		im.syms = append(im.syms, sym)
	}
	if err := im.checkHashes(r); err != nil {
		return nil, err
	}
	return im, nil
}

// countSymbols returns the number of entries of the dynamic symbol table.
func (im *Image) countSymbols(r reader) (uint64, error) {
	maxByImage := uint64(len(im.img)) / im.symsz
	if im.hasSysV {
		nbucket, ok := im.hword(r, 0)
		nchain, ok2 := im.hword(r, 1)
		if !ok || !ok2 || nbucket > maxSymbols || !r.ok(im.sysvHash+2*im.hashEnt, im.hashEnt*(nbucket+nchain)) {
			return 0, bad("DT_HASH out of the image")
		}
		if nchain > maxByImage || nchain > maxSymbols {
			return 0, bad("DT_HASH: %d symbols", nchain)
		}
		return nchain, nil
	}
	g, err := im.gnuTable(r)
	if err != nil {
		return 0, err
	}
	// The highest bucket start, then walk its chain to the end marker.
	var last uint64
	for b := uint64(0); b < g.nbuckets; b++ {
		v, _ := r.u32(g.buckets + 4*b)
		if uint64(v) > last {
			last = uint64(v)
		}
	}
	if last == 0 {
		return uint64(g.symoffset), nil
	}
	if last < g.symoffset {
		return 0, bad("DT_GNU_HASH bucket %d below symoffset %d", last, g.symoffset)
	}
	for i := last; ; i++ {
		if i > maxByImage || i > maxSymbols {
			return 0, bad("DT_GNU_HASH chain does not end")
		}
		h, ok := r.u32(g.chains + 4*(i-g.symoffset))
		if !ok {
			return 0, bad("DT_GNU_HASH chain out of the image")
		}
		if h&1 != 0 {
			return i + 1, nil
		}
	}
}

type gnuTable struct {
	nbuckets, symoffset, bloomSize, bloomShift uint64
	bloom, buckets, chains                     uint64
}

func (im *Image) gnuTable(r reader) (gnuTable, error) {
	h := im.gnuHash
	nb, ok1 := r.u32(h)
	so, ok2 := r.u32(h + 4)
	bs, ok3 := r.u32(h + 8)
	sh, ok4 := r.u32(h + 12)
	if !(ok1 && ok2 && ok3 && ok4) {
		return gnuTable{}, bad("DT_GNU_HASH header out of the image")
	}
	word := uint64(im.Class / 8)
	g := gnuTable{nbuckets: uint64(nb), symoffset: uint64(so), bloomSize: uint64(bs), bloomShift: uint64(sh)}
	g.bloom = h + 16
	g.buckets = g.bloom + word*g.bloomSize
	g.chains = g.buckets + 4*g.nbuckets
	if nb == 0 || bs == 0 || bs&(bs-1) != 0 || !r.ok(g.bloom, word*g.bloomSize+4*g.nbuckets) {
		return gnuTable{}, bad("DT_GNU_HASH: %d buckets, bloom size %d", nb, bs)
	}
	return g, nil
}

// versionNames maps version indexes to names from DT_VERDEF.
func (im *Image) versionNames(r reader, verdefnum uint64) (map[uint16]string, error) {
	names := map[uint16]string{}
	if !im.hasVerdef {
		return names, nil
	}
	p := im.verdef
	for count := 0; ; count++ {
		if count > 1024 || (verdefnum != 0 && uint64(count) >= verdefnum) {
			break
		}
		version, ok1 := r.u16(p)
		flags, ok2 := r.u16(p + 2)
		ndx, ok3 := r.u16(p + 4)
		cnt, ok4 := r.u16(p + 6)
		hash, ok5 := r.u32(p + 8)
		aux, ok6 := r.u32(p + 12)
		next, ok7 := r.u32(p + 16)
		if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || version != 1 {
			return nil, bad("verdef entry %d out of the image or version %d", count, version)
		}
		if cnt > 0 {
			name32, ok := r.u32(p + uint64(aux))
			if !ok {
				return nil, bad("verdaux out of the image")
			}
			name, ok := r.cstr(im.strtab+uint64(name32), im.strtab, im.strtab+im.strsz)
			if !ok {
				return nil, bad("version name out of the string table")
			}
			if elfHash(name) != hash {
				return nil, bad("version %q: hash %#x does not match", name, hash)
			}
			if flags&verFlgBase == 0 {
				names[ndx&0x7fff] = name
			}
		}
		if next == 0 {
			break
		}
		p += uint64(next)
	}
	return names, nil
}

// checkHashes verifies that the hash tables find every exported symbol: a lookup through
// them must agree with the linear scan (both tables when the image has both).
func (im *Image) checkHashes(r reader) error {
	for _, s := range im.syms {
		if im.hasGNU {
			if !im.gnuFind(r, s.Name) {
				return bad("DT_GNU_HASH does not find %s", s.Name)
			}
		}
		if im.hasSysV {
			if !im.sysvFind(r, s.Name) {
				return bad("DT_HASH does not find %s", s.Name)
			}
		}
	}
	return nil
}

func (im *Image) symName(r reader, i uint64) (string, bool) {
	if i >= im.nsyms {
		return "", false
	}
	n, ok := r.u32(im.symtab + i*im.symsz)
	if !ok {
		return "", false
	}
	return r.cstr(im.strtab+uint64(n), im.strtab, im.strtab+im.strsz)
}

// hword reads word i of the DT_HASH table.
func (im *Image) hword(r reader, i uint64) (uint64, bool) {
	if im.hashEnt == 8 {
		return r.u64(im.sysvHash + 8*i)
	}
	v, ok := r.u32(im.sysvHash + 4*i)
	return uint64(v), ok
}

func (im *Image) sysvFind(r reader, name string) bool {
	nbucket, _ := im.hword(r, 0)
	if nbucket == 0 {
		return false
	}
	nchain, _ := im.hword(r, 1)
	h := uint64(elfHash(name))
	i, _ := im.hword(r, 2+h%nbucket)
	for steps := uint64(0); i != 0 && steps <= nchain; steps++ {
		if n, ok := im.symName(r, i); ok && n == name {
			return true
		}
		if i >= nchain {
			return false
		}
		i, _ = im.hword(r, 2+nbucket+i)
	}
	return false
}

func (im *Image) gnuFind(r reader, name string) bool {
	g, err := im.gnuTable(r)
	if err != nil {
		return false
	}
	h := gnuHash(name)
	bits := uint64(im.Class)
	w, _ := r.word(g.bloom+uint64(im.Class/8)*((uint64(h)/bits)%g.bloomSize), im.Class == 64)
	mask := uint64(1)<<(uint64(h)%bits) | uint64(1)<<((uint64(h)>>g.bloomShift)%bits)
	if w&mask != mask {
		return false
	}
	i32, _ := r.u32(g.buckets + 4*(uint64(h)%g.nbuckets))
	i := uint64(i32)
	if i == 0 || i < g.symoffset {
		return false
	}
	for ; i < im.nsyms; i++ {
		ch, ok := r.u32(g.chains + 4*(i-g.symoffset))
		if !ok {
			return false
		}
		if ch|1 == h|1 {
			if n, ok := im.symName(r, i); ok && n == name {
				return true
			}
		}
		if ch&1 != 0 {
			return false
		}
	}
	return false
}

// elfHash is the System V ABI's symbol hash (DT_HASH, vd_hash).
func elfHash(name string) uint32 {
	var h uint32
	for i := 0; i < len(name); i++ {
		h = h<<4 + uint32(name[i])
		g := h & 0xf0000000
		if g != 0 {
			h ^= g >> 24
		}
		h &^= g
	}
	return h
}

// gnuHash is the GNU hash (DT_GNU_HASH): djb2.
func gnuHash(name string) uint32 {
	h := uint32(5381)
	for i := 0; i < len(name); i++ {
		h = h*33 + uint32(name[i])
	}
	return h
}

// Symbols returns the image's exported function symbols in symbol-table order.
func (im *Image) Symbols() []Symbol {
	return append([]Symbol(nil), im.syms...)
}

// Lookup finds name with version (version "" matches a symbol of any version). It returns
// the symbol and whether it was found. It looks the name up through the image's hash table
// (DT_GNU_HASH, else DT_HASH), then checks the version.
func (im *Image) Lookup(name, version string) (Symbol, bool) {
	r := reader{im.img, im.bo}
	found := false
	if im.hasGNU {
		found = im.gnuFind(r, name)
	} else {
		found = im.sysvFind(r, name)
	}
	if !found {
		return Symbol{}, false
	}
	for _, i := range im.byName[name] {
		s := im.syms[i]
		if version == "" || s.Version == version {
			return s, true
		}
	}
	return Symbol{}, false
}

// HashTables reports which hash tables the image has.
func (im *Image) HashTables() (gnu, sysv bool) { return im.hasGNU, im.hasSysV }

// InFirstLoad reports whether all of s's code, [s.Offset, s.Offset+s.Size), lies in the range
// the Go runtime treats as the vDSO (FirstLoadStart, FirstLoadEnd): a signal that lands there
// is handled as one inside the vDSO.
func (im *Image) InFirstLoad(s Symbol) bool {
	o := int64(s.Offset)
	return s.Offset <= maxImage && s.Size <= maxImage && im.FirstLoadStart <= o && o+int64(max(s.Size, 1)) <= im.FirstLoadEnd
}
