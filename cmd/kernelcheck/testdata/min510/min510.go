// Package min510 is checked with -min 5.10.
package min510

import "github.com/rawlinux/linux"

func f(dir linux.FD) {
	how := linux.OpenHow{Resolve: linux.RESOLVE_BENEATH | linux.RESOLVE_CACHED} // want `^RESOLVE_CACHED needs Linux 5\.12 \(-min 5\.10\)$`
	_, _ = linux.Openat2(dir, "x", &how)                                        // 5.6: old enough
	var r linux.ResolveFlags = linux.RESOLVE_IN_ROOT
	r |= linux.RESOLVE_CACHED // want `RESOLVE_CACHED needs Linux 5\.12`
	_ = r
	_ = linux.MADV_COLLAPSE // want `MADV_COLLAPSE needs Linux 6\.1`
	_ = linux.STATX_MNT_ID  // 5.8: old enough
}

// cached is a named constant: the reference inside it is reported once, here.
const cached = linux.RESOLVE_CACHED | linux.RESOLVE_NO_XDEV // want `RESOLVE_CACHED needs Linux 5\.12`

func g() linux.ResolveFlags { return cached }
