// Command ratios runs the vDSO benchmarks side by side in one process, several rounds in
// turn, and prints the median ns/op and the ratios as a markdown table.
package main

import (
	"flag"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/rawlinux/linux/bench"
)

type row struct {
	name       string
	ours, ref  func(*testing.B)
	refName    string
	goal       float64
	xsys       func(*testing.B)
	oursAllocs int64
	o, r, x    []float64
}

func nsop(f func(*testing.B), d time.Duration) (float64, int64) {
	var res testing.BenchmarkResult
	res = testing.Benchmark(func(b *testing.B) {
		f(b)
	})
	_ = d
	return float64(res.T.Nanoseconds()) / float64(res.N), res.AllocsPerOp()
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func main() {
	rounds := flag.Int("rounds", 5, "rounds (the median is reported)")
	flag.Parse()
	xsysMono := bench.XSys(bench.Clocks[0].ID)
	var rows []*row
	for _, c := range bench.Clocks {
		goal := 1.10
		if c.Name == "REALTIME_COARSE" || c.Name == "MONOTONIC_COARSE" {
			goal = 1.2
		}
		rows = append(rows, &row{name: "ClockGettime " + c.Name, ours: bench.Rawlinux(c.ID), ref: bench.Glibc(c.ID), refName: "glibc clock_gettime", goal: goal, xsys: xsysMono})
	}
	rows = append(rows,
		&row{name: "Getcpu", ours: bench.GetcpuRawlinux, ref: bench.GetcpuC, refName: "vDSO getcpu from C", goal: 1.2, xsys: xsysMono},
		&row{name: "Getrandom 16 B", ours: bench.GetrandomRawlinux, ref: bench.GetrandomC, refName: "vgetrandom from C", goal: 1.15, xsys: xsysMono},
	)
	var xs []float64
	for i := 0; i < *rounds; i++ {
		x, _ := nsop(xsysMono, 0)
		xs = append(xs, x)
		for _, r := range rows {
			o, a := nsop(r.ours, 0)
			f, _ := nsop(r.ref, 0)
			r.o, r.r, r.oursAllocs = append(r.o, o), append(r.r, f), a
		}
	}
	x := median(xs)
	fmt.Printf("x/sys/unix.ClockGettime(MONOTONIC) (a system call): %.1f ns/op\n\n", x)
	fmt.Println("| call | rawlinux ns/op | reference | ref ns/op | ratio | goal | x/sys ClockGettime / rawlinux (goal >= 30) | allocs/op |")
	fmt.Println("|---|---:|---|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		o, f := median(r.o), median(r.r)
		ok := "ok"
		if o/f > r.goal {
			ok = "MISSED"
		}
		fmt.Printf("| %s | %.2f | %s | %.2f | %.3f | <= %.2f %s | %.0fx | %d |\n", r.name, o, r.refName, f, o/f, r.goal, ok, x/o, r.oursAllocs)
	}
}
