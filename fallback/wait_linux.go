package fallback

import (
	"math"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

var featPwait2 = newFeature(&feature{name: "epoll_pwait2", fallback: "epoll_pwait (the timeout rounded up to milliseconds)", sysno: linux.SYS_EPOLL_PWAIT2})

// EpollPwait2 waits for events on epfd as epoll_pwait2 does: timeout nil waits
// without end, a zero one polls; sigmask, if not nil, is the signal mask during the wait.
// Where epoll_pwait2 is not available it calls epoll_pwait with the timeout in
// milliseconds rounded up, never down (a wait never ends before the time asked).
func EpollPwait2(epfd linux.FD, events []linux.EpollEvent, timeout *linux.Timespec, sigmask *linux.Sigset) (int, error) {
	if len(events) == 0 {
		return 0, linux.EINVAL
	}
	size := uintptr(unsafe.Sizeof(linux.Sigset{}))
	if featPwait2.use() {
		r, _, e := raw.Syscall6(linux.SYS_EPOLL_PWAIT2, uintptr(epfd), uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)),
			uintptr(unsafe.Pointer(timeout)), uintptr(unsafe.Pointer(sigmask)), size)
		var err error
		if e != 0 {
			err = e
		}
		if !featPwait2.refused(err) {
			if err != nil {
				return 0, err
			}
			return int(r), nil
		}
	}
	ms, err := millisUp(timeout)
	if err != nil {
		return 0, err
	}
	r, _, e := raw.Syscall6(linux.SYS_EPOLL_PWAIT, uintptr(epfd), uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)),
		uintptr(ms), uintptr(unsafe.Pointer(sigmask)), size)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// millisUp converts a timeout to epoll_wait's milliseconds: -1 for none, rounded up,
// at most MaxInt32 (24 days: a longer wait ends early, as the kernel's own conversion
// for epoll_wait would not allow more).
func millisUp(t *linux.Timespec) (int32, error) {
	if t == nil {
		return -1, nil
	}
	if t.Sec < 0 || t.Nsec < 0 || t.Nsec >= 1e9 {
		return 0, linux.EINVAL
	}
	if t.Sec >= math.MaxInt32/1000 {
		return math.MaxInt32, nil
	}
	ms := t.Sec*1000 + (t.Nsec+999999)/1000000
	return int32(min(ms, math.MaxInt32)), nil
}
