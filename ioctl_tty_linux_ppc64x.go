//go:build linux && (ppc64 || ppc64le)

package linux

// powerpc's struct termios has the speed fields of termios2 itself (TCGETS and TCSETS take
// arbitrary speeds with BOTHER): the speed helpers of the other arches, over Termios.

// SetSpeed sets the input and output speeds in bits per second, any value (BOTHER in both
// of c_cflag's speed fields).
func (t *Termios) SetSpeed(ispeed, ospeed uint32) {
	t.Cflag &^= CBAUD | CIBAUD
	t.Cflag |= BOTHER | BOTHER<<IBSHIFT
	t.Ispeed, t.Ospeed = ispeed, ospeed
}

// IoctlGetSpeed returns the input and output speeds of terminal fd in bits per second.
func IoctlGetSpeed(fd FD) (ispeed, ospeed uint32, err error) {
	t, err := IoctlGetTermios(fd)
	return t.Ispeed, t.Ospeed, err
}

// IoctlSetSpeed sets the input and output speeds of terminal fd in bits per second, any
// value the driver accepts.
func IoctlSetSpeed(fd FD, ispeed, ospeed uint32) error {
	t, err := IoctlGetTermios(fd)
	if err != nil {
		return err
	}
	t.SetSpeed(ispeed, ospeed)
	return IoctlSetTermios(fd, TCSETS, &t)
}
