package fallback

import (
	"errors"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

var (
	featCopy     = newFeature(&feature{name: "copy_file_range", fallback: "sendfile, then read and write", sysno: linux.SYS_COPY_FILE_RANGE, legitEPERM: true})
	featPreadv2  = newFeature(&feature{name: "preadv2", fallback: "preadv (readv at offset -1), with flags 0", sysno: linux.SYS_PREADV2})
	featPwritev2 = newFeature(&feature{name: "pwritev2", fallback: "pwritev (writev at offset -1), with flags 0", sysno: linux.SYS_PWRITEV2, legitEPERM: true})
	featRandom   = newFeature(&feature{name: "getrandom", fallback: "/dev/urandom (/dev/random for GRND_RANDOM)", sysno: linux.SYS_GETRANDOM})
	featInsecure = newFeature(&feature{name: "getrandom GRND_INSECURE", fallback: "/dev/urandom", probe: probeInsecure})
)

// CopyFileRange copies up to n bytes as linux.CopyFileRange does. Where copy_file_range
// is not available, or refuses these two files (EXDEV across file systems before 5.3 and
// for some since 5.19, EINVAL or EOPNOTSUPP for files it cannot copy), it copies with
// sendfile (when offOut is nil) and else, or if sendfile refuses too, with read and write
// (pread and pwrite at the offsets given); those answers are not remembered, they depend
// on the files. Offsets advance as copy_file_range's do: *offIn and *offOut when given,
// the file positions when nil.
func CopyFileRange(fdIn linux.FD, offIn *int64, fdOut linux.FD, offOut *int64, n int, flags uint32) (int, error) {
	if flags != 0 {
		return 0, linux.EINVAL
	}
	if featCopy.use() {
		w, err := linux.CopyFileRange(fdIn, offIn, fdOut, offOut, n, flags)
		if featCopy.refused(err) {
			return copyFallback(fdIn, offIn, fdOut, offOut, n)
		}
		if (errors.Is(err, linux.EXDEV) || errors.Is(err, linux.EOPNOTSUPP) || errors.Is(err, linux.EINVAL)) && !sameFile(fdIn, fdOut) {
			return copyFallback(fdIn, offIn, fdOut, offOut, n)
		}
		return w, err
	}
	return copyFallback(fdIn, offIn, fdOut, offOut, n)
}

func sameFile(a, b linux.FD) bool {
	sa, err1 := linux.Fstat(a)
	sb, err2 := linux.Fstat(b)
	return err1 == nil && err2 == nil && sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

func copyFallback(fdIn linux.FD, offIn *int64, fdOut linux.FD, offOut *int64, n int) (int, error) {
	if offOut == nil {
		w, err := linux.Sendfile(fdOut, fdIn, offIn, n)
		var e linux.Errno
		if err == nil || !errors.As(err, &e) || e != linux.EINVAL && e != linux.ENOSYS && e != linux.EPERM && e != linux.EOPNOTSUPP {
			return w, err
		}
	}
	buf := make([]byte, min(n, 128<<10))
	total := 0
	for total < n {
		chunk := buf[:min(len(buf), n-total)]
		var r int
		var err error
		if offIn != nil {
			r, err = linux.Pread64(fdIn, chunk, *offIn)
		} else {
			r, err = linux.Read(fdIn, chunk)
		}
		if err != nil {
			if total > 0 {
				return total, nil
			}
			return 0, err
		}
		if r == 0 {
			break
		}
		if offIn != nil {
			*offIn += int64(r)
		}
		for done := 0; done < r; {
			var w int
			if offOut != nil {
				w, err = linux.Pwrite64(fdOut, chunk[done:r], *offOut)
			} else {
				w, err = linux.Write(fdOut, chunk[done:r])
			}
			if err != nil {
				if offIn != nil {
					*offIn -= int64(r - done) // what was read and not written stays to copy
				}
				if total+done > 0 {
					return total + done, nil
				}
				return 0, err
			}
			if offOut != nil {
				*offOut += int64(w)
			}
			done += w
		}
		total += r
	}
	return total, nil
}

// Preadv2 is linux.Preadv2, or where preadv2 is not available and flags is 0, preadv
// (readv for offset -1, the file position). RWF_* flags have no fallback: the error
// wraps ErrNotAvailable.
func Preadv2(fd linux.FD, iov []linux.Iovec, off int64, flags linux.RwfFlags) (int, error) {
	if featPreadv2.use() {
		n, err := linux.Preadv2(fd, iov, off, flags)
		if !featPreadv2.refused(err) {
			return n, err
		}
	}
	if flags != 0 {
		return 0, featPreadv2.notAvailable("preadv cannot do " + flags.String())
	}
	if off == -1 {
		return linux.Readv(fd, iov)
	}
	return linux.Preadv(fd, iov, off)
}

// Pwritev2 is linux.Pwritev2, or where pwritev2 is not available and flags is 0,
// pwritev (writev for offset -1).
func Pwritev2(fd linux.FD, iov []linux.Iovec, off int64, flags linux.RwfFlags) (int, error) {
	if featPwritev2.use() {
		n, err := linux.Pwritev2(fd, iov, off, flags)
		if !featPwritev2.refused(err) {
			return n, err
		}
	}
	if flags != 0 {
		return 0, featPwritev2.notAvailable("pwritev cannot do " + flags.String())
	}
	if off == -1 {
		return linux.Writev(fd, iov)
	}
	return linux.Pwritev(fd, iov, off)
}

// getrandom(NULL, 0, GRND_INSECURE): 0 where the flag is known (5.6), EINVAL where not.
// The system call itself: linux.Getrandom would ask the vDSO first, which answers
// without the kernel's check of the flags.
func probeInsecure() (state, string) {
	_, _, e := raw.RawSyscall(linux.SYS_GETRANDOM, 0, 0, uintptr(linux.GRND_INSECURE))
	switch e {
	case 0:
		return available, "the probe getrandom(NULL, 0, GRND_INSECURE) got an answer"
	case linux.EINVAL:
		return unavailable, "EINVAL to the probe getrandom(NULL, 0, GRND_INSECURE): the kernel does not know the flag"
	case linux.ENOSYS, linux.EPERM:
		return unavailable, e.Name() + " to the probe getrandom(NULL, 0, GRND_INSECURE)"
	}
	return available, "the probe getrandom(NULL, 0, GRND_INSECURE) got " + e.Name() + ", not EINVAL"
}

// Getrandom fills p with random bytes from the getrandom system call (the system call
// itself, which seccomp sees; linux.Getrandom uses the vDSO where it can), or where it is
// not available, from /dev/urandom (/dev/random for GRND_RANDOM; GRND_NONBLOCK opens it
// non-blocking). GRND_INSECURE (5.6) asks for what /dev/urandom gives. It returns how
// many bytes it wrote, len(p) unless an error stops it.
//
// Not linux.Getrandom: the vDSO's getrandom (6.11) answers what it can without the
// kernel and makes the system call for the rest (flags it does not know, an RNG not yet
// ready), so under a filter that refuses the system call it works for some requests and
// not for others, and what is remembered here would depend on which came first. Programs that want the
// vDSO's speed call linux.Getrandom; this one is for code that must survive a kernel or
// a sandbox without getrandom.
func Getrandom(p []byte, flags linux.GrndFlags) (int, error) {
	insecure := flags&linux.GRND_INSECURE != 0
	if featRandom.use() && (!insecure || featInsecure.use()) {
		n, err := getrandom(p, flags)
		switch {
		case insecure && errors.Is(err, linux.EINVAL) && flags&^(linux.GRND_INSECURE|linux.GRND_NONBLOCK) == 0:
			featInsecure.refusedFlag(err)
		case !featRandom.refused(err):
			if insecure && err == nil {
				featInsecure.refused(nil)
			}
			return n, err
		}
	}
	if flags&^(linux.GRND_RANDOM|linux.GRND_NONBLOCK|linux.GRND_INSECURE) != 0 || flags&linux.GRND_RANDOM != 0 && insecure {
		return 0, linux.EINVAL
	}
	path := "/dev/urandom"
	if flags&linux.GRND_RANDOM != 0 {
		path = "/dev/random"
	}
	of := linux.O_RDONLY | linux.O_CLOEXEC
	if flags&linux.GRND_NONBLOCK != 0 {
		of |= linux.O_NONBLOCK
	}
	fd, err := linux.Openat(linux.AT_FDCWD, path, of, 0)
	if err != nil {
		return 0, err
	}
	defer linux.Close(fd)
	n := 0
	for n < len(p) {
		r, err := linux.Read(fd, p[n:])
		if err != nil {
			if errors.Is(err, linux.EINTR) {
				continue
			}
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if r == 0 {
			break
		}
		n += r
	}
	return n, nil
}

func getrandom(p []byte, flags linux.GrndFlags) (int, error) {
	n := 0
	for n < len(p) || len(p) == 0 {
		var ptr unsafe.Pointer
		if len(p) > 0 {
			ptr = unsafe.Pointer(&p[n])
		}
		r, _, e := raw.Syscall(linux.SYS_GETRANDOM, uintptr(ptr), uintptr(len(p)-n), uintptr(flags))
		if e == linux.EINTR && n > 0 {
			return n, nil
		}
		if e != 0 {
			if n > 0 {
				return n, nil
			}
			return 0, e
		}
		n += int(r)
		if len(p) == 0 {
			break
		}
	}
	return n, nil
}
