package main

// Which arch source files one arch's kernel build compiles, read from the kbuild
// Makefiles: "obj-y += signal_$(BITS).o" in arch/x86/kernel/Makefile, "obj-$(CONFIG_COMPAT)
// += signal_32.o" in arch/powerpc/kernel/Makefile... This is how the generator chooses
// between two definitions of one entry point in one arch directory (powerpc's
// signal_32.c and signal_64.c both define sys_swapcontext and sys_rt_sigreturn).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type kbuild struct {
	tree  string
	karch string
	kf    *kfacts
	bits  string                     // $(BITS) of arch/<k>/Makefile, "" if none or unknown
	dirs  map[string]map[string]kobj // directory -> object or subdir/ -> how it is built
}

// kobj is how one object (or subdirectory) of a kbuild Makefile is built.
type kobj struct {
	built tri
	why   string // the Makefile line that builds it
}

var (
	mkCondRe  = regexp.MustCompile(`^(ifeq|ifneq)\s*\(\s*\$\(CONFIG_(\w+)\)\s*,\s*(y?)\s*\)$`)
	mkDefRe   = regexp.MustCompile(`^(ifdef|ifndef)\s+CONFIG_(\w+)$`)
	mkObjRe   = regexp.MustCompile(`^obj-(y|\$\(CONFIG_(\w+)\))\s*(\+=|:=|=)\s*(.*)$`)
	mkBitsRe  = regexp.MustCompile(`^BITS\s*:?=\s*(\d+)$`)
	mkIfAnyRe = regexp.MustCompile(`^(ifeq|ifneq|ifdef|ifndef)\b`)
)

func newKbuild(tree, karch string, kf *kfacts) (*kbuild, error) {
	kb := &kbuild{tree: tree, karch: karch, kf: kf, dirs: map[string]map[string]kobj{}}
	// $(BITS): arch/x86/Makefile and arch/powerpc/Makefile set it to 32 or 64.
	lines, err := kb.makeLines("arch/" + karch + "/Makefile")
	if err != nil {
		return nil, err
	}
	bits := map[string]tri{}
	for _, l := range lines {
		if m := mkBitsRe.FindStringSubmatch(l.text); m != nil {
			if _, ok := bits[m[1]]; !ok {
				bits[m[1]] = no
			}
			bits[m[1]] = or(bits[m[1]], l.cond)
		}
	}
	for v, t := range bits {
		if t == yes {
			kb.bits = v
		}
	}
	return kb, nil
}

type mkLine struct {
	text string
	cond tri // of the enclosing ifeq/ifdef blocks
	n    int
}

// makeLines reads a Makefile with continuations joined, comments dropped, and each line's
// ifeq/ifdef condition evaluated (a condition the generator cannot read is unknown).
func (kb *kbuild) makeLines(rel string) ([]mkLine, error) {
	data, err := os.ReadFile(filepath.Join(kb.tree, rel))
	if err != nil {
		return nil, err
	}
	phys := strings.Split(string(data), "\n")
	type frame struct{ cond, seen tri }
	var stack []frame
	cur := func() tri {
		c := yes
		for _, f := range stack {
			c = and(c, f.cond)
		}
		return c
	}
	evalIf := func(t string) tri {
		if m := mkCondRe.FindStringSubmatch(t); m != nil {
			v := kb.kf.sym(m[2])
			if m[3] == "" {
				v = v.not()
			}
			if m[1] == "ifneq" {
				v = v.not()
			}
			return v
		}
		if m := mkDefRe.FindStringSubmatch(t); m != nil {
			v := kb.kf.sym(m[2])
			if m[1] == "ifndef" {
				v = v.not()
			}
			return v
		}
		return unknown
	}
	var out []mkLine
	for i := 0; i < len(phys); i++ {
		n := i + 1
		l := phys[i]
		for strings.HasSuffix(l, "\\") && i+1 < len(phys) {
			i++
			l = strings.TrimSuffix(l, "\\") + " " + phys[i]
		}
		if j := strings.Index(l, "#"); j >= 0 {
			l = l[:j]
		}
		t := strings.Join(strings.Fields(l), " ")
		switch {
		case t == "":
		case mkIfAnyRe.MatchString(t):
			c := evalIf(t)
			stack = append(stack, frame{cond: c, seen: c})
		case t == "else" || strings.HasPrefix(t, "else "):
			if len(stack) == 0 {
				return nil, fmt.Errorf("%s:%d: else without if", rel, n)
			}
			f := &stack[len(stack)-1]
			c := f.seen.not()
			if rest := strings.TrimSpace(strings.TrimPrefix(t, "else")); rest != "" {
				e := evalIf(rest)
				c = and(c, e)
				f.seen = or(f.seen, e)
			} else {
				f.seen = yes
			}
			f.cond = c
		case t == "endif":
			if len(stack) == 0 {
				return nil, fmt.Errorf("%s:%d: endif without if", rel, n)
			}
			stack = stack[:len(stack)-1]
		default:
			out = append(out, mkLine{text: t, cond: cur(), n: n})
		}
	}
	return out, nil
}

// objects reads the obj-y and obj-$(CONFIG_X) lists of directory dir (its Makefile, or
// Kbuild), with $(BITS) expanded.
func (kb *kbuild) objects(dir string) map[string]kobj {
	if m, ok := kb.dirs[dir]; ok {
		return m
	}
	m := map[string]kobj{}
	kb.dirs[dir] = m
	var read []string
	named := map[string]bool{} // every word of the Makefiles, $(BITS) expanded
	for _, name := range []string{"Makefile", "Kbuild"} {
		rel := dir + "/" + name
		lines, err := kb.makeLines(rel)
		if err != nil {
			continue
		}
		read = append(read, rel)
		for _, l := range lines {
			for _, w := range strings.Fields(strings.ReplaceAll(l.text, "$(BITS)", kb.bits)) {
				named[w] = true
			}
			mm := mkObjRe.FindStringSubmatch(l.text)
			if mm == nil {
				continue
			}
			c := l.cond
			if mm[2] != "" {
				c = and(c, kb.kf.sym(mm[2]))
			}
			for _, o := range strings.Fields(mm[4]) {
				if strings.Contains(o, "$(BITS)") {
					if kb.bits == "" {
						continue
					}
					o = strings.ReplaceAll(o, "$(BITS)", kb.bits)
				}
				if strings.Contains(o, "$") {
					continue
				}
				old, seen := m[o]
				if !seen {
					old.built = no // tri's zero value is unknown
				}
				if !seen || (old.built != yes && c == yes) || (old.built == no && c == unknown) {
					why := fmt.Sprintf("%s:%d obj-%s", rel, l.n, mm[1])
					if strings.Contains(l.text, "$(BITS)") {
						why += " (BITS " + kb.bits + ")"
					}
					m[o] = kobj{built: or(old.built, c), why: why}
				} else {
					old.built = or(old.built, c)
					m[o] = old
				}
			}
		}
	}
	// An object the Makefiles do not even name is not built (when $(BITS) is known: the
	// other word size's signal_$(BITS).o); one named elsewhere (a composite object's
	// list) is unknown, as is everything in a directory without a Makefile.
	if len(read) > 0 && (kb.bits != "" || !kb.usesBits(dir)) {
		m[notNamed] = kobj{built: no, why: "not named by " + strings.Join(read, " or ")}
		for w := range named {
			if _, ok := m[w]; !ok {
				m[w] = kobj{built: unknown, why: "named by " + strings.Join(read, " or ") + " outside obj-y/obj-$(CONFIG_...)"}
			}
		}
	}
	return m
}

// notNamed is the key of objects() for what an object no Makefile names gets.
const notNamed = "\x00"

func (kb *kbuild) usesBits(dir string) bool {
	for _, name := range []string{"Makefile", "Kbuild"} {
		if data, err := os.ReadFile(filepath.Join(kb.tree, dir, name)); err == nil && strings.Contains(string(data), "$(BITS)") {
			return true
		}
	}
	return false
}

// built reports whether the arch's build compiles file rel (arch/<k>/.../x.c or .S), and
// the Makefile line that says so: yes or no from obj-y and obj-$(CONFIG_X) with the arch's
// options; no for an object its directory's Makefile does not name at all; unknown where
// a user option decides, the object is only named in a composite's list, or the directory
// has no Makefile. Each enclosing directory must be named ("sub/") by its parent too.
func (kb *kbuild) built(rel string) (tri, string) {
	dir, base := filepath.Dir(rel), filepath.Base(rel)
	obj := strings.TrimSuffix(base, filepath.Ext(base)) + ".o"
	objs := kb.objects(dir)
	o, ok := objs[obj]
	if !ok {
		if nn, ok := objs[notNamed]; ok {
			return no, nn.why
		}
		return unknown, "no Makefile of " + dir + " names " + obj
	}
	t, why := o.built, o.why
	// The directory must be built too: named as "sub/" by its parent (arch/<k> itself is).
	for d := dir; d != "arch/"+kb.karch && strings.HasPrefix(d, "arch/"+kb.karch+"/"); d = filepath.Dir(d) {
		p := kb.objects(filepath.Dir(d))[filepath.Base(d)+"/"]
		if p.why == "" {
			t = and(t, unknown)
			continue
		}
		t = and(t, p.built)
	}
	return t, why
}
