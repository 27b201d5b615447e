//go:build linux

package linux

import (
	"encoding/binary"
	"iter"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Dirent is one directory entry, decoded from the struct linux_dirent64 records that
// Getdents64 writes (fs/readdir.c).
type Dirent struct {
	Ino  uint64 // inode number
	Off  int64  // the directory offset after this entry (for Lseek; file-system specific)
	Type uint8  // the file type, DT_* (DT_UNKNOWN: ask Fstatat)
	name []byte // in the caller's buffer
}

// Name returns the entry's name as a string (one allocation).
func (d Dirent) Name() string { return string(d.name) }

// NameBytes returns the entry's name without copying it: it is valid until the buffer it
// was decoded from is reused (the next step of ReadDir's iteration).
func (d Dirent) NameBytes() []byte { return d.name }

// direntHeader is the fixed part of struct linux_dirent64: d_ino, d_off, d_reclen, d_type.
// (the name follows d_type; the generated LinuxDirent64 is that fixed part, padded).
const direntHeader = int(unsafe.Offsetof(LinuxDirent64{}.Type)) + 1

// Dirents decodes the linux_dirent64 records at the start of buf (buf[:n] after
// Getdents64 returned n). A record that does not fit in buf or is malformed ends the
// iteration with EIO: the kernel never writes one, so it means buf is not what Getdents64
// returned.
func Dirents(buf []byte) iter.Seq2[Dirent, error] {
	return func(yield func(Dirent, error) bool) {
		for len(buf) > 0 {
			if len(buf) < direntHeader {
				yield(Dirent{}, raw.EIO)
				return
			}
			reclen := int(binary.NativeEndian.Uint16(buf[16:18]))
			if reclen < direntHeader+1 || reclen > len(buf) {
				yield(Dirent{}, raw.EIO)
				return
			}
			name := buf[direntHeader:reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			d := Dirent{Ino: binary.NativeEndian.Uint64(buf[0:8]), Off: int64(binary.NativeEndian.Uint64(buf[8:16])), Type: buf[18], name: name[:len(name):len(name)]}
			if !yield(d, nil) {
				return
			}
			buf = buf[reclen:]
		}
	}
}

// ReadDir iterates over the entries of the open directory fd, "." and ".." included, from
// its current offset, reading them with Getdents64 into buf (nil: an 8 KiB buffer is
// allocated). An error ends the iteration after being yielded once.
func ReadDir(fd FD, buf []byte) iter.Seq2[Dirent, error] {
	return func(yield func(Dirent, error) bool) {
		if buf == nil {
			buf = make([]byte, 8192)
		}
		for {
			n, err := Getdents64(fd, buf)
			if err != nil {
				yield(Dirent{}, err)
				return
			}
			if n == 0 {
				return
			}
			for d, err := range Dirents(buf[:n]) {
				if !yield(d, err) || err != nil {
					return
				}
			}
		}
	}
}
