package linux

import (
	"strings"
	"testing"
)

// Real release strings of the distributions and environments programs run on.
func TestParseKernelRelease(t *testing.T) {
	for _, c := range []struct {
		in                  string
		major, minor, patch int
		rc                  int
		extra               string
	}{
		{"6.1.0-18-amd64", 6, 1, 0, 0, "-18-amd64"},                                                     // Debian 12
		{"5.10.0-28-arm64", 5, 10, 0, 0, "-28-arm64"},                                                   // Debian 11
		{"6.12.12-amd64", 6, 12, 12, 0, "-amd64"},                                                       // Debian testing
		{"5.15.0-91-generic", 5, 15, 0, 0, "-91-generic"},                                               // Ubuntu 22.04
		{"6.8.0-1015-aws", 6, 8, 0, 0, "-1015-aws"},                                                     // Ubuntu on AWS
		{"6.7.4-200.fc39.x86_64", 6, 7, 4, 0, "-200.fc39.x86_64"},                                       // Fedora
		{"6.9.0-0.rc7.20240507git.1.fc41.x86_64", 6, 9, 0, 0, "-0.rc7.20240507git.1.fc41.x86_64"},       // Fedora rawhide (the rc is in the package release)
		{"4.18.0-513.5.1.el8_9.x86_64", 4, 18, 0, 0, "-513.5.1.el8_9.x86_64"},                           // RHEL 8
		{"3.10.0-1160.el7.x86_64", 3, 10, 0, 0, "-1160.el7.x86_64"},                                     // RHEL 7
		{"6.7.4-arch1-1", 6, 7, 4, 0, "-arch1-1"},                                                       // Arch
		{"6.6.16-1-lts", 6, 6, 16, 0, "-1-lts"},                                                         // Arch LTS
		{"5.10.198-android12-9-00085-g226a9632f13d", 5, 10, 198, 0, "-android12-9-00085-g226a9632f13d"}, // Android GKI
		{"4.14.186-perf+", 4, 14, 186, 0, "-perf+"},                                                     // Android vendor
		{"5.15.133.1-microsoft-standard-WSL2", 5, 15, 133, 0, ".1-microsoft-standard-WSL2"},             // WSL 2
		{"6.6.87.2-microsoft-standard-WSL2", 6, 6, 87, 0, ".2-microsoft-standard-WSL2"},
		{"6.8.0-rc3", 6, 8, 0, 3, "-rc3"}, // mainline rc
		{"6.8-rc3", 6, 8, 0, 3, "-rc3"},   // rc without the patch level
		{"6.10.0-rc7-next-20240712", 6, 10, 0, 7, "-rc7-next-20240712"},
		{"6.1.0+", 6, 1, 0, 0, "+"},                   // a tree with local changes
		{"6.18.44-fc-v669", 6, 18, 44, 0, "-fc-v669"}, // Firecracker guest
		{"5.4.0-1103-gcp", 5, 4, 0, 0, "-1103-gcp"},
		{"6.1.55-75.123.amzn2023.x86_64", 6, 1, 55, 0, "-75.123.amzn2023.x86_64"}, // Amazon Linux
		{"5.14.21-150500.55.39-default", 5, 14, 21, 0, "-150500.55.39-default"},   // SUSE
		{"6.6.14-0-lts", 6, 6, 14, 0, "-0-lts"},                                   // Alpine
		{"4.9.337-xilinx", 4, 9, 337, 0, "-xilinx"},
		{"2.6.32-754.35.1.el6.x86_64", 2, 6, 32, 0, "-754.35.1.el6.x86_64"},
		{"7.2.13", 7, 2, 13, 0, ""},
		{"7.0", 7, 0, 0, 0, ""},
	} {
		r, err := ParseKernelRelease(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if r.Major != c.major || r.Minor != c.minor || r.Patch != c.patch || r.RC != c.rc || r.Extra != c.extra || r.String() != c.in {
			t.Errorf("%q: got %d.%d.%d rc%d %q, want %d.%d.%d rc%d %q", c.in, r.Major, r.Minor, r.Patch, r.RC, r.Extra, c.major, c.minor, c.patch, c.rc, c.extra)
		}
	}
	for _, bad := range []string{"", "6", "linux", "v6.1", "-6.1", "6.", ".6.1", "6.x"} {
		if _, err := ParseKernelRelease(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestKernelReleaseOrder(t *testing.T) {
	rel := func(s string) KernelRelease {
		r, err := ParseKernelRelease(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, c := range []struct {
		in                  string
		major, minor, patch int
		cmp                 int
		atLeast             bool
	}{
		{"6.1.0-18-amd64", 6, 1, 0, 0, true},
		{"6.1.0-18-amd64", 5, 10, 0, 1, true},
		{"5.10.0-28-amd64", 5, 12, 0, -1, false},
		{"6.8.0-rc3", 6, 8, 0, -1, true}, // before 6.8, but with 6.8's features
		{"6.8.0-rc3", 6, 7, 9, 1, true},
		{"5.15.133.1-microsoft-standard-WSL2", 5, 15, 133, 0, true},
		{"5.15.133.1-microsoft-standard-WSL2", 5, 16, 0, -1, false},
		{"4.18.0-513.el8.x86_64", 4, 9, 0, 1, true},
	} {
		r := rel(c.in)
		if got := r.Compare(c.major, c.minor, c.patch); got != c.cmp {
			t.Errorf("%q.Compare(%d.%d.%d) = %d, want %d", c.in, c.major, c.minor, c.patch, got, c.cmp)
		}
		if got := r.AtLeast(c.major, c.minor); got != c.atLeast {
			t.Errorf("%q.AtLeast(%d.%d) = %v, want %v", c.in, c.major, c.minor, got, c.atLeast)
		}
	}
}

func TestRunningKernel(t *testing.T) {
	r, err := RunningKernel()
	if err != nil {
		t.Fatal(err)
	}
	if r.Major < 3 || !strings.HasPrefix(r.Raw, "") {
		t.Errorf("running kernel %q: %+v", r.Raw, r)
	}
	t.Logf("running kernel: %s (%d.%d.%d)", r, r.Major, r.Minor, r.Patch)
}
