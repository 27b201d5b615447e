//go:build linux && (386 || arm || ppc64 || ppc64le || mips || mipsle || mips64 || mips64le)

package linux

// Select waits until one of the descriptors below n in r, w or e (nil: none) is ready for
// reading, writing or has an exceptional condition, up to timeout (nil: forever), leaves
// only the ready ones set and returns how many; the kernel also updates timeout to the
// time left (select(2)). It makes this arch's _newselect row (Newselect). An FDSet holds
// descriptors below 1024: use Poll for larger ones.
//
// https://man7.org/linux/man-pages/man2/select.2.html
func Select(n int, r, w, e *FDSet, timeout *Timeval) (int, error) {
	return Newselect(n, r, w, e, timeout)
}
