//go:build linux && !(arm64 || loong64 || riscv64)

package linux

// forkCall is the fork row of the arches that have their own table.
func forkCall() cloneCall { return cloneCall{trap: SYS_FORK} }
