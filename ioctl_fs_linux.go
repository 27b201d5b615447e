//go:build linux

package linux

import "unsafe"

// Typed helpers for the file-system identity requests (linux/fs.h), over Ioctl.

// IoctlGetFsUUID returns the UUID of the file system holding fd's file (FS_IOC_GETFSUUID,
// Linux 6.8; ENOTTY where the file system has none).
func IoctlGetFsUUID(fd FD) ([]byte, error) {
	var u Fsuuid2
	if _, err := Ioctl(fd, FS_IOC_GETFSUUID, unsafe.Pointer(&u)); err != nil {
		return nil, err
	}
	return append([]byte(nil), u.Uuid[:min(int(u.Len), len(u.Uuid))]...), nil
}

// IoctlGetFsSysfsPath returns the path under /sys/fs of the file system holding fd's file
// ("ext4/vda"; FS_IOC_GETFSSYSFSPATH, Linux 6.8; ENOTTY where it has none).
func IoctlGetFsSysfsPath(fd FD) (string, error) {
	var p FsSysfsPath
	if _, err := Ioctl(fd, FS_IOC_GETFSSYSFSPATH, unsafe.Pointer(&p)); err != nil {
		return "", err
	}
	return string(p.Name[:min(int(p.Len), len(p.Name))]), nil
}
