// Command procratios runs the process-call benchmarks of rawlinux and golang.org/x/sys/unix
// side by side in one process, several rounds in turn, and prints the median ns/op, the
// median ratio and the allocations as a markdown table (package ratio).
package main

import (
	"flag"
	"time"

	"github.com/rawlinux/linux/bench"
	"github.com/rawlinux/linux/bench/ratio"
)

func main() {
	o := ratio.Flags(11, 200*time.Millisecond)
	flag.Parse()
	o.Apply()
	ratio.Table(o, bench.ProcessPairs(), ratio.PathGoal)
}
