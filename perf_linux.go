//go:build linux

package linux

import (
	"encoding/binary"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// PerfEventOpen opens a performance counter described by attr (perf_event_open(2)) for
// thread pid (0: the caller, -1: every thread, with cpu set) on cpu (-1: any), in the
// group of groupFD (-1: a new group), with flags PERF_FLAG_* (PERF_FLAG_FD_CLOEXEC). A
// zero attr.Size is set to the size of PerfEventAttr, the version this package knows;
// a caller that sets it passes its own (the kernel refuses E2BIG for a larger one whose
// extra bytes are not zero, and writes its own size back into attr.Size then).
//
// https://man7.org/linux/man-pages/man2/perf_event_open.2.html
func PerfEventOpen(attr *PerfEventAttr, pid PID, cpu int, groupFD FD, flags PerfEventFlags) (FD, error) {
	if attr == nil {
		return -1, raw.EFAULT
	}
	if attr.Size == 0 {
		attr.Size = uint32(unsafe.Sizeof(*attr))
	}
	r, _, errno := raw.Syscall6(SYS_PERF_EVENT_OPEN, uintptr(unsafe.Pointer(attr)), uintptr(pid), uintptr(cpu),
		uintptr(groupFD), uintptr(flags), 0)
	if errno != 0 {
		return -1, errno
	}
	return FD(r), nil
}

// PerfEventEnable starts counter fd (PERF_EVENT_IOC_ENABLE); with group, every counter
// of its group (PERF_IOC_FLAG_GROUP).
func PerfEventEnable(fd FD, group bool) error { return perfIoctl(fd, PERF_EVENT_IOC_ENABLE, group) }

// PerfEventDisable stops counter fd (PERF_EVENT_IOC_DISABLE).
func PerfEventDisable(fd FD, group bool) error { return perfIoctl(fd, PERF_EVENT_IOC_DISABLE, group) }

// PerfEventReset sets counter fd to zero (PERF_EVENT_IOC_RESET); the time fields of its
// reads keep counting.
func PerfEventReset(fd FD, group bool) error { return perfIoctl(fd, PERF_EVENT_IOC_RESET, group) }

func perfIoctl(fd FD, cmd IoctlCmd, group bool) error {
	var arg uintptr
	if group {
		arg = PERF_IOC_FLAG_GROUP
	}
	_, err := IoctlInt(fd, cmd, arg)
	return err
}

// PerfEventValue reads counter fd opened without PERF_FORMAT_GROUP and returns its value
// and the read_format fields that follow it (in PERF_FORMAT_* bit order: time enabled,
// time running, id, lost), as many as attr.ReadFormat asked for.
func PerfEventValue(fd FD) (value uint64, more []uint64, err error) {
	var buf [5 * 8]byte
	n, err := Read(fd, buf[:])
	if err != nil {
		return 0, nil, err
	}
	if n < 8 || n%8 != 0 {
		return 0, nil, raw.EIO
	}
	value = binary.NativeEndian.Uint64(buf[:8])
	for i := 8; i < n; i += 8 {
		more = append(more, binary.NativeEndian.Uint64(buf[i:]))
	}
	return value, more, nil
}
