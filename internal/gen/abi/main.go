// Command abi generates the kernel ABI of every arch in Go, from the UAPI headers and
// clang-19 for that arch:
//
//   - ztypes_linux_<arch>.go: every struct a system call takes or returns (the ones that
//     include/linux/syscalls.h names, mapped to their UAPI or kernel definitions, plus the
//     spec's extra list and everything they contain), laid out field by field at clang's
//     offsets, with explicit padding where gc's alignment differs from C's;
//   - zconst_linux_<arch>.go: every integer #define and enum value of the spec's headers,
//     typed where the spec gives the group a distinct type;
//   - zlayout_linux_<arch>_test.go: clang's answers (sizes, alignments, offsets, values) for
//     abi_verify_test.go to compare with what the Go compiler made of the generated code.
//
// Naming: struct X -> CamelCase(X) ("_" splits words; id, fd, pid... in capitals), with _t
// added when X is also a system call's name (Stat_t, Statx_t); the renames of spec.go
// (Timespec for __kernel_timespec, Msghdr for the kernel's user_msghdr...). Fields drop the
// prefix all fields share (st_, tv_) and are CamelCased the same way; C fields starting
// with "__" (padding, reserved) become blank fields. C char is byte on every arch.
//
// Unions: a named union is [size]byte (Raw) aligned with a zero-length array of its
// alignment's integer type, with accessor methods per member; its anonymous struct members
// (bpf_attr's per-command structs) are Go types of their own reached with AsX() pointer
// views. An anonymous union inside a struct is its widest, most aligned member as a real
// field, and accessors (value getters/setters, pointer views) for the other members.
// Bit-fields: a storage field (Bits, Bits1...) of the unit's type with a getter and setter
// per bit-field, whose shift comes from clang's bit offset and the arch's byte order.
//
//	go run ./internal/gen/abi -kernel DIR -out .
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

var kernelDir string

func main() {
	arches.Main(func(a arches.Arch, include, out string) error {
		kernelDir = filepath.Dir(include)
		if only := os.Getenv("ABI_ARCH"); only != "" && only != a.GOARCH {
			return nil // debugging aid: generate one arch only
		}
		return generate(a, include, out)
	})
	if stubs != "" {
		os.RemoveAll(stubs)
	}
}

var (
	sysProto   = regexp.MustCompile(`asmlinkage long sys_(\w+)\(`)
	structRef  = regexp.MustCompile(`\bstruct\s+(\w+)`)
	defineLine = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)([ \t]|$)`)
	includeRe  = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*include[ \t]*<((?:asm|asm-generic)/[\w./-]+)>`)
	enumBody   = regexp.MustCompile(`\benum\b[^{;]*\{([^}]*)\}`)
	enumItem   = regexp.MustCompile(`^\s*([A-Za-z_]\w*)`)
	comments   = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	constName  = regexp.MustCompile(`^[A-Z][A-Z0-9_]*[A-Z0-9]$`)
)

// syscallsH returns the system-call names and the struct tags that syscalls.h names.
func syscallsH() (map[string]bool, []string, error) {
	data, err := os.ReadFile(filepath.Join(kernelDir, "linux-source-7.2/include/linux/syscalls.h"))
	if err != nil {
		return nil, nil, err
	}
	calls := map[string]bool{}
	for _, m := range sysProto.FindAllStringSubmatch(string(data), -1) {
		calls[m[1]] = true
	}
	seen := map[string]bool{}
	var tags []string
	for _, m := range structRef.FindAllStringSubmatch(string(data), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			tags = append(tags, m[1])
		}
	}
	sort.Strings(tags)
	return calls, tags, nil
}

// wanted is the list of records to generate, as C tags, and the syscalls.h tags left out.
func wanted(tags []string) (list []string, left map[string]string) {
	seen := map[string]bool{}
	left = map[string]string{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			list = append(list, t)
		}
	}
	for _, t := range tags {
		if why, ok := internalOnly[t]; ok {
			left[t] = why
			continue
		}
		if u, ok := kernelToUAPI[t]; ok {
			add(u)
			continue
		}
		add(t)
	}
	for _, t := range extraStructs {
		add(t)
	}
	return list, left
}

func generate(a arches.Arch, include, out string) error {
	calls, tags, err := syscallsH()
	if err != nil {
		return err
	}
	want, left := wanted(tags)
	kp, kwhere, korder, err := kernelPrelude(a)
	if err != nil {
		return err
	}
	archPrelude = kp
	// What exists on this arch: a first AST without sizeofs.
	nodes, _, err := astAndLayouts(a, include, nil)
	if err != nil {
		return err
	}
	exists := map[string]string{} // tag -> C type spelling
	for _, n := range nodes {
		if n.Kind == "RecordDecl" && n.CompleteDefinition && n.Name != "" {
			exists[n.Name] = n.TagUsed + " " + n.Name
		}
		if n.Kind == "TypedefDecl" && (n.Type.QualType == "struct "+n.Name || n.Type.QualType == "union "+n.Name) {
			exists[n.Name] = n.Name
		}
	}
	var sizeofs []string
	var missing []string
	for _, t := range want {
		if s, ok := exists[t]; ok {
			sizeofs = append(sizeofs, s)
		} else {
			missing = append(missing, t)
		}
	}
	nodes, lays, err := astAndLayouts(a, include, sizeofs)
	if err != nil {
		return err
	}
	w, err := newWorld(a, nodes, lays, calls)
	if err != nil {
		return err
	}
	for _, s := range sizeofs {
		r := w.records[s]
		if r == nil {
			return fmt.Errorf("%s: %s: not laid out", a.GOARCH, s)
		}
		if _, err := w.emit(r, "", ""); err != nil {
			return err
		}
	}
	consts, err := constants(a, include, w, kwhere, korder)
	if err != nil {
		return err
	}
	if err := writeTypes(a, out, w, missing, left); err != nil {
		return err
	}
	if err := writeConsts(a, out, consts); err != nil {
		return err
	}
	return writeLayoutTest(a, include, out, w, consts)
}

type constant struct {
	name, header, goType string
	value                int64
	negative             bool
}

func (c constant) literal() string {
	if c.negative {
		return fmt.Sprintf("%d", c.value)
	}
	if uint64(c.value) < 10 {
		return fmt.Sprintf("%d", uint64(c.value))
	}
	return fmt.Sprintf("%#x", uint64(c.value))
}

// headerNames returns the #define and enum names that header h declares on arch a,
// following its includes of asm/ and asm-generic/ headers.
func headerNames(a arches.Arch, include, h string, seen map[string]bool) ([]string, error) {
	path := filepath.Join(include, h)
	if strings.HasPrefix(h, "asm/") {
		path = filepath.Join(include, a.Triplet, h)
	}
	if seen[path] {
		return nil, nil
	}
	seen[path] = true
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	text = comments.ReplaceAllString(text, " ")
	var names []string
	for _, m := range defineLine.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	for _, m := range enumBody.FindAllStringSubmatch(text, -1) {
		for _, item := range strings.Split(m[1], ",") {
			if e := enumItem.FindStringSubmatch(item); e != nil {
				names = append(names, e[1])
			}
		}
	}
	for _, m := range includeRe.FindAllStringSubmatch(text, -1) {
		more, err := headerNames(a, include, m[1], seen)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		names = append(names, more...)
	}
	return names, nil
}

func goTypeFor(w *world, name string) string {
	if e, ok := w.enums[name]; ok {
		if t, ok := typedEnums[e]; ok {
			return t
		}
	}
	if signalRe.MatchString(name) && name != "SIGSTKSZ" {
		return "Signal"
	}
	best, typ := "", ""
	for _, g := range typedGroups {
		if strings.HasPrefix(name, g.prefix) && len(g.prefix) > len(best) {
			best, typ = g.prefix, g.goType
		}
	}
	return typ
}

func fits(v int64, neg bool, t string) bool {
	info := goTypes[t]
	if info.signed {
		if info.bits == 64 {
			return true
		}
		lim := int64(1) << (info.bits - 1)
		if neg {
			return v >= -lim
		}
		return uint64(v) < uint64(lim)
	}
	if neg {
		return false
	}
	return info.bits == 64 || uint64(v) < uint64(1)<<info.bits
}

// constants lists every integer constant of the spec's headers with its value on a.
func constants(a arches.Arch, include string, w *world, kwhere map[string]string, korder []string) ([]constant, error) {
	seenFile := map[string]bool{}
	where := map[string]string{}
	var order []string
	for _, h := range headers {
		names, err := headerNames(a, include, h, seenFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a.GOARCH, err)
		}
		for _, n := range names {
			if _, dup := where[n]; dup || !constName.MatchString(n) || strings.HasPrefix(n, "SYS_") ||
				strings.HasSuffix(n, "_H") || strings.HasPrefix(n, "RL_") {
				continue
			}
			where[n] = h
			order = append(order, n)
		}
	}
	for _, n := range korder {
		if _, dup := where[n]; !dup {
			where[n] = "kernel:" + kwhere[n]
			order = append(order, n)
		}
	}
	var exprs []cc.Expr
	for _, n := range order {
		exprs = append(exprs, cc.Expr{Name: "v_" + n, C: n}, cc.Expr{Name: "n_" + n, C: "(" + n + ") < 0"})
	}
	vals, err := evalSome(a, include, exprs)
	if err != nil {
		return nil, err
	}
	var out []constant
	for _, n := range order {
		v, ok := vals["v_"+n]
		neg, ok2 := vals["n_"+n]
		if !ok || !ok2 {
			continue
		}
		c := constant{name: n, header: where[n], value: v, negative: neg == 1}
		if t := goTypeFor(w, n); t != "" && fits(v, c.negative, t) {
			c.goType = t
		}
		out = append(out, c)
	}
	return out, nil
}

func header(b *bytes.Buffer, a arches.Arch, what string) {
	fmt.Fprintf(b, "// Code generated by internal/gen/abi from the kernel's UAPI headers (%s, clang-19); DO NOT EDIT.\n\n", a.Triplet)
	fmt.Fprintf(b, "//go:build linux && %s\n\n", a.GOARCH)
	if what != "" {
		fmt.Fprintf(b, "// %s\n\n", what)
	}
	b.WriteString("package linux\n\n")
}

func writeFile(out, name string, b *bytes.Buffer) error {
	src, err := format.Source(b.Bytes())
	if err != nil {
		os.WriteFile(filepath.Join(os.TempDir(), name+".bad"), b.Bytes(), 0o644)
		return fmt.Errorf("%s: %v", name, err)
	}
	tmp := filepath.Join(out, "."+name+".tmp")
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(out, name))
}

func writeTypes(a arches.Arch, out string, w *world, missing []string, left map[string]string) error {
	var b bytes.Buffer
	header(&b, a, "")
	b.WriteString("import \"unsafe\"\n\n")
	b.WriteString("// Structs that include/linux/syscalls.h names but that get no Go type, and why:\n//\n")
	for _, k := range sortedKeys(left) {
		fmt.Fprintf(&b, "//   - struct %s: %s\n", k, left[k])
	}
	if len(missing) > 0 {
		b.WriteString("//\n// Structs of the spec that this arch's headers do not declare:\n//\n")
		sort.Strings(missing)
		for _, m := range missing {
			fmt.Fprintf(&b, "//   - %s\n", m)
		}
	}
	b.WriteString("\nvar _ unsafe.Pointer\n\n")
	for _, g := range sortedGoTypes(w.emitted) {
		fmt.Fprintf(&b, "// %s is %s: %d bytes, aligned to %d in C.\n", g.name, g.cdesc, g.cSize, g.cAlign)
		fmt.Fprintf(&b, "type %s struct {\n", g.name)
		for _, f := range g.fields {
			if f.comment != "" {
				fmt.Fprintf(&b, "\t%s %s // %s\n", f.name, f.typ, f.comment)
			} else {
				fmt.Fprintf(&b, "\t%s %s\n", f.name, f.typ)
			}
		}
		b.WriteString("}\n\n")
		for _, m := range g.methods {
			b.WriteString(m)
			b.WriteString("\n")
		}
	}
	return writeFile(out, "ztypes_linux_"+a.GOARCH+".go", &b)
}

func writeConsts(a arches.Arch, out string, consts []constant) error {
	var b bytes.Buffer
	header(&b, a, "")
	byHeader := map[string][]constant{}
	for _, c := range consts {
		byHeader[c.header] = append(byHeader[c.header], c)
	}
	groups := append([]string(nil), headers...)
	for _, f := range kernelSrcFiles {
		groups = append(groups, "kernel:"+f)
	}
	for _, h := range groups {
		cs := byHeader[h]
		if len(cs) == 0 {
			continue
		}
		delete(byHeader, h)
		sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
		if f, ok := strings.CutPrefix(h, "kernel:"); ok {
			fmt.Fprintf(&b, "// From the kernel's %s (not in the UAPI headers).\nconst (\n", f)
		} else {
			fmt.Fprintf(&b, "// From <%s>.\nconst (\n", h)
		}
		for _, c := range cs {
			if c.goType != "" {
				fmt.Fprintf(&b, "\t%s %s = %s\n", c.name, c.goType, c.literal())
			} else {
				fmt.Fprintf(&b, "\t%s = %s\n", c.name, c.literal())
			}
		}
		b.WriteString(")\n\n")
	}
	return writeFile(out, "zconst_linux_"+a.GOARCH+".go", &b)
}

func writeLayoutTest(a arches.Arch, include, out string, w *world, consts []constant) error {
	accs, err := accessorBytes(a, include, sortedGoTypes(w.emitted))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	header(&b, a, "")
	b.WriteString("import \"reflect\"\n\n")
	b.WriteString("// abiLayouts is what clang says about every generated struct on this arch.\nvar abiLayouts = []abiLayout{\n")
	for _, g := range sortedGoTypes(w.emitted) {
		fmt.Fprintf(&b, "\t{%q, reflect.TypeFor[%s](), %d, %d, %v, []abiField{", g.name, g.name, g.cSize, g.cAlign, g.packed)
		for _, f := range g.fields {
			if f.name == "_" {
				continue
			}
			fmt.Fprintf(&b, "{%q, %d, %d}, ", f.name, f.off, f.size)
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n\n// abiAccessors is what clang says each accessor method's setter must write.\nvar abiAccessors = []abiAccessor{\n")
	for _, r := range accs {
		fmt.Fprintf(&b, "\t{reflect.TypeFor[%s](), %q, %q, %#x, %q},\n", r.g.name, r.c.set, r.c.get, r.c.value, sparse(r.bytes))
	}
	b.WriteString("}\n\n// abiConsts is what clang says about every generated constant on this arch.\nvar abiConsts = []abiConst{\n")
	for _, c := range consts {
		expr := c.name
		if c.goType == "" {
			if c.negative {
				expr = "int64(" + c.name + ")"
			} else {
				expr = "uint64(" + c.name + ")"
			}
		}
		fmt.Fprintf(&b, "\t{%q, abiBits(%s), %#x},\n", c.name, expr, uint64(c.value))
	}
	b.WriteString("}\n")
	return writeFile(out, "zlayout_linux_"+a.GOARCH+"_test.go", &b)
}
