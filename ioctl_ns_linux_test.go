//go:build linux

package linux

import (
	"errors"
	"testing"
)

// openNs opens /proc/self/ns/NAME.
func openNs(t *testing.T, name string) FD {
	t.Helper()
	fd, err := Openat(AT_FDCWD, "/proc/self/ns/"+name, O_RDONLY|O_CLOEXEC, 0)
	return mustFD(t, "open /proc/self/ns/"+name, fd, err)
}

// skipNsUnsupported skips under qemu-user where it does not pass the nsfs requests on.
func skipNsUnsupported(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, ENOTTY)) {
		t.Skipf("%s under qemu-user: %v (qemu does not translate the nsfs requests)", what, err)
	}
}

func TestNamespaceIoctls(t *testing.T) {
	net := openNs(t, "net")
	typ, err := IoctlNsGetNstype(net)
	skipNsUnsupported(t, "NS_GET_NSTYPE", err)
	must(t, "NS_GET_NSTYPE", err)
	if typ != CLONE_NEWNET {
		t.Errorf("net namespace's type %v", typ)
	}
	for name, want := range map[string]CloneFlags{"mnt": CLONE_NEWNS, "pid": CLONE_NEWPID, "uts": CLONE_NEWUTS,
		"ipc": CLONE_NEWIPC, "user": CLONE_NEWUSER, "cgroup": CLONE_NEWCGROUP} {
		if got, err := IoctlNsGetNstype(openNs(t, name)); err != nil || got != want {
			t.Errorf("%s: NS_GET_NSTYPE %v, %v; want %v", name, got, err, want)
		}
	}
	// The user namespace that owns the network namespace is this process's.
	owner, err := IoctlNsGetUserns(net)
	owner = mustFD(t, "NS_GET_USERNS", owner, err)
	if typ, err := IoctlNsGetNstype(owner); err != nil || typ != CLONE_NEWUSER {
		t.Errorf("NS_GET_USERNS gave a %v namespace (%v)", typ, err)
	}
	ost, err := Fstat(owner)
	must(t, "fstat userns", err)
	mine, err := Fstat(openNs(t, "user"))
	must(t, "fstat /proc/self/ns/user", err)
	if ost.Ino != mine.Ino || ost.Dev != mine.Dev {
		t.Errorf("NS_GET_USERNS is inode %d, /proc/self/ns/user %d", ost.Ino, mine.Ino)
	}
	uid, err := IoctlNsGetOwnerUID(owner)
	must(t, "NS_GET_OWNER_UID", err)
	if uid != 0 {
		t.Logf("the user namespace's owner is UID %d (not the initial namespace)", uid)
	}
	wantErrno(t, "NS_GET_OWNER_UID of a network namespace", func() error { _, err := IoctlNsGetOwnerUID(net); return err }(), EINVAL)
	wantErrno(t, "NS_GET_PARENT of a network namespace", func() error { _, err := IoctlNsGetParent(net); return err }(), EINVAL)
	// Two descriptors of one namespace have one identifier.
	id1, err := IoctlNsGetID(net)
	if errors.Is(err, ENOTTY) {
		t.Logf("NS_GET_ID: %v (before Linux 6.18)", err)
		return
	}
	must(t, "NS_GET_ID", err)
	id2, err := IoctlNsGetID(openNs(t, "net"))
	must(t, "NS_GET_ID", err)
	if id1 != id2 || id1 == 0 {
		t.Errorf("NS_GET_ID %#x and %#x for one namespace", id1, id2)
	}
}
