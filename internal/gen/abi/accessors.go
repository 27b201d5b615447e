package main

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rawlinux/linux/internal/gen/cc"
)

// The accessor methods (union members, bit-fields, unaligned fields) are checked against C
// by bytes: for each one, clang compiles a zero object of the C type with that member set
// (a bit-field to all ones, an integer to 0x8877665544332211 truncated), and the generator
// reads the object's bytes from the ELF file. The test sets the same value with the Go
// setter on a zero Go value and compares the bytes, then reads it back with the getter.

type accResult struct {
	g     *goType
	c     accCheck
	bytes []byte
}

func (u *unit) accessorBytes(types []*goType) ([]accResult, error) {
	var items []accResult
	for _, g := range types {
		if g.crec == "" {
			continue
		}
		for _, c := range g.checks {
			items = append(items, accResult{g: g, c: c})
		}
	}
	// What clang says each member is (bit-fields: typeof and sizeof do not apply).
	var fields []goField
	var idx []int
	for i, it := range items {
		if it.c.bits == 0 {
			fields = append(fields, goField{cexpr: "(*(" + it.g.crec + " *)0)." + it.c.member})
			idx = append(idx, i)
		}
	}
	if err := u.fieldTypes([]*goType{{fields: fields}}); err != nil {
		return nil, err
	}
	for j, i := range idx {
		items[i].c.ctype = fields[j].ctype
	}
	tmp, err := os.MkdirTemp("", "rawlinux-abi-acc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	obj := filepath.Join(tmp, "acc.o")
	lines := make([]string, len(items))
	for i, it := range items {
		val := fmt.Sprintf("%#xULL", it.c.value)
		if it.c.bits > 0 {
			val = "~0ULL"
		}
		lines[i] = fmt.Sprintf("union { %s s; unsigned char b[sizeof(%s)]; } rl_chk_%d = { .s = { .%s = %s } };", it.g.crec, it.g.crec, i, it.c.member, val)
	}
	_, live, err := cc.CompileSome(u.a, u.include, []string{stubDir()}, u.source(""), lines, "-c", "-O0", "-fno-common", "-o", obj)
	if err != nil {
		return nil, fmt.Errorf("%s: accessor check: %v", u.a.GOARCH, err)
	}
	f, err := elf.Open(obj)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		return nil, err
	}
	got := map[string][]byte{}
	for _, s := range syms {
		if !strings.HasPrefix(s.Name, "rl_chk_") || int(s.Section) >= len(f.Sections) {
			continue
		}
		sec := f.Sections[s.Section]
		data, err := sec.Data()
		if err != nil || s.Value+s.Size > uint64(len(data)) {
			continue
		}
		got[s.Name] = bytes.Clone(data[s.Value : s.Value+s.Size])
	}
	var out []accResult
	for _, i := range live {
		b, ok := got[fmt.Sprintf("rl_chk_%d", i)]
		if !ok {
			return nil, fmt.Errorf("%s: accessor check: no bytes for %s.%s", u.a.GOARCH, items[i].g.name, items[i].c.set)
		}
		it := items[i]
		it.bytes = b
		out = append(out, it)
	}
	return out, nil
}

// sparse writes the nonzero bytes of b as "offset:hex" pairs.
func sparse(b []byte) string {
	var parts []string
	for i, c := range b {
		if c != 0 {
			parts = append(parts, fmt.Sprintf("%d:%02x", i, c))
		}
	}
	return strings.Join(parts, " ")
}
