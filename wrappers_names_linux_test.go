//go:build linux

package linux

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/rawlinux/linux/systab"
)

// TestWrapperNamesPerArch reads the package's sources as each arch's build sees them (with
// go/build's file selection) and checks the coverage table against them: every typed row's
// Go function is declared on that arch, and every row of a landed group whose status is
// typed or raw-only has its canonical name (the table name in CamelCase) declared there,
// as `GOARCH=<arch> go doc` would show it.
func TestWrapperNamesPerArch(t *testing.T) {
	if runtime.GOARCH != "amd64" || qemuUser() {
		t.Skip("host-only test: reads the sources of all 13 arches")
	}
	for _, a := range systab.Arches() {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", string(a), false
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		funcs := map[string]bool{}
		fset := token.NewFileSet()
		for _, name := range pkg.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					funcs[fd.Name.Name] = true
				}
			}
		}
		typed, canonical := 0, 0
		for _, w := range systab.Wrappers(a) {
			switch w.Status {
			case systab.Typed:
				typed++
				if !funcs[w.Go] {
					t.Errorf("%s: %s is typed by %s, which this arch's build does not declare", a, w.Entry.Name, w.Go)
				}
				fallthrough
			case systab.RawOnly:
				c := canonicalName(w.Entry.Name)
				if funcs[c] {
					canonical++
				} else if w.Status == systab.Typed || landedRows[w.Entry.Name] {
					t.Errorf("%s: %s (%s) has no canonical function %s", a, w.Entry.Name, w.Status, c)
				}
			}
		}
		t.Logf("%s: %d typed rows, %d canonical names declared, %d functions", a, typed, canonical, len(funcs))
	}
}

// landedRows are the table names of the wrapper groups that have landed: each has its
// canonical function on every arch whose table implements it.
var landedRows = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(fileGroup) {
		m[n] = true
	}
	return m
}()

// fileGroup is the files-and-directories group of issue 9.
const fileGroup = `read write open close lseek _llseek pread64 pwrite64 readv writev preadv pwritev
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
sendfile64 splice tee vmsplice cachestat ioctl`

// canonicalName is a table name in CamelCase split at underscores.
func canonicalName(row string) string {
	var b strings.Builder
	for _, p := range strings.Split(row, "_") {
		if p != "" {
			r := []rune(p)
			r[0] = unicode.ToUpper(r[0])
			b.WriteString(string(r))
		}
	}
	return b.String()
}
