//go:build linux

package raw_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
	"syscall"
	"testing"

	"github.com/rawlinux/linux/raw"
)

// The Errno tests compare raw.Errno with package syscall's Errno, the ecosystem's reference,
// number by number: raw's constants, names and methods must give syscall's answers (raw may
// know more numbers than syscall's older tables, never fewer). The expected values all come
// from package syscall, none from raw's generated tables.

// errnoPair is one error number both packages name on every arch (errnoPairs) or on some
// (the per-arch files add theirs).
type errnoPair struct {
	name string
	raw  raw.Errno
	sys  syscall.Errno
}

var errnoPairs = []errnoPair{
	{"E2BIG", raw.E2BIG, syscall.E2BIG},
	{"EACCES", raw.EACCES, syscall.EACCES},
	{"EADDRINUSE", raw.EADDRINUSE, syscall.EADDRINUSE},
	{"EADDRNOTAVAIL", raw.EADDRNOTAVAIL, syscall.EADDRNOTAVAIL},
	{"EADV", raw.EADV, syscall.EADV},
	{"EAFNOSUPPORT", raw.EAFNOSUPPORT, syscall.EAFNOSUPPORT},
	{"EAGAIN", raw.EAGAIN, syscall.EAGAIN},
	{"EALREADY", raw.EALREADY, syscall.EALREADY},
	{"EBADE", raw.EBADE, syscall.EBADE},
	{"EBADF", raw.EBADF, syscall.EBADF},
	{"EBADFD", raw.EBADFD, syscall.EBADFD},
	{"EBADMSG", raw.EBADMSG, syscall.EBADMSG},
	{"EBADR", raw.EBADR, syscall.EBADR},
	{"EBADRQC", raw.EBADRQC, syscall.EBADRQC},
	{"EBADSLT", raw.EBADSLT, syscall.EBADSLT},
	{"EBFONT", raw.EBFONT, syscall.EBFONT},
	{"EBUSY", raw.EBUSY, syscall.EBUSY},
	{"ECANCELED", raw.ECANCELED, syscall.ECANCELED},
	{"ECHILD", raw.ECHILD, syscall.ECHILD},
	{"ECHRNG", raw.ECHRNG, syscall.ECHRNG},
	{"ECOMM", raw.ECOMM, syscall.ECOMM},
	{"ECONNABORTED", raw.ECONNABORTED, syscall.ECONNABORTED},
	{"ECONNREFUSED", raw.ECONNREFUSED, syscall.ECONNREFUSED},
	{"ECONNRESET", raw.ECONNRESET, syscall.ECONNRESET},
	{"EDEADLK", raw.EDEADLK, syscall.EDEADLK},
	{"EDEADLOCK", raw.EDEADLOCK, syscall.EDEADLOCK},
	{"EDESTADDRREQ", raw.EDESTADDRREQ, syscall.EDESTADDRREQ},
	{"EDOM", raw.EDOM, syscall.EDOM},
	{"EDOTDOT", raw.EDOTDOT, syscall.EDOTDOT},
	{"EDQUOT", raw.EDQUOT, syscall.EDQUOT},
	{"EEXIST", raw.EEXIST, syscall.EEXIST},
	{"EFAULT", raw.EFAULT, syscall.EFAULT},
	{"EFBIG", raw.EFBIG, syscall.EFBIG},
	{"EHOSTDOWN", raw.EHOSTDOWN, syscall.EHOSTDOWN},
	{"EHOSTUNREACH", raw.EHOSTUNREACH, syscall.EHOSTUNREACH},
	{"EIDRM", raw.EIDRM, syscall.EIDRM},
	{"EILSEQ", raw.EILSEQ, syscall.EILSEQ},
	{"EINPROGRESS", raw.EINPROGRESS, syscall.EINPROGRESS},
	{"EINTR", raw.EINTR, syscall.EINTR},
	{"EINVAL", raw.EINVAL, syscall.EINVAL},
	{"EIO", raw.EIO, syscall.EIO},
	{"EISCONN", raw.EISCONN, syscall.EISCONN},
	{"EISDIR", raw.EISDIR, syscall.EISDIR},
	{"EISNAM", raw.EISNAM, syscall.EISNAM},
	{"EKEYEXPIRED", raw.EKEYEXPIRED, syscall.EKEYEXPIRED},
	{"EKEYREJECTED", raw.EKEYREJECTED, syscall.EKEYREJECTED},
	{"EKEYREVOKED", raw.EKEYREVOKED, syscall.EKEYREVOKED},
	{"EL2HLT", raw.EL2HLT, syscall.EL2HLT},
	{"EL2NSYNC", raw.EL2NSYNC, syscall.EL2NSYNC},
	{"EL3HLT", raw.EL3HLT, syscall.EL3HLT},
	{"EL3RST", raw.EL3RST, syscall.EL3RST},
	{"ELIBACC", raw.ELIBACC, syscall.ELIBACC},
	{"ELIBBAD", raw.ELIBBAD, syscall.ELIBBAD},
	{"ELIBEXEC", raw.ELIBEXEC, syscall.ELIBEXEC},
	{"ELIBMAX", raw.ELIBMAX, syscall.ELIBMAX},
	{"ELIBSCN", raw.ELIBSCN, syscall.ELIBSCN},
	{"ELNRNG", raw.ELNRNG, syscall.ELNRNG},
	{"ELOOP", raw.ELOOP, syscall.ELOOP},
	{"EMEDIUMTYPE", raw.EMEDIUMTYPE, syscall.EMEDIUMTYPE},
	{"EMFILE", raw.EMFILE, syscall.EMFILE},
	{"EMLINK", raw.EMLINK, syscall.EMLINK},
	{"EMSGSIZE", raw.EMSGSIZE, syscall.EMSGSIZE},
	{"EMULTIHOP", raw.EMULTIHOP, syscall.EMULTIHOP},
	{"ENAMETOOLONG", raw.ENAMETOOLONG, syscall.ENAMETOOLONG},
	{"ENAVAIL", raw.ENAVAIL, syscall.ENAVAIL},
	{"ENETDOWN", raw.ENETDOWN, syscall.ENETDOWN},
	{"ENETRESET", raw.ENETRESET, syscall.ENETRESET},
	{"ENETUNREACH", raw.ENETUNREACH, syscall.ENETUNREACH},
	{"ENFILE", raw.ENFILE, syscall.ENFILE},
	{"ENOANO", raw.ENOANO, syscall.ENOANO},
	{"ENOBUFS", raw.ENOBUFS, syscall.ENOBUFS},
	{"ENOCSI", raw.ENOCSI, syscall.ENOCSI},
	{"ENODATA", raw.ENODATA, syscall.ENODATA},
	{"ENODEV", raw.ENODEV, syscall.ENODEV},
	{"ENOENT", raw.ENOENT, syscall.ENOENT},
	{"ENOEXEC", raw.ENOEXEC, syscall.ENOEXEC},
	{"ENOKEY", raw.ENOKEY, syscall.ENOKEY},
	{"ENOLCK", raw.ENOLCK, syscall.ENOLCK},
	{"ENOLINK", raw.ENOLINK, syscall.ENOLINK},
	{"ENOMEDIUM", raw.ENOMEDIUM, syscall.ENOMEDIUM},
	{"ENOMEM", raw.ENOMEM, syscall.ENOMEM},
	{"ENOMSG", raw.ENOMSG, syscall.ENOMSG},
	{"ENONET", raw.ENONET, syscall.ENONET},
	{"ENOPKG", raw.ENOPKG, syscall.ENOPKG},
	{"ENOPROTOOPT", raw.ENOPROTOOPT, syscall.ENOPROTOOPT},
	{"ENOSPC", raw.ENOSPC, syscall.ENOSPC},
	{"ENOSR", raw.ENOSR, syscall.ENOSR},
	{"ENOSTR", raw.ENOSTR, syscall.ENOSTR},
	{"ENOSYS", raw.ENOSYS, syscall.ENOSYS},
	{"ENOTBLK", raw.ENOTBLK, syscall.ENOTBLK},
	{"ENOTCONN", raw.ENOTCONN, syscall.ENOTCONN},
	{"ENOTDIR", raw.ENOTDIR, syscall.ENOTDIR},
	{"ENOTEMPTY", raw.ENOTEMPTY, syscall.ENOTEMPTY},
	{"ENOTNAM", raw.ENOTNAM, syscall.ENOTNAM},
	{"ENOTRECOVERABLE", raw.ENOTRECOVERABLE, syscall.ENOTRECOVERABLE},
	{"ENOTSOCK", raw.ENOTSOCK, syscall.ENOTSOCK},
	{"ENOTTY", raw.ENOTTY, syscall.ENOTTY},
	{"ENOTUNIQ", raw.ENOTUNIQ, syscall.ENOTUNIQ},
	{"ENXIO", raw.ENXIO, syscall.ENXIO},
	{"EOPNOTSUPP", raw.EOPNOTSUPP, syscall.EOPNOTSUPP},
	{"EOVERFLOW", raw.EOVERFLOW, syscall.EOVERFLOW},
	{"EOWNERDEAD", raw.EOWNERDEAD, syscall.EOWNERDEAD},
	{"EPERM", raw.EPERM, syscall.EPERM},
	{"EPFNOSUPPORT", raw.EPFNOSUPPORT, syscall.EPFNOSUPPORT},
	{"EPIPE", raw.EPIPE, syscall.EPIPE},
	{"EPROTO", raw.EPROTO, syscall.EPROTO},
	{"EPROTONOSUPPORT", raw.EPROTONOSUPPORT, syscall.EPROTONOSUPPORT},
	{"EPROTOTYPE", raw.EPROTOTYPE, syscall.EPROTOTYPE},
	{"ERANGE", raw.ERANGE, syscall.ERANGE},
	{"EREMCHG", raw.EREMCHG, syscall.EREMCHG},
	{"EREMOTE", raw.EREMOTE, syscall.EREMOTE},
	{"EREMOTEIO", raw.EREMOTEIO, syscall.EREMOTEIO},
	{"ERESTART", raw.ERESTART, syscall.ERESTART},
	{"ERFKILL", raw.ERFKILL, syscall.ERFKILL},
	{"EROFS", raw.EROFS, syscall.EROFS},
	{"ESHUTDOWN", raw.ESHUTDOWN, syscall.ESHUTDOWN},
	{"ESOCKTNOSUPPORT", raw.ESOCKTNOSUPPORT, syscall.ESOCKTNOSUPPORT},
	{"ESPIPE", raw.ESPIPE, syscall.ESPIPE},
	{"ESRCH", raw.ESRCH, syscall.ESRCH},
	{"ESRMNT", raw.ESRMNT, syscall.ESRMNT},
	{"ESTALE", raw.ESTALE, syscall.ESTALE},
	{"ESTRPIPE", raw.ESTRPIPE, syscall.ESTRPIPE},
	{"ETIME", raw.ETIME, syscall.ETIME},
	{"ETIMEDOUT", raw.ETIMEDOUT, syscall.ETIMEDOUT},
	{"ETOOMANYREFS", raw.ETOOMANYREFS, syscall.ETOOMANYREFS},
	{"ETXTBSY", raw.ETXTBSY, syscall.ETXTBSY},
	{"EUCLEAN", raw.EUCLEAN, syscall.EUCLEAN},
	{"EUNATCH", raw.EUNATCH, syscall.EUNATCH},
	{"EUSERS", raw.EUSERS, syscall.EUSERS},
	{"EWOULDBLOCK", raw.EWOULDBLOCK, syscall.EWOULDBLOCK},
	{"EXDEV", raw.EXDEV, syscall.EXDEV},
	{"EXFULL", raw.EXFULL, syscall.EXFULL},
}

// TestErrnoConstants checks every E* constant both packages define against syscall's value,
// and that raw names each number by one of the names syscall gives it (EAGAIN and
// EWOULDBLOCK share a number; Name returns the first the kernel defines).
func TestErrnoConstants(t *testing.T) {
	names := map[uintptr]map[string]bool{}
	for _, p := range errnoPairs {
		if names[uintptr(p.sys)] == nil {
			names[uintptr(p.sys)] = map[string]bool{}
		}
		names[uintptr(p.sys)][p.name] = true
	}
	for _, p := range errnoPairs {
		if uintptr(p.raw) != uintptr(p.sys) {
			t.Errorf("raw.%s = %d, syscall.%s = %d", p.name, p.raw, p.name, p.sys)
		}
		if n := raw.Errno(p.sys).Name(); !names[uintptr(p.sys)][n] {
			t.Errorf("raw.Errno(%d).Name() = %q; syscall names %d %v", p.sys, n, p.sys, keys(names[uintptr(p.sys)]))
		}
		if s := raw.Errno(p.sys).Error(); s == "" || s == "errno "+strconv.Itoa(int(p.sys)) {
			t.Errorf("raw.Errno(%d) (%s).Error() = %q, want the kernel's description", p.sys, p.name, s)
		}
	}
	if len(errnoPairs) < 130 {
		t.Errorf("only %d errno pairs", len(errnoPairs))
	}
}

func keys(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	return s
}

// errnoTargets are what errors.Is is asked about: the io/fs sentinels and
// errors.ErrUnsupported that Errno.Is knows, and some it must not match.
var errnoTargets = []error{
	fs.ErrPermission, fs.ErrExist, fs.ErrNotExist, errors.ErrUnsupported,
	fs.ErrInvalid, fs.ErrClosed, os.ErrDeadlineExceeded, io.EOF, errors.New("other"),
}

// TestErrnoMethods compares every method of raw.Errno with syscall.Errno's answer for every
// error number (0 to 4095, and a few past the kernel's range).
func TestErrnoMethods(t *testing.T) {
	for n := 0; n <= 4100; n++ {
		e, s := raw.Errno(n), syscall.Errno(n)
		if e.Syscall() != s {
			t.Errorf("raw.Errno(%d).Syscall() = %d", n, e.Syscall())
		}
		if syscall.Errno(e) != s {
			t.Errorf("syscall.Errno(raw.Errno(%d)) = %d", n, syscall.Errno(e))
		}
		if e.Temporary() != s.Temporary() {
			t.Errorf("Errno(%d) %s: Temporary() = %v, syscall says %v", n, e.Name(), e.Temporary(), s.Temporary())
		}
		if e.Timeout() != s.Timeout() {
			t.Errorf("Errno(%d) %s: Timeout() = %v, syscall says %v", n, e.Name(), e.Timeout(), s.Timeout())
		}
		for _, target := range errnoTargets {
			if got, want := e.Is(target), s.Is(target); got != want {
				t.Errorf("Errno(%d) %s: Is(%v) = %v, syscall says %v", n, e.Name(), target, got, want)
			}
			if got, want := errors.Is(e, target), errors.Is(s, target); got != want {
				t.Errorf("errors.Is(Errno(%d) %s, %v) = %v, syscall says %v", n, e.Name(), target, got, want)
			}
		}
		// The same number as a syscall.Errno matches, its neighbours do not.
		for _, m := range []int{n - 1, n, n + 1} {
			if m < 0 {
				continue
			}
			if got := errors.Is(e, syscall.Errno(m)); got != (m == n) {
				t.Errorf("errors.Is(raw.Errno(%d), syscall.Errno(%d)) = %v", n, m, got)
			}
		}
		// Error: syscall's text for a number neither knows ("errno N"); a description
		// wherever either one knows the number; "errno N" exactly when Name is "".
		unnamed := "errno " + strconv.Itoa(n)
		switch {
		case s.Error() != unnamed && (e.Error() == unnamed || e.Error() == ""):
			t.Errorf("Errno(%d): syscall says %q, raw has no description (%q)", n, s.Error(), e.Error())
		case (e.Name() == "") != (e.Error() == unnamed):
			t.Errorf("Errno(%d): Name %q, Error %q", n, e.Name(), e.Error())
		case e.Name() == "" && e.Error() != s.Error():
			t.Errorf("Errno(%d): Error() = %q, syscall says %q", n, e.Error(), s.Error())
		}
	}
}
