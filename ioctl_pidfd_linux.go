//go:build linux

package linux

import "unsafe"

// Typed helpers for the pidfd requests (linux/pidfd.h), over Ioctl and IoctlInt.

// IoctlPidfdGetInfo returns what the kernel knows of pidfd's process (PIDFD_GET_INFO,
// Linux 6.13): mask asks for PIDFD_INFO_PID, PIDFD_INFO_CREDS, PIDFD_INFO_CGROUPID,
// PIDFD_INFO_EXIT (after the process exited: its exit code)...; the result's Mask says
// which fields the kernel filled.
func IoctlPidfdGetInfo(pidfd FD, mask PidfdInfoMask) (PidfdInfo, error) {
	info := PidfdInfo{Mask: mask}
	_, err := Ioctl(pidfd, PIDFD_GET_INFO, unsafe.Pointer(&info))
	return info, err
}

// IoctlPidfdGetNamespace returns a descriptor of a namespace of pidfd's process: req is
// PIDFD_GET_NET_NAMESPACE, PIDFD_GET_USER_NAMESPACE, PIDFD_GET_MNT_NAMESPACE,
// PIDFD_GET_PID_NAMESPACE... (Linux 6.11).
func IoctlPidfdGetNamespace(pidfd FD, req IoctlCmd) (FD, error) {
	r, err := IoctlInt(pidfd, req, 0)
	return FD(r), err
}
