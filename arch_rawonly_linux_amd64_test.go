//go:build linux

package linux

import "testing"

// The canonical names of the raw-only rows return ENOSYS without entering the kernel (which
// would kill us).
func TestRawOnlyAmd64(t *testing.T) {
	wantErrno(t, "Uprobe", Uprobe(), ENOSYS)
	wantErrno(t, "Uretprobe", Uretprobe(), ENOSYS)
}
