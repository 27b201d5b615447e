//go:build linux

package linux

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// System administration calls, proved with harmless invalid arguments or inside a
// throwaway namespace: nothing is ever rebooted, loaded, swapped or accounted.

func TestAcct(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("acct needs CAP_SYS_PACCT: not root")
	}
	err := Acct(filepath.Join(t.TempDir(), "missing", "file"))
	skipUnsupported(t, "acct", err)
	wantErrno(t, "acct of a missing file", err, ENOENT)
	wantErrno(t, "acct of a directory", Acct(t.TempDir()), EISDIR)
}

// TestRebootInvalid: the magic numbers are right (the kernel checks them first) and an
// unknown command is EINVAL: nothing happens.
func TestRebootInvalid(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("reboot needs CAP_SYS_BOOT: not root")
	}
	err := Reboot(RebootCmd(0x5a5a5a5a), nil)
	skipUnsupported(t, "reboot", err)
	wantErrno(t, "reboot with an unknown command", err, EINVAL)
}

// TestRebootPidNamespace: in a new pid namespace, reboot(RESTART) ends that namespace's
// init, the child itself, which its parent sees killed by SIGHUP. The child calls reboot
// only when it is pid 1 of a namespace other than the test's.
func TestRebootPidNamespace(t *testing.T) {
	if childMode(t.Name()) {
		parentNS, _ := strconv.ParseUint(os.Getenv("PARENT_PIDNS"), 10, 64)
		st, err := Stat("/proc/self/ns/pid")
		if Getpid() != 1 || err != nil || uint64(st.Ino) == parentNS || parentNS == 0 {
			childExit("not init of a new pid namespace: refusing to reboot", 3)
		}
		err = Reboot(LINUX_REBOOT_CMD_RESTART, nil)
		childExit("reboot returned: "+errString(err), 4)
	}
	if os.Geteuid() != 0 {
		t.Skip("new pid namespaces need CAP_SYS_ADMIN: not root")
	}
	ns := nsInode(t, "/proc/self/ns/pid")
	x := selfExec(t, t.Name(), "PARENT_PIDNS="+strconv.FormatUint(ns, 10))
	pid, _, err := Clone(CLONE_NEWPID, x)
	skipQemuClone(t, err)
	must(t, "clone(CLONE_NEWPID)", err)
	st := waitExit(t, pid)
	if !st.Signaled() || st.Signal() != SIGHUP {
		t.Fatalf("the child that rebooted its pid namespace: status %#x (exit %d), want killed by SIGHUP", uint32(st), st.ExitStatus())
	}
}

// kernelHas reports a kernel feature by a file it creates under /proc (and says so).
func kernelHas(t *testing.T, path, what string) bool {
	if _, err := os.Stat(path); err != nil {
		t.Logf("%s: %s is missing: the kernel lacks %s (ENOSYS expected)", what, path, what)
		return false
	}
	return true
}

// TestKexecInvalid: unknown flags are refused before anything is loaded (ENOSYS where the
// kernel has no kexec).
func TestKexecInvalid(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("kexec needs CAP_SYS_BOOT: not root")
	}
	err := KexecLoad(0, nil, KexecFlags(0x00008000))
	skipUnsupported(t, "kexec_load", err)
	if kernelHas(t, "/proc/sys/kernel/kexec_load_disabled", "CONFIG_KEXEC") {
		if b, _ := os.ReadFile("/proc/sys/kernel/kexec_load_disabled"); strings.TrimSpace(string(b)) == "1" {
			wantErrno(t, "kexec_load while disabled", err, EPERM)
		} else {
			wantErrno(t, "kexec_load with an unknown flag", err, EINVAL)
		}
	} else {
		wantErrno(t, "kexec_load", err, ENOSYS)
	}
}

// TestModulesInvalid: an image too short for an ELF header is ENOEXEC, unknown flags
// EINVAL, an unknown module ENOENT (ENOSYS where the kernel has no modules).
func TestModulesInvalid(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("modules need CAP_SYS_MODULE: not root")
	}
	errInit := InitModule([]byte("not an ELF object"), "")
	skipUnsupported(t, "init_module", errInit)
	f, err := os.Open("/dev/null")
	must(t, "open", err)
	defer f.Close()
	errFinit := FinitModule(fdOf(t, f), "", ModuleInitFlags(0x4000))
	errDelete := DeleteModule("rawlinux_no_such_module", O_NONBLOCK)
	if !kernelHas(t, "/proc/modules", "CONFIG_MODULES") {
		wantErrno(t, "init_module", errInit, ENOSYS)
		wantErrno(t, "finit_module", errFinit, ENOSYS)
		wantErrno(t, "delete_module", errDelete, ENOSYS)
		return
	}
	wantErrno(t, "init_module of a short image", errInit, ENOEXEC)
	wantErrno(t, "finit_module with an unknown flag", errFinit, EINVAL)
	wantErrno(t, "delete_module of an unknown module", errDelete, ENOENT)
}

// TestSwapInvalid: a file without a swap signature is EINVAL for swapon, a missing one
// ENOENT for swapoff.
func TestSwapInvalid(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("swapon needs CAP_SYS_ADMIN: not root")
	}
	p := filepath.Join(t.TempDir(), "not-swap")
	must(t, "write", os.WriteFile(p, make([]byte, 64<<10), 0o600))
	err := Swapon(p, 0)
	skipUnsupported(t, "swapon", err)
	wantErrno(t, "swapon of a file without a swap signature", err, EINVAL)
	wantErrno(t, "swapoff of a missing file", Swapoff(p+"-missing"), ENOENT)
	wantErrno(t, "swapoff of a file that is not swap", Swapoff(p), EINVAL)
}

// TestQuotactl: a missing block device is ENOENT, a file system without quota refuses,
// and quotactl_fd reaches the same code.
func TestQuotactl(t *testing.T) {
	_, err := Quotactl(Qcmd(Q_GETFMT, USRQUOTA), "/nonexistent/device", 0, nil)
	skipUnsupported(t, "quotactl", err)
	wantErrno(t, "quotactl of a missing device", err, ENOENT)
	if Qcmd(Q_SYNC, GRPQUOTA) != Q_SYNC<<8|GRPQUOTA {
		t.Fatalf("Qcmd %#x", Qcmd(Q_SYNC, GRPQUOTA))
	}
	dir := openDir(t, t.TempDir())
	var fmtID uint32
	_, err = QuotactlFd(dir, Qcmd(Q_GETFMT, USRQUOTA), 0, unsafe.Pointer(&fmtID))
	skipUnsupported(t, "quotactl_fd", err)
	if err == nil {
		t.Logf("the temporary directory's file system has user quota, format %d", fmtID)
		return
	}
	wantErrno(t, "quotactl_fd Q_GETFMT on a file system without quota", err, ESRCH)
	_, err = QuotactlFd(-1, Qcmd(Q_GETFMT, USRQUOTA), 0, unsafe.Pointer(&fmtID))
	wantErrno(t, "quotactl_fd of a bad descriptor", err, EBADF)
}
