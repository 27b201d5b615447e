//go:build linux && !(arm64 || loong64 || riscv64)

package linux

import "testing"

// The signal calls of the arches with their own table (the generic table has no pause).

// TestPause: pause returns EINTR once a signal reaches the thread.
func TestPause(t *testing.T) {
	onThread(t, func() error {
		stop := signalThread(Gettid(), SIGUSR2)
		defer stop()
		wantErrno(t, "pause", Pause(), EINTR)
		return nil
	})
}
