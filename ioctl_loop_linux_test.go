//go:build linux

package linux

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestLoopDevice attaches a file to a free loop device (LOOP_CTL_GET_FREE, LOOP_CONFIGURE),
// reads its status and size, writes through it, and detaches it (LOOP_CLR_FD).
func TestLoopDevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("loop devices need CAP_SYS_ADMIN: not root")
	}
	if _, err := os.Stat("/dev/loop-control"); err != nil {
		t.Skipf("no /dev/loop-control: %v", err)
	}
	path := tempFile(t, strings.Repeat("\x00", 1<<20))
	file, err := Openat(AT_FDCWD, path, O_RDWR|O_CLOEXEC, 0)
	file = mustFD(t, "open backing file", file, err)
	dev, name, err := LoopAttach(file, 0)
	if err != nil && qemuUser() && (errors.Is(err, ENOSYS) || errors.Is(err, ENOTTY) || errors.Is(err, EINVAL)) {
		t.Skipf("LOOP_CTL_GET_FREE/LOOP_CONFIGURE under qemu-user: %v (qemu does not translate them)", err)
	}
	must(t, "LoopAttach", err)
	attached := true
	defer func() {
		if attached {
			IoctlLoopClrFD(dev)
		}
		Close(dev)
	}()
	t.Logf("attached %s to %s", path, name)
	info, err := IoctlLoopGetStatus64(dev)
	must(t, "LOOP_GET_STATUS64", err)
	st, err := Fstat(file)
	must(t, "fstat", err)
	fileName := string(bytes.TrimRight(info.FileName[:], "\x00"))
	if info.Inode != st.Ino || !strings.HasPrefix(path, fileName) {
		t.Errorf("status: inode %d file %q, the file is %d %q", info.Inode, fileName, st.Ino, path)
	}
	if n, err := IoctlBlkGetSize64(dev); err != nil || n != 1<<20 {
		t.Errorf("BLKGETSIZE64 %d, %v; want 1 MiB", n, err)
	}
	_, err = Pwrite(dev, []byte("through the loop"), 4096)
	must(t, "write to the loop device", err)
	must(t, "fsync the loop device", Fsync(dev))
	buf := make([]byte, 16)
	_, err = Pread(file, buf, 4096)
	must(t, "read the file", err)
	if string(buf) != "through the loop" {
		t.Errorf("the file has %q where the device was written", buf)
	}
	must(t, "LOOP_CLR_FD", IoctlLoopClrFD(dev))
	attached = false
	// The last close detaches; until then the device may still say it is bound.
	Close(dev)
	dev, err = Openat(AT_FDCWD, name, O_RDONLY|O_CLOEXEC, 0)
	must(t, "reopen "+name, err)
	if _, err := IoctlLoopGetStatus64(dev); !errors.Is(err, ENXIO) {
		t.Errorf("LOOP_GET_STATUS64 after LOOP_CLR_FD: %v, want ENXIO", err)
	}
}
