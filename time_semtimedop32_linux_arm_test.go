//go:build linux

package linux

import "testing"

// arm's semtimedop row has 32-bit time (386 and mips o32 have only semtimedop_time64).
func TestSemtimedopTime32(t *testing.T) {
	sem, err := Semget(IPC_PRIVATE, 1, IPC_CREAT|0o600)
	must(t, "semget", err)
	defer Semctl(sem, 0, IPC_RMID, 0)
	wantErrno(t, "semtimedop (32-bit time)", SemtimedopTime32(sem, []Sembuf{{Op: -1}}, &OldTimespec32{Nsec: 5e6}), EAGAIN)
	must(t, "semtimedop (32-bit time)", SemtimedopTime32(sem, []Sembuf{{Op: 1}}, nil))
	if v, err := Semctl(sem, 0, GETVAL, 0); err != nil || v != 1 {
		t.Fatalf("GETVAL: %d %v", v, err)
	}
}
