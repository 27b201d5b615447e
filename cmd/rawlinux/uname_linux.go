package main

import (
	"bytes"

	"github.com/rawlinux/linux"
)

type utsname struct {
	sysname, nodename, release, version, machine, domainname string
}

// uname asks the running kernel who it is (uname(2), struct new_utsname).
func uname() (utsname, error) {
	u, err := linux.Uname()
	if err != nil {
		return utsname{}, err
	}
	s := func(b [65]uint8) string {
		if i := bytes.IndexByte(b[:], 0); i >= 0 {
			return string(b[:i])
		}
		return string(b[:])
	}
	return utsname{s(u.Sysname), s(u.Nodename), s(u.Release), s(u.Version), s(u.Machine), s(u.Domainname)}, nil
}
