package fallback

import (
	"errors"
	"strings"

	"github.com/rawlinux/linux"
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
// (the error wraps ErrNotAvailable). A read-only mount is made as the mount API makes it:
// the mount read-only, the new superblock writable (mount(2), then a read-only bind
// remount).
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
func mountOld(source, target, fstype string, flags linux.MountFlags, data string) error {
	if flags&linux.MS_RDONLY == 0 {
		return linux.Mount(source, target, fstype, flags, data)
	}
	if err := linux.Mount(source, target, fstype, flags&^linux.MS_RDONLY, data); err != nil {
		return err
	}
	return linux.Mount("", target, "", flags|linux.MS_REMOUNT|linux.MS_BIND, "")
}

func mountAPI(fstype, source, target string, attr linux.MountAttrFlags, opts []MountOption) error {
	fsfd, err := linux.Fsopen(fstype, linux.FSOPEN_CLOEXEC)
	if err != nil {
		return err
	}
	defer linux.Close(fsfd)
	if source != "" {
		if err := linux.FsconfigSetString(fsfd, "source", source); err != nil {
			return err
		}
	}
	for _, o := range opts {
		var err error
		if o.Value == "" {
			err = linux.FsconfigSetFlag(fsfd, o.Key)
		} else {
			err = linux.FsconfigSetString(fsfd, o.Key, o.Value)
		}
		if err != nil {
			return err
		}
	}
	if err := linux.FsconfigCreate(fsfd); err != nil {
		return err
	}
	mfd, err := linux.Fsmount(fsfd, linux.FSMOUNT_CLOEXEC, attr)
	if err != nil {
		return err
	}
	defer linux.Close(mfd)
	return linux.MoveMount(mfd, "", linux.AT_FDCWD, target, linux.MOVE_MOUNT_F_EMPTY_PATH)
}

// mountData turns attributes and options into mount(2)'s flags and data string.
func mountData(attr linux.MountAttrFlags, opts []MountOption) (linux.MountFlags, string, error) {
	var flags linux.MountFlags
	for _, m := range []struct {
		attr linux.MountAttrFlags
		ms   linux.MountFlags
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
	flags := linux.OPEN_TREE_CLONE | linux.OPEN_TREE_CLOEXEC
	if recursive {
		flags |= linux.OpenTreeFlags(linux.AT_RECURSIVE)
	}
	fd, err := linux.OpenTree(linux.AT_FDCWD, source, flags)
	if err != nil {
		return err
	}
	defer linux.Close(fd)
	return linux.MoveMount(fd, "", linux.AT_FDCWD, target, linux.MOVE_MOUNT_F_EMPTY_PATH)
}

func bindMount(source, target string, recursive bool) error {
	flags := linux.MS_BIND
	if recursive {
		flags |= linux.MS_REC
	}
	return linux.Mount(source, target, "", flags, "")
}
