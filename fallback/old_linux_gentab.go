//go:build linux && (arm64 || riscv64 || loong64)

package fallback

import "github.com/rawlinux/linux"

// The kernel's generic table has neither dup2 nor pipe.

func dup2(oldfd, newfd linux.FD) (linux.FD, error) { return -1, errNoOldCall }

func pipe() ([2]linux.FD, error) { return [2]linux.FD{-1, -1}, errNoOldCall }
