//go:build linux && !(386 || mips || mipsle || mips64 || mips64le)

package linux

import (
	"os"
	"testing"
)

// kexec_file_load with unknown flags: refused before any file is read (ENOSYS without
// CONFIG_KEXEC_FILE).
func TestKexecFileInvalid(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("kexec needs CAP_SYS_BOOT: not root")
	}
	err := KexecFileLoad(-1, -1, "console=ttyS0", KexecFileFlags(0x40000000))
	skipUnsupported(t, "kexec_file_load", err)
	if _, e := os.Stat("/sys/kernel/kexec_loaded"); e != nil {
		t.Log("no /sys/kernel/kexec_loaded: the kernel lacks kexec (ENOSYS expected)")
		wantErrno(t, "kexec_file_load", err, ENOSYS)
		return
	}
	wantErrno(t, "kexec_file_load with an unknown flag", err, EINVAL)
	wantErrno(t, "a command line with a NUL", KexecFileLoad(-1, -1, "a\x00b", 0), EINVAL)
}
