//go:build linux && (386 || arm || mips || mipsle)

package linux

// On the 32-bit arches the large-file structs are Stat_t, Statfs_t and Flock_t (struct
// stat64, statfs64 and flock64), so that Stat, Statfs and FcntlFlock fill the same type on
// every arch. Their C names stay usable too, as on the 64-bit arches that have them.
type (
	Stat64_t   = Stat_t
	Statfs64_t = Statfs_t
	Flock64_t  = Flock_t
)
