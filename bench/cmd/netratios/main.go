// Command netratios runs the net-group benchmarks (sockets, epoll, eventfd) of rawlinux and golang.org/x/sys/unix side
// by side in one process, several rounds in turn, and prints the median ns/op, the median
// ratio and the allocations as a markdown table.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/rawlinux/linux/bench"
)

func nsop(f func(*testing.B)) (float64, int64) {
	res := testing.Benchmark(f)
	return float64(res.T.Nanoseconds()) / float64(res.N), res.AllocsPerOp()
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func main() {
	rounds := flag.Int("rounds", 11, "rounds (the median is reported)")
	benchtime := flag.Duration("benchtime", 200*time.Millisecond, "time per measurement")
	only := flag.String("run", "", "measure only the rows whose name matches this regular expression")
	testing.Init()
	flag.Parse()
	flag.Set("test.benchtime", benchtime.String())
	f, err := bench.NewNetFixture()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	pairs := f.NetPairs()
	if *only != "" {
		re := regexp.MustCompile(*only)
		keep := pairs[:0]
		for _, p := range pairs {
			if re.MatchString(p.Name) {
				keep = append(keep, p)
			}
		}
		pairs = keep
	}
	type acc struct {
		ours, xsys, ratios []float64
		oa, xa             int64
	}
	res := make([]acc, len(pairs))
	for i := 0; i < *rounds; i++ {
		for j, p := range pairs {
			// rawlinux, x/sys, rawlinux: the round's ratio is the mean of the two rawlinux
			// runs over the x/sys run between them, so that drift cancels.
			o1, oa := nsop(p.Rawlinux)
			x, xa := nsop(p.XSys)
			o2, _ := nsop(p.Rawlinux)
			o := (o1 + o2) / 2
			r := &res[j]
			r.ours, r.xsys, r.ratios = append(r.ours, o), append(r.xsys, x), append(r.ratios, o/x)
			r.oa, r.xa = oa, xa
		}
	}
	fmt.Printf("median over %d rounds of (rawlinux, x/sys, rawlinux) triples, %v each\n\n", *rounds, *benchtime)
	fmt.Println("| call | rawlinux ns/op | x/sys ns/op | ratio | goal | rawlinux allocs/op | x/sys allocs/op |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for j, p := range pairs {
		r := res[j]
		goal := 1.02
		if p.Path {
			goal = 0.97
		}
		ratio := median(r.ratios)
		ok := "ok"
		if ratio > goal {
			ok = "MISSED"
		}
		fmt.Printf("| %s | %.1f | %.1f | %.3f | <= %.2f %s | %d | %d |\n", p.Name, median(r.ours), median(r.xsys), ratio, goal, ok, r.oa, r.xa)
	}
}
