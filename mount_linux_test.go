//go:build linux

package linux

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"unsafe"
)

// The mount calls, in a private mount namespace of a locked thread (Unshare CLONE_NEWNS,
// then MS_PRIVATE|MS_REC on /): nothing reaches the machine's mounts, and the thread is
// thrown away with its namespace.

// privateMounts puts the calling (locked) thread in a new mount namespace with private
// propagation, or returns a skip error.
func privateMounts(t *testing.T) error {
	if os.Geteuid() != 0 {
		return skipError("mount namespaces need CAP_SYS_ADMIN: not root")
	}
	if err := Unshare(CLONE_NEWNS); err != nil {
		if e := unsupported("unshare", err); e != nil {
			return e
		}
		t.Fatalf("unshare(CLONE_NEWNS): %v", err)
	}
	must(t, "make / private", Mount("", "/", "", MS_REC|MS_PRIVATE, ""))
	return nil
}

// TestNewMountAPI: fsopen("tmpfs") -> fsconfig -> fsmount -> move_mount; statmount and
// listmount see the mount; mount_setattr makes it read-only; open_tree clones it; fspick
// reconfigures it.
func TestNewMountAPI(t *testing.T) {
	dir, clone, clone2 := t.TempDir(), t.TempDir(), t.TempDir()
	onThread(t, func() error {
		if err := privateMounts(t); err != nil {
			return err
		}
		fs, err := Fsopen("tmpfs", FSOPEN_CLOEXEC)
		if e := unsupported("fsopen", err); e != nil {
			return e
		}
		fs = mustFD(t, "fsopen", fs, err)
		must(t, "fsconfig size", FsconfigSetString(fs, "size", "1m"))
		must(t, "fsconfig mode", FsconfigSetString(fs, "mode", "0755"))
		err = FsconfigSetString(fs, "no-such-option", "1")
		wantErrno(t, "fsconfig of an unknown parameter", err, EINVAL)
		must(t, "fsconfig create", FsconfigCreate(fs))
		mnt, err := Fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV)
		mnt = mustFD(t, "fsmount", mnt, err)
		must(t, "move_mount", MoveMount(mnt, "", AT_FDCWD, dir, MOVE_MOUNT_F_EMPTY_PATH))
		must(t, "write into the new mount", os.WriteFile(filepath.Join(dir, "f"), []byte("in tmpfs"), 0o644))
		var sfs syscall.Statfs_t
		must(t, "statfs", syscall.Statfs(dir, &sfs))
		if sfs.Type != 0x01021994 { // TMPFS_MAGIC
			t.Errorf("statfs type %#x, want tmpfs", sfs.Type)
		}

		stx, err := Statx(AT_FDCWD, dir, 0, STATX_MNT_ID_UNIQUE)
		must(t, "statx STATX_MNT_ID_UNIQUE", err)
		id := stx.MntID
		sm, buf, err := StatmountInfo(id, STATMOUNT_FS_TYPE|STATMOUNT_MNT_POINT|STATMOUNT_MNT_BASIC|STATMOUNT_SB_BASIC)
		if e := unsupported("statmount", err); e != nil {
			return e
		}
		must(t, "statmount", err)
		if sm.MntID != id || StatmountString(buf, sm.FsType) != "tmpfs" || StatmountString(buf, sm.MntPoint) != dir || sm.MntAttr&uint64(MOUNT_ATTR_NODEV) == 0 {
			t.Errorf("statmount: id %d (want %d) fs %q point %q attr %#x", sm.MntID, id, StatmountString(buf, sm.FsType), StatmountString(buf, sm.MntPoint), sm.MntAttr)
		}
		if sm.Mask&STATMOUNT_FS_TYPE == 0 {
			t.Errorf("statmount mask %#x", sm.Mask)
		}
		_, err = Statmount(&MntIDReq{MntID: id, Param: uint64(STATMOUNT_MNT_POINT)}, make([]byte, unsafe.Sizeof(Statmount_t{})), 0)
		wantErrno(t, "statmount of a string into a buffer with no room for strings", err, EOVERFLOW)
		ids := make([]uint64, 4096)
		n, err := Listmount(&MntIDReq{MntID: LSMT_ROOT}, ids, 0)
		must(t, "listmount", err)
		if !slices.Contains(ids[:n], id) {
			t.Errorf("listmount: %d mounts, ours (%d) not among them", n, id)
		}
		rev := make([]uint64, 4096)
		m, err := Listmount(&MntIDReq{MntID: LSMT_ROOT}, rev, LISTMOUNT_REVERSE)
		must(t, "listmount reverse", err)
		if m != n || rev[0] != ids[n-1] {
			t.Errorf("listmount reverse: %d mounts, first %d; forward last %d", m, rev[0], ids[n-1])
		}

		// mount_setattr: read-only.
		must(t, "mount_setattr", MountSetattr(AT_FDCWD, dir, 0, &MountAttr{AttrSet: MOUNT_ATTR_RDONLY}))
		if err := os.WriteFile(filepath.Join(dir, "g"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
			t.Errorf("a write after MOUNT_ATTR_RDONLY: %v, want EROFS", err)
		}
		// open_tree clones the read-only mount elsewhere.
		tree, err := OpenTree(AT_FDCWD, dir, OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC)
		tree = mustFD(t, "open_tree", tree, err)
		must(t, "move_mount of the clone", MoveMount(tree, "", AT_FDCWD, clone, MOVE_MOUNT_F_EMPTY_PATH))
		if b, err := os.ReadFile(filepath.Join(clone, "f")); err != nil || string(b) != "in tmpfs" {
			t.Errorf("the clone: %q %v", b, err)
		}
		// open_tree_attr clones it with the attribute cleared.
		rw, err := OpenTreeAttr(AT_FDCWD, dir, OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC, &MountAttr{AttrClr: MOUNT_ATTR_RDONLY})
		if e := unsupported("open_tree_attr", err); e == nil && hostLacks(t, "open_tree_attr", err) {
		} else if e == nil {
			rw = mustFD(t, "open_tree_attr", rw, err)
			must(t, "move_mount of the writable clone", MoveMount(rw, "", AT_FDCWD, clone2, MOVE_MOUNT_F_EMPTY_PATH))
			must(t, "a write through the writable clone", os.WriteFile(filepath.Join(clone2, "h"), nil, 0o644))
		}
		// fspick reconfigures the superblock: the size changes for every mount of it.
		pick, err := Fspick(AT_FDCWD, dir, FSPICK_CLOEXEC)
		pick = mustFD(t, "fspick", pick, err)
		must(t, "fsconfig size", FsconfigSetString(pick, "size", "2m"))
		must(t, "fsconfig reconfigure", Fsconfig(pick, FSCONFIG_CMD_RECONFIGURE, "", nil, 0))
		must(t, "statfs", syscall.Statfs(clone, &sfs))
		if got := uint64(sfs.Blocks) * uint64(sfs.Bsize); got != 2<<20 {
			t.Errorf("tmpfs size %d after reconfiguring to 2m", got)
		}
		// A flag parameter: a read-only superblock; a descriptor where the file system
		// takes a string is refused.
		ro, err := Fsopen("tmpfs", FSOPEN_CLOEXEC)
		ro = mustFD(t, "fsopen", ro, err)
		wantErrno(t, "fsconfig of a descriptor for a string parameter", FsconfigSetFD(ro, "source", ro), EINVAL)
		must(t, "fsconfig ro", FsconfigSetFlag(ro, "ro"))
		must(t, "fsconfig create", FsconfigCreate(ro))
		rom, err := Fsmount(ro, FSMOUNT_CLOEXEC, 0)
		rom = mustFD(t, "fsmount", rom, err)
		must(t, "move_mount", MoveMount(rom, "", AT_FDCWD, clone2, MOVE_MOUNT_F_EMPTY_PATH))
		if err := os.WriteFile(filepath.Join(clone2, "x"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
			t.Errorf("a write to a superblock created ro: %v, want EROFS", err)
		}
		must(t, "umount2 MNT_DETACH", Umount2(clone, MNT_DETACH))
		if err := Umount2(clone, 0); err != EINVAL {
			t.Errorf("umount2 of a directory that is no mount point: %v, want EINVAL", err)
		}
		return nil
	})
}

// TestMountClassic: mount(2) of a tmpfs, a bind mount, a remount read-only, umount.
func TestMountClassic(t *testing.T) {
	dir, bind := t.TempDir(), t.TempDir()
	onThread(t, func() error {
		if err := privateMounts(t); err != nil {
			return err
		}
		must(t, "mount tmpfs", Mount("rawlinux", dir, "tmpfs", MS_NOSUID, "size=1m,mode=0700"))
		must(t, "write", os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644))
		must(t, "bind mount", Mount(dir, bind, "", MS_BIND, ""))
		if _, err := os.Stat(filepath.Join(bind, "f")); err != nil {
			t.Errorf("the bind mount: %v", err)
		}
		must(t, "remount read-only", Mount("", bind, "", MS_REMOUNT|MS_BIND|MS_RDONLY, ""))
		if err := os.WriteFile(filepath.Join(bind, "g"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
			t.Errorf("a write to the read-only bind mount: %v, want EROFS", err)
		}
		must(t, "umount", Umount(bind))
		must(t, "umount2", Umount2(dir, 0))
		if _, err := os.Stat(filepath.Join(dir, "f")); !os.IsNotExist(err) {
			t.Errorf("after umount the file is still there: %v", err)
		}
		wantErrno(t, "mount of an unknown file system", Mount("x", dir, "no-such-fs", 0, ""), ENODEV)
		return nil
	})
}

// TestPivotRoot: pivot_root in the locked thread's own mount namespace changes that
// thread's root only.
func TestPivotRoot(t *testing.T) {
	dir := t.TempDir()
	onThread(t, func() error {
		if err := privateMounts(t); err != nil {
			return err
		}
		must(t, "mount tmpfs", Mount("rawlinux", dir, "tmpfs", 0, ""))
		must(t, "mkdir old", os.Mkdir(filepath.Join(dir, "old"), 0o755))
		must(t, "marker", os.WriteFile(filepath.Join(dir, "new-root-marker"), nil, 0o644))
		wantErrno(t, "pivot_root onto a directory that is not a mount", PivotRoot(filepath.Join(dir, "old"), filepath.Join(dir, "old")), EINVAL)
		must(t, "pivot_root", PivotRoot(dir, filepath.Join(dir, "old")))
		must(t, "chdir /", Chdir("/"))
		if _, err := os.Stat("/new-root-marker"); err != nil {
			t.Errorf("after pivot_root: %v", err)
		}
		if _, err := os.Stat("/old" + dir); err != nil {
			t.Errorf("the old root under /old: %v", err)
		}
		return nil
	})
	if _, err := os.Stat("/new-root-marker"); err == nil {
		t.Fatal("pivot_root changed another thread's root")
	}
}
