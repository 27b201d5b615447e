//go:build linux && !386 && !s390x

package fallback

import "github.com/rawlinux/linux"

// accept is accept(2) itself (linux.Accept: the accept row of this arch's table).
func accept(fd linux.FD) (linux.FD, linux.SockaddrAny, error) { return linux.Accept(fd) }
