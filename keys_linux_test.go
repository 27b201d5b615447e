//go:build linux

package linux

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// Keys: a user key added to a new session keyring, read, described, searched, revoked;
// request_key of a key that does not exist.
func TestKeys(t *testing.T) {
	ring, err := KeyctlJoinSessionKeyring("")
	skipUnsupported(t, "keyctl", err)
	must(t, "join an anonymous session keyring", err)
	if got, err := KeyctlGetKeyringID(KEY_SPEC_SESSION_KEYRING, false); err != nil || got != ring {
		t.Fatalf("session keyring %d, %v; joined %d", got, err, ring)
	}
	id, err := AddKey("user", "rawlinux:test", []byte("secret payload"), KEY_SPEC_SESSION_KEYRING)
	must(t, "add_key", err)
	if p, err := KeyctlReadBytes(id); err != nil || string(p) != "secret payload" {
		t.Fatalf("read %q %v", p, err)
	}
	var short [3]byte
	if n, err := KeyctlRead(id, short[:]); err != nil || n != 14 || short != [3]byte{} {
		t.Fatalf("read into 3 bytes: %d %q %v (want the length 14 and nothing written)", n, short[:], err)
	}
	d, err := KeyctlDescribeString(id)
	if err != nil || !strings.HasPrefix(d, "user;") || !strings.HasSuffix(d, ";rawlinux:test") {
		t.Fatalf("describe %q %v", d, err)
	}
	if found, err := KeyctlSearch(ring, "user", "rawlinux:test", 0); err != nil || found != id {
		t.Fatalf("search: %d %v, want %d", found, err, id)
	}
	if got, err := RequestKey("user", "rawlinux:test", "", 0); err != nil || got != id {
		t.Fatalf("request_key of the key: %d %v", got, err)
	}
	// The keyring lists the key (a keyring's payload is its keys' serials).
	if p, err := KeyctlReadBytes(ring); err != nil || !bytes.Contains(p, valueBytes(&id)) {
		t.Fatalf("the keyring holds % x, %v", p, err)
	}
	must(t, "update", KeyctlUpdate(id, []byte("new")))
	if p, _ := KeyctlReadBytes(id); string(p) != "new" {
		t.Fatalf("after update %q", p)
	}
	must(t, "set timeout", KeyctlSetTimeout(id, 3600))
	must(t, "revoke", KeyctlRevoke(id))
	_, err = KeyctlReadBytes(id)
	wantErrno(t, "read of a revoked key", err, EKEYREVOKED)
	_, err = RequestKey("user", "rawlinux:no-such-key", "", 0)
	wantErrno(t, "request_key of a missing key", err, ENOKEY)
	_, err = AddKey("no-such-type", "x", nil, KEY_SPEC_SESSION_KEYRING)
	wantErrno(t, "add_key of an unknown type", err, ENODEV)
	// The generic Keyctl: KEYCTL_GET_KEYRING_ID of the session keyring.
	if r, err := Keyctl(KEYCTL_GET_KEYRING_ID, uintptr(ring), 0, 0, 0); err != nil || KeySerial(r) != ring {
		t.Fatalf("keyctl: %d %v", r, err)
	}
	// Links: a key in an inner keyring is found from the outer one; clearing the inner
	// one loses it.
	k2, err := AddKey("user", "rawlinux:second", []byte("2"), ring)
	must(t, "add_key", err)
	inner, err := AddKey("keyring", "rawlinux:inner", nil, ring)
	must(t, "add_key keyring", err)
	must(t, "link", KeyctlLink(k2, inner))
	must(t, "unlink", KeyctlUnlink(k2, ring))
	if found, err := KeyctlSearch(ring, "user", "rawlinux:second", 0); err != nil || found != k2 {
		t.Fatalf("search through the inner keyring: %d %v", found, err)
	}
	must(t, "clear", KeyctlClear(inner))
	_, err = KeyctlSearch(ring, "user", "rawlinux:second", 0)
	wantErrno(t, "search after clear", err, ENOKEY)
	must(t, "invalidate", KeyctlInvalidate(inner))
	var caps [4]byte
	if n, err := KeyctlCapabilities(caps[:]); err != nil || n < 2 || caps[0]&KEYCTL_CAPS0_CAPABILITIES == 0 {
		t.Fatalf("capabilities % x (%d) %v", caps, n, err)
	}
}

func TestKeysMore(t *testing.T) {
	ring, err := KeyctlJoinSessionKeyring("")
	skipUnsupported(t, "keyctl", err)
	must(t, "join", err)
	id, err := AddKey("user", "rawlinux:perm", []byte("x"), ring)
	must(t, "add_key", err)
	var d [256]byte
	n, err := KeyctlDescribe(id, d[:])
	if err != nil || n == 0 || d[n-1] != 0 || !strings.HasSuffix(string(d[:n-1]), ";rawlinux:perm") {
		t.Fatalf("describe: %q %v", d[:n], err)
	}
	must(t, "chown to ourselves", KeyctlChown(id, UID(os.Getuid()), ^GID(0)))
	// Possessor: everything; user, group, other: nothing (KEY_POS_ALL).
	must(t, "setperm", KeyctlSetperm(id, 0x3f000000))
	if s, _ := KeyctlDescribeString(id); !strings.Contains(s, ";3f000000;") {
		t.Fatalf("permissions after setperm: %q", s)
	}
	if p, err := KeyctlGetPersistent(^UID(0), ring); err != nil && err != EOPNOTSUPP {
		t.Fatalf("get_persistent: %v", err)
	} else if err == nil && p <= 0 {
		t.Fatalf("persistent keyring %d", p)
	}
	// Our parent (the go command or a shell) gets our session keyring at its next
	// return to user space: allowed for a parent of the same credentials.
	if err := KeyctlSessionToParent(); err != nil && err != EPERM {
		t.Fatalf("session_to_parent: %v", err)
	}
}
