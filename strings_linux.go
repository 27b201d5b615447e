//go:build linux

package linux

import (
	"bytes"

	"github.com/rawlinux/linux/raw"
)

// Helpers that size the buffer of a call whose result is a string or a list, over the
// canonical wrappers (which take the caller's buffer and allocate nothing).

// pathMax is the kernel's PATH_MAX (include/uapi/linux/limits.h): no path the kernel hands
// back is longer, NUL included.
const pathMax = PATH_MAX

// ReadlinkatString returns the target of symbolic link path (relative to dirfd). It starts
// with a buffer on the stack and grows it while the kernel fills it completely (a target
// can be longer than PATH_MAX on some file systems, up to their own limit).
func ReadlinkatString(dirfd FD, path string) (string, error) {
	var stack [256]byte
	buf := stack[:]
	for {
		n, err := Readlinkat(dirfd, path, buf)
		if err != nil {
			return "", err
		}
		if n < len(buf) {
			return string(buf[:n]), nil
		}
		if len(buf) >= 1<<20 {
			return "", raw.ENAMETOOLONG
		}
		buf = make([]byte, 2*len(buf))
	}
}

// GetcwdString returns the absolute path of the current directory. It is "(unreachable)"
// followed by the path when the directory is outside the process's root (after chroot or in
// another mount namespace): check for a leading "/".
func GetcwdString() (string, error) {
	var buf [pathMax]byte
	n, err := Getcwd(buf[:])
	if err != nil {
		return "", err
	}
	if n > 0 && buf[n-1] == 0 {
		n--
	}
	return string(buf[:n]), nil
}

// sized calls fill with an empty buffer to learn the size, then with a buffer of that size,
// again while the value grows between the two calls (ERANGE).
func sized(fill func([]byte) (int, error)) ([]byte, error) {
	for tries := 0; ; tries++ {
		n, err := fill(nil)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return []byte{}, nil
		}
		buf := make([]byte, n)
		n, err = fill(buf)
		if err == raw.ERANGE && tries < 8 {
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}

// GetxattrBytes returns the value of extended attribute name of path's file, sized by the
// kernel.
func GetxattrBytes(path, name string) ([]byte, error) {
	return sized(func(b []byte) (int, error) { return Getxattr(path, name, b) })
}

// LgetxattrBytes is GetxattrBytes of a symbolic link itself.
func LgetxattrBytes(path, name string) ([]byte, error) {
	return sized(func(b []byte) (int, error) { return Lgetxattr(path, name, b) })
}

// FgetxattrBytes is GetxattrBytes of fd's file.
func FgetxattrBytes(fd FD, name string) ([]byte, error) {
	return sized(func(b []byte) (int, error) { return Fgetxattr(fd, name, b) })
}

// ListxattrNames returns the names of the extended attributes of path's file.
func ListxattrNames(path string) ([]string, error) {
	b, err := sized(func(b []byte) (int, error) { return Listxattr(path, b) })
	return XattrNames(b), err
}

// LlistxattrNames is ListxattrNames of a symbolic link itself.
func LlistxattrNames(path string) ([]string, error) {
	b, err := sized(func(b []byte) (int, error) { return Llistxattr(path, b) })
	return XattrNames(b), err
}

// FlistxattrNames is ListxattrNames of fd's file.
func FlistxattrNames(fd FD) ([]string, error) {
	b, err := sized(func(b []byte) (int, error) { return Flistxattr(fd, b) })
	return XattrNames(b), err
}

// XattrNames splits the NUL-terminated names that Listxattr writes.
func XattrNames(list []byte) []string {
	var names []string
	for len(list) > 0 {
		i := bytes.IndexByte(list, 0)
		if i < 0 {
			i = len(list)
		}
		if i > 0 {
			names = append(names, string(list[:i]))
		}
		if i == len(list) {
			break
		}
		list = list[i+1:]
	}
	return names
}

// Mkdev returns the device number of mknod, as the kernel encodes major and minor numbers
// (include/linux/kdev_t.h, new_encode_dev): minor's low byte, major, minor's high bits.
func Mkdev(major, minor uint32) uint32 {
	return minor&0xff | major<<8 | (minor&^0xff)<<12
}

// Major returns the major number of a device number from Mkdev or Stat_t.Rdev.
func Major(dev uint64) uint32 { return uint32((dev & 0xfff00) >> 8) }

// Minor returns the minor number of a device number from Mkdev or Stat_t.Rdev.
func Minor(dev uint64) uint32 { return uint32(dev&0xff | (dev>>12)&0xfff00) }
