//go:build linux && (386 || arm)

package linux

import "testing"

func testChown16(t *testing.T, p string) {
	must(t, "Chown16", Chown16(p, 1234, 4321))
	if st, _ := Stat(p); st.UID != 1234 || st.GID != 4321 {
		t.Fatalf("Chown16: %d:%d", st.UID, st.GID)
	}
	must(t, "Lchown16", Lchown16(p, 0xffff, 99))
	if st, _ := Stat(p); st.UID != 1234 || st.GID != 99 {
		t.Fatalf("Lchown16 with 0xffff for the uid: %d:%d", st.UID, st.GID)
	}
	fd, err := Openat(AT_FDCWD, p, O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	must(t, "Fchown16", Fchown16(fd, 7, 8))
	if st, _ := Fstat(fd); st.UID != 7 || st.GID != 8 {
		t.Fatalf("Fchown16: %d:%d", st.UID, st.GID)
	}
}
