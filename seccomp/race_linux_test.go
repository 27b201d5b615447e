//go:build race

package seccomp

// raceEnabled: the race detector makes each child slow to start, so the kernel corpus runs
// a third of its non-fatal cases (the plain run has them all).
const raceEnabled = true
