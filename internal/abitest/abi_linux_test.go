package abitest

// The ABI verification, in the manner of Rust's ctest: zlayout_linux*_test.go hold what
// clang-19 says about the UAPI headers on each arch (every generated struct's size,
// alignment, and each field's offset, size and C type; the bytes behind every accessor;
// every constant's value); these tests compare it with what the Go compiler made of package
// linux's ztypes_/zconst_linux*.go for the same GOARCH. Run natively on amd64 and under qemu
// for the other arches:
//
//	GOARCH=arm64 go test -exec $Q/qemu-aarch64 ./internal/abitest
//
// TestABIGoTypesAllArches checks all 13 arches at once on the host with go/types, a second
// path that does not depend on the compiler of the target.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// An abiField is one named Go field: its C offset and size, and what clang says its C type
// is (see cTypeOK).
type abiField struct {
	name      string
	off, size uintptr
	ctype     string
}

type abiLayout struct {
	name        string
	ptr         any // a nil *T of the Go type T: the tables are static data
	size, align uintptr
	packed      bool
	fields      []abiField
}

// typ is the Go type T of the table entry.
func (l abiLayout) typ() reflect.Type { return reflect.TypeOf(l.ptr).Elem() }

// An abiAccessor is one setter/getter pair and the bytes C has after setting the member to
// value in a zero object (sparse "offset:hex" pairs).
type abiAccessor struct {
	ptr      any // a nil *T of the Go type T
	set, get string
	value    uint64
	bytes    string
	ctype    string // the C member's type, "bits" for a bit-field
}

// typ is the Go type T of the table entry.
func (x abiAccessor) typ() reflect.Type { return reflect.TypeOf(x.ptr).Elem() }

// An abiConst is a constant's Go value, as the generated table converts it (constant
// expressions): got is uint64(c) for a value that is not negative, neg is int64(c) for a
// negative one (the other is 0), and what clang says (its 64-bit pattern, sign-extended).
type abiConst struct {
	name string
	got  uint64
	neg  int64
	want uint64
}

// bits is the Go value's 64-bit pattern, sign-extended like clang's answer.
func (c abiConst) bits() uint64 {
	if c.neg != 0 {
		return uint64(c.neg)
	}
	return c.got
}

// The tables of the generated files: each file's slices of static data, registered by
// one variable declaration per slice.
var (
	abiLayouts   []abiLayout
	abiAccessors []abiAccessor
	abiConsts    []abiConst
)

func layouts(l []abiLayout) bool     { abiLayouts = append(abiLayouts, l...); return true }
func accessors(l []abiAccessor) bool { abiAccessors = append(abiAccessors, l...); return true }

func values(l []abiConst) bool { abiConsts = append(abiConsts, l...); return true }

// An abiString is a string constant: its Go value and what clang stores for it.
type abiString struct{ name, got, want string }

var abiStrings []abiString

func texts(l []abiString) bool { abiStrings = append(abiStrings, l...); return true }

func checkString(c abiString) []string {
	if c.got != c.want {
		return []string{fmt.Sprintf("%s = %q, C says %q", c.name, c.got, c.want)}
	}
	return nil
}

// abiMaxAlign is the largest alignment gc gives any type on this arch (4 on 32-bit arches,
// where C aligns 64-bit integers to 8 except on 386).
var abiMaxAlign = unsafe.Alignof(uint64(0))

// abiAlignOK reports whether the Go alignment of a struct is the one C has, as far as gc
// can express it: exactly C's, or gc's largest where C's is larger, or (packed structs)
// larger than C's where C's is 1 or 2 and the size is a multiple of it.
func abiAlignOK(goAlign, cAlign, size uintptr, packed bool, maxAlign uintptr) bool {
	if goAlign == min(cAlign, maxAlign) {
		return true
	}
	return packed && goAlign > cAlign && size%goAlign == 0
}

// An abiShape is a compiled struct as either path sees it: reflect on the target, or
// go/types with the gc sizes of any arch on the host.
type abiShape struct {
	size, align, maxAlign uintptr
	named                 int                // fields not named _
	fields                map[string]goField // by name
	methods               map[string]string  // result descriptor of each method without arguments
}

// A goField is a compiled field: offset, size, and its type's descriptor (goDesc).
type goField struct {
	off, size uintptr
	desc      string
}

func reflectShape(t reflect.Type) abiShape {
	s := abiShape{size: t.Size(), align: uintptr(t.Align()), maxAlign: abiMaxAlign, fields: map[string]goField{}, methods: map[string]string{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Name != "_" {
			s.named++
			s.fields[f.Name] = goField{f.Offset, f.Type.Size(), reflectDesc(f.Type)}
		}
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		if m.Type.NumIn() == 1 && m.Type.NumOut() == 1 {
			s.methods[m.Name] = reflectDesc(m.Type.Out(0))
		}
	}
	return s
}

// reflectDesc describes a Go type as cTypeOK compares it with clang's: iN/uN for the
// integers, uptr for uintptr, ptr for pointers, bool, rec for structs, [N] in front for
// arrays.
func reflectDesc(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("i%d", 8*t.Size())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("u%d", 8*t.Size())
	case reflect.Int:
		return fmt.Sprintf("i%d (int)", 8*t.Size())
	case reflect.Uint:
		return fmt.Sprintf("u%d (uint)", 8*t.Size())
	case reflect.Uintptr:
		return "uptr"
	case reflect.Pointer, reflect.UnsafePointer:
		return "ptr"
	case reflect.Bool:
		return "bool"
	case reflect.Struct:
		return "rec"
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), reflectDesc(t.Elem()))
	}
	return t.Kind().String()
}

// cTypeOK reports whether a Go field or accessor result of type goDesc is what the
// generator's rules make of a C member of type cDesc (as clang describes it): the same
// signedness and width for integers, byte for plain char (whose signedness varies between
// arches), a pointer or uintptr for a pointer, a struct for a struct or union, element by
// element for arrays; a union's bytes (raw) and a member stored bytewise because gc cannot
// align it (bytes) are byte arrays; bit-field storage (bits) is any fixed-size integer; a
// 128-bit integer is [2] of the 64-bit integer of its signedness.
func cTypeOK(goDesc, cDesc string, size uintptr) bool {
	for strings.HasPrefix(cDesc, "[") && strings.HasPrefix(goDesc, "[") {
		ci, gi := strings.Index(cDesc, "]"), strings.Index(goDesc, "]")
		if cDesc[:ci] != goDesc[:gi] {
			return false
		}
		cDesc, goDesc = cDesc[ci+1:], goDesc[gi+1:]
	}
	switch cDesc {
	case "char":
		return goDesc == "u8"
	case "ptr":
		return goDesc == "ptr" || goDesc == "uptr"
	case "raw", "bytes":
		return goDesc == fmt.Sprintf("[%d]u8", size)
	case "bits":
		return len(goDesc) > 1 && (goDesc[0] == 'i' || goDesc[0] == 'u') && !strings.Contains(goDesc, "(") && goDesc != "uptr"
	case "u128", "i128": // a 128-bit integer is two 64-bit words of its signedness
		return goDesc == "[2]"+cDesc[:1]+"64"
	}
	return goDesc == cDesc
}

// checkLayout returns every difference between one struct as compiled and clang's layout.
func checkLayout(l abiLayout) []string { return checkShape(l, reflectShape(l.typ())) }

func checkShape(l abiLayout, s abiShape) []string {
	var errs []string
	if s.size != l.size {
		errs = append(errs, fmt.Sprintf("%s: size %d, C says %d", l.name, s.size, l.size))
	}
	if !abiAlignOK(s.align, l.align, l.size, l.packed, s.maxAlign) {
		errs = append(errs, fmt.Sprintf("%s: align %d, C says %d (gc max %d)", l.name, s.align, l.align, s.maxAlign))
	}
	if s.named != len(l.fields) {
		errs = append(errs, fmt.Sprintf("%s: %d named fields, the layout lists %d", l.name, s.named, len(l.fields)))
	}
	for _, f := range l.fields {
		sf, ok := s.fields[f.name]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s.%s: no such field", l.name, f.name))
			continue
		}
		if sf.off != f.off {
			errs = append(errs, fmt.Sprintf("%s.%s: offset %d, C says %d", l.name, f.name, sf.off, f.off))
		}
		if sf.size != f.size {
			errs = append(errs, fmt.Sprintf("%s.%s: size %d, C says %d", l.name, f.name, sf.size, f.size))
		}
		if !cTypeOK(sf.desc, f.ctype, f.size) {
			errs = append(errs, fmt.Sprintf("%s.%s: Go type %s, C says %s", l.name, f.name, sf.desc, f.ctype))
		}
	}
	return errs
}

// An accessorType is the part of an accessor's entry that checkAccessorType checks.
type accessorType struct{ typ, get, ctype string }

func (x abiAccessor) types() accessorType { return accessorType{x.typ().Name(), x.get, x.ctype} }

// checkAccessorType compares the getter's result type (in s, its struct's shape) with the C
// member's type.
func checkAccessorType(x accessorType, s abiShape) []string {
	if x.ctype == "bits" {
		return nil // bit-fields: checked by the bytes
	}
	got, ok := s.methods[x.get]
	if !ok {
		return []string{fmt.Sprintf("%s.%s: no getter", x.typ, x.get)}
	}
	if !cTypeOK(got, x.ctype, 0) {
		return []string{fmt.Sprintf("%s.%s: returns %s, C's member is %s", x.typ, x.get, got, x.ctype)}
	}
	return nil
}

// checkAccessor sets the value with the Go setter on a zero value and compares the bytes
// with C's, then reads the value back with the getter.
func checkAccessor(x abiAccessor) []string {
	name := x.typ().Name() + "." + x.set
	want := make([]byte, x.typ().Size())
	for _, p := range strings.Fields(x.bytes) {
		off, hex, _ := strings.Cut(p, ":")
		i, err1 := strconv.Atoi(off)
		b, err2 := strconv.ParseUint(hex, 16, 8)
		if err1 != nil || err2 != nil || i >= len(want) {
			return []string{name + ": bad table entry " + p}
		}
		want[i] = byte(b)
	}
	v := reflect.New(x.typ())
	set, get := v.MethodByName(x.set), v.MethodByName(x.get)
	if !set.IsValid() || !get.IsValid() {
		return []string{name + ": no such methods"}
	}
	arg := reflect.New(set.Type().In(0)).Elem()
	switch arg.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		arg.SetInt(int64(x.value))
	default:
		arg.SetUint(x.value)
	}
	set.Call([]reflect.Value{arg})
	got := unsafe.Slice((*byte)(v.UnsafePointer()), x.typ().Size())
	var errs []string
	if string(got) != string(want) {
		errs = append(errs, fmt.Sprintf("%s(%#x): bytes % x, C has % x", name, x.value, got, want))
	}
	r := get.Call(nil)[0]
	var back uint64
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		back = uint64(r.Int())
	default:
		back = r.Uint()
	}
	if bits := 8 * r.Type().Size(); bits < 64 {
		back &= 1<<bits - 1
	}
	if back != x.value {
		errs = append(errs, fmt.Sprintf("%s: reads back %#x, set %#x", x.typ().Name()+"."+x.get, back, x.value))
	}
	return errs
}

func TestABIAccessors(t *testing.T) {
	for _, x := range abiAccessors {
		for _, e := range checkAccessor(x) {
			t.Error(e)
		}
		for _, e := range checkAccessorType(x.types(), reflectShape(x.typ())) {
			t.Error(e)
		}
	}
	t.Logf("ABI accessors: %d union-member, bit-field and unaligned-field setters checked against C's bytes", len(abiAccessors))
}

func checkConst(c abiConst) []string {
	if c.bits() != c.want {
		return []string{fmt.Sprintf("%s = %#x, C says %#x", c.name, c.bits(), c.want)}
	}
	return nil
}

func TestABILayouts(t *testing.T) {
	fields := 0
	for _, l := range abiLayouts {
		for _, e := range checkLayout(l) {
			t.Error(e)
		}
		fields += len(l.fields)
	}
	if len(abiLayouts) == 0 {
		t.Fatal("no layouts: zlayout_linux_<arch>_test.go is missing for this arch")
	}
	t.Logf("ABI layouts: %d structs, %d fields (offset, size, C type) checked against clang", len(abiLayouts), fields)
}

func TestABIConstants(t *testing.T) {
	for _, c := range abiConsts {
		for _, e := range checkConst(c) {
			t.Error(e)
		}
	}
	for _, c := range abiStrings {
		for _, e := range checkString(c) {
			t.Error(e)
		}
	}
	if len(abiConsts) == 0 || len(abiStrings) == 0 {
		t.Fatal("no constants")
	}
	t.Logf("ABI constants: %d integer and %d string constants checked against clang", len(abiConsts), len(abiStrings))
}

// TestABICheckerCatchesMutations feeds the checkers every single-value mutation of the
// tables (each struct's size and alignment, each field's offset, size and signedness, each
// accessor's bytes and signedness, each constant's value) and requires each one to be
// reported, and the unmutated entry not to be.
func TestABICheckerCatchesMutations(t *testing.T) {
	mutations, caught := 0, 0
	try := func(what string, errs []string) {
		mutations++
		if len(errs) > 0 {
			caught++
		} else {
			t.Errorf("mutation not caught: %s", what)
		}
	}
	for _, l := range abiLayouts {
		m := l
		m.size++
		try(l.name+" size+1", checkLayout(m))
		// A packed struct's C alignment (1) only bounds gc's from below: not mutated.
		if !l.packed {
			// An alignment gc can express and that differs from the one expected.
			m = l
			if m.align = min(l.align, abiMaxAlign) / 2; m.align == 0 {
				m.align = 2
			}
			try(l.name+" align changed", checkLayout(m))
		}
		for i := range l.fields {
			m = l
			m.fields = append([]abiField(nil), l.fields...)
			m.fields[i].off++
			try(l.name+"."+l.fields[i].name+" offset+1", checkLayout(m))
			m.fields[i].off--
			m.fields[i].size++
			try(l.name+"."+l.fields[i].name+" size+1", checkLayout(m))
			m.fields[i].size--
			if c := flipSign(l.fields[i].ctype); c != "" {
				m.fields[i].ctype = c
				try(l.name+"."+l.fields[i].name+" signedness", checkLayout(m))
			}
		}
	}
	for _, x := range abiAccessors {
		m := x
		if i := strings.Index(m.bytes, ":"); i > 0 {
			m.bytes = m.bytes[:i+1] + "ee" + m.bytes[i+3:] // a wrong first byte
			if m.bytes == x.bytes {
				m.bytes = m.bytes[:i+1] + "dd" + m.bytes[i+3:]
			}
		} else {
			m.bytes = "0:01"
		}
		try(x.typ().Name()+"."+x.set+" bytes", checkAccessor(m))
		if c := flipSign(x.ctype); c != "" {
			m = x
			m.ctype = c
			try(x.typ().Name()+"."+x.get+" signedness", checkAccessorType(m.types(), reflectShape(x.typ())))
		}
	}
	for _, c := range abiConsts {
		m := c
		m.want ^= 1
		try(c.name+" value^1", checkConst(m))
	}
	for _, c := range abiStrings {
		m := c
		m.want += "x"
		try(c.name+" string+x", checkString(m))
	}
	t.Logf("mutation test: %d of %d single-value mutations caught", caught, mutations)
}

// flipSign turns an integer descriptor (or an array of them) into the other signedness, ""
// for the others.
func flipSign(c string) string {
	i := strings.LastIndex(c, "]") + 1
	switch {
	case strings.HasPrefix(c[i:], "i"):
		return c[:i] + "u" + c[i+1:]
	case strings.HasPrefix(c[i:], "u"):
		return c[:i] + "i" + c[i+1:]
	}
	return ""
}
