//go:build linux

package linux

import (
	"errors"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rawlinux/linux/raw"
)

// openPty opens a pseudo-terminal for a test, closing both ends at the end.
func openPty(t *testing.T) (master, slave FD, name string) {
	t.Helper()
	master, slave, name, err := OpenPty()
	skipUnsupported(t, "OpenPty", err)
	must(t, "OpenPty", err)
	t.Cleanup(func() { Close(master); Close(slave) })
	return master, slave, name
}

// readWithin reads what fd has within a second (the pty's line discipline works
// asynchronously), until it has n bytes.
func readWithin(t *testing.T, fd FD, n int) string {
	t.Helper()
	var got []byte
	deadline := time.Now().Add(time.Second)
	buf := make([]byte, 64)
	for len(got) < n && time.Now().Before(deadline) {
		avail, err := IoctlFionread(fd)
		must(t, "FIONREAD", err)
		if avail == 0 {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		k, err := Read(fd, buf[:min(avail, len(buf))])
		must(t, "read", err)
		got = append(got, buf[:k]...)
	}
	return string(got)
}

func TestOpenPty(t *testing.T) {
	master, slave, name := openPty(t)
	if !strings.HasPrefix(name, "/dev/pts/") {
		t.Fatalf("slave name %q", name)
	}
	// The slave is the terminal the name names.
	st, err := Fstat(slave)
	must(t, "fstat slave", err)
	byName, err := Fstatat(AT_FDCWD, name, 0)
	must(t, "stat "+name, err)
	if st.Rdev != byName.Rdev || st.Mode&S_IFMT != S_IFCHR {
		t.Errorf("slave rdev %#x mode %v, %s has rdev %#x", st.Rdev, st.Mode, name, byName.Rdev)
	}
	// A locked slave cannot be opened.
	must(t, "TIOCSPTLCK 1", IoctlSetPtyLock(master, true))
	_, err = Openat(AT_FDCWD, name, O_RDWR|O_NOCTTY|O_CLOEXEC, 0)
	if qemuUser() && err == nil {
		t.Log("qemu-user: the locked slave opened (the emulator does not pass TIOCSPTLCK on)")
	} else {
		wantErrno(t, "open of a locked slave", err, EIO)
	}
	must(t, "TIOCSPTLCK 0", IoctlSetPtyLock(master, false))
	fd, err := Openat(AT_FDCWD, name, O_RDWR|O_NOCTTY|O_CLOEXEC, 0)
	must(t, "open of the unlocked slave", err)
	Close(fd)
	// TIOCGPTPEER opens the same terminal.
	peer, err := IoctlGetPtyPeer(master, O_RDWR|O_NOCTTY|O_CLOEXEC)
	if err != nil && qemuUser() {
		t.Logf("TIOCGPTPEER under qemu-user: %v (the emulator does not translate it; OpenPty fell back to the path)", err)
		return
	}
	must(t, "TIOCGPTPEER", err)
	defer Close(peer)
	pst, err := Fstat(peer)
	must(t, "fstat peer", err)
	if pst.Rdev != st.Rdev {
		t.Errorf("TIOCGPTPEER's rdev %#x, slave's %#x", pst.Rdev, st.Rdev)
	}
	if _, err := IoctlGetPtyNumber(slave); err == nil {
		t.Error("TIOCGPTN on the slave succeeded")
	}
}

// TestPtyRawMode does what x/term's MakeRaw and Restore do: read the attributes, put the
// terminal in raw mode, see that input is no longer translated, restore them.
func TestPtyRawMode(t *testing.T) {
	master, slave, _ := openPty(t)
	old, err := IoctlGetTermios(slave)
	must(t, "TCGETS", err)
	if old.Lflag&(ICANON|ECHO) != ICANON|ECHO || old.Iflag&ICRNL == 0 {
		t.Fatalf("a new pty is not cooked: %v %v", old.Lflag, old.Iflag)
	}
	raw := old
	raw.MakeRaw()
	must(t, "TCSETSF raw", IoctlSetTermios(slave, TCSETSF, &raw))
	got, err := IoctlGetTermios(slave)
	must(t, "TCGETS after raw", err)
	if got.Lflag&(ICANON|ECHO|ISIG|IEXTEN) != 0 || got.Iflag&(ICRNL|IXON) != 0 || got.Oflag&OPOST != 0 ||
		got.Cflag&CSIZE != CS8 || got.Cc[VMIN] != 1 || got.Cc[VTIME] != 0 {
		t.Errorf("raw mode not taken: iflag %v oflag %v cflag %v lflag %v VMIN %d", got.Iflag, got.Oflag, got.Cflag, got.Lflag, got.Cc[VMIN])
	}
	t.Logf("raw: %v | %v", got.Lflag, got.Cflag)
	// Raw: a carriage return arrives as it is, at once, without echo.
	_, err = Write(master, []byte("x\r"))
	must(t, "write to master", err)
	if s := readWithin(t, slave, 2); s != "x\r" {
		t.Errorf("raw read %q, want %q", s, "x\r")
	}
	if n, _ := IoctlFionread(master); n != 0 {
		t.Errorf("raw mode echoed %d bytes", n)
	}
	// Restore (TCSETS: now) and see cooked input again: CR becomes NL, the line is echoed.
	must(t, "TCSETS restore", IoctlSetTermios(slave, TCSETS, &old))
	back, err := IoctlGetTermios(slave)
	must(t, "TCGETS after restore", err)
	if back.Iflag != old.Iflag || back.Oflag != old.Oflag || back.Lflag != old.Lflag || back.Cflag&^(CBAUD|CIBAUD) != old.Cflag&^(CBAUD|CIBAUD) {
		t.Errorf("restored %+v, saved %+v", back, old)
	}
	_, err = Write(master, []byte("y\r"))
	must(t, "write to master", err)
	if s := readWithin(t, slave, 2); s != "y\n" {
		t.Errorf("cooked read %q, want %q", s, "y\n")
	}
	if s := readWithin(t, master, 3); !strings.HasPrefix(s, "y") {
		t.Errorf("cooked echo %q", s)
	}
}

func TestIsTerminal(t *testing.T) {
	master, slave, _ := openPty(t)
	if !IsTerminal(slave) || !IsTerminal(master) {
		t.Errorf("IsTerminal: slave %v, master %v", IsTerminal(slave), IsTerminal(master))
	}
	p, err := Pipe2(O_CLOEXEC)
	must(t, "pipe2", err)
	defer Close(p[0])
	defer Close(p[1])
	if IsTerminal(p[0]) {
		t.Error("a pipe is a terminal")
	}
	_, err = IoctlGetTermios(p[0])
	wantErrno(t, "TCGETS on a pipe", err, ENOTTY)
	if IsTerminal(FD(-1)) {
		t.Error("fd -1 is a terminal")
	}
}

func TestPtyWinsize(t *testing.T) {
	master, slave, _ := openPty(t)
	want := Winsize{Row: 40, Col: 132, Xpixel: 1056, Ypixel: 640}
	must(t, "TIOCSWINSZ", IoctlSetWinsize(master, &want))
	got, err := IoctlGetWinsize(slave)
	must(t, "TIOCGWINSZ", err)
	if got != want {
		t.Errorf("window size %+v, set %+v", got, want)
	}
}

// TestPtySpeed sets an arbitrary speed (termios2 with BOTHER; powerpc: termios) and reads
// it back.
func TestPtySpeed(t *testing.T) {
	_, slave, _ := openPty(t)
	err := IoctlSetSpeed(slave, 123456, 654321)
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, ENOTTY) || errors.Is(err, EINVAL)) {
		t.Skipf("TCGETS2/TCSETS2 under qemu-user: %v (qemu does not translate termios2)", err)
	}
	must(t, "IoctlSetSpeed", err)
	in, out, err := IoctlGetSpeed(slave)
	must(t, "IoctlGetSpeed", err)
	if in == 0 && out == 0 && qemuUser() && strings.HasPrefix(runtime.GOARCH, "ppc64") {
		t.Skip("qemu-user converts powerpc's termios to the host's struct termios, which has no speed fields: the speeds are lost on the way")
	}
	if in != 123456 || out != 654321 {
		t.Errorf("speeds %d/%d, set 123456/654321", in, out)
	}
	tm, err := IoctlGetTermios(slave)
	must(t, "TCGETS", err)
	if tm.Cflag&CBAUD != BOTHER {
		t.Errorf("c_cflag speed %v, want BOTHER", tm.Cflag&CBAUD)
	}
}

// TestControllingTerminal: in a new session, TIOCSCTTY makes the pty the session's
// controlling terminal (TIOCGSID, TIOCGPGRP say so); TIOCNOTTY gives it up.
func TestControllingTerminal(t *testing.T) {
	if os.Getenv("RAWLINUX_TEST_CTTY") == "1" {
		sid, _, errno := raw.RawSyscall(SYS_SETSID, 0, 0, 0)
		if errno != 0 {
			childFail("setsid", errno)
		}
		master, slave, _, err := OpenPty()
		if err != nil {
			childFail("OpenPty", err)
		}
		defer Close(master)
		if err := IoctlSetControllingTerminal(slave, false); err != nil {
			childFail("TIOCSCTTY", err)
		}
		got, err := IoctlGetSessionID(slave)
		if err != nil || got != PID(sid) {
			childFail("TIOCGSID: "+itoa(int(got))+" want "+itoa(int(sid)), err)
		}
		if pg, err := IoctlGetForegroundGroup(slave); err != nil || pg != Getpid() {
			childFail("TIOCGPGRP: "+itoa(int(pg)), err)
		}
		// A session leader giving up its terminal hangs up its foreground group: itself.
		signal.Ignore(syscall.SIGHUP, syscall.SIGCONT)
		if err := IoctlReleaseControllingTerminal(slave); err != nil {
			childFail("TIOCNOTTY", err)
		}
		if _, err := IoctlGetSessionID(slave); !errors.Is(err, ENOTTY) {
			childFail("TIOCGSID after TIOCNOTTY: want ENOTTY", err)
		}
		os.Stdout.WriteString("ctty ok\n")
		os.Exit(0)
	}
	if out := runChild(t, "TestControllingTerminal", "RAWLINUX_TEST_CTTY=1"); !strings.Contains(out, "ctty ok") {
		t.Errorf("child: %s", out)
	}
}
