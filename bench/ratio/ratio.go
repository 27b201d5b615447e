// Package ratio measures pairs of benchmarks (rawlinux, golang.org/x/sys/unix) side by side
// in one process, several rounds in turn, and prints the median ns/op, the median ratio and
// the allocations as a markdown table: the commands in bench/cmd share it.
package ratio

import (
	"flag"
	"fmt"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/rawlinux/linux/bench"
)

// Options are the flags every ratio command takes.
type Options struct {
	Rounds    int
	Benchtime time.Duration
	Run       string
}

// Flags registers -rounds, -benchtime and -run (with the given defaults) and the testing
// flags; call flag.Parse, then Options.Apply.
func Flags(rounds int, benchtime time.Duration) *Options {
	o := &Options{}
	flag.IntVar(&o.Rounds, "rounds", rounds, "rounds (the median is reported)")
	flag.DurationVar(&o.Benchtime, "benchtime", benchtime, "time per measurement")
	flag.StringVar(&o.Run, "run", "", "measure only the rows whose name matches this regular expression")
	testing.Init()
	return o
}

// Apply sets testing's benchtime from the parsed flags.
func (o *Options) Apply() { flag.Set("test.benchtime", o.Benchtime.String()) }

// NsOp runs f as a benchmark: its ns/op and allocs/op.
func NsOp(f func(*testing.B)) (float64, int64) {
	res := testing.Benchmark(f)
	return float64(res.T.Nanoseconds()) / float64(res.N), res.AllocsPerOp()
}

// Median of v (v is not changed).
func Median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// Goal says the highest ratio a pair may have, and whether rawlinux must not allocate.
type Goal func(bench.Pair) (ratio float64, noAllocs bool)

// PathGoal is the file and process groups' goal: 0.97 for a call that converts a path
// (rawlinux copies it on the stack, x/sys allocates), 1.02 for the others.
func PathGoal(p bench.Pair) (float64, bool) {
	if p.Path {
		return 0.97, false
	}
	return 1.02, false
}

// Table measures the pairs whose name matches o.Run in (rawlinux, x/sys, rawlinux) triples,
// o.Rounds times, and prints the table.
func Table(o *Options, pairs []bench.Pair, goal Goal) {
	re := regexp.MustCompile(o.Run)
	var keep []bench.Pair
	for _, p := range pairs {
		if re.MatchString(p.Name) {
			keep = append(keep, p)
		}
	}
	type acc struct {
		ours, xsys, ratios []float64
		oa, xa             int64
	}
	res := make([]acc, len(keep))
	for i := 0; i < o.Rounds; i++ {
		for j, p := range keep {
			// The round's ratio is the mean of the two rawlinux runs over the x/sys run
			// between them, so that drift cancels.
			o1, oa := NsOp(p.Rawlinux)
			x, xa := NsOp(p.XSys)
			o2, _ := NsOp(p.Rawlinux)
			m := (o1 + o2) / 2
			r := &res[j]
			r.ours, r.xsys, r.ratios = append(r.ours, m), append(r.xsys, x), append(r.ratios, m/x)
			r.oa, r.xa = oa, xa
		}
	}
	fmt.Printf("median over %d rounds of (rawlinux, x/sys, rawlinux) triples, %v each\n\n", o.Rounds, o.Benchtime)
	fmt.Println("| call | rawlinux ns/op | x/sys ns/op | ratio | goal | rawlinux allocs/op | x/sys allocs/op |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for j, p := range keep {
		r := res[j]
		g, noAllocs := goal(p)
		ratio := Median(r.ratios)
		ok := "ok"
		if ratio > g || noAllocs && r.oa != 0 {
			ok = "MISSED"
		}
		fmt.Printf("| %s | %.1f | %.1f | %.3f | <= %.2f %s | %d | %d |\n", p.Name, Median(r.ours), Median(r.xsys), ratio, g, ok, r.oa, r.xa)
	}
}
