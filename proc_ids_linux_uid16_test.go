//go:build linux && (386 || arm)

package linux

import (
	"os"
	"slices"
	"testing"
)

// The 16-bit and the 32-bit id rows of 386 and arm, side by side.
func TestIDs16And32(t *testing.T) {
	if Getuid16() != uint16(Getuid()) || Geteuid16() != uint16(Geteuid()) || Getgid16() != uint16(Getgid()) || Getegid16() != uint16(Getegid()) {
		t.Fatalf("16-bit ids %d %d %d %d", Getuid16(), Geteuid16(), Getgid16(), Getegid16())
	}
	if Getuid32() != Getuid() || Geteuid32() != Geteuid() || Getgid32() != Getgid() || Getegid32() != Getegid() {
		t.Fatal("32-bit ids differ from the canonical ones")
	}
	if os.Geteuid() != 0 {
		t.Skip("changing ids needs CAP_SETUID: not root")
	}
	onThread(t, func() error {
		must(t, "setgroups16", Setgroups16([]uint16{11, 12}))
		g16 := make([]uint16, 4)
		n, err := Getgroups16(g16)
		must(t, "getgroups16", err)
		must(t, "setgroups32", Setgroups32([]GID{70000}))
		g32 := make([]GID, 4)
		m, err := Getgroups32(g32)
		must(t, "getgroups32", err)
		if !slices.Equal(g16[:n], []uint16{11, 12}) || !slices.Equal(g32[:m], []GID{70000}) {
			t.Errorf("groups %v then %v", g16[:n], g32[:m])
		}
		must(t, "setresgid16", Setresgid16(21, 22, 23))
		r, e, s, err := Getresgid16()
		must(t, "getresgid16", err)
		if r != 21 || e != 22 || s != 23 {
			t.Errorf("getresgid16 %d %d %d", r, e, s)
		}
		must(t, "setregid16", Setregid16(0xffff, 24))
		must(t, "setgid16", Setgid16(0))
		must(t, "setresgid32", Setresgid32(70001, 70002, 70003))
		rg, eg, sg, err := Getresgid32()
		must(t, "getresgid32", err)
		if rg != 70001 || eg != 70002 || sg != 70003 {
			t.Errorf("getresgid32 %d %d %d", rg, eg, sg)
		}
		if _, e16, _, _ := Getresgid16(); e16 != 65534 {
			t.Errorf("a 32-bit gid read through the 16-bit row: %d, want the overflow id 65534", e16)
		}
		must(t, "setregid32", Setregid32(^GID(0), 70004))
		must(t, "setgid32", Setgid32(0))
		if old := Setfsgid16(31); old != 0 || Setfsgid32(70005) != 31 {
			t.Error("setfsgid16/32: previous ids wrong")
		}
		if old := Setfsuid16(41); old != 0 || Setfsuid32(70006) != 41 {
			t.Error("setfsuid16/32: previous ids wrong")
		}
		must(t, "setresuid16", Setresuid16(51, 0, 53))
		ru, eu, su, err := Getresuid16()
		must(t, "getresuid16", err)
		if ru != 51 || eu != 0 || su != 53 {
			t.Errorf("getresuid16 %d %d %d", ru, eu, su)
		}
		must(t, "setreuid16", Setreuid16(0xffff, 0))
		must(t, "setresuid32", Setresuid32(70011, 0, 70013))
		r32, e32, s32, err := Getresuid32()
		must(t, "getresuid32", err)
		if r32 != 70011 || e32 != 0 || s32 != 70013 {
			t.Errorf("getresuid32 %d %d %d", r32, e32, s32)
		}
		must(t, "setreuid32", Setreuid32(^UID(0), 0))
		must(t, "setuid16", Setuid16(61))
		if Getuid() != 61 {
			t.Errorf("uid %d after setuid16(61)", Getuid())
		}
		wantErrno(t, "setuid32 back to 0", Setuid32(0), EPERM)
		return nil
	})
	if Getuid() != 0 {
		t.Fatal("another thread's uid changed")
	}
}
