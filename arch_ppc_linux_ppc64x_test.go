//go:build linux && (ppc64 || ppc64le)

package linux

import "testing"

// The powerpc calls. qemu-ppc64 implements few of them; where the kernel answers, it is
// with the error of a machine without the feature (no SPUs, no 64-KiB hash MMU, no RTAS
// for user space).
func TestPowerpcCalls(t *testing.T) {
	err := SubpageProt(0, nil)
	skipUnsupported(t, "subpage_prot", err)
	if err != nil && err != ENOENT && err != EINVAL {
		t.Fatalf("subpage_prot reset: %v", err)
	}
	_, err = SpuCreate("/spu/rawlinux", 0, 0o700, -1)
	skipUnsupported(t, "spu_create", err)
	if err == nil {
		t.Fatal("spu_create on a machine without SPUs succeeded")
	}
	var npc, status uint32
	_, err = SpuRun(0, &npc, &status)
	skipUnsupported(t, "spu_run", err)
	if err == nil {
		t.Fatal("spu_run on stdin succeeded")
	}
	err = Rtas(&RtasArgs{Nargs: 17})
	skipUnsupported(t, "rtas", err)
	if err == nil {
		t.Fatal("rtas with 17 arguments succeeded")
	}
}
