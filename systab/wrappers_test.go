package systab

import (
	"strings"
	"testing"
)

// issueGroups are the table names of each wrapper group as its issue lists them, keyed by
// the group (the spec file's name): the generated table must put exactly these rows in it.
// Each group's test file adds its list.
var issueGroups = map[string]string{
	"file": `read write open close lseek _llseek pread64 pwrite64 readv writev preadv pwritev
preadv2 pwritev2 readahead creat openat openat2 close_range dup dup2 dup3 fcntl fcntl64 flock fsync
fdatasync sync syncfs sync_file_range sync_file_range2 arm_sync_file_range truncate ftruncate truncate64
ftruncate64 fallocate fadvise64 fadvise64_64 arm_fadvise64_64 stat lstat fstat newfstatat fstat64 stat64
lstat64 fstatat64 oldstat oldlstat oldfstat statx statfs fstatfs statfs64 fstatfs64 ustat sysfs access
faccessat faccessat2 chmod fchmod fchmodat fchmodat2 chown fchown lchown fchownat chown32 fchown32
lchown32 umask utime utimes futimesat utimensat utimensat_time64 mkdir mkdirat rmdir unlink unlinkat
rename renameat renameat2 link linkat symlink symlinkat readlink readlinkat mknod mknodat getdents
getdents64 readdir getcwd chdir fchdir chroot setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr
listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr setxattrat getxattrat listxattrat
removexattrat file_getattr file_setattr name_to_handle_at open_by_handle_at copy_file_range sendfile
sendfile64 splice tee vmsplice cachestat ioctl`,
}

// TestEveryRowAccountedFor: every row of every arch has a status, typed rows name their Go
// function, raw-only and unimplemented rows say why, and no row of a landed group is pending.
func TestEveryRowAccountedFor(t *testing.T) {
	landed := map[string]string{}
	for g, names := range issueGroups {
		for _, n := range strings.Fields(names) {
			landed[n] = g
			if len(ArchesOf(n)) == 0 {
				t.Errorf("group %s lists %s, which no arch's table has", g, n)
			}
		}
	}
	for _, a := range Arches() {
		ws := Wrappers(a)
		if len(ws) != len(Table(a)) {
			t.Fatalf("%s: %d wrapper rows for %d table rows", a, len(ws), len(Table(a)))
		}
		for _, w := range ws {
			e := w.Entry
			switch w.Status {
			case Typed:
				if w.Go == "" {
					t.Errorf("%s %s: typed without a Go name", a, e.Name)
				}
			case RawOnly, Unimplemented:
				if w.Reason == "" {
					t.Errorf("%s %s: %s without a reason", a, e.Name, w.Status)
				}
			case Pending:
				if g, ok := landed[e.Name]; ok {
					t.Errorf("%s %s: pending, but its group (%s) has landed", a, e.Name, g)
				}
				if w.Group != "" {
					t.Errorf("%s %s: pending in group %s", a, e.Name, w.Group)
				}
			default:
				t.Errorf("%s %s: status %d", a, e.Name, w.Status)
			}
			if g := landed[e.Name]; g != w.Group {
				t.Errorf("%s %s: in group %q, its issue puts it in %q", a, e.Name, w.Group, g)
			}
			if e.Implemented == (w.Status == Unimplemented) {
				t.Errorf("%s %s: implemented=%v but status %s", a, e.Name, e.Implemented, w.Status)
			}
		}
	}
}

func TestWrapperOf(t *testing.T) {
	w, ok := WrapperOf("amd64", "openat2")
	if !ok || w.Status != Typed || w.Go != "Openat2" || w.Entry.Number != 437 {
		t.Fatalf("WrapperOf(amd64, openat2) = %+v, %v", w, ok)
	}
	if w, ok := WrapperOf("386", "fstat"); !ok || w.Status != Typed || w.Go != "Fstat32" {
		t.Fatalf("WrapperOf(386, fstat) = %+v, %v: the narrow row is Fstat32's (Fstat makes fstat64)", w, ok)
	}
	if w, ok := WrapperOf("386", "fstat64"); !ok || w.Status != Typed || w.Go != "Fstat64" {
		t.Fatalf("WrapperOf(386, fstat64) = %+v, %v", w, ok)
	}
	if _, ok := WrapperOf("amd64", "no_such_call"); ok {
		t.Fatal("WrapperOf of a missing row")
	}
	for _, s := range []Status{Typed, RawOnly, Unimplemented, Pending} {
		if s.String() == "" {
			t.Fatal(s)
		}
	}
}
