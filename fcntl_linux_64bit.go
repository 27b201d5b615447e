//go:build linux && (amd64 || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x || mips64 || mips64le)

package linux

// On 64-bit arches struct flock already has 64-bit offsets: fcntl and its commands as they are.
const sysFcntlLock = SYS_FCNTL

func flockCmd(cmd FcntlCmd) FcntlCmd { return cmd }
