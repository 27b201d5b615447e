package linux

import "github.com/rawlinux/linux/raw"

// Errno is the kernel's error number; see raw.Errno. Every error a wrapper returns for a
// failed system call is an Errno, so errors.Is(err, linux.ENOENT), errors.Is(err,
// fs.ErrNotExist) and errors.Is(err, syscall.ENOENT) all hold for a missing file.
type Errno = raw.Errno
