package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

// write turns every arch's result into items and lets gofile.Split write the root
// package's ztypes_linux*.go and zconst_linux*.go and internal/abitest's
// zlayout_linux*_test.go.
func write(out string, res map[string]*archResult) error {
	from := func(s gofile.Set) string {
		return gofile.Header("abi", "the kernel's UAPI headers for "+s.Describe()+" (clang-19)")
	}
	types, err := typeItems(res)
	if err != nil {
		return err
	}
	if _, err := gofile.Split(gofile.File{Dir: out, Base: "ztypes", Package: "linux", Header: from}, types); err != nil {
		return err
	}
	if _, err := gofile.Split(gofile.File{Dir: out, Base: "zconst", Package: "linux", Header: from}, constItems(res)); err != nil {
		return err
	}
	if _, err := gofile.Split(gofile.File{Dir: out, Base: "zstring", Package: "linux", Header: from}, stringItems(res)); err != nil {
		return err
	}
	return writeTables(gofile.File{Dir: filepath.Join(out, "internal", "abitest"), Base: "zlayout", Package: "abitest", Test: true, Header: from,
		Doc: func(gofile.Set) string {
			return "What clang says about the generated ABI (see abi_linux_test.go): every struct's size,\nalignment and named fields (offset, size, C type), the bytes each accessor's C\ncounterpart writes, every constant's value."
		}}, layoutItems(res))
}

// tableLine is one entry of internal/abitest's tables as gofile.Split writes it: a spec
// of a var block, _ = kind(entry).
var tableLine = regexp.MustCompile(`^\t_ = (layout|accessor|value|text)\((.*)\)$`)

// writeTables writes internal/abitest's tables split by gofile.Split, with each var block
// of entries turned into one slice of static data and one registration (tens of thousands
// of init-time calls would take gc minutes to compile; a composite literal of constants is
// data).
func writeTables(f gofile.File, items map[string][]gofile.Item) error {
	dir := f.Dir
	tmp, err := os.MkdirTemp("", "rawlinux-abi-tables-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	f.Dir = tmp
	names, err := gofile.Split(f, items)
	if err != nil {
		return err
	}
	kinds := map[string]string{"layout": "abiLayout", "accessor": "abiAccessor", "value": "abiConst", "text": "abiString"}
	written := map[string]bool{}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			return err
		}
		set := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSuffix(name, "_test.go"), f.Base+"_linux"), "_")
		if set == "" {
			set = "all"
		}
		var out []string
		lines := strings.Split(string(data), "\n")
		for i := 0; i < len(lines); i++ {
			if lines[i] != "var (" || i+1 >= len(lines) || tableLine.FindStringSubmatch(lines[i+1]) == nil {
				out = append(out, lines[i])
				continue
			}
			kind := tableLine.FindStringSubmatch(lines[i+1])[1]
			v := kind + "Table_" + set
			out = append(out, fmt.Sprintf("var %s = [...]%s{", v, kinds[kind]))
			for i++; i < len(lines) && lines[i] != ")"; i++ {
				m := tableLine.FindStringSubmatch(lines[i])
				if m == nil || m[1] != kind {
					return fmt.Errorf("%s: unexpected table line %q", name, lines[i])
				}
				out = append(out, "\t"+m[2]+",")
			}
			out = append(out, "}", "", fmt.Sprintf("var _ = %ss(%s[:])", kind, v))
		}
		if err := gofile.Write(filepath.Join(dir, name), []byte(strings.Join(out, "\n"))); err != nil {
			return err
		}
		written[name] = true
	}
	for _, s := range gofile.Sets {
		name := s.FileName(f.Base, f.Test)
		if !written[name] {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

var (
	secTypes = gofile.Section{Doc: "The distinct types of the typed constant groups (internal/gen/abi/spec): a value of\none kind does not go where another is expected without a conversion (OpenFlags(x)).", Block: ""}
	secLeft  = gofile.Section{Block: ""}
	secRecs  = gofile.Section{Block: ""}
)

// typeItems are the declarations of ztypes: the distinct types, the lists of what is left
// out, and every struct with its methods, one item per declaration.
func typeItems(res map[string]*archResult) (map[string][]gofile.Item, error) {
	// A struct's doc comment states its C size and alignment where every arch that shares
	// its Go declaration agrees on them.
	sizeNote := map[string]string{} // name + "\x00" + decl -> note
	for _, a := range arches.All {
		for _, g := range res[a.GOARCH].types {
			k := g.name + "\x00" + g.decl()
			n := fmt.Sprintf(": %d bytes, aligned to %d in C", g.cSize, g.cAlign)
			if old, ok := sizeNote[k]; ok && old != n {
				n = " (its size and alignment follow the arch)"
			} else if ok {
				n = old
			}
			sizeNote[k] = n
		}
	}
	items := map[string][]gofile.Item{}
	for _, a := range arches.All {
		r := res[a.GOARCH]
		var l []gofile.Item
		for _, t := range spec.Types {
			l = append(l, gofile.Item{Section: secTypes, Key: t.Name, Text: docComment(t.Doc) + "type " + t.Name + " " + t.Underlying})
		}
		var b strings.Builder
		b.WriteString("// Structs that include/linux/syscalls.h names but that get no Go type, and why:\n//\n")
		for _, k := range sortedKeys(r.left) {
			fmt.Fprintf(&b, "//   - struct %s: %s\n", k, r.left[k])
		}
		l = append(l, gofile.Item{Section: secLeft, Key: "·left", Text: b.String()})
		if len(r.missing) > 0 {
			b.Reset()
			b.WriteString("// Structs of the spec that these arches' headers do not declare:\n//\n")
			for _, m := range r.missing {
				fmt.Fprintf(&b, "//   - %s\n", m)
			}
			l = append(l, gofile.Item{Section: secLeft, Key: "·missing", Text: b.String()})
		}
		for _, g := range r.types {
			decl := g.decl()
			imps := []string{"structs"}
			doc := fmt.Sprintf("// %s is %s%s.\n", g.name, g.cdesc, sizeNote[g.name+"\x00"+decl])
			l = append(l, gofile.Item{Section: secRecs, Key: g.name, Text: doc + decl, Imports: imps})
			for _, m := range g.methods {
				var imps []string
				if strings.Contains(m.text, "unsafe.") {
					imps = []string{"unsafe"}
				}
				l = append(l, gofile.Item{Section: secRecs, Key: g.name + "." + m.name, Text: m.text, Imports: imps})
			}
		}
		items[a.GOARCH] = l
	}
	return items, nil
}

// decl is the type declaration of g without its doc comment. Every struct starts with
// structs.HostLayout: its layout is the platform's, as C's.
func (g *goType) decl() string {
	var b strings.Builder
	fmt.Fprintf(&b, "type %s struct {\n\t_ structs.HostLayout\n", g.name)
	for _, f := range g.fields {
		if f.comment != "" {
			fmt.Fprintf(&b, "\t%s %s // %s\n", f.name, f.typ, f.comment)
		} else {
			fmt.Fprintf(&b, "\t%s %s\n", f.name, f.typ)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// constItems are the constants, in one const block per header.
func constItems(res map[string]*archResult) map[string][]gofile.Item {
	groups := append([]string(nil), spec.Headers...)
	for _, a := range arches.All {
		for _, h := range spec.ArchHeaders[a.GOARCH] {
			groups = append(groups, h)
		}
	}
	groups = append(groups, spec.FamilyHeaders...)
	for _, a := range arches.All {
		groups = append(groups, spec.FamilyArchHeaders[a.GOARCH]...)
	}
	for _, f := range kernelSrcFiles {
		groups = append(groups, "kernel:"+f)
	}
	items := map[string][]gofile.Item{}
	for _, a := range arches.All {
		byHeader := map[string][]constant{}
		for _, c := range res[a.GOARCH].consts {
			byHeader[c.header] = append(byHeader[c.header], c)
		}
		var l []gofile.Item
		for _, h := range groups {
			cs := byHeader[h]
			if len(cs) == 0 {
				continue
			}
			delete(byHeader, h)
			sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
			sec := gofile.Section{Doc: "From <" + h + ">.", Block: "const"}
			if f, ok := strings.CutPrefix(h, "kernel:"); ok {
				sec.Doc = "From the kernel's " + f + " (not in the UAPI headers)."
			}
			for _, c := range cs {
				text := c.name + " = " + c.literal()
				if c.goType != "" {
					text = c.name + " " + c.goType + " = " + c.literal()
				}
				l = append(l, gofile.Item{Section: sec, Key: c.name, Text: text})
			}
		}
		if len(byHeader) > 0 {
			panic(fmt.Sprintf("abi: %s: constants of no group: %v", a.GOARCH, sortedKeys(byHeader)))
		}
		items[a.GOARCH] = l
	}
	return items
}

var (
	secLayouts   = gofile.Section{Doc: "Structs: name, Go type (a nil pointer to it), C size and alignment, packed, and each\nnamed field's offset, size and C type (abiField).", Block: "var"}
	secAccessors = gofile.Section{Doc: "Accessors: the Go type (a nil pointer to it), setter, getter, the value set, the nonzero\nbytes C has after setting the member to it in a zero object, and the member's C type.", Block: "var"}
	secStrConsts = gofile.Section{Doc: "String constants: name, the Go value, clang's value.", Block: "var"}
	secConsts    = gofile.Section{Doc: "Constants: name, the Go value as uint64 (or 0) and as int64 if negative (or 0), clang's value\n(its 64-bit pattern).", Block: "var"}
)

// layoutItems are the entries of internal/abitest's tables.
func layoutItems(res map[string]*archResult) map[string][]gofile.Item {
	items := map[string][]gofile.Item{}
	imps := []string{"github.com/rawlinux/linux"}
	for _, a := range arches.All {
		r := res[a.GOARCH]
		var l []gofile.Item
		for _, g := range r.types {
			var b strings.Builder
			fmt.Fprintf(&b, "_ = layout(abiLayout{%q, (*linux.%s)(nil), %d, %d, %v, []abiField{", g.name, g.name, g.cSize, g.cAlign, g.packed)
			for _, f := range g.fields {
				if f.name == "_" {
					continue
				}
				fmt.Fprintf(&b, "{%q, %d, %d, %q}, ", f.name, f.off, f.size, f.ctype)
			}
			b.WriteString("}})")
			l = append(l, gofile.Item{Section: secLayouts, Key: g.name, Text: b.String(), Imports: imps})
		}
		for _, x := range r.accs {
			l = append(l, gofile.Item{Section: secAccessors, Key: x.g.name + "." + x.c.set,
				Text:    fmt.Sprintf("_ = accessor(abiAccessor{(*linux.%s)(nil), %q, %q, %#x, %q, %q})", x.g.name, x.c.set, x.c.get, x.c.value, sparse(x.bytes), x.c.ctype),
				Imports: imps})
		}
		for _, c := range r.consts {
			if c.isString {
				l = append(l, gofile.Item{Section: secStrConsts, Key: c.name,
					Text: fmt.Sprintf("_ = text(abiString{%q, linux.%s, %s})", c.name, c.name, c.literal()), Imports: []string{"github.com/rawlinux/linux"}})
				continue
			}
			// The Go constant converted (a constant expression, so the table is data): to
			// uint64 if it is not negative, else to int64 (got is then 0).
			pos, neg := "uint64(linux."+c.name+")", "0"
			if c.negative {
				pos, neg = "0", "int64(linux."+c.name+")"
			}
			l = append(l, gofile.Item{Section: secConsts, Key: c.name,
				Text: fmt.Sprintf("_ = value(abiConst{%q, %s, %s, %#x})", c.name, pos, neg, uint64(c.value)), Imports: []string{"github.com/rawlinux/linux"}})
		}
		items[a.GOARCH] = l
	}
	return items
}

// docComment formats text as a doc comment, wrapped at 92 columns.
func docComment(text string) string {
	var b strings.Builder
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 92 && line != "//" {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}
