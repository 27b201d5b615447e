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
	fmt.Printf("vdso:     at %#x, %d functions\n", vdso.Base(), len(syms))
	fmt.Printf("          calls: %s\n", linux.VDSOMode())
	for _, s := range syms {
		fmt.Printf("          %-28s %-14s %#x\n", s.Name, s.Version, s.Addr)
	}
}
