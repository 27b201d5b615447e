package linux

import "github.com/rawlinux/linux/raw"

// Errno is the kernel's error number; see raw.Errno. The E* constants of this package are
// raw's (zerrno_linux*.go). The raw calls and the vDSO calls (ClockGettime, Getcpu,
// Getrandom...) report a failed system call as an Errno, so errors.Is(err, linux.ENOENT),
// errors.Is(err, fs.ErrNotExist) and errors.Is(err, syscall.ENOENT) all hold for a missing
// file.
type Errno = raw.Errno
