//go:build linux && (arm64 || loong64 || riscv64)

package linux

// forkCall is fork(2) where the arch's table has no fork row (the generic table of
// arm64, loong64 and riscv64): clone(SIGCHLD) without a new stack, which is what the
// kernel's fork does.
func forkCall() cloneCall { return cloneCallOf(CloneFlags(SIGCHLD), nil) }
