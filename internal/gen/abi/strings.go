package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// The String methods of the typed constant groups (zstring_linux*.go): an enumeration
// prints the name of its value (the first the headers define, for aliases) or Type(n); a
// flag set prints its names joined with "|", the value of each field (spec.FlagFields)
// first, and the unknown bits in hex (O_RDONLY|O_CLOEXEC|0x4000000). The tables are per
// arch (the values are), the code is in the root package's flagstring_linux.go.

var secStrings = gofile.Section{Block: ""}

// stringItems are, per arch, one String method and its name table per typed group.
func stringItems(res map[string]*archResult) map[string][]gofile.Item {
	items := map[string][]gofile.Item{}
	for _, a := range arches.All {
		r := res[a.GOARCH]
		byType := map[string][]constant{}
		values := map[string]constant{}
		for _, c := range r.consts {
			values[c.name] = c
			if c.goType != "" {
				byType[c.goType] = append(byType[c.goType], c)
			}
		}
		var l []gofile.Item
		for _, t := range spec.Types {
			cs := byType[t.Name]
			if len(cs) == 0 {
				continue
			}
			l = append(l, gofile.Item{Section: secStrings, Key: t.Name, Text: stringMethod(a, t, cs, values)})
		}
		items[a.GOARCH] = l
	}
	return items
}

func lowerFirst(s string) string {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i > 1 && i < len(s) {
		i-- // IoUringOp -> ioUringOp, FD -> fd
	}
	return strings.ToLower(s[:i]) + s[i:]
}

// bits is a constant's value as the type's unsigned pattern.
func bits(t spec.Type, c constant) uint64 {
	v := uint64(c.value)
	if n := t.Bits(); n < 64 {
		v &= 1<<n - 1
	}
	return v
}

func stringMethod(a arches.Arch, t spec.Type, cs []constant, values map[string]constant) string {
	tab := lowerFirst(t.Name) + "Names"
	var b strings.Builder
	conv := "uint64(" + unsignedOf(t) + "(v))"
	if spec.EnumTypes[t.Name] {
		// First name per value, in the headers' order, a name defined as another last.
		cs = byValueName(a, cs)
		seen := map[uint64]bool{}
		type nv struct {
			v    uint64
			name string
		}
		var l []nv
		for _, c := range cs {
			v := bits(t, c)
			if !seen[v] {
				seen[v] = true
				l = append(l, nv{v, c.name})
			}
		}
		sort.SliceStable(l, func(i, j int) bool { return l[i].v < l[j].v })
		fmt.Fprintf(&b, "// String returns the name of v (%s), or %s(n) for a value without one.\n", names(cs, 3), t.Name)
		fmt.Fprintf(&b, "func (v %s) String() string { return enumString(%s, %s[:], %q, %s) }\n\n", t.Name, conv, tab, t.Name, signedArg(t))
		fmt.Fprintf(&b, "var %s = [...]constName{\n", tab)
		for _, x := range l {
			fmt.Fprintf(&b, "\t{%#x, %q},\n", x.v, x.name)
		}
		b.WriteString("}\n")
		return b.String()
	}
	// A flag set: the fields first (mask, the names of the values in it), then the bits.
	var fields []string
	inField := uint64(0)
	for _, f := range spec.FlagFields[t.Name] {
		mask, ok := evalMask(f.Mask, values)
		if !ok || mask == 0 {
			continue
		}
		inField |= mask
		var vals []string
		for _, c := range cs {
			v := bits(t, c)
			if v&^mask == 0 && (v != 0 || f.Zero) && c.name != f.Mask {
				vals = append(vals, fmt.Sprintf("{%#x, %q}", v, c.name))
			}
		}
		fields = append(fields, fmt.Sprintf("{%#x, []constName{%s}}", mask, strings.Join(vals, ", ")))
	}
	type nv struct {
		v     uint64
		name  string
		order int
	}
	var l []nv
	seen := map[uint64]bool{}
	cs = byValueName(a, cs)
	for i, c := range cs {
		v := bits(t, c)
		if v == 0 || v&inField != 0 || seen[v] {
			continue
		}
		seen[v] = true
		l = append(l, nv{v, c.name, i})
	}
	// Wider names first (O_SYNC before O_DSYNC, which it contains), then in header order.
	sort.SliceStable(l, func(i, j int) bool { return popcount(l[i].v) > popcount(l[j].v) })
	fmt.Fprintf(&b, "// String returns the names of v's bits joined with \"|\" (%s), unknown bits in hex.\n", names(cs, 3))
	fmt.Fprintf(&b, "func (v %s) String() string { return flagsString(%s, %sFields[:], %s[:]) }\n\n", t.Name, conv, lowerFirst(t.Name), tab)
	fmt.Fprintf(&b, "var %sFields = [...]flagField{", lowerFirst(t.Name))
	if len(fields) > 0 {
		b.WriteString("\n")
		for _, f := range fields {
			fmt.Fprintf(&b, "\t%s,\n", f)
		}
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "var %s = [...]constName{\n", tab)
	for _, x := range l {
		fmt.Fprintf(&b, "\t{%#x, %q},\n", x.v, x.name)
	}
	b.WriteString("}\n")
	return b.String()
}

// byValueName is cs with the names that the headers define as another name (aliases) after
// the others, each part in the headers' order.
func byValueName(a arches.Arch, cs []constant) []constant {
	out := make([]constant, 0, len(cs))
	for _, alias := range []bool{false, true} {
		for _, c := range cs {
			if aliasNames[a.GOARCH][c.name] == alias {
				out = append(out, c)
			}
		}
	}
	return out
}

// names is "A, B, C..." of the first n constants, for the doc comment.
func names(cs []constant, n int) string {
	var l []string
	for i, c := range cs {
		if i == n {
			l = append(l, "...")
			break
		}
		l = append(l, c.name)
	}
	return strings.Join(l, ", ")
}

func unsignedOf(t spec.Type) string {
	return "uint" + fmt.Sprint(t.Bits())
}

// signedArg tells enumString to print a signed type's value as negative.
func signedArg(t spec.Type) string {
	if t.Signed() {
		return fmt.Sprint(t.Bits())
	}
	return "0"
}

func popcount(v uint64) int {
	n := 0
	for ; v != 0; v &= v - 1 {
		n++
	}
	return n
}

// evalMask evaluates "NAME", "~NAME" (the bits NAME does not have: a field below a group
// of flag bits) or "NAME<<NAME" over this arch's constants.
func evalMask(expr string, values map[string]constant) (uint64, bool) {
	get := func(n string) (uint64, bool) {
		c, ok := values[strings.TrimSpace(n)]
		return uint64(c.value), ok
	}
	if n, ok := strings.CutPrefix(expr, "~"); ok {
		v, ok := get(n)
		return ^v, ok
	}
	if l, r, ok := strings.Cut(expr, "<<"); ok {
		a, ok1 := get(l)
		s, ok2 := get(r)
		return a << s, ok1 && ok2
	}
	return get(expr)
}
