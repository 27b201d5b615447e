//go:build linux && (arm || arm64 || riscv64 || loong64 || ppc64 || ppc64le || s390x)

package raw_test

import (
	"syscall"

	"github.com/rawlinux/linux/raw"
)

// The standard library's x86 tables predate EHWPOISON; every other arch's have it (these,
// the "greg" set of file names, and the mips family: syserrno_linux_mipsany_test.go).
func init() {
	errnoPairs = append(errnoPairs, errnoPair{"EHWPOISON", raw.EHWPOISON, syscall.EHWPOISON})
}
