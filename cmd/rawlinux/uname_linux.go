package main

import (
	"bytes"
	"unsafe"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/raw"
)

type utsname struct {
	sysname, nodename, release, version, machine, domainname string
}

// uname asks the running kernel who it is (uname(2): six 65-byte fields, struct new_utsname).
func uname() (utsname, error) {
	var buf [6][65]byte
	if _, _, err := raw.RawSyscall(linux.SYS_UNAME, uintptr(unsafe.Pointer(&buf)), 0, 0); err != 0 {
		return utsname{}, err
	}
	s := func(b [65]byte) string {
		if i := bytes.IndexByte(b[:], 0); i >= 0 {
			return string(b[:i])
		}
		return string(b[:])
	}
	return utsname{s(buf[0]), s(buf[1]), s(buf[2]), s(buf[3]), s(buf[4]), s(buf[5])}, nil
}
