package fallback

import (
	"math"

	"github.com/rawlinux/linux"
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
	if featPwait2.use() {
		n, err := linux.EpollPwait2(epfd, events, timeout, sigmask)
		if !featPwait2.refused(err) {
			return n, err
		}
	}
	ms, err := millisUp(timeout)
	if err != nil {
		return 0, err
	}
	return linux.EpollPwait(epfd, events, int(ms), sigmask)
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
