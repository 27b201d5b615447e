//go:build linux && (386 || ppc64 || ppc64le || mips || mipsle)

package linux

import "testing"

// stime(2) exists on 386, ppc64 and mips o32: tried only with a time the kernel refuses.
// The kernel's stime ignores do_settimeofday64's refusal of a negative time
// (kernel/time/time.c): it answers 0 and leaves the clock alone. qemu-user makes it
// clock_settime, which answers EINVAL.
func TestStimeInvalid(t *testing.T) {
	v := -1
	err := Stime(&v)
	skipUnsupported(t, "stime", err)
	if qemuUser() {
		wantErrno(t, "stime of a negative time under qemu-user", err, EINVAL)
	} else {
		must(t, "stime of a negative time (the kernel answers 0 and sets nothing)", err)
	}
	if ts, err := SysClockGettime(CLOCK_REALTIME); err != nil || ts.Sec < 1e9 {
		t.Fatalf("after stime(-1): CLOCK_REALTIME %+v %v", ts, err)
	}
}
