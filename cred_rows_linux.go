//go:build linux && !(386 || arm)

package linux

// The rows the process-wide setters make: their ids are 32 bits on these arches.
const (
	sysSetuid    = SYS_SETUID
	sysSetgid    = SYS_SETGID
	sysSetreuid  = SYS_SETREUID
	sysSetregid  = SYS_SETREGID
	sysSetresuid = SYS_SETRESUID
	sysSetresgid = SYS_SETRESGID
	sysSetgroups = SYS_SETGROUPS
	sysSetfsuid  = SYS_SETFSUID
	sysSetfsgid  = SYS_SETFSGID
)
