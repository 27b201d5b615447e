//go:build linux

package linux

import "testing"

// The raw-only rows' names refuse without entering the kernel (which would kill us).
func TestRawOnlyAmd64(t *testing.T) {
	wantErrno(t, "Uprobe", Uprobe(), EPERM)
	wantErrno(t, "Uretprobe", Uretprobe(), EPERM)
}
