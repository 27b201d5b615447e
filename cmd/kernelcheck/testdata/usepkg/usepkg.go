// Package usepkg uses flagpkg's constants (checked with -min 5.10): the use of one made of
// a newer flag is reported where it is used.
package usepkg

import (
	"example.com/corpus/flagpkg"
	"github.com/rawlinux/linux"
)

func f(dir linux.FD) {
	_, _ = linux.Openat2(dir, "x", &linux.OpenHow{Resolve: flagpkg.Cached}) // want `^flagpkg\.Cached needs Linux 5\.12 \(it is linux\.RESOLVE_CACHED; -min 5\.10\)$`
	_, _ = linux.Openat2(dir, "x", &linux.OpenHow{Resolve: flagpkg.Old})
}
