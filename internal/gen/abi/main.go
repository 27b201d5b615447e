// Command abi generates the kernel ABI of every arch in Go, from the UAPI headers and
// clang-19 for that arch, and the tables that verify it:
//
//   - ztypes_linux*.go (package linux): the distinct types of the typed constant groups, and
//     every struct a system call takes or returns (the ones that include/linux/syscalls.h
//     names, mapped to their UAPI or kernel definitions, plus the spec's extra lists and
//     everything they contain), laid out field by field at clang's offsets, with explicit
//     padding where gc's alignment differs from C's;
//   - zconst_linux*.go (package linux): every integer #define and enum value of the spec's
//     headers, typed where the spec gives the group a distinct type;
//   - internal/abitest/zlayout_linux*_test.go: clang's answers (sizes, alignments, field
//     offsets, sizes and C types, the bytes behind each accessor, constant values) that
//     internal/abitest compares with what the Go compiler made of the generated code.
//
// Each is split by gofile.Split: what is the same on all 13 arches in the _linux.go file,
// what an arch family shares in the family's file, the rest per arch.
//
// The spec (internal/gen/abi/spec) says which headers and structs, and names everything:
// struct X -> CamelCase(X) with _t added when X is also a system call's name (Stat_t), the
// renames (Timespec for __kernel_timespec, Msghdr for the kernel's user_msghdr...); fields
// drop the prefix all fields share (st_, tv_) and are CamelCased the same way; C fields
// starting with "__" (padding, reserved) become blank fields. C char is byte on every arch.
//
// Unions: a named union is [size]byte (Raw) aligned with a zero-length array of its
// alignment's integer type, with accessor methods per member; its anonymous struct members
// (bpf_attr's per-command structs) are Go types of their own reached through pointer views
// named by spec.UnionViews (MapCreate()). An anonymous union inside a struct is its widest,
// most aligned member as a real field, and accessors (value getters/setters, pointer views)
// for the other members. Bit-fields: a storage field (Bits, Bits1...) of the unit's type
// with a getter and setter per bit-field, whose shift comes from clang's bit offset and the
// arch's byte order.
//
//	go run ./internal/gen/abi -kernel DIR -out .
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
)

func main() {
	d := arches.Flags()
	res := map[string]*archResult{}
	for _, a := range arches.All {
		r, err := generate(a, d)
		if err != nil {
			fatal(err)
		}
		res[a.GOARCH] = r
	}
	if err := typeRequests(res); err != nil {
		fatal(err)
	}
	if err := write(d.Out, res); err != nil {
		fatal(err)
	}
	os.RemoveAll(stubs)
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func fatal(err error) {
	os.RemoveAll(stubs)
	fmt.Fprintln(os.Stderr, "abi:", err)
	os.Exit(1)
}

var (
	sysProto   = regexp.MustCompile(`asmlinkage long sys_(\w+)\(`)
	structRef  = regexp.MustCompile(`\bstruct\s+(\w+)`)
	defineLine = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)([ \t]|$)`)
	includeRe  = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*include[ \t]*<((?:asm|asm-generic)/[\w./-]+)>`)
	enumBody   = regexp.MustCompile(`\benum\b[^{;]*\{([^}]*)\}`)
	enumItem   = regexp.MustCompile(`^\s*([A-Za-z_]\w*)`)
	comments   = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	constName  = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*[A-Za-z0-9]$`)
	directive  = regexp.MustCompile(`(?m)^[ \t]*#.*$`)
)

// syscallNames returns the names of every system call: the prototypes of
// include/linux/syscalls.h and the rows of every arch's table (riscv_hwprobe has no
// prototype there), so that a struct's Go name does not depend on the arch.
func syscallNames(d arches.Dirs) (map[string]bool, error) {
	data, err := os.ReadFile(filepath.Join(d.Tree, "include/linux/syscalls.h"))
	if err != nil {
		return nil, err
	}
	calls := map[string]bool{}
	for _, m := range sysProto.FindAllStringSubmatch(string(data), -1) {
		calls[m[1]] = true
	}
	for _, a := range arches.All {
		tbl, err := os.ReadFile(filepath.Join(d.Tree, a.Table))
		if err != nil {
			return nil, err
		}
		abis := map[string]bool{}
		for _, x := range a.ABIs {
			abis[x] = true
		}
		for _, line := range strings.Split(string(tbl), "\n") {
			if f := strings.Fields(line); len(f) >= 3 && !strings.HasPrefix(f[0], "#") && abis[f[1]] {
				calls[f[2]] = true
			}
		}
	}
	return calls, nil
}

// syscallsHTags returns the struct tags that include/linux/syscalls.h names, sorted.
func syscallsHTags(d arches.Dirs) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(d.Tree, "include/linux/syscalls.h"))
	if err != nil {
		return nil, err
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
	return tags, nil
}

// wanted is the list of records to generate on arch a, as C tags, and the syscalls.h tags
// left out with the reason.
func wanted(a arches.Arch, tags []string) (list []string, left map[string]string) {
	seen := map[string]bool{}
	left = map[string]string{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			list = append(list, t)
		}
	}
	for _, t := range tags {
		if why, ok := spec.InternalOnly[t]; ok {
			left[t] = why
			continue
		}
		if u, ok := spec.KernelToUAPI[t]; ok {
			add(u)
			continue
		}
		add(t)
	}
	for _, t := range spec.ExtraStructs {
		add(t)
	}
	for _, t := range spec.ArchStructs[a.GOARCH] {
		add(t)
	}
	return list, left
}

// archResult is what one arch's headers give.
type archResult struct {
	a       arches.Arch
	types   []*goType // sorted by name
	consts  []constant
	accs    []accResult
	ioctl   ioctlInfo         // what tells the ioctl requests (typeRequests)
	missing []string          // spec structs this arch lacks, sorted
	left    map[string]string // syscalls.h structs without a Go type, and why
}

func generate(a arches.Arch, d arches.Dirs) (*archResult, error) {
	calls, err := syscallNames(d)
	if err != nil {
		return nil, err
	}
	tags, err := syscallsHTags(d)
	if err != nil {
		return nil, err
	}
	want, left := wanted(a, tags)
	kp, kwhere, korder, err := kernelPrelude(a, d.Tree)
	if err != nil {
		return nil, err
	}
	fp, err := familyPrelude(a, d.Tree)
	if err != nil {
		return nil, err
	}
	kp += fp
	fam, err := familyRecords(a, d.Include)
	if err != nil {
		return nil, err
	}
	famSet := map[string]bool{}
	for _, same := range spec.SameStructs {
		fam = append(fam, strings.TrimPrefix(same, "struct "))
	}
	for _, t := range append(fam, spec.PtraceRegs[a.GOARCH]) {
		if !famSet[t] && !contains(want, t) {
			want = append(want, t)
		}
		famSet[t] = true
	}
	u := newUnit(a, d.Include, kp)
	// What exists on this arch: a first AST without sizeofs.
	nodes, _, err := u.astAndLayouts(nil)
	if err != nil {
		return nil, err
	}
	exists := map[string]string{} // tag -> C type spelling
	for _, n := range nodes {
		if n.Kind == "RecordDecl" && n.CompleteDefinition && n.Name != "" {
			exists[n.Name] = n.TagUsed + " " + n.Name
		}
		if _, tagged := exists[n.Name]; !tagged && n.Kind == "TypedefDecl" && (n.Type.QualType == "struct "+n.Name || n.Type.QualType == "union "+n.Name) {
			exists[n.Name] = n.Name // typedef struct {...} name (typedef struct name {...} name keeps the tag)
		}
	}
	var sizeofs []string
	var missing []string
	for _, t := range want {
		if s, ok := exists[t]; ok {
			sizeofs = append(sizeofs, s)
		} else if !famSet[t] {
			missing = append(missing, t) // a record of StructHeaders inside #if is not missing
		}
	}
	sort.Strings(missing)
	nodes, lays, err := u.astAndLayouts(sizeofs)
	if err != nil {
		return nil, err
	}
	w, err := newWorld(a, nodes, lays, calls)
	if err != nil {
		return nil, err
	}
	if w.enumGo, err = u.enumTypes(nodes); err != nil {
		return nil, err
	}
	for _, s := range sizeofs {
		r := w.records[s]
		if r == nil {
			return nil, fmt.Errorf("%s: %s: not laid out", a.GOARCH, s)
		}
		if _, err := w.emit(r, "", ""); err != nil {
			return nil, err
		}
	}
	types := sortedGoTypes(w.emitted)
	if err := u.fieldTypes(types); err != nil {
		return nil, err
	}
	consts, err := u.constants(w, kwhere, korder)
	if err != nil {
		return nil, err
	}
	accs, err := u.accessorBytes(types)
	if err != nil {
		return nil, err
	}
	io, err := u.ioctlInfo()
	if err != nil {
		return nil, err
	}
	return &archResult{a: a, types: types, consts: consts, accs: accs, ioctl: io, missing: missing, left: left}, nil
}

type constant struct {
	name, header, goType string
	value                int64
	negative             bool
	isString             bool // a string constant (ETHTOOL_GENL_NAME), its value in str
	str                  string
}

func (c constant) literal() string {
	if c.isString {
		return strconv.Quote(c.str)
	}
	if c.negative {
		return fmt.Sprintf("%d", c.value)
	}
	if uint64(c.value) < 10 {
		return fmt.Sprintf("%d", uint64(c.value))
	}
	return fmt.Sprintf("%#x", uint64(c.value))
}

// aliasLine is a #define of one name as another (#define MAP_RENAME MAP_ANONYMOUS).
var aliasLine = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+\(?([A-Za-z_]\w*)\)?[ \t]*$`)

// aliasNames are, per arch, the constants the headers define as another name: where
// several names share a value, String prints the one defined by value.
var aliasNames = map[string]map[string]bool{}

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
	for _, m := range aliasLine.FindAllStringSubmatch(text, -1) {
		if aliasNames[a.GOARCH] == nil {
			aliasNames[a.GOARCH] = map[string]bool{}
		}
		aliasNames[a.GOARCH][m[1]] = true
	}
	for _, m := range enumBody.FindAllStringSubmatch(text, -1) {
		// Without the directives inside the body (if_link.h's #define IFLA_COST IFLA_COST).
		for _, item := range strings.Split(directive.ReplaceAllString(m[1], ""), ",") {
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

// renamed is the Go name of constant n of header h: the spec's ConstRenames, else n.
func renamed(h, n string) string {
	for _, r := range spec.ConstRenames {
		if r.Header == h && strings.HasPrefix(n, r.From) {
			return r.To + strings.TrimPrefix(n, r.From)
		}
	}
	return n
}

// constType is the Go type of constant name on this arch ("" for untyped), if its value fits.
func constType(w *world, name string, v int64, negative bool) string {
	t := spec.ConstType(name, w.enums[name])
	if t == "" {
		return ""
	}
	st, ok := spec.Lookup(t)
	if !ok {
		panic("spec: no Type " + t)
	}
	if !st.Fits(v, negative) {
		return ""
	}
	return t
}

// constants lists every integer constant of the spec's headers with its value on a.
func (u *unit) constants(w *world, kwhere map[string]string, korder []string) ([]constant, error) {
	seenFile := map[string]bool{}
	where := map[string]string{}
	goName := map[string]string{} // C name -> Go name, for the spec's ConstRenames
	var order []string
	for _, h := range u.headers {
		names, err := headerNames(u.a, u.include, h, seenFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", u.a.GOARCH, err)
		}
		for _, n := range names {
			if g := renamed(h, n); g != n {
				if _, dup := where[n]; !dup && constName.MatchString(n) {
					where[n] = h
					goName[n] = g
					order = append(order, n)
				}
				continue
			}
			_, underscore := spec.UnderscoreNames[n]
			if _, dup := where[n]; dup || !(constName.MatchString(n) || underscore) || strings.HasPrefix(n, "SYS_") ||
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
	vals, err := u.evalSome(exprs)
	if err != nil {
		return nil, err
	}
	var out []constant
	var notInt []string
	for _, n := range order {
		v, ok := vals["v_"+n]
		neg, ok2 := vals["n_"+n]
		if !ok || !ok2 {
			notInt = append(notInt, n)
			continue
		}
		name := n
		if g, ok := goName[n]; ok {
			name = g
		} else if g, ok := spec.UnderscoreNames[n]; ok {
			name = g // the C name is what clang evaluated; Go spells it without the underscores
		}
		c := constant{name: name, header: where[n], value: int64(v), negative: neg == 1}
		c.goType = constType(w, name, c.value, c.negative)
		out = append(out, c)
	}
	strs, err := u.stringConstants(notInt, where)
	if err != nil {
		return nil, err
	}
	return append(out, strs...), nil
}
