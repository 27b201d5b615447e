package arches

import (
	"go/types"
	"slices"
	"strings"
	"testing"
)

// TestAll: 13 distinct arches that Go knows, with the pointer size gc gives them, and
// names that do not clash.
func TestAll(t *testing.T) {
	if len(All) != 13 {
		t.Errorf("%d arches", len(All))
	}
	seen := map[string]bool{}
	for _, a := range All {
		for _, k := range []string{"goarch " + a.GOARCH, "triplet " + a.Triplet, "qemu " + a.Qemu} {
			if seen[k] {
				t.Errorf("%s used twice", k)
			}
			seen[k] = true
		}
		s := types.SizesFor("gc", a.GOARCH)
		if s == nil {
			t.Errorf("%s: not a gc arch", a.GOARCH)
			continue
		}
		if p := s.Sizeof(types.Typ[types.Uintptr]); p != int64(a.PtrSize) {
			t.Errorf("%s: PtrSize %d, gc's uintptr is %d", a.GOARCH, a.PtrSize, p)
		}
		be := slices.Contains([]string{"ppc64", "s390x", "mips", "mips64"}, a.GOARCH)
		if a.BigEndian != be {
			t.Errorf("%s: BigEndian %v", a.GOARCH, a.BigEndian)
		}
		if len(a.ABIs) == 0 || a.Table == "" || !strings.HasSuffix(a.VDSO, ".lds.S") {
			t.Errorf("%s: incomplete %+v", a.GOARCH, a)
		}
		if b, ok := Lookup(a.GOARCH); !ok || b.Triplet != a.Triplet {
			t.Errorf("Lookup(%s)", a.GOARCH)
		}
	}
	if _, ok := Lookup("sparc64"); ok {
		t.Error("Lookup(sparc64) found something")
	}
}

func TestClangArgs(t *testing.T) {
	a, _ := Lookup("mipsle")
	args := strings.Join(a.ClangArgs("/inc"), " ")
	if args != "--target=mipsel-linux-gnu -nostdinc -ffreestanding -I/inc/mipsel-linux-gnu -I/inc -mabi=32" {
		t.Errorf("mipsle: %s", args)
	}
	d := KernelDirs("/k", "/out")
	if d.Tree != "/k/linux" || d.Include != "/k/include" || d.Out != "/out" {
		t.Errorf("dirs %+v", d)
	}
}
