//go:build linux && !(arm || arm64 || riscv64 || loong64)

package linux

import "testing"

// alarm(2), where the arch has it: the timer is ITIMER_REAL's.
func TestAlarm(t *testing.T) {
	if left := Alarm(100); left != 0 {
		t.Fatalf("alarm(100) found an alarm with %d s left", left)
	}
	cur, err := Getitimer(ITIMER_REAL)
	must(t, "getitimer", err)
	if cur.Value.Sec < 98 || cur.Value.Sec > 100 {
		t.Fatalf("ITIMER_REAL after alarm(100): %d s", cur.Value.Sec)
	}
	if left := Alarm(0); left < 99 || left > 100 {
		t.Fatalf("alarm(0) after alarm(100): %d s left", left)
	}
	if left := Alarm(0); left != 0 {
		t.Fatalf("alarm(0) after cancelling: %d s left", left)
	}
}
