package main

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
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

var stdinLine = regexp.MustCompile(`<stdin>:(\d+):\d+: error`)

func accessorBytes(a arches.Arch, include string, types []*goType) ([]accResult, error) {
	var items []accResult
	for _, g := range types {
		if g.crec == "" {
			continue
		}
		for _, c := range g.checks {
			items = append(items, accResult{g: g, c: c})
		}
	}
	live := make([]int, len(items))
	for i := range live {
		live[i] = i
	}
	tmp, err := os.MkdirTemp("", "rawlinux-abi-acc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	obj := filepath.Join(tmp, "acc.o")
	for round := 0; round < 10; round++ {
		var body strings.Builder
		base := strings.Count(source(""), "\n") + 1
		for _, i := range live {
			it := items[i]
			val := fmt.Sprintf("%#xULL", it.c.value)
			if it.c.bits > 0 {
				val = "~0ULL"
			}
			fmt.Fprintf(&body, "union { %s s; unsigned char b[sizeof(%s)]; } rl_chk_%d = { .s = { .%s = %s } };\n", it.g.crec, it.g.crec, i, it.c.member, val)
		}
		_, errs, err := clang(a, include, source(body.String()), "-c", "-O0", "-fno-common", "-o", obj)
		if err != nil {
			bad := map[int]bool{}
			for _, m := range stdinLine.FindAllStringSubmatch(string(errs), -1) {
				n, _ := strconv.Atoi(m[1])
				bad[n-base] = true
			}
			if len(bad) == 0 {
				return nil, fmt.Errorf("%s: accessor check: %s", a.GOARCH, cc.FirstLines(string(errs), 20))
			}
			var keep []int
			for j, i := range live {
				if !bad[j] {
					keep = append(keep, i)
				}
			}
			live = keep
			continue
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
				return nil, fmt.Errorf("%s: accessor check: no bytes for %s.%s", a.GOARCH, items[i].g.name, items[i].c.set)
			}
			it := items[i]
			it.bytes = b
			out = append(out, it)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: accessor check: too many rounds", a.GOARCH)
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
