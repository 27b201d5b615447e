//go:build linux

package linux

import "strconv"

// The String methods of the typed constant groups (zstring_linux*.go, generated) print
// through these two functions and per-arch tables.

// constName is one constant of a typed group: its value as an unsigned pattern, its name.
type constName struct {
	v    uint64
	name string
}

// flagField is a multi-bit field of a flag set (O_ACCMODE) and the names of its values.
type flagField struct {
	mask   uint64
	values []constName
}

// enumString is the name of v in names (sorted by value), or typ(v); a signed type of
// signedBits bits prints a negative value as such.
func enumString(v uint64, names []constName, typ string, signedBits int) string {
	lo, hi := 0, len(names)
	for lo < hi {
		m := (lo + hi) / 2
		if names[m].v < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(names) && names[lo].v == v {
		return names[lo].name
	}
	n := strconv.FormatUint(v, 10)
	if signedBits > 0 && signedBits < 64 && v>>(signedBits-1)&1 == 1 {
		n = strconv.FormatInt(int64(v)-int64(1)<<signedBits, 10)
	} else if signedBits == 64 {
		n = strconv.FormatInt(int64(v), 10)
	}
	return typ + "(" + n + ")"
}

// flagsString joins the names of v's fields and bits with "|": a field's value first, then
// the names whose bits are all set (wider names first, as the table lists them), then the
// bits left over in hex; "0" for nothing.
func flagsString(v uint64, fields []flagField, names []constName) string {
	var b []byte
	add := func(s string) {
		if len(b) > 0 {
			b = append(b, '|')
		}
		b = append(b, s...)
	}
	for _, f := range fields {
		fv := v & f.mask
		for _, c := range f.values {
			if c.v == fv {
				add(c.name)
				v &^= f.mask
				break
			}
		}
	}
	for _, c := range names {
		if c.v != 0 && v&c.v == c.v {
			add(c.name)
			v &^= c.v
		}
	}
	if v != 0 {
		add("0x" + strconv.FormatUint(v, 16))
	}
	if len(b) == 0 {
		return "0"
	}
	return string(b)
}
