//go:build linux

package linux

import (
	"errors"
	"os"
	"testing"
)

// TestFsIdentity asks the file system of a temporary file for its UUID and sysfs path
// (FS_IOC_GETFSUUID, FS_IOC_GETFSSYSFSPATH) and finds the path under /sys/fs.
func TestFsIdentity(t *testing.T) {
	fd, err := Openat(AT_FDCWD, tempFile(t, "x"), O_RDONLY|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	uuid, err := IoctlGetFsUUID(fd)
	if qemuUser() && (errors.Is(err, ENOTTY) || errors.Is(err, ENOSYS)) {
		t.Skipf("FS_IOC_GETFSUUID under qemu-user: %v (qemu does not translate it)", err)
	}
	if errors.Is(err, ENOTTY) {
		t.Skipf("FS_IOC_GETFSUUID: %v (the temporary directory's file system has no UUID)", err)
	}
	must(t, "FS_IOC_GETFSUUID", err)
	if len(uuid) == 0 || len(uuid) > 16 {
		t.Errorf("UUID % x: %d bytes", uuid, len(uuid)) // an all-zero UUID is a file system made without one
	}
	path, err := IoctlGetFsSysfsPath(fd)
	if errors.Is(err, ENOTTY) {
		t.Logf("UUID % x; FS_IOC_GETFSSYSFSPATH: %v (the file system has no sysfs directory)", uuid, err)
		return
	}
	must(t, "FS_IOC_GETFSSYSFSPATH", err)
	if _, err := os.Stat("/sys/fs/" + path); err != nil {
		t.Errorf("sysfs path %q: %v", path, err)
	}
	t.Logf("UUID % x, /sys/fs/%s", uuid, path)
}
