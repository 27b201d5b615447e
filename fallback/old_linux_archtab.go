//go:build linux && (amd64 || 386 || arm || ppc64 || ppc64le || s390x || mips || mipsle || mips64 || mips64le)

package fallback

import "github.com/rawlinux/linux"

// The old calls of the arches with a table of their own.

func dup2(oldfd, newfd linux.FD) (linux.FD, error) { return linux.Dup2(oldfd, newfd) }

// pipe is pipe(2) itself (linux.Pipe: mips's descriptors come back in v0 and v1).
func pipe() ([2]linux.FD, error) {
	p, err := linux.Pipe()
	if err != nil {
		return [2]linux.FD{-1, -1}, err
	}
	return p, nil
}
