// Command ratios runs the vDSO benchmarks side by side in one process, several rounds in
// turn, and prints the median ns/op and the ratios as a markdown table.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/rawlinux/linux/bench"
	"github.com/rawlinux/linux/bench/ratio"
)

type row struct {
	name       string
	ours, ref  func(*testing.B)
	refName    string
	goal       float64
	xsys       func(*testing.B)
	own        func(*testing.B) // x/sys's own call for the same job, if any
	ownName    string
	w          []float64
	oursAllocs int64
	o, r, x    []float64
	ratios     []float64
}

var (
	nsop   = ratio.NsOp
	median = ratio.Median
)

func main() {
	o := ratio.Flags(9, 300*time.Millisecond)
	flag.Parse()
	o.Apply()
	rounds, only := &o.Rounds, &o.Run
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
		&row{name: "Getrandom 16 B", ours: bench.GetrandomRawlinux, ref: bench.GetrandomC, refName: "vgetrandom from C", goal: 1.15, xsys: xsysMono, own: bench.GetrandomXSys, ownName: "x/sys/unix.Getrandom"},
	)
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		keep := rows[:0]
		for _, r := range rows {
			if re.MatchString(r.name) {
				keep = append(keep, r)
			}
		}
		rows = keep
	}
	var xs []float64
	for i := 0; i < *rounds; i++ {
		x, _ := nsop(xsysMono)
		xs = append(xs, x)
		for _, r := range rows {
			// ours, reference, ours again: the round's ratio compares the mean of the two
			// runs of ours with the reference run between them, so drift cancels.
			o1, a := nsop(r.ours)
			f, _ := nsop(r.ref)
			o2, _ := nsop(r.ours)
			o := (o1 + o2) / 2
			r.o, r.r, r.oursAllocs = append(r.o, o), append(r.r, f), a
			r.ratios = append(r.ratios, o/f)
			if r.own != nil {
				w, _ := nsop(r.own)
				r.w = append(r.w, w)
			}
		}
	}
	x := median(xs)
	fmt.Printf("x/sys/unix.ClockGettime(MONOTONIC) (a system call): %.1f ns/op; ratio = median over %d rounds of (rawlinux, reference, rawlinux) triples\n\n", x, *rounds)
	fmt.Println("| call | rawlinux ns/op | reference | ref ns/op | ratio | goal | x/sys ClockGettime / rawlinux (goal >= 30) | allocs/op |")
	fmt.Println("|---|---:|---|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		o, f, ratio := median(r.o), median(r.r), median(r.ratios)
		ok := "ok"
		if ratio > r.goal {
			ok = "MISSED"
		}
		fmt.Printf("| %s | %.2f | %s | %.2f | %.3f | <= %.2f %s | %.0fx | %d |\n", r.name, o, r.refName, f, ratio, r.goal, ok, x/o, r.oursAllocs)
	}
	for _, r := range rows {
		if r.own != nil {
			w := median(r.w)
			fmt.Printf("\n%s: %.1f ns/op, %.1fx rawlinux's %s\n", r.ownName, w, w/median(r.o), r.name)
		}
	}
}
