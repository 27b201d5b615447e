package main

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
)

// A record is one C struct or union as the AST and the layout dump describe it.
type record struct {
	key    string // the type's spelling: "struct stat", "union bpf_attr::(anonymous at ...)"
	cpath  string // a C expression for an object of this type: "(*(struct stat *)0)", "(*(union bpf_attr *)0).test"
	cname  string // the tag ("" when anonymous)
	union  bool
	packed bool
	size   int64 // bytes
	align  int64
	fields []*cfield
}

type cfield struct {
	name  string
	ctype string // C type (typedefs resolved at use)
	bits  int    // bit-field width, -1 if not a bit-field
	off   int64  // bits from the record's start
	sub   *record
	anon  bool // an anonymous struct/union member
}

// world is what one arch's headers declare.
type world struct {
	a        arches.Arch
	records  map[string]*record // "struct X", "union X", typedef names of anonymous records
	typedefs map[string]string
	lays     map[string]layout
	enums    map[string]string // enum constant -> enum name
	enumGo   map[string]cType  // "enum X" -> its integer type on this arch (enumTypes)
	syscalls map[string]bool

	// output
	goName   map[*record]string
	goAlign  map[string]int64 // Go type -> alignment under gc for this arch
	emitted  []*goType
	byName   map[string]*goType
	missing  []string
	building map[*record]bool
}

// A goType is one generated Go struct with its methods and its C layout for the tests.
type goType struct {
	name, doc, cdesc string
	cSize, cAlign    int64
	packed           bool
	fields           []goField
	methods          []goMethod
	names            map[string]bool // fields and methods, to keep names unique
	crec             string          // the C type's spelling where C code can name it
	checks           []accCheck      // accessors that the tests compare with C's bytes
}

// An accCheck is one setter to verify: C sets member to value (all ones for a bit-field)
// in a zero crec; the Go setter with the same value must produce the same bytes.
type accCheck struct {
	set, get, member string
	value            uint64
	bits             int    // bit-field width, or 0
	ctype            string // what clang says the member is (goField.ctype), "bits" for a bit-field
}

// A goMethod is one method (or, for a flexible array member, a comment) of a goType.
type goMethod struct{ name, text string }

type goField struct {
	name, typ, comment string
	off                int64 // C offset in bytes
	size               int64
	cexpr, cctype      string // the C member (an lvalue expression) and its C type, where the field is one
	// ctype is what clang says the field is, for the tests (internal/abitest): iN/uN (a
	// signed/unsigned integer of N bits), char, bool, ptr, rec (struct or union), with [N]
	// per array dimension in front; for fields that are no C member: raw (a union's bytes),
	// bits (bit-field storage), bytes (a member gc cannot align, stored bytewise: its
	// accessors' checks carry the type).
	ctype string
}

func newWorld(a arches.Arch, nodes []*astNode, lays map[string]layout, syscalls map[string]bool) (*world, error) {
	w := &world{a: a, records: map[string]*record{}, typedefs: map[string]string{}, lays: lays,
		enums: map[string]string{}, syscalls: syscalls, goName: map[*record]string{},
		goAlign: map[string]int64{}, byName: map[string]*goType{}, building: map[*record]bool{}}
	var lastAnon *astNode
	for _, n := range nodes {
		switch n.Kind {
		case "RecordDecl":
			if !n.CompleteDefinition {
				continue
			}
			if n.Name == "" {
				lastAnon = n
				continue
			}
			key := n.TagUsed + " " + n.Name
			r, err := w.build(n, key, "(*("+key+" *)0)")
			if err != nil {
				return nil, err
			}
			if r != nil {
				w.records[key] = r
			}
			if err := w.nested(n); err != nil {
				return nil, err
			}
		case "TypedefDecl":
			t := n.Type.c()
			if t == n.Name { // typedef enum {...} name: clang desugars it to the name itself
				t = n.Type.QualType
			}
			if n.Type.QualType == "struct "+n.Name || n.Type.QualType == "union "+n.Name {
				if lastAnon != nil {
					if r, err := w.build(lastAnon, n.Name, "(*("+n.Name+" *)0)"); err == nil && r != nil {
						r.cname = n.Name
						w.records[n.Name] = r
					}
				}
				t = n.Name
			}
			if t != n.Name {
				w.typedefs[n.Name] = t
			}
		case "EnumDecl":
			// An anonymous enum is known by its first member (spec.TypedEnums).
			name := n.Name
			for _, c := range n.Inner {
				if c.Kind == "EnumConstantDecl" {
					if name == "" {
						name = c.Name
					}
					w.enums[c.Name] = name
				}
			}
		}
	}
	return w, nil
}

// nested registers the tagged records declared inside record n (struct a { struct b {...}
// m; }: struct b is a file-scope type in C too, __struct_group declares one).
func (w *world) nested(n *astNode) error {
	for _, c := range n.Inner {
		if c.Kind != "RecordDecl" || !c.CompleteDefinition {
			continue
		}
		if c.Name != "" {
			key := c.TagUsed + " " + c.Name
			if w.records[key] == nil {
				r, err := w.build(c, key, "(*("+key+" *)0)")
				if err != nil {
					return err
				}
				if r != nil {
					w.records[key] = r
				}
			}
		}
		if err := w.nested(c); err != nil {
			return err
		}
	}
	return nil
}

// build turns a RecordDecl into a record, with its layout; nil when clang did not lay it
// out (no sizeof asked for it and no containing record).
func (w *world) build(n *astNode, key, cpath string) (*record, error) {
	l, ok := w.lays[key]
	if !ok {
		l, ok = w.lays["struct "+key]
		if !ok {
			return nil, nil
		}
	}
	r := &record{key: key, cpath: cpath, cname: n.Name, union: n.TagUsed == "union", size: l.size, align: l.align}
	var lastRec *astNode
	i := 0
	for _, c := range n.Inner {
		switch c.Kind {
		case "PackedAttr":
			r.packed = true
		case "RecordDecl":
			lastRec = c
		case "FieldDecl":
			if i >= len(l.offsets) {
				return nil, fmt.Errorf("%s: %s: more fields than offsets", w.a.GOARCH, key)
			}
			f := &cfield{name: c.Name, ctype: c.Type.c(), bits: -1, off: l.offsets[i], anon: c.IsImplicit || c.Name == ""}
			i++
			if c.IsBitfield {
				for _, e := range c.Inner {
					if e.Kind == "ConstantExpr" {
						f.bits, _ = strconv.Atoi(e.Value)
					}
				}
			}
			if strings.Contains(f.ctype, "(anonymous at") || strings.Contains(f.ctype, "(unnamed") {
				if lastRec == nil {
					return nil, fmt.Errorf("%s: %s: inline record without a declaration", w.a.GOARCH, key)
				}
				// The type's full spelling tells apart the records that a macro
				// (__struct_group) declares at one source position; else its position.
				sk := c.Type.c()
				if _, ok := w.lays[sk]; !ok {
					sk = locKey(c.Type.QualType)
				}
				sp := cpath // an anonymous member's fields are the parent's in C
				if !f.anon {
					sp += "." + c.Name
					// An array of inline records: its first element.
					if m := arraySuffix.FindString(clean(f.ctype)); m != "" {
						sp += strings.Repeat("[0]", strings.Count(m, "["))
					}
				}
				sub, err := w.build(lastRec, sk, sp)
				if err != nil {
					return nil, err
				}
				if sub == nil {
					return nil, fmt.Errorf("%s: %s: no layout for %s", w.a.GOARCH, key, sk)
				}
				f.sub = sub
			}
			r.fields = append(r.fields, f)
		}
	}
	return r, nil
}

var (
	cIdent      = regexp.MustCompile(`^[A-Za-z_]\w*$`)
	arraySuffix = regexp.MustCompile(`(\[\d*\])+$`)
	arrayRe     = regexp.MustCompile(`^(.*?)\s*\[(\d*)\]((?:\[\d+\])*)$`)
)

// A cType is a C type translated to Go for this arch.
type cType struct {
	goType      string
	size, align int64 // under gc for this arch
	kind        int
	elem        *cType
	flex        bool
}

const (
	kScalar = iota
	kArray
	kRecord
	kPointer
)

func (w *world) int64Align() int64 {
	if w.a.PtrSize == 8 {
		return 8
	}
	return 4
}

// isFloat reports whether C type t is a floating-point type (Go gets no float fields: the
// UAPI has floats only as union members, next to integer members of the same bytes).
func isFloat(t string) bool {
	switch clean(t) {
	case "float", "double", "long double":
		return true
	}
	return false
}

func clean(t string) string {
	t = strings.TrimSpace(t)
	for _, q := range []string{"const ", "volatile "} {
		t = strings.ReplaceAll(t, q, "")
	}
	t = strings.TrimSuffix(t, " const")
	return strings.TrimSpace(t)
}

func (w *world) scalar(t string) (string, int64, bool) {
	p := int64(w.a.PtrSize)
	switch t {
	case "char", "unsigned char":
		return "uint8", 1, true
	case "signed char":
		return "int8", 1, true
	case "_Bool":
		return "bool", 1, true
	case "short":
		return "int16", 2, true
	case "unsigned short":
		return "uint16", 2, true
	case "int":
		return "int32", 4, true
	case "unsigned int":
		return "uint32", 4, true
	case "long":
		return fmt.Sprintf("int%d", p*8), p, true
	case "unsigned long":
		return fmt.Sprintf("uint%d", p*8), p, true
	case "long long":
		return "int64", 8, true
	case "unsigned long long":
		return "uint64", 8, true
	}
	return "", 0, false
}

// fieldType is ct with the distinct type spec.FieldTypes gives field f of struct tag, where
// that type has ct's width and signedness.
func fieldType(tag, f string, ct *cType) *cType {
	t, ok := spec.FieldTypes[tag+"."+f]
	if !ok || ct.kind != kScalar {
		return ct
	}
	st, ok := spec.Lookup(t)
	if !ok || st.Underlying != ct.goType {
		return ct
	}
	c := *ct
	c.goType = t
	return &c
}

// goTypeOf translates a C type; sub is the inline record for anonymous/unnamed types and
// owner/member name such a record's Go type.
func (w *world) goTypeOf(t string, sub *record, owner, member string) (*cType, error) {
	t = clean(t)
	if m := arrayRe.FindStringSubmatch(t); m != nil {
		elem, err := w.goTypeOf(m[1]+m[3], sub, owner, member)
		if err != nil {
			return nil, err
		}
		if m[2] == "" {
			return &cType{goType: "[0]" + elem.goType, align: elem.align, kind: kArray, elem: elem, flex: true}, nil
		}
		n, _ := strconv.ParseInt(m[2], 10, 64)
		return &cType{goType: fmt.Sprintf("[%d]%s", n, elem.goType), size: n * elem.size, align: elem.align, kind: kArray, elem: elem, flex: n == 0}, nil
	}
	if strings.Contains(t, "(*)") || strings.Contains(t, "(**)") {
		return &cType{goType: "uintptr", size: int64(w.a.PtrSize), align: int64(w.a.PtrSize), kind: kScalar}, nil
	}
	if strings.HasSuffix(t, "*") {
		pt := clean(strings.TrimSuffix(t, "*"))
		ptr := func(s string) *cType {
			return &cType{goType: s, size: int64(w.a.PtrSize), align: int64(w.a.PtrSize), kind: kPointer}
		}
		for pt != "" {
			if rt, ok := w.typedefs[pt]; ok && !strings.HasSuffix(rt, "*") {
				pt = clean(rt)
				continue
			}
			break
		}
		switch {
		case strings.HasSuffix(pt, "*") || strings.Contains(pt, "("):
			return &cType{goType: "uintptr", size: int64(w.a.PtrSize), align: int64(w.a.PtrSize), kind: kScalar}, nil
		case pt == "void" || pt == "char" || pt == "unsigned char" || pt == "signed char":
			return ptr("*byte"), nil
		}
		if r := w.records[pt]; r != nil {
			if gt, err := w.emit(r, "", ""); err == nil {
				return ptr("*" + gt), nil
			}
		}
		if s, _, ok := w.scalar(pt); ok {
			return ptr("*" + s), nil
		}
		return ptr("*byte"), nil
	}
	if s, n, ok := w.scalar(t); ok {
		return &cType{goType: s, size: n, align: min(n, w.int64Align()), kind: kScalar}, nil
	}
	// A 128-bit integer (arm64's and kvm's vector registers) is two 64-bit words in the
	// arch's byte order; gc aligns it to 8 (C to 16: the placer pads to C's offsets).
	if t == "unsigned __int128" || t == "__int128" {
		el := map[bool]string{true: "uint64", false: "int64"}[t == "unsigned __int128"]
		return &cType{goType: "[2]" + el, size: 16, align: 8, kind: kArray,
			elem: &cType{goType: el, size: 8, align: 8, kind: kScalar}}, nil
	}
	if strings.HasPrefix(t, "enum ") {
		// An enum's integer type is the compiler's choice (unsigned int where no value is
		// negative): asked of clang (enumTypes), int32 where unknown.
		if e, ok := w.enumGo[t]; ok {
			return &cType{goType: e.goType, size: e.size, align: min(e.size, w.int64Align()), kind: kScalar}, nil
		}
		return &cType{goType: "int32", size: 4, align: 4, kind: kScalar}, nil
	}
	if same, ok := spec.SameStructs[t]; ok {
		if err := w.sameLayout(t, same); err != nil {
			return nil, err
		}
		t = same
	}
	if sub != nil && (strings.Contains(t, "(anonymous at") || strings.Contains(t, "(unnamed")) {
		gt, err := w.emit(sub, owner, member)
		if err != nil {
			return nil, err
		}
		return &cType{goType: gt, size: sub.size, align: w.goAlign[gt], kind: kRecord}, nil
	}
	if r := w.records[t]; r != nil {
		gt, err := w.emit(r, "", "")
		if err != nil {
			return nil, err
		}
		return &cType{goType: gt, size: r.size, align: w.goAlign[gt], kind: kRecord}, nil
	}
	if rt, ok := w.typedefs[t]; ok {
		return w.goTypeOf(rt, sub, owner, member)
	}
	return nil, fmt.Errorf("%s: no Go type for C type %q", w.a.GOARCH, t)
}

// sameLayout checks that records a and b (spec.SameStructs) agree in size, alignment and
// every field's offset on this arch.
func (w *world) sameLayout(a, b string) error {
	ra, rb := w.records[a], w.records[b]
	if rb == nil {
		return fmt.Errorf("%s: %s (spec.SameStructs for %s) is not laid out", w.a.GOARCH, b, a)
	}
	if ra == nil {
		return nil // not laid out here: nothing refers to it
	}
	ok := ra.size == rb.size && ra.align == rb.align && len(ra.fields) == len(rb.fields)
	for i := 0; ok && i < len(ra.fields); i++ {
		ok = ra.fields[i].off == rb.fields[i].off && ra.fields[i].bits == rb.fields[i].bits
	}
	if !ok {
		return fmt.Errorf("%s: %s and %s (spec.SameStructs) differ", w.a.GOARCH, a, b)
	}
	return nil
}

// typeName is the Go name of a named record (spec.TypeName).
func (w *world) typeName(r *record) string {
	return spec.TypeName(w.a.GOARCH, r.cname, func(tag string) bool { return w.syscalls[tag] })
}

// deep lists the fields of fs with the members of anonymous structs and unions in place
// of them: the names C code uses.
func deep(fs []*cfield) []*cfield {
	var out []*cfield
	for _, f := range fs {
		if f.anon && f.sub != nil {
			out = append(out, deep(f.sub.fields)...)
		} else {
			out = append(out, f)
		}
	}
	return out
}

func fieldPrefix(fs []*cfield) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return spec.FieldPrefix(names)
}

func (g *goType) unique(n string) string {
	if !g.names[n] {
		g.names[n] = true
		return n
	}
	for i := 2; ; i++ {
		m := n + strconv.Itoa(i)
		if !g.names[m] {
			g.names[m] = true
			return m
		}
	}
}

func roundUp(n, a int64) int64 {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}

func alignType(a int64) string {
	switch a {
	case 1:
		return ""
	case 2:
		return "uint16"
	case 4:
		return "uint32"
	}
	return "uint64"
}

// emit generates the Go type for r (once) and returns its name. owner/member name inline
// records: ParentMember.
func (w *world) emit(r *record, owner, member string) (string, error) {
	if n, ok := w.goName[r]; ok {
		return n, nil
	}
	if w.building[r] {
		return "", fmt.Errorf("%s: recursive record %s", w.a.GOARCH, r.key)
	}
	w.building[r] = true
	defer delete(w.building, r)
	name := ""
	switch {
	case r.cname != "":
		name = w.typeName(r)
	case owner != "":
		name = owner + spec.Camel(member)
	default:
		return "", fmt.Errorf("%s: anonymous record %s has no name", w.a.GOARCH, r.key)
	}
	for w.byName[name] != nil {
		if r.cname != "" {
			return "", fmt.Errorf("%s: %s and %s are both named %s: give one a name in spec.Renames", w.a.GOARCH, r.key, w.byName[name].cdesc, name)
		}
		name += "X"
	}
	g := &goType{name: name, cSize: r.size, cAlign: r.align, packed: r.packed, names: map[string]bool{}}
	if r.cname != "" {
		g.crec = r.key
	}
	w.byName[name] = g
	w.goName[r] = name
	if r.cname != "" {
		g.cdesc = strings.TrimPrefix(r.key, "")
		if strings.HasPrefix(r.cname, "rl_") {
			g.cdesc = "the kernel's " + strings.Replace(r.key, "rl_", "", 1) + " (not in the UAPI headers: declared by the generator's prelude from the kernel source)"
		}
	} else {
		g.cdesc = "the " + map[bool]string{true: "union", false: "struct"}[r.union] + " " + owner + "." + member
	}
	var err error
	if r.union {
		err = w.emitUnion(g, r)
	} else {
		err = w.emitStruct(g, r)
	}
	if err != nil {
		return "", err
	}
	w.emitted = append(w.emitted, g)
	return name, nil
}

// A placer lays Go fields at the C offsets, with explicit padding where gc would not put a
// field where C does (int64 is 4-aligned under gc on 386, arm and mips; packed structs).
type placer struct {
	w     *world
	g     *goType
	recv  string
	cur   int64
	align int64
	bitN  int
	size  int64 // the record's C size: a field whose alignment does not divide it cannot be a Go field of its type (packed structs)
}

func (p *placer) pad(to int64) {
	if to > p.cur {
		p.g.fields = append(p.g.fields, goField{name: "_", typ: fmt.Sprintf("[%d]byte", to-p.cur), off: p.cur, size: to - p.cur})
		p.cur = to
	}
}

// field places a field; a field gc cannot place at its C offset becomes a byte array
// with Get/Set accessors.
func (p *placer) field(name string, ct *cType, off int64, comment, cexpr, cctype string) error {
	if off < p.cur {
		return fmt.Errorf("%s: %s: field %s at %d overlaps (Go offset %d)", p.w.a.GOARCH, p.g.name, name, off, p.cur)
	}
	if ct.flex || ct.size == 0 {
		p.g.methods = append(p.g.methods, goMethod{name + "·flex", fmt.Sprintf("// %s: a variable-length %s follows the fixed part at offset %d (C flexible array member %s).\n", name, ct.goType, off, comment)})
		return nil
	}
	if off%max(ct.align, 1) != 0 || p.size%max(ct.align, 1) != 0 {
		p.pad(off)
		bn := name
		if name != "_" {
			bn = p.g.unique(name)
		}
		p.g.fields = append(p.g.fields, goField{name: bn, typ: fmt.Sprintf("[%d]byte", ct.size), comment: comment + " (unaligned here: use Get" + bn + "/Set" + bn + ")", off: off, size: ct.size, ctype: "bytes"})
		p.cur = off + ct.size
		p.align = max(p.align, 1)
		if name != "_" {
			member := strings.Fields(comment)[0]
			if ct.kind != kScalar {
				member = "" // a record or array: its bytes are checked with the layout
			}
			p.w.accessorValue(p.g, "Get"+bn, "Set"+bn, ct.goType, ct.size, off, false, member)
		}
		return nil
	}
	p.pad(off)
	if name != "_" {
		name = p.g.unique(name)
	}
	p.g.fields = append(p.g.fields, goField{name: name, typ: ct.goType, comment: comment, off: off, size: ct.size, cexpr: cexpr, cctype: cctype})
	p.cur = off + ct.size
	p.align = max(p.align, ct.align)
	return nil
}

// bytewise places a field of spec.BytewiseFields: a byte array with Get/Set accessors, as
// field does for a field gc cannot align, on every arch. Where the field is aligned in C the
// struct keeps the alignment the field would have given it (a zero-length array of the
// alignment's integer type first), so that the layout is C's in everything but the field's
// Go type.
func (p *placer) bytewise(name string, ct *cType, off int64, comment string) error {
	if off < p.cur {
		return fmt.Errorf("%s: %s: field %s at %d overlaps (Go offset %d)", p.w.a.GOARCH, p.g.name, name, off, p.cur)
	}
	if ct.kind != kScalar {
		return fmt.Errorf("%s: %s: BytewiseFields lists %s, which is not a scalar", p.w.a.GOARCH, p.g.name, name)
	}
	if a := max(ct.align, 1); off%a == 0 && p.size%a == 0 && a > p.align {
		at := alignType(a)
		p.g.fields = append([]goField{{name: "_", typ: "[0]" + at}}, p.g.fields...)
		p.align = a
	}
	p.pad(off)
	bn := p.g.unique(name)
	p.g.fields = append(p.g.fields, goField{name: bn, typ: fmt.Sprintf("[%d]byte", ct.size), comment: comment + " (bytes on every arch: use Get" + bn + "/Set" + bn + ")", off: off, size: ct.size, ctype: "bytes"})
	p.cur = off + ct.size
	p.align = max(p.align, 1)
	p.w.accessorValue(p.g, "Get"+bn, "Set"+bn, ct.goType, ct.size, off, false, comment)
	return nil
}

func (w *world) goFieldName(cname, prefix string) string { return spec.FieldName(cname, prefix) }

func (w *world) emitStruct(g *goType, r *record) error {
	p := &placer{w: w, g: g, align: 1, size: r.size}
	if err := w.placeFields(p, r, 0, r.fields, fieldPrefix(deep(r.fields))); err != nil {
		return err
	}
	p.pad(r.size)
	// C's alignment where no field has it (__u8 data[8] __attribute__((aligned(8)))): a
	// zero-length array of the alignment's integer type first.
	if ca := min(r.align, w.int64Align()); ca > p.align && !r.packed {
		g.fields = append([]goField{{name: "_", typ: "[0]" + alignType(ca)}}, g.fields...)
		p.align = ca
	}
	size := roundUp(p.cur, p.align)
	if size != r.size {
		return fmt.Errorf("%s: %s: Go size %d != C size %d", w.a.GOARCH, g.name, size, r.size)
	}
	w.goAlign[g.name] = p.align
	return nil
}

// placeFields places the fields of r (at byte offset base) into p: anonymous structs are
// flattened, an anonymous union becomes its widest member plus accessors for the others,
// bit-fields become a storage field plus accessors.
func (w *world) placeFields(p *placer, r *record, base int64, fields []*cfield, prefix string) error {
	var unit struct {
		start, size int64
		ok          bool
	}
	for _, f := range fields {
		off := base + f.off/8
		if f.bits >= 0 {
			ct, err := w.goTypeOf(f.ctype, nil, "", "")
			if err != nil {
				return err
			}
			if f.bits == 0 {
				continue
			}
			start := base + (f.off/(ct.size*8))*ct.size
			if !unit.ok || unit.start != start {
				if unit.ok && start < unit.start+unit.size {
					return fmt.Errorf("%s: %s: bit-field %s straddles units", w.a.GOARCH, p.g.name, f.name)
				}
				name := "Bits"
				if p.bitN > 0 {
					name = fmt.Sprintf("Bits%d", p.bitN)
				}
				p.bitN++
				if err := p.field(name, ct, start, "bit-fields, see the accessor methods", "", ""); err != nil {
					return err
				}
				p.g.fields[len(p.g.fields)-1].ctype = "bits"
				unit.start, unit.size, unit.ok = start, ct.size, true
			}
			if f.name != "" && !strings.HasPrefix(f.name, "__") {
				w.accessorBits(p.g, w.goFieldName(f.name, prefix), ct, start, base*8+f.off-start*8, f.bits, f.name)
			}
			continue
		}
		unit.ok = false
		switch {
		case f.anon && f.sub != nil && !f.sub.union:
			if err := w.placeFields(p, f.sub, off, f.sub.fields, prefix); err != nil {
				return err
			}
		case f.anon && f.sub != nil:
			if err := w.placeAnonUnion(p, f.sub, off, prefix); err != nil {
				return err
			}
		default:
			name := w.goFieldName(f.name, prefix)
			ct, err := w.goTypeOf(f.ctype, f.sub, p.g.name, strings.TrimPrefix(f.name, prefix))
			if err != nil {
				return err
			}
			ct = fieldType(r.cname, f.name, ct)
			if spec.BytewiseFields[r.cname+"."+f.name] {
				if err := p.bytewise(name, ct, off, f.name); err != nil {
					return err
				}
				continue
			}
			if err := p.field(name, ct, off, f.name, r.cpath+"."+f.name, f.ctype); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeAnonUnion places an anonymous union member: its member of the union's alignment
// and the largest size is a real field (flattened if it is an anonymous struct); every
// other member is reached through accessor methods, as in C.
func (w *world) placeAnonUnion(p *placer, u *record, off int64, prefix string) error {
	var primary *cfield
	var best *cType
	for _, m := range u.fields {
		if m.bits >= 0 {
			continue
		}
		var ct *cType
		if m.anon && m.sub != nil {
			ct = &cType{size: m.sub.size, align: min(m.sub.align, w.int64Align())}
		} else {
			var err error
			ct, err = w.goTypeOf(m.ctype, m.sub, p.g.name, m.name)
			if err != nil {
				return err
			}
			if ct.flex || ct.size == 0 {
				continue
			}
		}
		a := max(ct.align, 1)
		pad := strings.HasPrefix(m.name, "__") || strings.Contains(m.name, "pad")
		bestPad := primary != nil && (strings.HasPrefix(primary.name, "__") || strings.Contains(primary.name, "pad"))
		better := best == nil || bestPad && !pad || pad == bestPad && (ct.size > best.size || ct.size == best.size && ct.align > best.align)
		if m.off == 0 && better && (m.anon || off%a == 0 && p.size%a == 0) {
			primary, best = m, ct
		}
	}
	// The union's alignment, where its widest member has less (sockaddr_storage's
	// void *__align): a zero-length array of the alignment's integer type.
	if ua := min(u.align, w.int64Align()); best != nil && best.align < ua && off%ua == 0 {
		p.pad(off)
		p.g.fields = append(p.g.fields, goField{name: "_", typ: "[0]" + alignType(ua), off: off})
		p.align = max(p.align, ua)
	}
	for _, m := range u.fields {
		if m == primary {
			if m.anon && m.sub != nil {
				if m.sub.union {
					if err := w.placeAnonUnion(p, m.sub, off, prefix); err != nil {
						return err
					}
				} else if err := w.placeFields(p, m.sub, off, m.sub.fields, prefix); err != nil {
					return err
				}
			} else {
				ct, err := w.goTypeOf(m.ctype, m.sub, p.g.name, m.name)
				if err != nil {
					return err
				}
				if err := p.field(w.goFieldName(m.name, prefix), ct, off, m.name+" (a union member: see the accessors of the others)", u.cpath+"."+m.name, m.ctype); err != nil {
					return err
				}
			}
			continue
		}
		if err := w.accessors(p.g, m, off, prefix); err != nil {
			return err
		}
	}
	p.pad(off + u.size)
	if primary == nil {
		p.align = max(p.align, min(u.align, w.int64Align()))
	}
	return nil
}

// accessors generates the methods that read and write union member m (at byte offset off
// of g); an anonymous struct member gets one pair per field.
func (w *world) accessors(g *goType, m *cfield, off int64, prefix string) error {
	moff := off + m.off/8
	if m.anon && m.sub != nil {
		sp := prefix
		for _, f := range m.sub.fields {
			if f.bits >= 0 {
				if f.bits == 0 || f.name == "" || strings.HasPrefix(f.name, "__") {
					continue
				}
				ct, err := w.goTypeOf(f.ctype, nil, "", "")
				if err != nil {
					return err
				}
				start := moff + (f.off/(ct.size*8))*ct.size
				w.accessorBits(g, w.goFieldName(f.name, sp), ct, start, moff*8+f.off-start*8, f.bits, f.name)
				continue
			}
			if err := w.accessors(g, f, moff, sp); err != nil {
				return err
			}
		}
		return nil
	}
	if strings.HasPrefix(m.name, "__") || m.bits >= 0 {
		return nil
	}
	if isFloat(m.ctype) {
		return nil // s390's freg_t: read a floating-point member through the integer ones
	}
	name := w.goFieldName(m.name, prefix)
	ct, err := w.goTypeOf(m.ctype, m.sub, g.name, strings.TrimPrefix(m.name, prefix))
	if err != nil {
		return err
	}
	if ct.flex || ct.size == 0 {
		return nil
	}
	if ct.kind == kScalar || ct.kind == kPointer {
		w.accessorValue(g, name, "Set"+name, ct.goType, ct.size, moff, moff%ct.align == 0, m.name)
	} else {
		w.accessorPointer(g, name, ct.goType, moff, moff%max(ct.align, 1) == 0)
	}
	return nil
}

func (w *world) accessorValue(g *goType, get, set, typ string, size, off int64, aligned bool, member string) {
	get, set = g.unique(get), g.unique(set)
	if cIdent.MatchString(member) && size > 0 && !strings.HasPrefix(typ, "*") && typ != "bool" {
		v := uint64(0x8877665544332211)
		if size < 8 {
			v &= 1<<(8*size) - 1
		}
		g.checks = append(g.checks, accCheck{set: set, get: get, member: member, value: v})
	}
	if aligned {
		g.methods = append(g.methods,
			goMethod{get, fmt.Sprintf("// %s reads the %s at offset %d.\nfunc (s *%s) %s() %s { return *(*%s)(unsafe.Add(unsafe.Pointer(s), %d)) }\n", get, typ, off, g.name, get, typ, typ, off)},
			goMethod{set, fmt.Sprintf("// %s writes the %s at offset %d.\nfunc (s *%s) %s(v %s) { *(*%s)(unsafe.Add(unsafe.Pointer(s), %d)) = v }\n", set, typ, off, g.name, set, typ, typ, off)})
		return
	}
	g.methods = append(g.methods,
		goMethod{get, fmt.Sprintf("// %s reads the %s at offset %d (not aligned for Go: copied bytewise).\nfunc (s *%s) %s() (v %s) {\n\tcopy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), %d), unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(s), %d)), %d))\n\treturn v\n}\n", get, typ, off, g.name, get, typ, size, off, size)},
		goMethod{set, fmt.Sprintf("// %s writes the %s at offset %d (not aligned for Go: copied bytewise).\nfunc (s *%s) %s(v %s) {\n\tcopy(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(s), %d)), %d), unsafe.Slice((*byte)(unsafe.Pointer(&v)), %d))\n}\n", set, typ, off, g.name, set, typ, off, size, size)})
}

func (w *world) accessorPointer(g *goType, get, typ string, off int64, aligned bool) {
	if !aligned {
		w.accessorValue(g, "Get"+get, "Set"+get, typ, 0, off, false, "")
		return
	}
	get = g.unique(get)
	g.methods = append(g.methods,
		goMethod{get, fmt.Sprintf("// %s returns a pointer to the %s at offset %d (a view of the same memory).\nfunc (s *%s) %s() *%s { return (*%s)(unsafe.Add(unsafe.Pointer(s), %d)) }\n", get, typ, off, g.name, get, typ, typ, off)})
}

// accessorBits generates the getter and setter of a bit-field of width bits at bit pos
// (memory order from the unit's first byte, as clang reports it) in the storage unit of
// type ct at byte offset unit. The shift follows from the byte order.
func (w *world) accessorBits(g *goType, name string, ct *cType, unit, pos int64, bits int, member string) {
	shift := pos
	if w.a.BigEndian {
		shift = ct.size*8 - pos - int64(bits)
	}
	mask := uint64(1)<<uint(bits) - 1
	if bits == 64 {
		mask = ^uint64(0)
	}
	get, set := g.unique(name), g.unique("Set"+name)
	g.checks = append(g.checks, accCheck{set: set, get: get, member: member, value: mask, bits: bits, ctype: "bits"})
	g.methods = append(g.methods,
		goMethod{get, fmt.Sprintf("// %s reads the %d-bit field at bit %d of the %s at offset %d.\nfunc (s *%s) %s() %s {\n\treturn (*(*%s)(unsafe.Add(unsafe.Pointer(s), %d)) >> %d) & %#x\n}\n", get, bits, shift, ct.goType, unit, g.name, get, ct.goType, ct.goType, unit, shift, mask)},
		goMethod{set, fmt.Sprintf("// %s writes the %d-bit field at bit %d of the %s at offset %d.\nfunc (s *%s) %s(v %s) {\n\tp := (*%s)(unsafe.Add(unsafe.Pointer(s), %d))\n\t*p = *p&^(%#x<<%d) | (v&%#x)<<%d\n}\n", set, bits, shift, ct.goType, unit, g.name, set, ct.goType, ct.goType, unit, mask, shift, mask, shift)})
}

// emitUnion generates a named union as bytes of its size, aligned like its most aligned
// member (as far as gc can), with accessors for every member; an anonymous struct member
// (bpf_attr's per-command structs) becomes a Go type of its own with a pointer view.
func (w *world) emitUnion(g *goType, r *record) error {
	at := alignType(min(r.align, w.int64Align()))
	if at != "" {
		g.fields = append(g.fields, goField{name: "_", typ: "[0]" + at})
	}
	g.fields = append(g.fields, goField{name: "Raw", typ: fmt.Sprintf("[%d]byte", r.size), comment: "the union's bytes", size: r.size, ctype: "raw"})
	g.names["Raw"] = true
	w.goAlign[g.name] = max(min(r.align, w.int64Align()), 1)
	prefix := fieldPrefix(deep(r.fields))
	for _, m := range r.fields {
		if m.anon && m.sub != nil && !m.sub.union && m.sub.size > 0 {
			first := ""
			for _, f := range m.sub.fields {
				if f.name != "" {
					first = f.name
					break
				}
			}
			view, ok := spec.UnionViews[r.cname+"."+first]
			if !ok {
				return fmt.Errorf("%s: %s: name the anonymous struct member whose first field is %s in spec.UnionViews", w.a.GOARCH, r.key, first)
			}
			tn, err := w.emit(m.sub, g.name, view)
			if err != nil {
				return err
			}
			w.accessorPointer(g, view, tn, m.off/8, true)
			continue
		}
		if err := w.accessors(g, m, 0, prefix); err != nil {
			return err
		}
	}
	return nil
}

func sortedGoTypes(ts []*goType) []*goType {
	out := append([]*goType(nil), ts...)
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
