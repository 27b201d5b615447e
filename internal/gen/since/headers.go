package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
	"github.com/rawlinux/linux/systab"
)

// A snapshot is the UAPI headers of one linux-libc-dev: the names they define, and per
// arch the syscall names of its asm/unistd headers.
type snapshot struct {
	version systab.Version // 5.10, 6.1, 6.12, 7.2
	label   string         // "5.10.223-1"
	// names defined (#define NAME, enum members) in the generic headers and those of the
	// x86_64 triplet (the only one the older suites' amd64 package has).
	x86 map[string]bool
	// all: the same over every triplet present.
	all map[string]bool
	// calls per GOARCH (nil where the snapshot has no headers of that arch).
	calls map[string]map[string]bool
	// onlyX86: the snapshot has the x86_64 triplet only (the amd64 package of an older suite).
	onlyX86 bool
}

var (
	defineRe = regexp.MustCompile(`(?m)^\s*#\s*define\s+([A-Za-z_]\w*)`)
	enumRe   = regexp.MustCompile(`(?s)\benum\b[^{;]*\{([^}]*)\}`)
	memberRe = regexp.MustCompile(`(?m)^\s*([A-Z_][A-Z0-9_]*)\s*(?:=[^,\n]*)?,?\s*(?:/\*.*)?$`)
	nrRe     = regexp.MustCompile(`(?m)^\s*#\s*define\s+__NR_(\w+)\s`)
	// armNrRe: arm's private calls (breakpoint, cacheflush, usr26, usr32, set_tls, get_tls)
	// are __ARM_NR_ names in asm/unistd.h, not __NR_ ones.
	armNrRe  = regexp.MustCompile(`(?m)^\s*#\s*define\s+__ARM_NR_([a-z]\w*)\s`)
	commentR = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// loadSnapshot reads the include directory dir (usr/include of a linux-libc-dev).
func loadSnapshot(dir, label string) (*snapshot, error) {
	s := &snapshot{label: label, x86: map[string]bool{}, all: map[string]bool{}, calls: map[string]map[string]bool{}}
	v := label
	if i := strings.IndexAny(v, "-~+"); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	s.version = mustVersion(strings.Join(parts[:2], "."))
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // kernel.sh links the snapshots: Walk does not follow a link
	}
	triplets := map[string]bool{}
	for _, a := range arches.All {
		triplets[a.Triplet] = true
	}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(p, ".h") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		top := strings.SplitN(rel, "/", 2)[0]
		isTriplet := strings.Contains(top, "-linux-")
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src := commentR.ReplaceAllString(string(b), "")
		var names []string
		for _, m := range defineRe.FindAllStringSubmatch(src, -1) {
			names = append(names, m[1])
		}
		for _, e := range enumRe.FindAllStringSubmatch(src, -1) {
			for _, m := range memberRe.FindAllStringSubmatch(e[1], -1) {
				names = append(names, m[1])
			}
		}
		for _, n := range names {
			if isTriplet && !triplets[top] {
				continue
			}
			s.all[n] = true
			if !isTriplet || top == "x86_64-linux-gnu" {
				s.x86[n] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	_, err = os.Stat(filepath.Join(dir, "aarch64-linux-gnu"))
	s.onlyX86 = err != nil
	for _, a := range arches.All {
		asm := filepath.Join(dir, a.Triplet, "asm")
		if s.onlyX86 && a.GOARCH == "386" {
			asm = filepath.Join(dir, "x86_64-linux-gnu", "asm") // the amd64 package has unistd_32.h
		}
		files := unistdFiles(a)
		var found map[string]bool
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(asm, f))
			if err != nil {
				continue
			}
			if found == nil {
				found = map[string]bool{}
			}
			for _, m := range nrRe.FindAllStringSubmatch(string(b), -1) {
				found[m[1]] = true
			}
		}
		if found != nil && len(found) < 100 {
			// asm/unistd.h of a generic arch before 6.11 includes asm-generic/unistd.h.
			b, err := os.ReadFile(filepath.Join(dir, "asm-generic", "unistd.h"))
			if err == nil {
				for _, m := range nrRe.FindAllStringSubmatch(string(b), -1) {
					found[m[1]] = true
				}
			}
		}
		if a.GOARCH == "arm" && found != nil {
			if b, err := os.ReadFile(filepath.Join(asm, "unistd.h")); err == nil {
				for _, m := range armNrRe.FindAllStringSubmatch(string(b), -1) {
					found[m[1]] = true
				}
			}
		}
		if found != nil {
			s.calls[a.GOARCH] = found
		}
	}
	return s, nil
}

// unistdFiles are the headers that name arch a's syscalls.
func unistdFiles(a arches.Arch) []string {
	switch a.GOARCH {
	case "amd64":
		return []string{"unistd_64.h"}
	case "386":
		return []string{"unistd_32.h"}
	case "arm":
		return []string{"unistd-eabi.h", "unistd-common.h"}
	case "mips", "mipsle":
		return []string{"unistd_o32.h"}
	case "mips64", "mips64le":
		return []string{"unistd_n64.h"}
	}
	return []string{"unistd_64.h", "unistd.h"}
}

// loadSnapshots reads since/headers/<version> and the current headers (include, 7.2), oldest
// first.
func loadSnapshots(kernel string, current systab.Version) ([]*snapshot, error) {
	ents, err := os.ReadDir(filepath.Join(kernel, "since", "headers"))
	if err != nil {
		return nil, err
	}
	var l []*snapshot
	for _, e := range ents {
		s, err := loadSnapshot(filepath.Join(kernel, "since", "headers", e.Name()), e.Name())
		if err != nil {
			return nil, err
		}
		l = append(l, s)
	}
	cur, err := loadSnapshot(filepath.Join(kernel, "include"), current.String())
	if err != nil {
		return nil, err
	}
	cur.version = current
	l = append(l, cur)
	sort.Slice(l, func(i, j int) bool { return l[i].version.Less(l[j].version) })
	return l, nil
}
