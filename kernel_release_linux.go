package linux

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// KernelRelease is a kernel release string (uname -r, utsname.release) read as a version:
// "6.1.0-18-amd64" (Debian) is 6.1.0, "5.15.0-91-generic" (Ubuntu) 5.15.0,
// "6.7.4-200.fc39.x86_64" (Fedora) 6.7.4, "6.7.4-arch1-1" (Arch) 6.7.4,
// "5.10.198-android12-9-00085-g226a9632f13d" (Android) 5.10.198,
// "5.15.133.1-microsoft-standard-WSL2" (WSL) 5.15.133, "6.8.0-rc3" 6.8.0 with RC 3,
// "6.1.0+" 6.1.0. Only the numbers order releases; Extra keeps the rest.
//
// A release candidate carries its release's features (they are merged before -rc1), so
// AtLeast(6, 8) holds for 6.8.0-rc3; Compare orders it before 6.8.0 itself.
type KernelRelease struct {
	Major, Minor, Patch int
	RC                  int    // the N of -rcN, 0 for a release
	Extra               string // what follows the numbers: "-18-amd64", ".1-microsoft-standard-WSL2", "+"
	Raw                 string // the string as given
}

// ParseKernelRelease reads a release string; it needs at least MAJOR.MINOR at the start.
func ParseKernelRelease(s string) (KernelRelease, error) {
	r := KernelRelease{Raw: s}
	rest := s
	var nums []int
	for len(nums) < 3 {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 9 {
			break
		}
		n, _ := strconv.Atoi(rest[:i])
		nums = append(nums, n)
		rest = rest[i:]
		if len(nums) < 3 && strings.HasPrefix(rest, ".") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			rest = rest[1:]
			continue
		}
		break
	}
	if len(nums) < 2 {
		return KernelRelease{Raw: s}, errors.New("linux: kernel release " + strconv.Quote(s) + ": want MAJOR.MINOR at the start")
	}
	r.Major, r.Minor = nums[0], nums[1]
	if len(nums) > 2 {
		r.Patch = nums[2]
	}
	r.Extra = rest
	// -rcN (also "-rc3-next-20240201", "6.8-rc3+").
	if i := strings.Index(rest, "-rc"); i == 0 {
		j := 3
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j > 3 {
			r.RC, _ = strconv.Atoi(rest[3:j])
		}
	}
	return r, nil
}

// String is the release as given.
func (r KernelRelease) String() string { return r.Raw }

// Compare orders r against major.minor.patch: -1 older, 0 the same, +1 newer. A release
// candidate is older than its release (6.8.0-rc3 < 6.8.0) and newer than the one before.
func (r KernelRelease) Compare(major, minor, patch int) int {
	for _, d := range [3]int{r.Major - major, r.Minor - minor, r.Patch - patch} {
		switch {
		case d < 0:
			return -1
		case d > 0:
			return 1
		}
	}
	if r.RC > 0 {
		return -1
	}
	return 0
}

// AtLeast reports that r is release major.minor or later (a release candidate of
// major.minor counts: it has the release's features).
func (r KernelRelease) AtLeast(major, minor int) bool {
	return r.Major > major || r.Major == major && r.Minor >= minor
}

var runningKernel = sync.OnceValues(func() (KernelRelease, error) {
	var u Utsname
	if _, _, e := raw.RawSyscall(SYS_UNAME, uintptr(unsafe.Pointer(&u)), 0, 0); e != 0 {
		return KernelRelease{}, e
	}
	b := u.Release[:]
	n := 0
	for n < len(b) && b[n] != 0 {
		n++
	}
	return ParseKernelRelease(string(b[:n]))
})

// RunningKernel is the release of the kernel the program runs on (uname(2), asked once).
// Under qemu-user it is what qemu reports (the host's, unless qemu is told otherwise with -r).
func RunningKernel() (KernelRelease, error) { return runningKernel() }
