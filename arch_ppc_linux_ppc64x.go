//go:build linux && (ppc64 || ppc64le)

package linux

import "github.com/rawlinux/linux/raw"

// SubpageProt sets the access of the 4-KiB subpages of the len(prot) 64-KiB pages from
// addr, 2 bits per subpage in each word of prot, subpage 0 in the top bits (0: any access,
// 1: no write, 2 and 3: no access); an empty prot with addr 0 removes every restriction
// (subpage_prot(2)). The kernel reads one word per 64-KiB page of the length it is told,
// so the length passed is len(prot) pages: prot is never read past. The hash MMU with
// 64-KiB pages only: ENOENT on radix, EINVAL elsewhere.
//
// https://man7.org/linux/man-pages/man2/subpage_prot.2.html
func SubpageProt(addr uintptr, prot []uint32) error {
	n := uintptr(len(prot)) << 16
	if n>>16 != uintptr(len(prot)) {
		return raw.EINVAL
	}
	_, _, errno := raw.Syscall(SYS_SUBPAGE_PROT, addr, n, uintptr(sliceData(prot)))
	if errno != 0 {
		return errno
	}
	return nil
}
