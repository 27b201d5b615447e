//go:build linux && (386 || arm || mips || mipsle)

package linux

// On 32-bit arches Flock_t is struct flock64: fcntl64, and the process-owned lock commands
// in their 64-bit form (the OFD commands always take struct flock64).
const sysFcntlLock = SYS_FCNTL64

func flockCmd(cmd FcntlCmd) FcntlCmd {
	switch cmd {
	case F_GETLK:
		return F_GETLK64
	case F_SETLK:
		return F_SETLK64
	case F_SETLKW:
		return F_SETLKW64
	}
	return cmd
}
