//go:build linux && (386 || arm || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import "testing"

// nice(2), on the arches that have it: it changes the calling thread's nice value.
func TestNice(t *testing.T) {
	onThread(t, func() error {
		base, err := Getpriority(PRIO_PROCESS, 0)
		must(t, "getpriority", err)
		err = Nice(2)
		if e := unsupported("nice", err); e != nil {
			return e
		}
		must(t, "nice", err)
		if n, _ := Getpriority(PRIO_PROCESS, 0); n != base+2 {
			t.Errorf("nice value %d after nice(2) from %d", n, base)
		}
		return nil
	})
}
