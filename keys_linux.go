//go:build linux

package linux

import "github.com/rawlinux/linux/raw"

// Typed helpers over Keyctl for the common key-management commands (keyctl(2); each
// command's page is keyctl_<command>(3)). Strings are converted on the stack, buffers are
// the caller's and their length is passed.

func keyctl(cmd KeyctlCmd, a2, a3, a4, a5 uintptr) (int, error) {
	r, _, errno := raw.Syscall6(SYS_KEYCTL, uintptr(cmd), a2, a3, a4, a5, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}

// KeyctlGetKeyringID returns the serial of key or special keyring id (KEY_SPEC_*),
// creating the special keyring first when create is set (KEYCTL_GET_KEYRING_ID).
func KeyctlGetKeyringID(id KeySerial, create bool) (KeySerial, error) {
	var c uintptr
	if create {
		c = 1
	}
	r, err := keyctl(KEYCTL_GET_KEYRING_ID, uintptr(id), c, 0, 0)
	return KeySerial(r), err
}

// KeyctlJoinSessionKeyring makes the session keyring named name ("": a new anonymous one)
// the caller's and returns its serial (KEYCTL_JOIN_SESSION_KEYRING).
func KeyctlJoinSessionKeyring(name string) (KeySerial, error) {
	var b cbuf
	p, err := cstringOrNil(name, &b)
	if err != nil {
		return 0, err
	}
	r, err := keyctl(KEYCTL_JOIN_SESSION_KEYRING, uintptr(p), 0, 0, 0)
	return KeySerial(r), err
}

// KeyctlUpdate replaces the payload of key id (KEYCTL_UPDATE).
func KeyctlUpdate(id KeySerial, payload []byte) error {
	_, err := keyctl(KEYCTL_UPDATE, uintptr(id), uintptr(sliceData(payload)), uintptr(len(payload)), 0)
	return err
}

// KeyctlRevoke revokes key id: further use of it fails with EKEYREVOKED (KEYCTL_REVOKE).
func KeyctlRevoke(id KeySerial) error {
	_, err := keyctl(KEYCTL_REVOKE, uintptr(id), 0, 0, 0)
	return err
}

// KeyctlInvalidate marks key id invalid: it is unlinked and destroyed (KEYCTL_INVALIDATE).
func KeyctlInvalidate(id KeySerial) error {
	_, err := keyctl(KEYCTL_INVALIDATE, uintptr(id), 0, 0, 0)
	return err
}

// KeyctlChown changes the owner and group of key id (-1 leaves one unchanged;
// KEYCTL_CHOWN).
func KeyctlChown(id KeySerial, uid UID, gid GID) error {
	_, err := keyctl(KEYCTL_CHOWN, uintptr(id), uintptr(uid), uintptr(gid), 0)
	return err
}

// KeyctlSetperm sets the permission mask of key id (KEY_POS_*, KEY_USR_*, KEY_GRP_*,
// KEY_OTH_* bits; KEYCTL_SETPERM).
func KeyctlSetperm(id KeySerial, perm uint32) error {
	_, err := keyctl(KEYCTL_SETPERM, uintptr(id), uintptr(perm), 0, 0)
	return err
}

// KeyctlDescribe writes the description of key id, "type;uid;gid;perm;description" with a
// NUL, into buf and returns its length; a length above len(buf) means buf was too small
// and nothing was written (KEYCTL_DESCRIBE). KeyctlDescribeString sizes the buffer.
func KeyctlDescribe(id KeySerial, buf []byte) (int, error) {
	return keyctl(KEYCTL_DESCRIBE, uintptr(id), uintptr(sliceData(buf)), uintptr(len(buf)), 0)
}

// KeyctlDescribeString returns the description of key id, without its NUL.
func KeyctlDescribeString(id KeySerial) (string, error) {
	b, err := keySized(func(b []byte) (int, error) { return KeyctlDescribe(id, b) })
	if len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return string(b), err
}

// KeyctlRead writes the payload of key id (for a keyring: its keys' serials) into buf and
// returns its length; a length above len(buf) means buf was too small and nothing was
// written (KEYCTL_READ). KeyctlReadBytes sizes the buffer.
func KeyctlRead(id KeySerial, buf []byte) (int, error) {
	return keyctl(KEYCTL_READ, uintptr(id), uintptr(sliceData(buf)), uintptr(len(buf)), 0)
}

// KeyctlReadBytes returns the payload of key id.
func KeyctlReadBytes(id KeySerial) ([]byte, error) {
	return keySized(func(b []byte) (int, error) { return KeyctlRead(id, b) })
}

// keySized calls fill with a buffer until the whole value fits (it may grow between calls).
func keySized(fill func([]byte) (int, error)) ([]byte, error) {
	var stack [256]byte
	buf := stack[:]
	for tries := 0; ; tries++ {
		n, err := fill(buf)
		if err != nil {
			return nil, err
		}
		if n <= len(buf) {
			return append([]byte(nil), buf[:n]...), nil
		}
		if tries == 8 {
			return nil, raw.EOVERFLOW
		}
		buf = make([]byte, n)
	}
}

// KeyctlClear unlinks every key of keyring (KEYCTL_CLEAR).
func KeyctlClear(keyring KeySerial) error {
	_, err := keyctl(KEYCTL_CLEAR, uintptr(keyring), 0, 0, 0)
	return err
}

// KeyctlLink links key id into keyring (KEYCTL_LINK).
func KeyctlLink(id, keyring KeySerial) error {
	_, err := keyctl(KEYCTL_LINK, uintptr(id), uintptr(keyring), 0, 0)
	return err
}

// KeyctlUnlink removes the link of key id from keyring (KEYCTL_UNLINK).
func KeyctlUnlink(id, keyring KeySerial) error {
	_, err := keyctl(KEYCTL_UNLINK, uintptr(id), uintptr(keyring), 0, 0)
	return err
}

// KeyctlSearch searches keyring (and the keyrings it links) for a key of keyType and
// description, links it into dest (0: none) and returns its serial; ENOKEY if there is
// none (KEYCTL_SEARCH).
func KeyctlSearch(keyring KeySerial, keyType, description string, dest KeySerial) (KeySerial, error) {
	var tb, db cbuf
	tp, err := cstring(keyType, &tb)
	if err != nil {
		return 0, err
	}
	dp, err := cstring(description, &db)
	if err != nil {
		return 0, err
	}
	r, err := keyctl(KEYCTL_SEARCH, uintptr(keyring), uintptr(tp), uintptr(dp), uintptr(dest))
	return KeySerial(r), err
}

// KeyctlSetTimeout makes key id expire seconds from now (0: never; KEYCTL_SET_TIMEOUT).
func KeyctlSetTimeout(id KeySerial, seconds uint32) error {
	_, err := keyctl(KEYCTL_SET_TIMEOUT, uintptr(id), uintptr(seconds), 0, 0)
	return err
}

// KeyctlSessionToParent replaces the session keyring of the caller's parent process with
// the caller's, at the parent's next return to user space (KEYCTL_SESSION_TO_PARENT).
func KeyctlSessionToParent() error {
	_, err := keyctl(KEYCTL_SESSION_TO_PARENT, 0, 0, 0, 0)
	return err
}

// KeyctlGetPersistent returns the persistent keyring of user uid (-1: the caller's) and
// links it into dest (KEYCTL_GET_PERSISTENT).
func KeyctlGetPersistent(uid UID, dest KeySerial) (KeySerial, error) {
	r, err := keyctl(KEYCTL_GET_PERSISTENT, uintptr(uid), uintptr(dest), 0, 0)
	return KeySerial(r), err
}

// KeyctlCapabilities writes the keyrings facility's capability bits (KEYCTL_CAPS0_*,
// KEYCTL_CAPS1_*...) into buf and returns how many bytes the kernel has
// (KEYCTL_CAPABILITIES).
func KeyctlCapabilities(buf []byte) (int, error) {
	return keyctl(KEYCTL_CAPABILITIES, uintptr(sliceData(buf)), uintptr(len(buf)), 0, 0)
}
