//go:build linux && (386 || arm || mips || mipsle)

package linux

import "testing"

// The time32 and time64 rows of io_getevents and io_pgetevents on 32-bit arches.
func TestAIOTimeRows(t *testing.T) {
	ctx, err := IoSetup(2)
	skipUnsupported(t, "io_setup", err)
	must(t, "io_setup", err)
	defer IoDestroy(ctx)
	events := make([]IoEvent, 1)
	if n, err := IoGeteventsTime32(ctx, 0, events, &OldTimespec32{}); err != nil || n != 0 {
		t.Fatalf("io_getevents (time32): %d %v", n, err)
	}
	if n, err := IoPgeteventsTime64(ctx, 0, events, &Timespec{}, nil); err != nil || n != 0 {
		t.Fatalf("io_pgetevents_time64: %d %v", n, err)
	}
	if n, err := IoPgeteventsTime32(ctx, 0, events, &OldTimespec32{}, nil); err != nil || n != 0 {
		t.Fatalf("io_pgetevents (time32): %d %v", n, err)
	}
	_, err = IoGeteventsTime32(ctx, 2, events, &OldTimespec32{})
	wantErrno(t, "min_nr above nr", err, EINVAL)
}
