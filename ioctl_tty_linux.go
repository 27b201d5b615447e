//go:build linux

package linux

import (
	"strconv"
	"unsafe"
)

// Typed helpers for the terminal requests (asm/ioctls.h, asm/termbits.h: tty_ioctl(4),
// termios(3)), over Ioctl and IoctlInt. The struct termios these requests take is the
// kernel's (Termios), whose layout and flag values differ on powerpc and mips; termios2
// (Termios2, TCGETS2) adds arbitrary speeds where the arch has it (not powerpc, whose
// Termios has the speed fields itself).

// IoctlGetTermios returns fd's terminal attributes (TCGETS: tcgetattr).
func IoctlGetTermios(fd FD) (Termios, error) {
	var t Termios
	_, err := Ioctl(fd, TCGETS, unsafe.Pointer(&t))
	return t, err
}

// IsTerminal reports whether fd is a terminal: whether TCGETS succeeds on it (isatty(3);
// x/term's IsTerminal). Any error (ENOTTY for a file, a pipe or a socket; EBADF) is false.
func IsTerminal(fd FD) bool {
	_, err := IoctlGetTermios(fd)
	return err == nil
}

// IoctlSetTermios sets fd's terminal attributes with req: TCSETS (now, tcsetattr's
// TCSANOW), TCSETSW (after the output drains: TCSADRAIN) or TCSETSF (after the output
// drains, discarding pending input: TCSAFLUSH).
func IoctlSetTermios(fd FD, req IoctlCmd, t *Termios) error {
	_, err := Ioctl(fd, req, unsafe.Pointer(t))
	return err
}

// MakeRaw changes t as cfmakeraw(3) does: no input or output processing, no echo, no
// signals from keys, 8-bit characters, reads return after one byte (x/term's raw mode).
func (t *Termios) MakeRaw() {
	t.Iflag &^= IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON
	t.Oflag &^= OPOST
	t.Lflag &^= ECHO | ECHONL | ICANON | ISIG | IEXTEN
	t.Cflag &^= CSIZE | PARENB
	t.Cflag |= CS8
	t.Cc[VMIN] = 1
	t.Cc[VTIME] = 0
}

// IoctlGetWinsize returns the window size of terminal fd (TIOCGWINSZ).
func IoctlGetWinsize(fd FD) (Winsize, error) {
	var w Winsize
	_, err := Ioctl(fd, TIOCGWINSZ, unsafe.Pointer(&w))
	return w, err
}

// IoctlSetWinsize sets the window size of terminal fd (TIOCSWINSZ; the foreground process
// group gets SIGWINCH when it changes).
func IoctlSetWinsize(fd FD, w *Winsize) error {
	_, err := Ioctl(fd, TIOCSWINSZ, unsafe.Pointer(w))
	return err
}

// IoctlGetPtyNumber returns the number N of the pseudo-terminal whose master is fd: its
// slave is /dev/pts/N (TIOCGPTN: ptsname(3)).
func IoctlGetPtyNumber(fd FD) (uint32, error) {
	var n uint32
	_, err := Ioctl(fd, TIOCGPTN, unsafe.Pointer(&n))
	return n, err
}

// IoctlSetPtyLock locks or unlocks the slave of pseudo-terminal master fd (TIOCSPTLCK:
// unlockpt(3) is IoctlSetPtyLock(fd, false)); a locked slave cannot be opened.
func IoctlSetPtyLock(fd FD, lock bool) error {
	var v int32
	if lock {
		v = 1
	}
	_, err := Ioctl(fd, TIOCSPTLCK, unsafe.Pointer(&v))
	return err
}

// IoctlGetPtyPeer opens the slave of pseudo-terminal master fd with flags (O_RDWR,
// O_NOCTTY, O_CLOEXEC...) and returns its descriptor (TIOCGPTPEER, Linux 4.13: no path
// lookup, so it works whatever is mounted at /dev/pts).
func IoctlGetPtyPeer(fd FD, flags OpenFlags) (FD, error) {
	r, err := IoctlInt(fd, TIOCGPTPEER, uintptr(flags))
	return FD(r), err
}

// IoctlSetControllingTerminal makes terminal fd the controlling terminal of the calling
// process, which must be a session leader without one (TIOCSCTTY); steal takes the
// terminal from another session (CAP_SYS_ADMIN).
func IoctlSetControllingTerminal(fd FD, steal bool) error {
	var v uintptr
	if steal {
		v = 1
	}
	_, err := IoctlInt(fd, TIOCSCTTY, v)
	return err
}

// IoctlReleaseControllingTerminal gives up fd, the caller's controlling terminal
// (TIOCNOTTY).
func IoctlReleaseControllingTerminal(fd FD) error {
	_, err := IoctlInt(fd, TIOCNOTTY, 0)
	return err
}

// IoctlGetSessionID returns the session of which terminal fd is the controlling terminal
// (TIOCGSID: tcgetsid(3)).
func IoctlGetSessionID(fd FD) (PID, error) {
	var p PID
	_, err := Ioctl(fd, TIOCGSID, unsafe.Pointer(&p))
	return p, err
}

// IoctlGetForegroundGroup returns the foreground process group of terminal fd
// (TIOCGPGRP: tcgetpgrp(3)).
func IoctlGetForegroundGroup(fd FD) (PID, error) {
	var p PID
	_, err := Ioctl(fd, TIOCGPGRP, unsafe.Pointer(&p))
	return p, err
}

// IoctlSetForegroundGroup makes pgrp the foreground process group of terminal fd
// (TIOCSPGRP: tcsetpgrp(3)).
func IoctlSetForegroundGroup(fd FD, pgrp PID) error {
	_, err := Ioctl(fd, TIOCSPGRP, unsafe.Pointer(&pgrp))
	return err
}

// OpenPty opens a new pseudo-terminal: its master from /dev/ptmx and its slave through
// TIOCGPTPEER (or /dev/pts/N where the kernel or emulator lacks it), both O_RDWR|O_NOCTTY
// with O_CLOEXEC, and returns them with the slave's path (openpty(3)).
func OpenPty() (master, slave FD, name string, err error) {
	master, err = Openat(AT_FDCWD, "/dev/ptmx", O_RDWR|O_NOCTTY|O_CLOEXEC, 0)
	if err != nil {
		return -1, -1, "", err
	}
	n, err := IoctlGetPtyNumber(master)
	if err == nil {
		err = IoctlSetPtyLock(master, false)
	}
	if err != nil {
		Close(master)
		return -1, -1, "", err
	}
	name = "/dev/pts/" + strconv.FormatUint(uint64(n), 10)
	slave, err = IoctlGetPtyPeer(master, O_RDWR|O_NOCTTY|O_CLOEXEC)
	if err != nil {
		slave, err = Openat(AT_FDCWD, name, O_RDWR|O_NOCTTY|O_CLOEXEC, 0)
	}
	if err != nil {
		Close(master)
		return -1, -1, "", err
	}
	return master, slave, name, nil
}
