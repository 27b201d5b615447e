//go:build linux

package linux

import (
	"runtime"
	"testing"
	"unsafe"
)

// TestMempolicy sets and reads the NUMA policies on this machine's one node (node 0).
func TestMempolicy(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	nodes := make([]uint, 1)
	mode, err := GetMempolicy(nodes, nil, 0)
	skipUnsupported(t, "get_mempolicy", err)
	must(t, "get_mempolicy", err)
	if mode != MPOL_DEFAULT {
		t.Fatalf("the thread's policy: %v, want MPOL_DEFAULT", mode)
	}
	if _, err := GetMempolicy(nodes, nil, MPOL_F_MEMS_ALLOWED); err != nil || nodes[0]&1 != 1 {
		t.Fatalf("MPOL_F_MEMS_ALLOWED: %#x %v (node 0 must be allowed)", nodes[0], err)
	}
	must(t, "set_mempolicy MPOL_BIND", SetMempolicy(MPOL_BIND, []uint{1}))
	nodes[0] = 0
	mode, err = GetMempolicy(nodes, nil, 0)
	if err != nil || mode != MPOL_BIND || nodes[0] != 1 {
		t.Fatalf("after set_mempolicy MPOL_BIND node 0: %v %#x %v", mode, nodes[0], err)
	}
	must(t, "set_mempolicy MPOL_DEFAULT", SetMempolicy(MPOL_DEFAULT, nil))
	if mode, err := GetMempolicy(nil, nil, 0); err != nil || mode != MPOL_DEFAULT {
		t.Fatalf("after set_mempolicy MPOL_DEFAULT: %v %v", mode, err)
	}
	wantErrno(t, "set_mempolicy MPOL_BIND to no node", SetMempolicy(MPOL_BIND, []uint{0}), EINVAL)
	wantErrno(t, "set_mempolicy of an unknown mode", SetMempolicy(MempolicyMode(77), nil), EINVAL)

	// A mapping bound to node 0, its pages there.
	b := mmapAnon(t, 2*int(pageSize), PROT_READ|PROT_WRITE)
	must(t, "mbind", Mbind(b, MPOL_BIND, []uint{1}, MPOL_MF_STRICT|MPOL_MF_MOVE))
	if mode, err := GetMempolicy(nodes, unsafe.Pointer(&b[0]), MPOL_F_ADDR); err != nil || mode != MPOL_BIND || nodes[0] != 1 {
		t.Fatalf("the policy of the bound mapping: %v %#x %v", mode, nodes[0], err)
	}
	b[0] = 1
	if node, err := GetMempolicy(nil, unsafe.Pointer(&b[0]), MPOL_F_ADDR|MPOL_F_NODE); err != nil || node != 0 {
		t.Fatalf("the node of a touched page: %v %v", node, err)
	}
	must(t, "set_mempolicy_home_node", SetMempolicyHomeNode(b, 0, 0))
	wantErrno(t, "set_mempolicy_home_node with flags", SetMempolicyHomeNode(b, 0, 1), EINVAL)
	wantErrno(t, "mbind of an unaligned start", Mbind(b[1:], MPOL_BIND, []uint{1}, 0), EINVAL)
	// Go memory: the policy changes only where pages go, never their contents.
	g := goPages(t, 1)
	must(t, "mbind of Go memory", Mbind(g, MPOL_PREFERRED, []uint{1}, MPOL_MF_MOVE))
	if g[0] != 0x5a {
		t.Fatal("mbind changed Go memory")
	}

	status := make([]int32, 2)
	pages := []unsafe.Pointer{unsafe.Pointer(&b[0]), unsafe.Pointer(&g[0])}
	if n, err := MovePages(0, pages, nil, status, 0); err != nil || n != 0 || status[0] != 0 || status[1] != 0 {
		t.Fatalf("move_pages query: %d %v %v", n, status, err)
	}
	if n, err := MovePages(0, pages[:1], []int32{0}, status, MPOL_MF_MOVE); err != nil || n != 0 || status[0] != 0 {
		t.Fatalf("move_pages to node 0: %d %v %v", n, status, err)
	}
	_, err = MovePages(0, pages, nil, status[:1], 0)
	wantErrno(t, "move_pages with a short status", err, EINVAL)
	_, err = MovePages(0, pages, []int32{0}, status, 0)
	wantErrno(t, "move_pages with short nodes", err, EINVAL)
	if n, err := MigratePages(0, []uint{1}, []uint{1}); err != nil || n != 0 {
		t.Fatalf("migrate_pages from node 0 to node 0: %d %v", n, err)
	}
	_, err = MigratePages(0, []uint{1}, []uint{1, 0})
	wantErrno(t, "migrate_pages with masks of different lengths", err, EINVAL)
	runtime.KeepAlive(g)
}
