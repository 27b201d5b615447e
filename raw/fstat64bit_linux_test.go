//go:build amd64 || arm64 || riscv64 || ppc64 || ppc64le || s390x || mips64 || mips64le

package raw_test

import "syscall"

const sysFstat = syscall.SYS_FSTAT
