//go:build linux && (386 || arm || mips || mipsle)

package linux

// recvmmsgTime64Or is the time64 row's wrapper on 32-bit arches.
func recvmmsgTime64Or(fd FD, msgs []Mmsghdr, flags MsgFlags, timeout *Timespec) (int, error) {
	return RecvmmsgTime64(fd, msgs, flags, timeout)
}

// recvmmsgTime32Or makes the narrow recvmmsg row of 32-bit arches with a 32-bit timeout.
func recvmmsgTime32Or(fd FD, msgs []Mmsghdr) (int, error) {
	return RecvmmsgTime32(fd, msgs, MSG_DONTWAIT, &OldTimespec32{Sec: 1})
}
