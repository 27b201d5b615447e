//go:build linux && (386 || ppc64 || ppc64le || mips || mipsle)

package linux

import "testing"

// stime(2) exists on 386, ppc64 and mips o32: tried only with a time the kernel refuses.
func TestStimeInvalid(t *testing.T) {
	v := -1
	err := Stime(&v)
	skipUnsupported(t, "stime", err)
	wantErrno(t, "stime of a negative time", err, EINVAL)
}
