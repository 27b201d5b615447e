//go:build linux && !ppc64 && !ppc64le

package linux

import "unsafe"

// termios2 (TCGETS2, TCSETS2...): the terminal attributes with the input and output speeds
// as numbers, for any speed (BOTHER in c_cflag). powerpc has no termios2: its Termios has
// the speed fields (ioctl_tty_linux_ppc64x.go).

// IoctlGetTermios2 returns fd's terminal attributes with the speeds (TCGETS2).
func IoctlGetTermios2(fd FD) (Termios2, error) {
	var t Termios2
	_, err := Ioctl(fd, TCGETS2, unsafe.Pointer(&t))
	return t, err
}

// IoctlSetTermios2 sets fd's terminal attributes with req: TCSETS2, TCSETSW2 or TCSETSF2
// (now, after the output drains, and also discarding pending input).
func IoctlSetTermios2(fd FD, req IoctlCmd, t *Termios2) error {
	_, err := Ioctl(fd, req, unsafe.Pointer(t))
	return err
}

// SetSpeed sets the input and output speeds in bits per second, any value (BOTHER in both
// of c_cflag's speed fields; the driver may round them, IoctlGetTermios2 says to what).
func (t *Termios2) SetSpeed(ispeed, ospeed uint32) {
	t.Cflag &^= CBAUD | CIBAUD
	t.Cflag |= BOTHER | BOTHER<<IBSHIFT
	t.Ispeed, t.Ospeed = ispeed, ospeed
}

// MakeRaw changes t as Termios.MakeRaw does.
func (t *Termios2) MakeRaw() {
	t.Iflag &^= IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON
	t.Oflag &^= OPOST
	t.Lflag &^= ECHO | ECHONL | ICANON | ISIG | IEXTEN
	t.Cflag &^= CSIZE | PARENB
	t.Cflag |= CS8
	t.Cc[VMIN] = 1
	t.Cc[VTIME] = 0
}

// IoctlGetSpeed returns the input and output speeds of terminal fd in bits per second.
func IoctlGetSpeed(fd FD) (ispeed, ospeed uint32, err error) {
	t, err := IoctlGetTermios2(fd)
	return t.Ispeed, t.Ospeed, err
}

// IoctlSetSpeed sets the input and output speeds of terminal fd in bits per second, any
// value the driver accepts (termios2 with BOTHER; powerpc: termios).
func IoctlSetSpeed(fd FD, ispeed, ospeed uint32) error {
	t, err := IoctlGetTermios2(fd)
	if err != nil {
		return err
	}
	t.SetSpeed(ispeed, ospeed)
	return IoctlSetTermios2(fd, TCSETS2, &t)
}
