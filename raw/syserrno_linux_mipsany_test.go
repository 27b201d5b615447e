//go:build linux && (mips || mipsle || mips64 || mips64le)

package raw_test

import (
	"syscall"

	"github.com/rawlinux/linux/raw"
)

// Error numbers only the mips headers define, and EHWPOISON (see syserrno_linux_greg_test.go).
func init() {
	errnoPairs = append(errnoPairs,
		errnoPair{"EINIT", raw.EINIT, syscall.EINIT},
		errnoPair{"EREMDEV", raw.EREMDEV, syscall.EREMDEV},
		errnoPair{"EHWPOISON", raw.EHWPOISON, syscall.EHWPOISON})
}
