//go:build linux

package linux

import (
	"strings"
	"testing"
)

// 386's old uname structs.
func TestOlduname(t *testing.T) {
	u, _ := Uname()
	o, err := Olduname()
	skipUnsupported(t, "olduname", err)
	must(t, "olduname", err)
	if UtsnameString(o.Release[:]) != UtsnameString(u.Release[:]) {
		t.Errorf("olduname release %q, uname %q", UtsnameString(o.Release[:]), UtsnameString(u.Release[:]))
	}
	oo, err := Oldolduname()
	skipUnsupported(t, "oldolduname", err)
	must(t, "oldolduname", err)
	if r := UtsnameString(oo.Release[:]); r == "" || !strings.HasPrefix(UtsnameString(u.Release[:]), r) {
		t.Errorf("oldolduname release %q (cut to 8 bytes), uname %q", r, UtsnameString(u.Release[:]))
	}
}
