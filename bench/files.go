package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rawlinux/linux"
	"golang.org/x/sys/unix"
)

// The file calls of rawlinux's typed wrappers against golang.org/x/sys/unix, on the same
// files in the same process.

// Fixture is what the file benchmarks work on: a file, a 100-entry directory, a symbolic
// link and a pipe.
type Fixture struct {
	Dir, File, Link, Dir100 string
	FD, DirFD               int
	PipeR, PipeW            int
	buf                     []byte
}

// NewFixture makes the files in a new temporary directory; Close removes them.
func NewFixture() (*Fixture, error) {
	dir, err := os.MkdirTemp("", "rawlinux-bench-")
	if err != nil {
		return nil, err
	}
	f := &Fixture{Dir: dir, File: filepath.Join(dir, "file"), Link: filepath.Join(dir, "link"),
		Dir100: filepath.Join(dir, "hundred"), buf: make([]byte, 64<<10)}
	if err := os.WriteFile(f.File, make([]byte, 1<<20), 0o644); err != nil {
		return nil, err
	}
	if err := os.Symlink("file", f.Link); err != nil {
		return nil, err
	}
	if err := os.Mkdir(f.Dir100, 0o755); err != nil {
		return nil, err
	}
	for i := 0; i < 98; i++ { // with . and .., 100 entries
		if err := os.WriteFile(filepath.Join(f.Dir100, "entry-"+strconv.Itoa(i)), nil, 0o644); err != nil {
			return nil, err
		}
	}
	if f.FD, err = unix.Open(f.File, unix.O_RDONLY|unix.O_CLOEXEC, 0); err != nil {
		return nil, err
	}
	if f.DirFD, err = unix.Open(f.Dir100, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0); err != nil {
		return nil, err
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	f.PipeR, f.PipeW = p[0], p[1]
	return f, nil
}

// Close removes the fixture.
func (f *Fixture) Close() {
	unix.Close(f.FD)
	unix.Close(f.DirFD)
	unix.Close(f.PipeR)
	unix.Close(f.PipeW)
	os.RemoveAll(f.Dir)
}

// A Pair is one job done by rawlinux and by x/sys.
type Pair struct {
	Name     string
	Path     bool // the call converts a path (goal: ratio <= 0.97), else <= 1.02
	Rawlinux func(b *testing.B)
	XSys     func(b *testing.B)
}

var isink int

// Pairs returns the jobs of the file-call benchmarks on f.
func (f *Fixture) Pairs() []Pair {
	fd, dfd := linux.FD(f.FD), linux.FD(f.DirFD)
	rfd, wfd := linux.FD(f.PipeR), linux.FD(f.PipeW)
	one := f.buf[:1]
	small := f.buf[:512]
	loop := func(fn func()) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fn()
			}
		}
	}
	return []Pair{
		{"getpid", false,
			loop(func() { isink += int(linux.Getpid()) }),
			loop(func() { isink += unix.Getpid() })},
		{"openat+close", true,
			loop(func() {
				if x, err := linux.Openat(linux.AT_FDCWD, f.File, linux.O_RDONLY|linux.O_CLOEXEC, 0); err == nil {
					linux.Close(x)
				}
			}),
			loop(func() {
				if x, err := unix.Openat(unix.AT_FDCWD, f.File, unix.O_RDONLY|unix.O_CLOEXEC, 0); err == nil {
					unix.Close(x)
				}
			})},
		{"statx", true,
			loop(func() {
				st, _ := linux.Statx(linux.AT_FDCWD, f.File, 0, linux.STATX_BASIC_STATS)
				isink += int(st.Size)
			}),
			loop(func() {
				var st unix.Statx_t
				unix.Statx(unix.AT_FDCWD, f.File, 0, unix.STATX_BASIC_STATS, &st)
				isink += int(st.Size)
			})},
		{"fstat", false,
			loop(func() { st, _ := linux.Fstat(fd); isink += int(st.Size) }),
			loop(func() { var st unix.Stat_t; unix.Fstat(f.FD, &st); isink += int(st.Size) })},
		{"newfstatat", true,
			loop(func() { st, _ := linux.Fstatat(linux.AT_FDCWD, f.File, 0); isink += int(st.Size) }),
			loop(func() { var st unix.Stat_t; unix.Fstatat(unix.AT_FDCWD, f.File, &st, 0); isink += int(st.Size) })},
		{"pipe write+read 1 B", false,
			loop(func() { linux.Write(wfd, one); linux.Read(rfd, one) }),
			loop(func() { unix.Write(f.PipeW, one); unix.Read(f.PipeR, one) })},
		{"pread64 512 B", false,
			loop(func() { n, _ := linux.Pread64(fd, small, 4096); isink += n }),
			loop(func() { n, _ := unix.Pread(f.FD, small, 4096); isink += n })},
		{"getdents64 100 entries", false,
			loop(func() {
				linux.Seek(dfd, 0, linux.SEEK_SET)
				n, _ := linux.Getdents64(dfd, f.buf[:8192])
				isink += n
			}),
			loop(func() {
				unix.Seek(f.DirFD, 0, unix.SEEK_SET)
				n, _ := unix.Getdents(f.DirFD, f.buf[:8192])
				isink += n
			})},
		{"readlinkat", true,
			loop(func() { n, _ := linux.Readlinkat(linux.AT_FDCWD, f.Link, small); isink += n }),
			loop(func() { n, _ := unix.Readlinkat(unix.AT_FDCWD, f.Link, small); isink += n })},
	}
}
