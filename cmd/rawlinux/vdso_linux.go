package main

import (
	"fmt"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/vdso"
)

// printVDSO lists the functions the kernel's vDSO exports to this process.
func printVDSO() {
	if !vdso.Present() {
		if err := vdso.Err(); err != nil {
			fmt.Printf("vdso:     none (%v)\n", err)
		} else {
			fmt.Println("vdso:     none")
		}
		return
	}
	syms := vdso.Symbols()
	im := vdso.Loaded()
	fmt.Printf("vdso:     at %#x, %d functions\n", vdso.Base(), len(syms))
	fmt.Printf("          calls: %s\n", linux.VDSOMode())
	for _, s := range syms {
		// "outside": not where the Go runtime's signal handler looks for the vDSO (the
		// image's first PT_LOAD from vaddr 0), as in qemu-user's images.
		where := ""
		if s.Size > 0 && !im.InFirstLoad(s) {
			where = "  outside the runtime's vDSO range"
		}
		fmt.Printf("          %-28s %-14s %#x %4d bytes%s\n", s.Name, s.Version, s.Addr, s.Size, where)
	}
}
