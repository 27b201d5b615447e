//go:build linux && !386

package raw_test

import "syscall"

const sysRecvfrom = syscall.SYS_RECVFROM
