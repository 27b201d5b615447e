//go:build linux

package linux

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rawlinux/linux/raw"
)

// inetSocket opens an AF_INET datagram socket, the usual target of the SIOC* requests.
func inetSocket(t *testing.T) FD {
	t.Helper()
	fd, err := Socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	t.Cleanup(func() { Close(fd) })
	return fd
}

// sysfsInt reads /sys/class/net/DEV/FILE as a number (-1 if it cannot).
func sysfsInt(dev, file string) int64 {
	b, err := os.ReadFile("/sys/class/net/" + dev + "/" + file)
	if err != nil {
		return -1
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 0, 64)
	if err != nil {
		return -1
	}
	return n
}

// TestIfreqLoopback asks for the loopback device's index, flags, MTU and hardware address,
// and its name by index, and compares them with sysfs.
func TestIfreqLoopback(t *testing.T) {
	fd := inetSocket(t)
	r, err := NewIfreq("lo")
	must(t, "NewIfreq", err)
	err = IoctlIfreq(fd, SIOCGIFINDEX, r)
	skipUnsupported(t, "SIOCGIFINDEX", err)
	must(t, "SIOCGIFINDEX", err)
	index := r.Index()
	if want := sysfsInt("lo", "ifindex"); index <= 0 || want >= 0 && int64(index) != want {
		t.Errorf("lo's index %d, sysfs says %d", index, want)
	}
	must(t, "SIOCGIFFLAGS", IoctlIfreq(fd, SIOCGIFFLAGS, r))
	if f := r.Flags(); f&(IFF_UP|IFF_LOOPBACK|IFF_RUNNING) != IFF_UP|IFF_LOOPBACK|IFF_RUNNING {
		t.Errorf("lo's flags %v", f)
	} else {
		t.Logf("lo: index %d, flags %v", index, f)
	}
	// sysfs has dev->flags; SIOCGIFFLAGS adds the operational state (IFF_RUNNING).
	if want := sysfsInt("lo", "flags"); want >= 0 && int64(r.Flags()&^IFF_RUNNING) != want&0xffff {
		t.Errorf("lo's flags %#x, sysfs says %#x", uint32(r.Flags()), want)
	}
	must(t, "SIOCGIFMTU", IoctlIfreq(fd, SIOCGIFMTU, r))
	if want := sysfsInt("lo", "mtu"); r.MTU() <= 0 || want >= 0 && int64(r.MTU()) != want {
		t.Errorf("lo's MTU %d, sysfs says %d", r.MTU(), want)
	}
	must(t, "SIOCGIFHWADDR", IoctlIfreq(fd, SIOCGIFHWADDR, r))
	if typ, addr := r.HardwareAddr(); typ != ARPHRD_LOOPBACK || string(addr) != "\x00\x00\x00\x00\x00\x00" {
		t.Errorf("lo's hardware address %v % x", typ, addr)
	}
	byIndex := new(Ifreq)
	byIndex.SetIndex(index)
	must(t, "SIOCGIFNAME", IoctlIfreq(fd, SIOCGIFNAME, byIndex))
	if byIndex.Name() != "lo" {
		t.Errorf("SIOCGIFNAME(%d) = %q", index, byIndex.Name())
	}
	must(t, "SIOCGIFADDR", IoctlIfreq(fd, SIOCGIFADDR, r))
	if a, ok := r.Inet4Addr(); !ok || a != [4]byte{127, 0, 0, 1} {
		t.Errorf("lo's address %v (AF_INET %v)", a, ok)
	}
	r.SetName("rawlinux-none")
	wantErrno(t, "SIOCGIFINDEX of a missing device", IoctlIfreq(fd, SIOCGIFINDEX, r), ENODEV)
	if _, err := NewIfreq("a-name-that-is-too-long"); err == nil {
		t.Error("NewIfreq accepted a name of 23 bytes")
	}
}

// inNewNetns runs test again in a child process whose test thread is in a new network
// namespace (unshare(CLONE_NEWNET) on a locked thread), so that it may change devices
// without touching the host's; it reports whether this is the child.
func inNewNetns(t *testing.T, test string) bool {
	t.Helper()
	if os.Getenv("RAWLINUX_TEST_NETNS") == test {
		runtime.LockOSThread() // never unlocked: the thread dies with the child
		if _, _, errno := raw.RawSyscall(SYS_UNSHARE, uintptr(CLONE_NEWNET), 0, 0); errno != 0 {
			childFail("unshare(CLONE_NEWNET)", errno)
		}
		return true
	}
	if os.Geteuid() != 0 {
		t.Skip("a network namespace needs CAP_SYS_ADMIN: not root")
	}
	if out := runChild(t, test, "RAWLINUX_TEST_NETNS="+test); !strings.Contains(out, "--- PASS") && !strings.Contains(out, "--- SKIP") {
		t.Errorf("child:\n%s", out)
	} else if strings.Contains(out, "--- SKIP") {
		t.Skipf("child skipped:\n%s", out)
	} else {
		t.Logf("child:\n%s", out)
	}
	return false
}

// TestTun creates a tun device in a new network namespace, brings it up with SIOCSIFFLAGS
// and reads its flags, MTU and tun flags back.
func TestTun(t *testing.T) {
	if !inNewNetns(t, "TestTun") {
		return
	}
	fd, name, err := OpenTun("rltun%d", IFF_TUN|IFF_NO_PI)
	if err != nil && qemuUser() {
		t.Skipf("TUNSETIFF under qemu-user: %v", err)
	}
	must(t, "OpenTun", err)
	defer Close(fd)
	if name != "rltun0" {
		t.Errorf("tun name %q, want rltun0 (a new namespace)", name)
	}
	got, err := IoctlTunGetIff(fd)
	must(t, "TUNGETIFF", err)
	if got.Name() != name || uint16(got.Ifru.Flags())&(IFF_TUN|IFF_NO_PI) != IFF_TUN|IFF_NO_PI {
		t.Errorf("TUNGETIFF: %q flags %#x", got.Name(), uint16(got.Ifru.Flags()))
	}
	if feat, err := IoctlTunGetFeatures(fd); err != nil || feat&IFF_TUN == 0 {
		t.Errorf("TUNGETFEATURES %#x: %v", feat, err)
	}
	s := inetSocket(t)
	r, _ := NewIfreq(name)
	must(t, "SIOCGIFFLAGS", IoctlIfreq(s, SIOCGIFFLAGS, r))
	if r.Flags()&IFF_UP != 0 {
		t.Fatalf("a new tun is up: %v", r.Flags())
	}
	r.SetFlags(r.Flags() | IFF_UP)
	must(t, "SIOCSIFFLAGS up", IoctlIfreq(s, SIOCSIFFLAGS, r))
	must(t, "SIOCGIFFLAGS", IoctlIfreq(s, SIOCGIFFLAGS, r))
	if r.Flags()&(IFF_UP|IFF_POINTOPOINT|IFF_NOARP) != IFF_UP|IFF_POINTOPOINT|IFF_NOARP {
		t.Errorf("tun flags after up: %v", r.Flags())
	}
	r.SetMTU(1400)
	must(t, "SIOCSIFMTU", IoctlIfreq(s, SIOCSIFMTU, r))
	must(t, "SIOCGIFMTU", IoctlIfreq(s, SIOCGIFMTU, r))
	if r.MTU() != 1400 {
		t.Errorf("tun MTU %d, set 1400", r.MTU())
	}
	must(t, "SIOCGIFFLAGS", IoctlIfreq(s, SIOCGIFFLAGS, r))
	t.Logf("%s up: %v, MTU 1400", name, r.Flags())
	must(t, "SIOCGIFHWADDR", IoctlIfreq(s, SIOCGIFHWADDR, r))
	if typ, addr := r.HardwareAddr(); typ != ARPHRD_NONE || len(addr) != 0 {
		t.Errorf("tun hardware address %v % x", typ, addr)
	}
}
