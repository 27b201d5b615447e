// Package loong is checked with -arch loong64 -min 5.4: every loong64 kernel is 5.19 or
// later (the port's first release), so openat2 (5.6) is old enough there, but cachestat
// (6.5) is not.
package loong

import (
	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

func f(dir linux.FD) {
	_, _ = linux.Openat2(dir, "x", &linux.OpenHow{})
	raw.Syscall(linux.SYS_CACHESTAT, 0, 0, 0) // want `cachestat needs Linux 6\.5 \(linux\.SYS_CACHESTAT on loong64`
}
