// Package flagpkg declares a named constant from a newer flag (checked with -min 5.10).
package flagpkg

import "github.com/rawlinux/linux"

// Cached is used by package usepkg.
const Cached = linux.RESOLVE_CACHED // want `RESOLVE_CACHED needs Linux 5\.12` Cached:`needs 5\.12 \(linux\.RESOLVE_CACHED\)`

// Old is old enough.
const Old = linux.RESOLVE_NO_XDEV
