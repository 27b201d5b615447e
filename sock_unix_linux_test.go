//go:build linux

package linux

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Unix-domain sockets: a socketpair passing a descriptor (SCM_RIGHTS), credentials
// (SCM_CREDENTIALS, SO_PEERCRED), a pidfd (SCM_PIDFD); abstract, path and autobound names.

func TestSocketpairRights(t *testing.T) {
	fds, err := Socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)
	must(t, "socketpair", err)
	defer Close(fds[0])
	defer Close(fds[1])
	// The descriptor passed: a file with known content.
	path := tempFile(t, "passed along")
	f, err := Openat(AT_FDCWD, path, O_RDONLY|O_CLOEXEC, 0)
	f = mustFD(t, "open", f, err)
	oob := AppendRights(nil, f)
	if n, err := SendmsgBuffers(fds[0], [][]byte{[]byte("fd")}, oob, nil, 0); err != nil || n != 2 {
		t.Fatalf("sendmsg SCM_RIGHTS: %d, %v", n, err)
	}
	Close(f) // the message holds its own reference
	buf := make([]byte, 8)
	roob := make([]byte, CmsgSpace(4))
	n, oobn, flags, _, err := RecvmsgBuffers(fds[1], [][]byte{buf}, roob, MSG_CMSG_CLOEXEC)
	if err != nil || n != 2 || flags&MSG_CTRUNC != 0 {
		t.Fatalf("recvmsg: %d %v %v", n, flags, err)
	}
	var got []FD
	for c, err := range Cmsgs(roob[:oobn]) {
		must(t, "cmsgs", err)
		got, err = c.Rights(got)
		must(t, "rights", err)
	}
	if len(got) != 1 {
		t.Fatalf("%d descriptors received", len(got))
	}
	defer Close(got[0])
	content := make([]byte, 32)
	if n, err := Pread(got[0], content, 0); err != nil || string(content[:n]) != "passed along" {
		t.Fatalf("the received descriptor reads %q, %v", content[:n], err)
	}
	if fl, _ := Fcntl(got[0], F_GETFD, 0); fl&FD_CLOEXEC == 0 {
		t.Fatal("MSG_CMSG_CLOEXEC: the received descriptor is not close-on-exec")
	}
}

func TestSocketpairCredentials(t *testing.T) {
	fds, err := Socketpair(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)
	must(t, "socketpair", err)
	defer Close(fds[0])
	defer Close(fds[1])
	// SO_PEERCRED: the creator of the pair.
	if u, err := GetsockoptUcred(fds[0], SOL_SOCKET, SO_PEERCRED); err != nil || u.PID != uint32(os.Getpid()) || u.UID != uint32(os.Getuid()) {
		t.Fatalf("SO_PEERCRED = %+v, %v; want pid %d uid %d", u, err, os.Getpid(), os.Getuid())
	}
	must(t, "SO_PASSCRED", SetsockoptInt(fds[1], SOL_SOCKET, SO_PASSCRED, 1))
	me := Ucred{PID: uint32(os.Getpid()), UID: uint32(os.Getuid()), GID: uint32(os.Getgid())}
	if _, err := SendmsgBuffers(fds[0], [][]byte{[]byte("who")}, AppendCredentials(nil, me), nil, 0); err != nil {
		t.Fatalf("sendmsg SCM_CREDENTIALS: %v", err)
	}
	buf := make([]byte, 8)
	roob := make([]byte, 256)
	_, oobn, _, _, err := RecvmsgBuffers(fds[1], [][]byte{buf}, roob, 0)
	must(t, "recvmsg", err)
	found := false
	for c, err := range Cmsgs(roob[:oobn]) {
		must(t, "cmsgs", err)
		if c.Type != SCM_CREDENTIALS {
			continue
		}
		u, err := c.Credentials()
		must(t, "credentials", err)
		if u != me {
			t.Fatalf("credentials %+v, want %+v", u, me)
		}
		found = true
	}
	if !found {
		t.Fatal("no SCM_CREDENTIALS message")
	}
	// Another process's pid is refused unless privileged; root may, so check only as
	// an unprivileged user.
	if os.Getuid() != 0 {
		_, err = SendmsgBuffers(fds[0], [][]byte{[]byte("x")}, AppendCredentials(nil, Ucred{PID: 1, UID: me.UID, GID: me.GID}), nil, 0)
		wantErrno(t, "credentials of pid 1", err, EPERM)
	}
	// SO_PASSPIDFD: a pidfd of the sender with every message (Linux 6.5+).
	if err := SetsockoptInt(fds[1], SOL_SOCKET, SO_PASSPIDFD, 1); err != nil {
		skipUnsupported(t, "SO_PASSPIDFD", err)
		if err == ENOPROTOOPT {
			t.Skipf("SO_PASSPIDFD: %v (kernel before 6.5 or emulator)", err)
		}
		t.Fatal(err)
	}
	SendmsgBuffers(fds[0], [][]byte{[]byte("pidfd")}, nil, nil, 0)
	_, oobn, _, _, err = RecvmsgBuffers(fds[1], [][]byte{buf}, roob, MSG_CMSG_CLOEXEC)
	must(t, "recvmsg", err)
	for c, err := range Cmsgs(roob[:oobn]) {
		must(t, "cmsgs", err)
		if c.Type != SCM_PIDFD {
			continue
		}
		pfd, err := c.Pidfd()
		must(t, "pidfd", err)
		defer Close(pfd)
		// The pidfd's fdinfo names our pid.
		info, err := os.ReadFile("/proc/self/fdinfo/" + itoa(int(pfd)))
		must(t, "fdinfo", err)
		if !strings.Contains(string(info), "Pid:\t"+itoa(os.Getpid())) {
			t.Fatalf("SCM_PIDFD's pidfd: fdinfo %q", info)
		}
		return
	}
	if qemuUser() {
		t.Skip("no SCM_PIDFD message under qemu-user (it does not pass the control message on)")
	}
	t.Fatal("no SCM_PIDFD message")
}

func TestUnixAddresses(t *testing.T) {
	// An abstract name: no file, the name comes back with its "@".
	name := "@rawlinux-test-" + itoa(os.Getpid())
	l, err := Socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)
	l = mustFD(t, "socket", l, err)
	must(t, "bind abstract", Bind(l, &SockaddrUnix{Name: name}))
	must(t, "listen", Listen(l, 1))
	if sa, err := Getsockname(l); err != nil || sa.String() != "unix:"+name {
		t.Fatalf("getsockname %s, %v", sa.String(), err)
	}
	c, err := Socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)
	c = mustFD(t, "socket", c, err)
	must(t, "connect abstract", Connect(c, &SockaddrUnix{Name: name}))
	s, from, err := Accept4(l, SOCK_CLOEXEC)
	s = mustFD(t, "accept4", s, err)
	if u, ok := from.Unix(); !ok || u.Name != "" {
		t.Fatalf("an unbound client's address: %q, %v (want unnamed)", u.Name, ok)
	}
	if peer, err := Getpeername(c); err != nil || peer.String() != "unix:"+name {
		t.Fatalf("getpeername %s %v", peer.String(), err)
	}
	// A second bind of the same abstract name is taken.
	l2, _ := Socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)
	defer Close(l2)
	wantErrno(t, "bind the name again", Bind(l2, &SockaddrUnix{Name: name}), EADDRINUSE)
	// Autobind: an empty name binds a kernel-chosen abstract one (5 hex digits).
	must(t, "autobind", Bind(l2, &SockaddrUnix{}))
	if sa, _ := Getsockname(l2); !strings.HasPrefix(sa.String(), "unix:@") || len(sa.String()) != len("unix:@")+5 {
		t.Fatalf("autobound name %q", sa.String())
	}
	// A path: the socket file appears.
	path := filepath.Join(t.TempDir(), "sock")
	p, _ := Socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)
	defer Close(p)
	must(t, "bind path", Bind(p, &SockaddrUnix{Name: path}))
	if st, err := os.Lstat(path); err != nil || st.Mode()&os.ModeSocket == 0 {
		t.Fatalf("bind made %v, %v", st, err)
	}
	q, _ := Socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)
	defer Close(q)
	if _, err := Sendto(q, []byte("to a path"), 0, &SockaddrUnix{Name: path}); err != nil {
		t.Fatalf("sendto path: %v", err)
	}
	buf := make([]byte, 16)
	if n, _, err := Recvfrom(p, buf, 0); err != nil || string(buf[:n]) != "to a path" {
		t.Fatalf("recvfrom: %q %v", buf[:n], err)
	}
	// The abstract connection carries data.
	if _, err := Send(s, []byte("abstract"), 0); err != nil {
		t.Fatal(err)
	}
	if n, err := Recv(c, buf, 0); err != nil || string(buf[:n]) != "abstract" {
		t.Fatalf("recv over the abstract connection: %q %v", buf[:n], err)
	}
}
