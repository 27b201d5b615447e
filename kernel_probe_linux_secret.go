//go:build linux && (amd64 || 386 || arm64 || riscv64 || loong64 || s390x)

package linux

// probeOfArch has the probes of calls only some arches have: memfd_secret (not on arm,
// powerpc, mips).
func probeOfArch(call uintptr) (probe, bool) {
	if call == SYS_MEMFD_SECRET {
		// Flags are checked after the boot-time switch (secretmem.enable, CONFIG_SECRETMEM:
		// ENOSYS when off) and before anything is made.
		return probe{[6]uintptr{badI32}, "memfd_secret(-1): EINVAL, unknown flags"}, true
	}
	return probe{}, false
}
