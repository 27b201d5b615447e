//go:build linux

package linux

import (
	"bytes"

	"github.com/rawlinux/linux/raw"
)

// Qcmd combines a quota command with a quota type (USRQUOTA, GRPQUOTA, PRJQUOTA) into
// quotactl's command (the QCMD macro).
func Qcmd(cmd QuotactlCmd, typ int) QuotactlCmd {
	return cmd<<SUBCMDSHIFT | QuotactlCmd(typ&SUBCMDMASK)
}

// SyslogConsoleLevel sets the level above which kernel messages reach the console
// (SYSLOG_ACTION_CONSOLE_LEVEL, 1 to 8; CAP_SYSLOG): syslog(2) takes it in its length
// argument.
func SyslogConsoleLevel(level int) error {
	_, _, e := raw.Syscall(SYS_SYSLOG, uintptr(SYSLOG_ACTION_CONSOLE_LEVEL), 0, uintptr(level))
	return errnoErr(e)
}

// UtsnameString returns a field of Utsname, OldUtsname or OldoldUtsname (a NUL-padded byte
// array) as a string.
func UtsnameString(field []byte) string {
	if i := bytes.IndexByte(field, 0); i >= 0 {
		field = field[:i]
	}
	return string(field)
}
