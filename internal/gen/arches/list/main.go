// Command list prints the 13 arches of internal/gen/arches, one a line: GOARCH, then the
// qemu-user binary that runs it. test.sh reads it instead of keeping its own list.
//
//	go run ./internal/gen/arches/list
package main

import (
	"fmt"

	"github.com/rawlinux/linux/internal/gen/arches"
)

func main() {
	for _, a := range arches.All {
		fmt.Println(a.GOARCH, a.Qemu)
	}
}
