package fallback

import (
	"errors"
	"strings"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

var (
	featMountAPI = newFeature(&feature{name: "mount API (fsopen, fsconfig, fsmount, move_mount)", fallback: "mount(2) with a data string",
		sysno: linux.SYS_FSOPEN, legitEPERM: true})
	featOpenTree = newFeature(&feature{name: "open_tree and move_mount", fallback: "mount(2) with MS_BIND", sysno: linux.SYS_OPEN_TREE, legitEPERM: true})
)

// MountOption is one fsconfig parameter: Key alone (Value "") is a flag
// (FSCONFIG_SET_FLAG: "ro", "noatime"), else a string (FSCONFIG_SET_STRING: "size" "1m").
type MountOption struct{ Key, Value string }

// Mount mounts a new file system of type fstype from source (if not "") on target, with
// the mount attributes attr (MOUNT_ATTR_RDONLY, NOSUID, NODEV, NOEXEC, the atime modes,
// NODIRATIME, NOSYMFOLLOW) and the file system's options, through the mount API (fsopen,
// fsconfig, fsmount, move_mount: Linux 5.2). Where that API is not available it calls
// mount(2) with the attributes as MS_* flags and the options as a data string
// ("size=1m,mode=700"): an option with a comma, and MOUNT_ATTR_IDMAP, cannot be said so
// (the error wraps ErrNotAvailable).
//
// An EPERM of fsopen is the caller's lack of CAP_SYS_ADMIN or a seccomp filter's:
// Mount then tries mount(2), and remembers that the mount API is refused only if that
// works.
func Mount(fstype, source, target string, attr linux.MountAttrFlags, opts ...MountOption) error {
	if featMountAPI.use() {
		err := mountAPI(fstype, source, target, attr, opts)
		if err == nil {
			featMountAPI.refused(nil)
			return nil
		}
		var e linux.Errno
		if !errors.As(err, &e) || e != linux.ENOSYS && e != linux.EPERM {
			return err
		}
		if e == linux.ENOSYS {
			featMountAPI.refused(e)
		}
		flags, data, ferr := mountData(attr, opts)
		if ferr != nil {
			return err // the mount API's answer: mount(2) could not say it anyway
		}
		err2 := mountOld(source, target, fstype, flags, data)
		if e == linux.EPERM && err2 == nil {
			featMountAPI.set(unavailable, "EPERM from a seccomp filter (mount(2) works)")
		}
		return err2
	}
	flags, data, err := mountData(attr, opts)
	if err != nil {
		return err
	}
	return mountOld(source, target, fstype, flags, data)
}

// mountOld mounts with mount(2). MOUNT_ATTR_RDONLY makes the mount read-only and leaves
// the new superblock writable; MS_RDONLY would make both read-only, so the mount is made
// writable and then remounted read-only as a bind (MS_REMOUNT|MS_BIND), which changes
// only the mount.
func mountOld(source, target, fstype string, flags uintptr, data string) error {
	if flags&linux.MS_RDONLY == 0 {
		return mount(source, target, fstype, flags, data)
	}
	if err := mount(source, target, fstype, flags&^linux.MS_RDONLY, data); err != nil {
		return err
	}
	return mount("", target, "", flags|linux.MS_REMOUNT|linux.MS_BIND, "")
}

func mountAPI(fstype, source, target string, attr linux.MountAttrFlags, opts []MountOption) error {
	fs, err := bytePtr(fstype)
	if err != nil {
		return err
	}
	r, _, e := raw.Syscall(linux.SYS_FSOPEN, uintptr(unsafe.Pointer(fs)), linux.FSOPEN_CLOEXEC, 0)
	if e != 0 {
		return e
	}
	fsfd := linux.FD(r)
	defer linux.Close(fsfd)
	set := func(cmd linux.FsconfigCmd, key, value string, isString bool) error {
		k, err := bytePtr(key)
		if err != nil {
			return err
		}
		var v *byte
		if isString {
			if v, err = bytePtr(value); err != nil {
				return err
			}
		}
		if _, _, e := raw.Syscall6(linux.SYS_FSCONFIG, uintptr(fsfd), uintptr(cmd), uintptr(unsafe.Pointer(k)), uintptr(unsafe.Pointer(v)), 0, 0); e != 0 {
			return e
		}
		return nil
	}
	if source != "" {
		if err := set(linux.FSCONFIG_SET_STRING, "source", source, true); err != nil {
			return err
		}
	}
	for _, o := range opts {
		var err error
		if o.Value == "" {
			err = set(linux.FSCONFIG_SET_FLAG, o.Key, "", false)
		} else {
			err = set(linux.FSCONFIG_SET_STRING, o.Key, o.Value, true)
		}
		if err != nil {
			return err
		}
	}
	if _, _, e := raw.Syscall6(linux.SYS_FSCONFIG, uintptr(fsfd), uintptr(linux.FSCONFIG_CMD_CREATE), 0, 0, 0, 0); e != 0 {
		return e
	}
	r, _, e = raw.Syscall(linux.SYS_FSMOUNT, uintptr(fsfd), linux.FSMOUNT_CLOEXEC, uintptr(attr))
	if e != 0 {
		return e
	}
	mfd := linux.FD(r)
	defer linux.Close(mfd)
	return moveMount(mfd, target)
}

func moveMount(mfd linux.FD, target string) error {
	empty, _ := bytePtr("")
	t, err := bytePtr(target)
	if err != nil {
		return err
	}
	if _, _, e := raw.Syscall6(linux.SYS_MOVE_MOUNT, uintptr(mfd), uintptr(unsafe.Pointer(empty)), uintptr(atFDCWD),
		uintptr(unsafe.Pointer(t)), uintptr(linux.MOVE_MOUNT_F_EMPTY_PATH), 0); e != 0 {
		return e
	}
	return nil
}

// mountData turns attributes and options into mount(2)'s flags and data string.
func mountData(attr linux.MountAttrFlags, opts []MountOption) (uintptr, string, error) {
	var flags uintptr
	for _, m := range []struct {
		attr linux.MountAttrFlags
		ms   uintptr
	}{
		{linux.MOUNT_ATTR_RDONLY, linux.MS_RDONLY}, {linux.MOUNT_ATTR_NOSUID, linux.MS_NOSUID},
		{linux.MOUNT_ATTR_NODEV, linux.MS_NODEV}, {linux.MOUNT_ATTR_NOEXEC, linux.MS_NOEXEC},
		{linux.MOUNT_ATTR_NODIRATIME, linux.MS_NODIRATIME}, {linux.MOUNT_ATTR_NOSYMFOLLOW, linux.MS_NOSYMFOLLOW},
	} {
		if attr&m.attr != 0 {
			flags |= m.ms
			attr &^= m.attr
		}
	}
	switch attr & linux.MOUNT_ATTR__ATIME {
	case linux.MOUNT_ATTR_RELATIME:
		flags |= linux.MS_RELATIME
	case linux.MOUNT_ATTR_NOATIME:
		flags |= linux.MS_NOATIME
	case linux.MOUNT_ATTR_STRICTATIME:
		flags |= linux.MS_STRICTATIME
	default:
		return 0, "", linux.EINVAL
	}
	attr &^= linux.MOUNT_ATTR__ATIME
	if attr&linux.MOUNT_ATTR_IDMAP != 0 {
		return 0, "", featMountAPI.notAvailable("mount(2) cannot make an id-mapped mount")
	}
	if attr != 0 {
		return 0, "", linux.EINVAL
	}
	var parts []string
	for _, o := range opts {
		if strings.ContainsAny(o.Key+o.Value, ",\x00") || o.Key == "" {
			return 0, "", featMountAPI.notAvailable("mount(2)'s data string cannot carry the option " + o.Key + "=" + o.Value)
		}
		if o.Value == "" {
			parts = append(parts, o.Key)
		} else {
			parts = append(parts, o.Key+"="+o.Value)
		}
	}
	return flags, strings.Join(parts, ","), nil
}

func mount(source, target, fstype string, flags uintptr, data string) error {
	s, err := nullable(source)
	if err != nil {
		return err
	}
	t, err := bytePtr(target)
	if err != nil {
		return err
	}
	f, err := nullable(fstype)
	if err != nil {
		return err
	}
	d, err := nullable(data)
	if err != nil {
		return err
	}
	if _, _, e := raw.Syscall6(linux.SYS_MOUNT, uintptr(unsafe.Pointer(s)), uintptr(unsafe.Pointer(t)), uintptr(unsafe.Pointer(f)), flags, uintptr(unsafe.Pointer(d)), 0); e != 0 {
		return e
	}
	return nil
}

// BindMount makes the tree at source visible at target (with recursive, its submounts
// too), through open_tree(OPEN_TREE_CLONE) and move_mount (Linux 5.2), or where they are
// not available mount(2) with MS_BIND (and MS_REC).
func BindMount(source, target string, recursive bool) error {
	if featOpenTree.use() {
		err := bindAPI(source, target, recursive)
		if err == nil {
			featOpenTree.refused(nil)
			return nil
		}
		var e linux.Errno
		if !errors.As(err, &e) || e != linux.ENOSYS && e != linux.EPERM {
			return err
		}
		if e == linux.ENOSYS {
			featOpenTree.refused(e)
		}
		err2 := bindMount(source, target, recursive)
		if e == linux.EPERM && err2 == nil {
			featOpenTree.set(unavailable, "EPERM from a seccomp filter (mount(2) works)")
		}
		return err2
	}
	return bindMount(source, target, recursive)
}

func bindAPI(source, target string, recursive bool) error {
	s, err := bytePtr(source)
	if err != nil {
		return err
	}
	flags := uintptr(linux.OPEN_TREE_CLONE | linux.OPEN_TREE_CLOEXEC)
	if recursive {
		flags |= uintptr(linux.AT_RECURSIVE)
	}
	r, _, e := raw.Syscall(linux.SYS_OPEN_TREE, uintptr(atFDCWD), uintptr(unsafe.Pointer(s)), flags)
	if e != 0 {
		return e
	}
	defer linux.Close(linux.FD(r))
	return moveMount(linux.FD(r), target)
}

func bindMount(source, target string, recursive bool) error {
	flags := uintptr(linux.MS_BIND)
	if recursive {
		flags |= linux.MS_REC
	}
	return mount(source, target, "", flags, "")
}

func bytePtr(s string) (*byte, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, linux.EINVAL
	}
	b := append([]byte(s), 0)
	return &b[0], nil
}

func nullable(s string) (*byte, error) {
	if s == "" {
		return nil, nil
	}
	return bytePtr(s)
}

// atFDCWD is AT_FDCWD as a register value.
var atFDCWD = int(linux.AT_FDCWD)
