package linux

// The ABI verification, in the manner of Rust's ctest: zlayout_linux_<arch>_test.go holds
// what clang-19 says about the UAPI headers on that arch (every generated struct's size,
// alignment and field offsets and sizes, every constant's value); these tests compare it
// with what the Go compiler made of ztypes_/zconst_linux_<arch>.go for the same GOARCH. Run
// natively on amd64 and under qemu for the other arches:
//
//	GOARCH=arm64 go test -exec $Q/qemu-aarch64 -run ABI .
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

type abiField struct {
	name      string
	off, size uintptr
}

type abiLayout struct {
	name        string
	typ         reflect.Type
	size, align uintptr
	packed      bool
	fields      []abiField
}

// An abiAccessor is one setter/getter pair and the bytes C has after setting the member to
// value in a zero object (sparse "offset:hex" pairs).
type abiAccessor struct {
	typ      reflect.Type
	set, get string
	value    uint64
	bytes    string
}

type abiConst struct {
	name      string
	got, want uint64
}

type abiInt interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// abiBits is the 64-bit pattern of v, sign-extended like clang's answer.
func abiBits[T abiInt](v T) uint64 { return uint64(v) }

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
	named                 int                   // fields not named _
	fields                map[string][2]uintptr // offset, size
}

func reflectShape(t reflect.Type) abiShape {
	s := abiShape{size: t.Size(), align: uintptr(t.Align()), maxAlign: abiMaxAlign, fields: map[string][2]uintptr{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Name != "_" {
			s.named++
			s.fields[f.Name] = [2]uintptr{f.Offset, f.Type.Size()}
		}
	}
	return s
}

// checkLayout returns every difference between one struct as compiled and clang's layout.
func checkLayout(l abiLayout) []string { return checkShape(l, reflectShape(l.typ)) }

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
		if sf[0] != f.off {
			errs = append(errs, fmt.Sprintf("%s.%s: offset %d, C says %d", l.name, f.name, sf[0], f.off))
		}
		if sf[1] != f.size {
			errs = append(errs, fmt.Sprintf("%s.%s: size %d, C says %d", l.name, f.name, sf[1], f.size))
		}
	}
	return errs
}

// checkAccessor sets the value with the Go setter on a zero value and compares the bytes
// with C's, then reads the value back with the getter.
func checkAccessor(x abiAccessor) []string {
	name := x.typ.Name() + "." + x.set
	want := make([]byte, x.typ.Size())
	for _, p := range strings.Fields(x.bytes) {
		off, hex, _ := strings.Cut(p, ":")
		i, err1 := strconv.Atoi(off)
		b, err2 := strconv.ParseUint(hex, 16, 8)
		if err1 != nil || err2 != nil || i >= len(want) {
			return []string{name + ": bad table entry " + p}
		}
		want[i] = byte(b)
	}
	v := reflect.New(x.typ)
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
	got := unsafe.Slice((*byte)(v.UnsafePointer()), x.typ.Size())
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
		errs = append(errs, fmt.Sprintf("%s: reads back %#x, set %#x", x.typ.Name()+"."+x.get, back, x.value))
	}
	return errs
}

func TestABIAccessors(t *testing.T) {
	for _, x := range abiAccessors {
		for _, e := range checkAccessor(x) {
			t.Error(e)
		}
	}
	t.Logf("ABI accessors: %d union-member, bit-field and unaligned-field setters checked against C's bytes", len(abiAccessors))
}

func checkConst(c abiConst) []string {
	if c.got != c.want {
		return []string{fmt.Sprintf("%s = %#x, C says %#x", c.name, c.got, c.want)}
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
	t.Logf("ABI layouts: %d structs, %d fields checked against clang", len(abiLayouts), fields)
}

func TestABIConstants(t *testing.T) {
	for _, c := range abiConsts {
		for _, e := range checkConst(c) {
			t.Error(e)
		}
	}
	if len(abiConsts) == 0 {
		t.Fatal("no constants")
	}
	t.Logf("ABI constants: %d checked against clang", len(abiConsts))
}

// TestABICheckerCatchesMutations feeds the checkers every single-value mutation of the
// tables (each struct's size and alignment, each field's offset and size, each constant's
// value) and requires each one to be reported, and the unmutated entry not to be.
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
		try(x.typ.Name()+"."+x.set+" bytes", checkAccessor(m))
	}
	for _, c := range abiConsts {
		m := c
		m.want ^= 1
		try(c.name+" value^1", checkConst(m))
	}
	t.Logf("mutation test: %d of %d single-value mutations caught", caught, mutations)
}
