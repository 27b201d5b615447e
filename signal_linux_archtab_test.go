//go:build linux && !(arm64 || loong64 || riscv64)

package linux

import (
	"testing"
	"time"
)

// The signal calls of the arches with their own table (the generic table has no pause).

// TestPause: pause returns EINTR once a signal reaches the thread.
func TestPause(t *testing.T) {
	onThread(t, func() error {
		tid := Gettid()
		go func() {
			time.Sleep(50 * time.Millisecond)
			Tgkill(Getpid(), tid, SIGUSR2)
		}()
		wantErrno(t, "pause", Pause(), EINTR)
		return nil
	})
}
