//go:build !linux

package main

import (
	"errors"
	"io"
	"runtime"
)

func reportCmd(w io.Writer, args []string) error {
	return errors.New("the report needs a running Linux kernel (this is " + runtime.GOOS + "); table, arches, lookup, since, coverage and seccomp work anywhere")
}

func summaryJSON(w io.Writer) error {
	return errors.New("the summary needs a running Linux kernel (this is " + runtime.GOOS + "); table, arches, lookup, since, coverage and seccomp work anywhere")
}
