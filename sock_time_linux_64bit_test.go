//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x || mips64 || mips64le)

package linux

// recvmmsgTime64Or is Recvmmsg on 64-bit arches, which have one row for it.
func recvmmsgTime64Or(fd FD, msgs []Mmsghdr, flags MsgFlags, timeout *Timespec) (int, error) {
	return Recvmmsg(fd, msgs, flags, timeout)
}

// recvmmsgTime32Or is Recvmmsg without a timeout on 64-bit arches.
func recvmmsgTime32Or(fd FD, msgs []Mmsghdr) (int, error) {
	return Recvmmsg(fd, msgs, MSG_DONTWAIT, nil)
}
