// Command errno generates package raw's E* constants and the tables of their names and
// messages (raw/zerrno_linux*.go), and package linux's re-exports of the constants
// (zerrno_linux*.go), from the kernel's UAPI errno headers of every arch. The values come
// from clang for the arch; the messages are the comments beside each #define. The files are
// split by gofile.Split: the errnos all arches share in zerrno_linux.go, the generic
// numbering's tables in zerrno_linux_generic.go, mips's and powerpc's in theirs.
//
//	go run ./internal/gen/errno -kernel DIR -out .
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/internal/gen/cc"
	"github.com/rawlinux/linux/internal/gen/gofile"
)

var defineRe = regexp.MustCompile(`^#define\s+(E[A-Z0-9]+)\s+(\w+)\s*(?:/\*\s*(.*?)\s*\*/)?`)

type errno struct {
	name, msg string
	value     uint64
}

func main() {
	d := arches.Flags()
	tables := map[string]table{}
	for _, a := range arches.All {
		t, err := read(a, d.Include)
		if err != nil {
			log.Fatal(err)
		}
		tables[a.GOARCH] = t
	}
	if err := write(d.Out, tables); err != nil {
		log.Fatal(err)
	}
}

// headerDefines reads the #defines of the errno headers that apply to a, in the order the
// kernel includes them, keeping each name's first definition position and last comment.
func headerDefines(a arches.Arch, include string) (order []string, msgs map[string]string, err error) {
	files := []string{"asm-generic/errno-base.h", "asm-generic/errno.h", a.Triplet + "/asm/errno.h"}
	msgs = map[string]string{}
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(include, f))
		if err != nil {
			return nil, nil, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			m := defineRe.FindStringSubmatch(line)
			if m == nil || strings.HasPrefix(m[1], "E_") || strings.HasSuffix(m[1], "_H") {
				continue
			}
			if !seen[m[1]] {
				seen[m[1]] = true
				order = append(order, m[1])
			}
			if m[3] != "" {
				msgs[m[1]] = m[3]
			}
		}
	}
	return order, msgs, nil
}

// table is one arch's errnos, by name, and the name and message of each number (the
// first definition of a number names it).
type table struct {
	byName          []errno
	names, messages []string
}

func read(a arches.Arch, include string) (table, error) {
	order, msgs, err := headerDefines(a, include)
	if err != nil {
		return table{}, err
	}
	exprs := make([]cc.Expr, len(order))
	for i, n := range order {
		exprs[i] = cc.Expr{Name: n, C: n}
	}
	vals, err := cc.Eval(a, include, []string{"linux/errno.h"}, "", exprs)
	if err != nil {
		return table{}, err
	}
	var list []errno
	max := uint64(0)
	for _, n := range order {
		v := vals[n]
		list = append(list, errno{name: n, msg: msgs[n], value: v})
		if v > max {
			max = v
		}
	}
	t := table{names: make([]string, max+1), messages: make([]string, max+1)}
	for _, e := range list {
		if t.names[e.value] == "" {
			t.names[e.value] = e.name
			t.messages[e.value] = e.msg
		}
	}
	t.byName = append([]errno(nil), list...)
	sort.Slice(t.byName, func(i, j int) bool { return t.byName[i].name < t.byName[j].name })
	return t, nil
}

var (
	secConsts = gofile.Section{Doc: "Error numbers.", Block: "const"}
	secTables = gofile.Section{Block: ""}
	secLinux  = gofile.Section{Doc: "Error numbers (see package raw).", Block: "const"}
)

// items are raw's declarations and the root package's re-exports for table t.
func (t table) items() (raw, linux []gofile.Item) {
	for _, e := range t.byName {
		text := fmt.Sprintf("%s Errno = %d // %s", e.name, e.value, e.msg)
		if e.msg == "" {
			text = fmt.Sprintf("%s Errno = %d // same as %s", e.name, e.value, t.names[e.value])
		}
		raw = append(raw, gofile.Item{Section: secConsts, Key: e.name, Text: text})
		linux = append(linux, gofile.Item{Section: secLinux, Key: e.name, Text: e.name + " = raw." + e.name, Imports: []string{"github.com/rawlinux/linux/raw"}})
	}
	var b strings.Builder
	b.WriteString("// errnoNames are the kernel's names of the error numbers.\nvar errnoNames = [...]string{\n")
	for v, n := range t.names {
		if n != "" {
			fmt.Fprintf(&b, "\t%d: %q,\n", v, n)
		}
	}
	b.WriteString("}\n")
	raw = append(raw, gofile.Item{Section: secTables, Key: "errnoNames", Text: b.String()})
	b.Reset()
	b.WriteString("// errnoMessages are the kernel's descriptions of the error numbers.\nvar errnoMessages = [...]string{\n")
	for v, m := range t.messages {
		if t.names[v] != "" {
			fmt.Fprintf(&b, "\t%d: %q,\n", v, m)
		}
	}
	b.WriteString("}\n")
	raw = append(raw, gofile.Item{Section: secTables, Key: "errnoMessages", Text: b.String()})
	return raw, linux
}

func write(out string, tables map[string]table) error {
	raw, linux := map[string][]gofile.Item{}, map[string][]gofile.Item{}
	for a, t := range tables {
		raw[a], linux[a] = t.items()
	}
	hdr := func(s gofile.Set) string {
		return gofile.Header("errno", "the kernel's UAPI errno headers for "+s.Describe())
	}
	if _, err := gofile.Split(gofile.File{Dir: filepath.Join(out, "raw"), Base: "zerrno", Package: "raw", Header: hdr}, raw); err != nil {
		return err
	}
	// The root package re-exports the constants, so that linux.ENOENT works.
	_, err := gofile.Split(gofile.File{Dir: out, Base: "zerrno", Package: "linux", Header: hdr}, linux)
	return err
}
