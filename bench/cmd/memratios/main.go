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
	interleave := flag.Int("interleave", 0, "time this many alternating batches per row instead (see the package doc)")
	batch := flag.Int("batch", 200, "calls per batch with -interleave")
	testing.Init()
	flag.Parse()
	flag.Set("test.benchtime", benchtime.String())
	f, err := bench.NewMemFixture()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if *interleave > 0 {
		interleaved(f.Ops(), *only, *interleave, *batch)
		return
	}
	pairs := f.Pairs()
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
		ratio := median(r.ratios)
		ok := "ok"
		if ratio > 1.02 || r.oa != 0 {
			ok = "MISSED"
		}
		fmt.Printf("| %s | %.1f | %.1f | %.3f | <= 1.02 %s | %d | %d |\n", p.Name, median(r.ours), median(r.xsys), ratio, ok, r.oa, r.xa)
	}
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
