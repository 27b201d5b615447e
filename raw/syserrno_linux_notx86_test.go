//go:build linux && !386 && !amd64

package raw_test

import (
	"syscall"

	"github.com/rawlinux/linux/raw"
)

// The standard library's x86 tables predate EHWPOISON; the others have it.
func init() {
	errnoPairs = append(errnoPairs, errnoPair{"EHWPOISON", raw.EHWPOISON, syscall.EHWPOISON})
}
