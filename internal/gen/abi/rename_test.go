package main

import (
	"testing"

	"github.com/rawlinux/linux/internal/gen/abi/spec"
)

// TestRenamed: a ConstRenames entry renames its header's constants with the prefix and no
// others (the system-call numbers of other headers keep theirs, and are skipped anyway).
func TestRenamed(t *testing.T) {
	saved := spec.ConstRenames
	defer func() { spec.ConstRenames = saved }()
	spec.ConstRenames = []spec.ConstRename{{Header: "linux/net.h", From: "SYS_", To: "SOCKETCALL_"}}
	for _, c := range []struct{ h, n, want string }{
		{"linux/net.h", "SYS_SOCKET", "SOCKETCALL_SOCKET"},
		{"linux/net.h", "SYS_SENDMMSG", "SOCKETCALL_SENDMMSG"},
		{"linux/net.h", "NPROTO", "NPROTO"},
		{"linux/socket.h", "SYS_SOCKET", "SYS_SOCKET"},
	} {
		if got := renamed(c.h, c.n); got != c.want {
			t.Errorf("renamed(%s, %s) = %s, want %s", c.h, c.n, got, c.want)
		}
	}
}
