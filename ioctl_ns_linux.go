//go:build linux

package linux

import "unsafe"

// Typed helpers for the namespace-descriptor requests (linux/nsfs.h: ioctl_nsfs(2)) on
// descriptors of /proc/PID/ns/* (or from pidfds, or NS_GET_USERNS itself), over Ioctl and
// IoctlInt.

// IoctlNsGetUserns returns a descriptor of the user namespace that owns namespace fd
// (NS_GET_USERNS; EPERM outside the caller's user namespace tree).
func IoctlNsGetUserns(fd FD) (FD, error) {
	r, err := IoctlInt(fd, NS_GET_USERNS, 0)
	return FD(r), err
}

// IoctlNsGetParent returns a descriptor of the parent of hierarchical namespace fd (a PID
// or user namespace: NS_GET_PARENT; EPERM at the top of the caller's view).
func IoctlNsGetParent(fd FD) (FD, error) {
	r, err := IoctlInt(fd, NS_GET_PARENT, 0)
	return FD(r), err
}

// IoctlNsGetNstype returns the type of namespace fd as its CLONE_NEW* flag (NS_GET_NSTYPE).
func IoctlNsGetNstype(fd FD) (CloneFlags, error) {
	r, err := IoctlInt(fd, NS_GET_NSTYPE, 0)
	return CloneFlags(r), err
}

// IoctlNsGetOwnerUID returns the UID, in the caller's user namespace, of the creator of
// user namespace fd (NS_GET_OWNER_UID; EINVAL for a namespace of another type).
func IoctlNsGetOwnerUID(fd FD) (UID, error) {
	var u UID
	_, err := Ioctl(fd, NS_GET_OWNER_UID, unsafe.Pointer(&u))
	return u, err
}

// IoctlNsGetID returns the 64-bit identifier of namespace fd, unique for the system's
// lifetime (NS_GET_ID, Linux 6.18; NS_GET_MNTNS_ID for mount namespaces since 6.8).
func IoctlNsGetID(fd FD) (uint64, error) {
	var id uint64
	_, err := Ioctl(fd, NS_GET_ID, unsafe.Pointer(&id))
	return id, err
}

// IoctlNsPIDToNS translates pid from the caller's PID namespace into PID namespace fd
// (NS_GET_PID_FROM_PIDNS with toNS false translates the other way: NS_GET_PID_IN_PIDNS).
func IoctlNsPIDToNS(fd FD, pid PID, toNS bool) (PID, error) {
	req := NS_GET_PID_FROM_PIDNS
	if toNS {
		req = NS_GET_PID_IN_PIDNS
	}
	r, err := IoctlInt(fd, req, uintptr(pid))
	return PID(r), err
}
