//go:build linux && (386 || arm)

package linux

// The 32-bit-id rows the process-wide setters make on the arches whose plain rows take
// 16-bit ids.
const (
	sysSetuid    = SYS_SETUID32
	sysSetgid    = SYS_SETGID32
	sysSetreuid  = SYS_SETREUID32
	sysSetregid  = SYS_SETREGID32
	sysSetresuid = SYS_SETRESUID32
	sysSetresgid = SYS_SETRESGID32
	sysSetgroups = SYS_SETGROUPS32
	sysSetfsuid  = SYS_SETFSUID32
	sysSetfsgid  = SYS_SETFSGID32
)
