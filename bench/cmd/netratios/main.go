// Command netratios runs the net-group benchmarks (sockets, epoll, eventfd) of rawlinux and
// golang.org/x/sys/unix side by side in one process, several rounds in turn, and prints the
// median ns/op, the median ratio and the allocations as a markdown table (package ratio).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rawlinux/linux/bench"
	"github.com/rawlinux/linux/bench/ratio"
)

func main() {
	o := ratio.Flags(11, 200*time.Millisecond)
	flag.Parse()
	o.Apply()
	f, err := bench.NewNetFixture()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	ratio.Table(o, f.NetPairs(), ratio.PathGoal)
}
