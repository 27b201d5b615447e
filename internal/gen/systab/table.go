package main

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// row is one line of a syscall table kept for an arch.
type row struct {
	number int // with the arch's offset
	name   string
	abi    string
	entry  string // native entry point, "" when the table gives none
	compat string // the table's compat entry point (on arm: the OABI one), "" if none
}

func (r row) implemented() bool { return r.entry != "" && r.entry != "sys_ni_syscall" }

type archTable struct {
	arch arches.Arch
	sel  tableSelection
	rows []row
	// private are the prototypes of the rows that are not in the table (arm's private
	// calls, armprivate.go), by name.
	private map[string]resolvedProto
}

// readTable reads the rows of sel.table that sel keeps, in number order. The format is
// scripts/syscall.tbl's: <number> <abi> <name> [<entry point> [<compat entry point>]] and,
// on x86, a trailing noreturn flag ("-" stands for no compat entry).
func readTable(ks *kernelSource, sel tableSelection) ([]row, error) {
	text, err := ks.read(sel.table)
	if err != nil {
		return nil, err
	}
	var rows []row
	byNum := map[int]string{}
	byName := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, "#"); j >= 0 {
			line = line[:j]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: short line %q", sel.table, i+1, line)
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad number %q", sel.table, i+1, f[0])
		}
		if !sel.abis[f[1]] {
			continue
		}
		r := row{number: n + sel.offset, name: f[2], abi: f[1]}
		if len(f) >= 4 && f[3] != "-" {
			r.entry = f[3]
		}
		if len(f) >= 5 && f[4] != "-" {
			r.compat = f[4]
		}
		for j := 5; j < len(f); j++ {
			if f[j] != "noreturn" {
				return nil, fmt.Errorf("%s:%d: unknown flag %q", sel.table, i+1, f[j])
			}
		}
		if old, dup := byNum[r.number]; dup {
			return nil, fmt.Errorf("%s:%d: number %d kept twice (%s and %s)", sel.table, i+1, n, old, r.name)
		}
		if _, dup := byName[r.name]; dup {
			return nil, fmt.Errorf("%s:%d: name %s kept twice", sel.table, i+1, r.name)
		}
		byNum[r.number] = r.name
		byName[r.name] = r.number
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows for ABIs %v", sel.table, sel.abiList())
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].number < rows[j].number })
	return rows, nil
}

// arg is one C parameter of a prototype.
type arg struct{ typ, name string }

// proto is one declaration of an entry point in include/linux/syscalls.h, with the
// preprocessor condition it sits under ("" for none).
type proto struct {
	entry string
	cond  string
	args  []arg
}

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	lineComment  = regexp.MustCompile(`//[^\n]*`)
	protoRe      = regexp.MustCompile(`(?s)^asmlinkage\s+long\s+(sys_\w+)\s*\((.*)\)\s*;$`)
	identRe      = regexp.MustCompile(`^[A-Za-z_]\w*$`)
)

// conditions that do not change the C prototype of a syscall: the include guard and the
// kernel-internal wrapper switch around the whole list.
var ignoredCond = map[string]bool{
	"!_LINUX_SYSCALLS_H":               true,
	"!CONFIG_ARCH_HAS_SYSCALL_WRAPPER": true,
	"CONFIG_ARCH_HAS_SYSCALL_WRAPPER":  true,
}

// readPrototypes reads every "asmlinkage long sys_NAME(args);" of include/linux/syscalls.h.
func readPrototypes(path string) ([]proto, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := blockComment.ReplaceAllStringFunc(string(data), func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n")) // keep line structure
	})
	text = lineComment.ReplaceAllString(text, "")
	text = strings.ReplaceAll(text, "\\\n", " ")

	type frame struct {
		conds []string // the branches seen so far, negated when a later branch is taken
		cur   string
	}
	var stack []frame
	var stmt strings.Builder
	inProto := false
	var protos []proto
	condString := func() string {
		var parts []string
		for _, f := range stack {
			if f.cur != "" && !ignoredCond[f.cur] {
				parts = append(parts, f.cur)
			}
		}
		return strings.Join(parts, " && ")
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") && !inProto {
			d := strings.TrimSpace(strings.TrimPrefix(t, "#"))
			word, rest, _ := strings.Cut(d, " ")
			rest = strings.Join(strings.Fields(rest), " ")
			switch word {
			case "if":
				stack = append(stack, frame{conds: []string{rest}, cur: rest})
			case "ifdef":
				stack = append(stack, frame{conds: []string{rest}, cur: rest})
			case "ifndef":
				stack = append(stack, frame{conds: []string{"!" + rest}, cur: "!" + rest})
			case "elif":
				if len(stack) == 0 {
					return nil, fmt.Errorf("%s: #elif without #if", path)
				}
				f := &stack[len(stack)-1]
				f.cur = negateAll(f.conds) + " && " + rest
				f.conds = append(f.conds, rest)
			case "else":
				if len(stack) == 0 {
					return nil, fmt.Errorf("%s: #else without #if", path)
				}
				f := &stack[len(stack)-1]
				f.cur = negateAll(f.conds)
			case "endif":
				if len(stack) == 0 {
					return nil, fmt.Errorf("%s: #endif without #if", path)
				}
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if !inProto && strings.HasPrefix(t, "asmlinkage ") {
			inProto = true
			stmt.Reset()
		}
		if !inProto {
			continue
		}
		stmt.WriteString(t)
		stmt.WriteString(" ")
		if !strings.Contains(t, ";") && !strings.Contains(t, "{") {
			continue
		}
		inProto = false
		s := strings.TrimSpace(stmt.String())
		m := protoRe.FindStringSubmatch(s)
		if m == nil {
			continue // not a sys_* prototype (e.g. a definition in a macro)
		}
		args, err := parseArgs(m[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, m[1], err)
		}
		protos = append(protos, proto{entry: m[1], cond: condString(), args: args})
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("%s: unbalanced #if", path)
	}
	if len(protos) < 400 {
		return nil, fmt.Errorf("%s: only %d prototypes found", path, len(protos))
	}
	sort.SliceStable(protos, func(i, j int) bool { return protos[i].entry < protos[j].entry })
	return protos, nil
}

func negateAll(conds []string) string {
	var parts []string
	for _, c := range conds {
		if strings.HasPrefix(c, "!") && !strings.ContainsAny(c, " &|") {
			parts = append(parts, c[1:])
		} else if strings.ContainsAny(c, " &|=<>") {
			parts = append(parts, "!("+c+")")
		} else {
			parts = append(parts, "!"+c)
		}
	}
	return strings.Join(parts, " && ")
}

// C words that end a type, never a parameter name.
var typeWords = map[string]bool{
	"int": true, "long": true, "char": true, "short": true, "unsigned": true, "signed": true,
	"void": true, "const": true, "__user": true, "volatile": true,
}

// parseArgs splits a C parameter list into type and name; a parameter declared without a
// name (sys_clone) gets an empty Name.
func parseArgs(list string) ([]arg, error) {
	list = strings.Join(strings.Fields(list), " ")
	if list == "void" || list == "" {
		return nil, nil
	}
	var args []arg
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" || strings.ContainsAny(p, "()[]") {
			return nil, fmt.Errorf("cannot parse parameter %q", p)
		}
		// Attach every '*' to the type: "char __user * pathname" -> "char __user *", "pathname".
		p = strings.ReplaceAll(p, "*", " * ")
		toks := strings.Fields(p)
		last := toks[len(toks)-1]
		name := ""
		if len(toks) >= 2 && identRe.MatchString(last) && !typeWords[last] &&
			toks[len(toks)-2] != "struct" && toks[len(toks)-2] != "union" && toks[len(toks)-2] != "enum" {
			name = last
			toks = toks[:len(toks)-1]
		}
		typ := strings.ReplaceAll(strings.Join(toks, " "), "* ", "*") // "char __user *const __user *"
		args = append(args, arg{typ: strings.TrimSpace(typ), name: name})
	}
	return args, nil
}
