// Package min54 is checked with -min 5.4 -arch amd64.
package min54

import (
	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

func calls(dir linux.FD) {
	_, _ = linux.Openat2(dir, "x", &linux.OpenHow{}) // want `^openat2 needs Linux 5\.6 \(linux\.Openat2 on amd64; -min 5\.4\)$`
	f := linux.Openat2                               // want `openat2 needs Linux 5\.6`
	_ = f
	_ = linux.CloseRange(3, 4, 0)                                                  // want `close_range needs Linux 5\.9 \(linux\.CloseRange`
	raw.Syscall(linux.SYS_OPENAT2, 0, 0, 0)                                        // want `openat2 needs Linux 5\.6 \(linux\.SYS_OPENAT2 on amd64`
	var g func(linux.FD, string, *linux.OpenHow) (linux.FD, error) = linux.Openat2 // want `openat2 needs Linux 5\.6`
	_ = g
}

func old(dir linux.FD) {
	// Old enough for 5.4: nothing to report.
	_, _ = linux.Openat(dir, "x", linux.O_RDONLY|linux.O_CLOEXEC|linux.O_TMPFILE, 0)
	_, _ = linux.Statx(dir, "x", linux.AT_EMPTY_PATH, linux.STATX_BASIC_STATS|linux.STATX_BTIME)
	_ = linux.Renameat2(dir, "a", dir, "b", linux.RENAME_NOREPLACE)
	_ = linux.Getpid()
	raw.Syscall(linux.SYS_GETPID, 0, 0, 0)
	var buf [8]byte
	_, _ = linux.Read(0, buf[:])
	_ = linux.CLONE_PIDFD // 5.2
	_ = linux.MAP_FIXED_NOREPLACE
	// Names that are not package linux's are never reported, whatever they are called.
	const RESOLVE_CACHED = 0x20
	_ = RESOLVE_CACHED
	Openat2 := func() {}
	Openat2()
}

func flags() linux.OpenHow {
	how := linux.OpenHow{Flags: uint64(linux.O_RDONLY), Resolve: linux.RESOLVE_BENEATH | linux.RESOLVE_CACHED} // want `RESOLVE_BENEATH needs Linux 5\.6 at least` `RESOLVE_CACHED needs Linux 5\.12 \(-min 5\.4\)`
	return how
}
