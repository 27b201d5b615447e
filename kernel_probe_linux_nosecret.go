//go:build linux && !(amd64 || 386 || arm64 || riscv64 || loong64 || s390x)

package linux

// probeOfArch has the probes of calls only some arches have; none here.
func probeOfArch(call uintptr) (probe, bool) { return probe{}, false }
