// Package min56 is checked with -min 5.6: openat2 is old enough, so nothing is reported.
package min56

import "github.com/rawlinux/linux"

func f(dir linux.FD) {
	_, _ = linux.Openat2(dir, "x", &linux.OpenHow{Resolve: linux.RESOLVE_BENEATH | linux.RESOLVE_NO_SYMLINKS})
	f := linux.Openat2
	_ = f
	_ = linux.SYS_OPENAT2
	_ = linux.SYS_PIDFD_GETFD
}
