// Command memratios runs the memory, futex and timer benchmarks of rawlinux and
// golang.org/x/sys/unix side by side in one process, several rounds in turn, and prints the
// median ns/op, the median ratio and the allocations as a markdown table (the goal: a ratio
// of at most 1.02 and no allocation).
//
// With -interleave it times batches instead: a batch of calls of one library, then a batch
// of the other (the order alternating), many times, and reports per side the 10th
// percentile and the median of the batches' ns/op and the ratio of each. On a loaded
// machine the low percentile is the steadier estimate: load only ever adds time.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"time"

	"github.com/rawlinux/linux/bench"
	"github.com/rawlinux/linux/bench/ratio"
)

func main() {
	o := ratio.Flags(11, 200*time.Millisecond)
	interleave := flag.Int("interleave", 0, "time this many alternating batches per row instead (see the package doc)")
	batch := flag.Int("batch", 200, "calls per batch with -interleave")
	flag.Parse()
	o.Apply()
	f, err := bench.NewMemFixture()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if *interleave > 0 {
		interleaved(f.Ops(), o.Run, *interleave, *batch)
		return
	}
	// The goal: at most 1.02 and no allocation.
	ratio.Table(o, f.Pairs(), func(bench.Pair) (float64, bool) { return 1.02, true })
}

func interleaved(ops []bench.MemOp, only string, n, batch int) {
	re := regexp.MustCompile(only)
	fmt.Printf("%d alternating batches of %d calls per row\n\n", n, batch)
	fmt.Println("| call | rawlinux ns/op p10 | x/sys ns/op p10 | ratio p10 | rawlinux median | x/sys median | ratio median |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, op := range ops {
		if !re.MatchString(op.Name) {
			continue
		}
		run := func(fn func(int)) float64 {
			t := time.Now()
			for i := 0; i < batch; i++ {
				fn(i)
			}
			return float64(time.Since(t).Nanoseconds()) / float64(batch)
		}
		run(op.Ours)
		run(op.Theirs)
		var ours, theirs []float64
		for i := 0; i < n; i++ {
			if i&1 == 0 {
				ours = append(ours, run(op.Ours))
				theirs = append(theirs, run(op.Theirs))
			} else {
				theirs = append(theirs, run(op.Theirs))
				ours = append(ours, run(op.Ours))
			}
		}
		sort.Float64s(ours)
		sort.Float64s(theirs)
		p10 := func(v []float64) float64 { return v[len(v)/10] }
		fmt.Printf("| %s | %.1f | %.1f | %.3f | %.1f | %.1f | %.3f |\n", op.Name, p10(ours), p10(theirs), p10(ours)/p10(theirs),
			ours[len(ours)/2], theirs[len(theirs)/2], ours[len(ours)/2]/theirs[len(theirs)/2])
	}
}
