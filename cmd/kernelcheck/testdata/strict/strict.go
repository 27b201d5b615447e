// Package strict is checked with -min 5.10 -strict: a release dated only as a range
// reaching past -min is reported too.
package strict

import (
	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

func f() {
	raw.Syscall(linux.SYS_PROCESS_MRELEASE, 0, 0, 0) // want `process_mrelease needs Linux 5\.14 at least \(5\.14\.\.5\.16, not dated more closely\)`
	_ = linux.RESOLVE_CACHED                         // want `RESOLVE_CACHED needs Linux 5\.12`
	_ = linux.O_RDONLY                               // <=5.10: old enough even for -strict
}
