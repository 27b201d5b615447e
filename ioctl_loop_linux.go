//go:build linux

package linux

import (
	"strconv"
	"unsafe"
)

// Typed helpers for the loop-device requests (linux/loop.h: loop(4)), over Ioctl and
// IoctlInt: /dev/loop-control hands out devices, a /dev/loopN descriptor is configured
// with a backing file and released.

// IoctlLoopCtlGetFree returns the number of a free loop device, allocating one if needed
// (LOOP_CTL_GET_FREE on /dev/loop-control).
func IoctlLoopCtlGetFree(ctl FD) (int, error) { return IoctlInt(ctl, LOOP_CTL_GET_FREE, 0) }

// IoctlLoopCtlAdd creates /dev/loopN (LOOP_CTL_ADD) and returns N.
func IoctlLoopCtlAdd(ctl FD, n int) (int, error) { return IoctlInt(ctl, LOOP_CTL_ADD, uintptr(n)) }

// IoctlLoopCtlRemove removes /dev/loopN, which must be unused (LOOP_CTL_REMOVE).
func IoctlLoopCtlRemove(ctl FD, n int) error {
	_, err := IoctlInt(ctl, LOOP_CTL_REMOVE, uintptr(n))
	return err
}

// IoctlLoopConfigure attaches c.FD's file to loop device fd with c's block size and status
// in one step (LOOP_CONFIGURE, Linux 5.8).
func IoctlLoopConfigure(fd FD, c *LoopConfig) error {
	_, err := Ioctl(fd, LOOP_CONFIGURE, unsafe.Pointer(c))
	return err
}

// IoctlLoopSetFD attaches file to loop device fd (LOOP_SET_FD; LOOP_CONFIGURE does this and
// the status in one call).
func IoctlLoopSetFD(fd, file FD) error {
	_, err := IoctlInt(fd, LOOP_SET_FD, uintptr(file))
	return err
}

// IoctlLoopClrFD detaches loop device fd from its file (LOOP_CLR_FD); while the device is
// still open elsewhere the kernel detaches it at the last close (autoclear).
func IoctlLoopClrFD(fd FD) error {
	_, err := IoctlInt(fd, LOOP_CLR_FD, 0)
	return err
}

// IoctlLoopGetStatus64 returns loop device fd's status: backing file's name, device and
// inode, offset, size limit, LO_FLAGS_* (LOOP_GET_STATUS64; ENXIO when unattached).
func IoctlLoopGetStatus64(fd FD) (LoopInfo64, error) {
	var i LoopInfo64
	_, err := Ioctl(fd, LOOP_GET_STATUS64, unsafe.Pointer(&i))
	return i, err
}

// IoctlLoopSetStatus64 changes loop device fd's status (LOOP_SET_STATUS64).
func IoctlLoopSetStatus64(fd FD, i *LoopInfo64) error {
	_, err := Ioctl(fd, LOOP_SET_STATUS64, unsafe.Pointer(i))
	return err
}

// IoctlLoopSetCapacity makes loop device fd take its backing file's new size
// (LOOP_SET_CAPACITY).
func IoctlLoopSetCapacity(fd FD) error {
	_, err := IoctlInt(fd, LOOP_SET_CAPACITY, 0)
	return err
}

// IoctlLoopSetDirectIO turns direct I/O to the backing file on or off (LOOP_SET_DIRECT_IO).
func IoctlLoopSetDirectIO(fd FD, on bool) error {
	var v uintptr
	if on {
		v = 1
	}
	_, err := IoctlInt(fd, LOOP_SET_DIRECT_IO, v)
	return err
}

// IoctlLoopSetBlockSize sets loop device fd's logical block size (LOOP_SET_BLOCK_SIZE).
func IoctlLoopSetBlockSize(fd FD, size uint32) error {
	_, err := IoctlInt(fd, LOOP_SET_BLOCK_SIZE, uintptr(size))
	return err
}

// LoopAttach attaches file to a free loop device with flags (LO_FLAGS_READ_ONLY,
// LO_FLAGS_AUTOCLEAR, LO_FLAGS_PARTSCAN, LO_FLAGS_DIRECT_IO) through /dev/loop-control and
// LOOP_CONFIGURE, and returns the device's descriptor (O_RDWR, or O_RDONLY with
// LO_FLAGS_READ_ONLY; close-on-exec) and path. LOOP_CONFIGURE fails with EBUSY when another
// process took the same device first: LoopAttach then asks for another, a few times.
func LoopAttach(file FD, flags uint32) (FD, string, error) {
	ctl, err := Openat(AT_FDCWD, "/dev/loop-control", O_RDWR|O_CLOEXEC, 0)
	if err != nil {
		return -1, "", err
	}
	defer Close(ctl)
	mode := O_RDWR
	if flags&LO_FLAGS_READ_ONLY != 0 {
		mode = O_RDONLY
	}
	for try := 0; ; try++ {
		n, err := IoctlLoopCtlGetFree(ctl)
		if err != nil {
			return -1, "", err
		}
		path := "/dev/loop" + strconv.Itoa(n)
		fd, err := Openat(AT_FDCWD, path, mode|O_CLOEXEC, 0)
		if err != nil {
			return -1, "", err
		}
		c := LoopConfig{FD: uint32(file)}
		c.Info.Flags = flags
		err = IoctlLoopConfigure(fd, &c)
		if err == nil {
			return fd, path, nil
		}
		Close(fd)
		if err != EBUSY || try == 4 {
			return -1, "", err
		}
	}
}
