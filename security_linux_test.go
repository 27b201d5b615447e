//go:build linux

package linux

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// Seccomp, Landlock and the LSM attribute calls. The filter and the ruleset bind only the
// locked thread they are installed on (no TSYNC), which is then thrown away: the test
// process itself is never confined.

// TestSeccompFilterErrno installs a classic-BPF filter on a locked thread that makes
// uname fail with EXDEV there; the other threads' uname works.
func TestSeccompFilterErrno(t *testing.T) {
	nrOff := uint32(unsafe.Offsetof(SeccompData{}.Nr))
	prog := []SockFilter{
		{Code: BPF_LD | BPF_W | BPF_ABS, K: nrOff},
		{Code: BPF_JMP | BPF_JEQ | BPF_K, Jt: 0, Jf: 1, K: uint32(SYS_UNAME)},
		{Code: BPF_RET | BPF_K, K: uint32(SECCOMP_RET_ERRNO) | uint32(EXDEV)},
		{Code: BPF_RET | BPF_K, K: uint32(SECCOMP_RET_ALLOW)},
	}
	onThread(t, func() error {
		action := uint32(SECCOMP_RET_ERRNO)
		_, err := Seccomp(SECCOMP_GET_ACTION_AVAIL, 0, unsafe.Pointer(&action))
		if e := unsupported("seccomp", err); e != nil {
			return e
		}
		if err == EINVAL && qemuUser() {
			return skipError("seccomp: EINVAL under qemu-user (a filter would apply to qemu's own host system calls)")
		}
		must(t, "SECCOMP_GET_ACTION_AVAIL", err)
		must(t, "PrctlSetNoNewPrivs", PrctlSetNoNewPrivs())
		_, err = SeccompSetFilter(0, prog)
		must(t, "SECCOMP_SET_MODE_FILTER", err)
		_, err = Uname()
		wantErrno(t, "uname under the filter", err, EXDEV)
		if f := procField(t, threadStatus(), "Seccomp:"); f[0] != "2" {
			t.Errorf("thread's Seccomp mode %v, want 2 (filter)", f)
		}
		return nil
	})
	if _, err := Uname(); err != nil {
		t.Fatalf("uname outside the filtered thread: %v", err)
	}
	if f := procField(t, "/proc/self/status", "Seccomp:"); f[0] != "0" {
		t.Fatalf("the process's main thread has seccomp mode %v", f)
	}
	bad := uint32(0x12340000)
	_, err := Seccomp(SECCOMP_GET_ACTION_AVAIL, 0, unsafe.Pointer(&bad))
	if !qemuUser() {
		wantErrno(t, "SECCOMP_GET_ACTION_AVAIL of an unknown action", err, EOPNOTSUPP)
	}
	_, err = SeccompSetFilter(0, nil)
	wantErrno(t, "an empty filter", err, EINVAL)
}

// TestLandlockDeniesWritesOutside: a ruleset handling file writes and creation, with one
// directory allowed, enforced on a locked thread: writing there works, outside it is
// EACCES; the other threads are not confined.
func TestLandlockDeniesWritesOutside(t *testing.T) {
	v, err := LandlockABIVersion()
	skipUnsupported(t, "landlock_create_ruleset", err)
	if err == EOPNOTSUPP {
		t.Skip("Landlock is built in but not enabled (lsm= at boot)")
	}
	must(t, "landlock ABI version", err)
	if v < 1 {
		t.Fatalf("Landlock ABI version %d", v)
	}
	allowed, denied := t.TempDir(), t.TempDir()
	access := LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE
	ruleset, err := LandlockCreateRuleset(&LandlockRulesetAttr{HandledAccessFs: access}, 0)
	ruleset = mustFD(t, "landlock_create_ruleset", ruleset, err)
	dirfd := openDir(t, allowed)
	must(t, "landlock_add_rule", LandlockAddPathBeneath(ruleset, dirfd, access))
	wantErrno(t, "a rule with rights the ruleset does not handle", LandlockAddPathBeneath(ruleset, dirfd, LANDLOCK_ACCESS_FS_EXECUTE), EINVAL)
	wantErrno(t, "a rule of an unknown type", LandlockAddRule(ruleset, LandlockRuleType(99), unsafe.Pointer(&access), 0), EINVAL)
	if v >= 4 {
		net, err := LandlockCreateRuleset(&LandlockRulesetAttr{HandledAccessNet: LANDLOCK_ACCESS_NET_BIND_TCP}, 0)
		net = mustFD(t, "a network ruleset", net, err)
		must(t, "landlock_add_rule net port", LandlockAddNetPort(net, 8080, LANDLOCK_ACCESS_NET_BIND_TCP))
	}
	onThread(t, func() error {
		must(t, "landlock_restrict_self", LandlockRestrictSelf(ruleset, 0))
		must(t, "a write inside the allowed directory", os.WriteFile(filepath.Join(allowed, "ok"), []byte("x"), 0o644))
		err := os.WriteFile(filepath.Join(denied, "no"), []byte("x"), 0o644)
		if !errors.Is(err, syscall.EACCES) {
			t.Errorf("a write outside the allowed directory: %v, want EACCES", err)
		}
		return nil
	})
	must(t, "a write outside, from another thread", os.WriteFile(filepath.Join(denied, "fine"), []byte("x"), 0o644))
	_, err = LandlockCreateRuleset(nil, LandlockCreateFlags(0x4000))
	wantErrno(t, "an unknown flag", err, EINVAL)
	wantErrno(t, "landlock_restrict_self of a file that is no ruleset", LandlockRestrictSelf(dirfd, 0), EBADFD)
}

// lsmNames are the names /sys/kernel/security/lsm gives the LSM_ID_* modules.
var lsmNames = map[LsmID]string{LSM_ID_CAPABILITY: "capability", LSM_ID_SELINUX: "selinux", LSM_ID_SMACK: "smack",
	LSM_ID_TOMOYO: "tomoyo", LSM_ID_APPARMOR: "apparmor", LSM_ID_YAMA: "yama", LSM_ID_LOADPIN: "loadpin",
	LSM_ID_SAFESETID: "safesetid", LSM_ID_LOCKDOWN: "lockdown", LSM_ID_BPF: "bpf", LSM_ID_LANDLOCK: "landlock",
	LSM_ID_IMA: "ima", LSM_ID_EVM: "evm", LSM_ID_IPE: "ipe"}

// TestLsmListModules compares lsm_list_modules with /sys/kernel/security/lsm (securityfs
// mounted on a locked thread's private mount namespace when it is not mounted).
func TestLsmListModules(t *testing.T) {
	ids := make([]LsmID, 1)
	n, err := LsmListModules(ids)
	skipUnsupported(t, "lsm_list_modules", err)
	if err == E2BIG {
		ids = make([]LsmID, n)
		n, err = LsmListModules(ids)
	}
	must(t, "lsm_list_modules", err)
	var names []string
	for _, id := range ids[:n] {
		names = append(names, lsmNames[id])
	}
	onThread(t, func() error {
		list, err := os.ReadFile("/sys/kernel/security/lsm")
		if err != nil {
			if os.Geteuid() != 0 {
				return skipError("securityfs is not mounted and mounting it needs root")
			}
			dir := t.TempDir()
			must(t, "unshare", Unshare(CLONE_NEWNS))
			must(t, "make / private", Mount("", "/", "", MS_REC|MS_PRIVATE, ""))
			must(t, "mount securityfs", Mount("securityfs", dir, "securityfs", 0, ""))
			list, err = os.ReadFile(filepath.Join(dir, "lsm"))
			must(t, "read lsm", err)
		}
		want := strings.Split(strings.TrimSpace(string(list)), ",")
		if !slices.Equal(names, want) {
			t.Errorf("lsm_list_modules %v, securityfs lsm %v", names, want)
		}
		return nil
	})
	_, err = LsmListModules(nil)
	wantErrno(t, "an empty list", err, E2BIG)
}

// TestLsmSelfAttr reads the calling thread's LSM_ATTR_CURRENT of every module that has one
// (none of this machine's may: EOPNOTSUPP) and refuses a malformed set.
func TestLsmSelfAttr(t *testing.T) {
	buf := make([]byte, 4096)
	n, size, err := LsmGetSelfAttr(LSM_ATTR_CURRENT, buf, 0)
	skipUnsupported(t, "lsm_get_self_attr", err)
	switch err {
	case EOPNOTSUPP:
		t.Log("lsm_get_self_attr(LSM_ATTR_CURRENT): no active module has the attribute")
	case nil:
		recs := LsmCtxs(buf[:size], n)
		if len(recs) != n || n == 0 {
			t.Fatalf("%d records of %d bytes: %+v", n, size, recs)
		}
		for _, r := range recs {
			if lsmNames[r.ID] == "" || r.String() == "" {
				t.Errorf("record %+v", r)
			}
		}
	default:
		t.Fatalf("lsm_get_self_attr: %v", err)
	}
	_, _, err = LsmGetSelfAttr(LSM_ATTR_CURRENT, buf, LsmFlags(0x80))
	wantErrno(t, "an unknown flag", err, EINVAL)
	err = LsmSetSelfAttr(LSM_ATTR_CURRENT, bytes.Repeat([]byte{0}, 8), 0)
	wantErrno(t, "a context shorter than struct lsm_ctx", err, EINVAL)
}
