//go:build linux && (386 || arm || ppc64 || ppc64le || mips || mipsle || mips64 || mips64le)

package linux

import "testing"

func TestNewselect(t *testing.T) {
	r, w := testPipe(t, 0)
	r2, _ := testPipe(t, 0)
	Write(w, []byte("x"))
	var rs FDSet
	rs.Set(r)
	rs.Set(r2)
	var tv Timeval
	setInt(&tv.Usec, 10000)
	if n, err := Newselect(int(max(r, r2))+1, &rs, nil, nil, &tv); err != nil || n != 1 || !rs.IsSet(r) || rs.IsSet(r2) {
		t.Fatalf("_newselect: %d %v", n, err)
	}
	_, err := Newselect(-1, nil, nil, nil, &tv)
	wantErrno(t, "_newselect with n -1", err, EINVAL)
}
