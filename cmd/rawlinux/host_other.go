//go:build !linux

package main

import (
	"errors"
	"runtime"
)

// On other systems rawlinux still prints every arch's tables (table ARCH, arches, lookup);
// only the summary needs a running Linux kernel.

type utsname struct {
	sysname, nodename, release, version, machine, domainname string
}

func uname() (utsname, error) {
	return utsname{}, errors.New("the summary needs a running Linux kernel (this is " + runtime.GOOS + "); table ARCH, arches and lookup NAME work anywhere")
}

func printVDSO() {}
