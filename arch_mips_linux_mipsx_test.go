//go:build linux && (mips || mipsle)

package linux

import (
	"os"
	"testing"
)

// mips o32's own rows: the indirect syscall and the two old uname rows.
func TestMipsO32Rows(t *testing.T) {
	pid, err := Syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0, 0)
	skipUnsupported(t, "syscall", err)
	if err != nil || int(pid) != os.Getpid() {
		t.Fatalf("syscall(SYS_GETPID) = %d, %v; want %d", pid, err, os.Getpid())
	}
	_, err = Syscall(4000+999, 0, 0, 0, 0, 0, 0, 0)
	wantErrno(t, "syscall of a number past the table", err, ENOSYS)
	u, err := Unused109()
	skipUnsupported(t, "uname (row 109)", err)
	must(t, "uname (row 109)", err)
	host, _ := os.Hostname()
	if cstr(u.Sysname[:]) != "Linux" || cstr(u.Nodename[:]) != host {
		t.Fatalf("old uname: %q %q, host %q", cstr(u.Sysname[:]), cstr(u.Nodename[:]), host)
	}
	o, err := Unused59()
	skipUnsupported(t, "olduname (row 59)", err)
	must(t, "olduname (row 59)", err)
	if cstr(o.Sysname[:]) != "Linux" {
		t.Fatalf("oldold uname: %q", cstr(o.Sysname[:]))
	}
}

func cstr(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
