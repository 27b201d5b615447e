//go:build linux

package linux

import (
	"os"
	"strings"
	"testing"
	"unsafe"
)

// Namespaces: unshare and setns on a locked thread (the other threads stay where they
// were), a new UTS namespace with its own host and domain names, listns.

// TestUnshareSetnsBack: the locked thread moves into a new mount namespace and back with
// setns; the other threads never leave the original one.
func TestUnshareSetnsBack(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("unshare(CLONE_NEWNS) needs CAP_SYS_ADMIN: not root")
	}
	orig := nsInode(t, "/proc/self/ns/mnt")
	onThread(t, func() error {
		fd, err := Openat(AT_FDCWD, "/proc/thread-self/ns/mnt", O_RDONLY|O_CLOEXEC, 0)
		must(t, "open ns/mnt", err)
		defer Close(fd)
		if err := Unshare(CLONE_NEWNS); err != nil {
			if e := unsupported("unshare", err); e != nil {
				return e
			}
			t.Fatalf("unshare(CLONE_NEWNS): %v", err)
		}
		if n := nsInode(t, "/proc/thread-self/ns/mnt"); n == orig {
			t.Fatal("unshare(CLONE_NEWNS): same mount namespace")
		}
		if n := nsInode(t, "/proc/self/ns/mnt"); n != orig {
			t.Error("the main thread moved too")
		}
		// setns back, with the type checked and with any type.
		wantErrno(t, "setns with the wrong type", Setns(fd, CLONE_NEWUTS), EINVAL)
		must(t, "setns back", Setns(fd, CLONE_NEWNS))
		if n := nsInode(t, "/proc/thread-self/ns/mnt"); n != orig {
			t.Error("setns: not back in the original mount namespace")
		}
		must(t, "unshare again", Unshare(CLONE_NEWNS))
		must(t, "setns with type 0", Setns(fd, 0))
		if n := nsInode(t, "/proc/thread-self/ns/mnt"); n != orig {
			t.Error("setns(fd, 0): not back")
		}
		return nil
	})
	wantErrno(t, "setns of a file that is no namespace", Setns(FD(os.Stdin.Fd()), 0), EINVAL)
}

// TestUTSNamespaceHostname: sethostname and setdomainname in a new UTS namespace of the
// locked thread; uname there sees them, the other threads do not.
func TestUTSNamespaceHostname(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("unshare(CLONE_NEWUTS) needs CAP_SYS_ADMIN: not root")
	}
	host, _ := Uname()
	onThread(t, func() error {
		if err := Unshare(CLONE_NEWUTS); err != nil {
			if e := unsupported("unshare", err); e != nil {
				return e
			}
			t.Fatalf("unshare(CLONE_NEWUTS): %v", err)
		}
		must(t, "sethostname", Sethostname("rawlinux-uts"))
		must(t, "setdomainname", Setdomainname("rawlinux.test"))
		u, err := Uname()
		must(t, "uname", err)
		if UtsnameString(u.Nodename[:]) != "rawlinux-uts" || UtsnameString(u.Domainname[:]) != "rawlinux.test" {
			t.Errorf("in the new UTS namespace: %q %q", UtsnameString(u.Nodename[:]), UtsnameString(u.Domainname[:]))
		}
		wantErrno(t, "a 65-byte host name", Sethostname(strings.Repeat("h", 65)), EINVAL)
		return nil
	})
	if u, _ := Uname(); u.Nodename != host.Nodename || u.Domainname != host.Domainname {
		t.Fatal("the host name changed outside the new UTS namespace")
	}
}

// TestSetnsPidfd enters a child's UTS namespace through its pidfd.
func TestSetnsPidfd(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("namespaces need CAP_SYS_ADMIN: not root")
	}
	r, w := pipeFDs(t)
	outR, outW := pipeFDs(t)
	pid, pidfd, err := Clone(CLONE_NEWUTS|CLONE_PIDFD, &ExecArgs{Path: "/bin/sh", Argv: []string{"sh", "-c", "hostname rawlinux-pidfd && echo set; read x"},
		Env: []string{"PATH=/usr/bin:/bin"}, Files: []FD{fdOf(t, r), fdOf(t, outW), 2}})
	skipQemuClone(t, err)
	must(t, "clone", err)
	defer func() { w.Write([]byte("\n")); waitExit(t, pid); Close(pidfd) }()
	line := make([]byte, 4)
	if n, err := outR.Read(line); err != nil || string(line[:n]) != "set\n" {
		t.Fatalf("the child: %q %v", line[:n], err)
	}
	onThread(t, func() error {
		must(t, "setns(pidfd, CLONE_NEWUTS)", Setns(pidfd, CLONE_NEWUTS))
		if u, _ := Uname(); UtsnameString(u.Nodename[:]) != "rawlinux-pidfd" {
			t.Errorf("in the child's UTS namespace the host name is %q", UtsnameString(u.Nodename[:]))
		}
		return nil
	})
}

// skipQemuClone skips where qemu-user refuses the clone flags it cannot make a fork of
// (namespaces, CLONE_PIDFD): EINVAL.
func skipQemuClone(t *testing.T, err error) {
	t.Helper()
	skipUnsupported(t, "clone", err)
	if err == EINVAL && qemuUser() {
		t.Skip("clone: EINVAL under qemu-user (it refuses namespace and pidfd flags for a fork)")
	}
}

// TestListns finds this process's mount namespace (its NS_GET_ID) among the mount
// namespaces listns returns.
func TestListns(t *testing.T) {
	fd, err := Openat(AT_FDCWD, "/proc/self/ns/mnt", O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open ns/mnt", fd, err)
	var id uint64
	_, err = Ioctl(fd, NS_GET_ID, unsafe.Pointer(&id))
	if err == ENOTTY && !qemuUser() {
		t.Logf("NS_GET_ID: ENOTTY: the running kernel predates namespace ids")
	}
	ids := make([]uint64, 1024)
	n, err := Listns(&NSIDReq{NSType: uint32(CLONE_NEWNS)}, ids)
	skipUnsupported(t, "listns", err)
	if hostLacks(t, "listns", err) {
		return
	}
	must(t, "listns", err)
	found := false
	for _, x := range ids[:n] {
		found = found || x == id
	}
	if n == 0 || !found {
		t.Fatalf("listns: %d mount namespaces %v, ours (%d) not among them", n, ids[:n], id)
	}
	_, err = Listns(&NSIDReq{Spare: 1}, ids)
	wantErrno(t, "listns with spare set", err, EINVAL)
}
