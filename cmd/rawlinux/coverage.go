package main

import (
	"encoding/json"
	"fmt"
	"io"

	"text/tabwriter"

	"github.com/rawlinux/linux/systab"
)

// coverageCall is one row of one arch in `rawlinux coverage -json`.
type coverageCall struct {
	Name   string `json:"name"`
	Number int    `json:"number"`
	Status string `json:"status"`
	Go     string `json:"go"`
	Reason string `json:"reason"`
}

// coverageArch is one arch in `rawlinux coverage -json`.
type coverageArch struct {
	Arch          string         `json:"arch"`
	Rows          int            `json:"rows"`
	Typed         int            `json:"typed"`
	RawOnly       int            `json:"raw_only"`
	Unimplemented int            `json:"unimplemented"`
	Pending       int            `json:"pending"`
	Calls         []coverageCall `json:"calls"`
}

// coverageOf counts how package linux covers each row of each arch's table (systab.Wrappers).
func coverageOf() []coverageArch {
	var out []coverageArch
	for _, a := range systab.Arches() {
		c := coverageArch{Arch: string(a), Calls: []coverageCall{}}
		for _, w := range systab.Wrappers(a) {
			c.Rows++
			switch w.Status {
			case systab.Typed:
				c.Typed++
			case systab.RawOnly:
				c.RawOnly++
			case systab.Unimplemented:
				c.Unimplemented++
			default:
				c.Pending++
			}
			c.Calls = append(c.Calls, coverageCall{w.Entry.Name, w.Entry.Number, w.Status.String(), w.Go, w.Reason})
		}
		out = append(out, c)
	}
	return out
}

// coverage prints, per arch, how many rows have a typed wrapper, are raw-only (with a
// reason), unimplemented or pending; -json prints everything; -v lists the raw-only and
// pending rows.
func coverage(w io.Writer, args []string) error {
	asJSON, verbose := false, false
	for _, a := range args {
		switch a {
		case "-json":
			asJSON = true
		case "-v":
			verbose = true
		default:
			return fmt.Errorf("usage: rawlinux coverage [-json] [-v]")
		}
	}
	cov := coverageOf()
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		return enc.Encode(cov)
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "arch\trows\ttyped\traw-only\tunimplemented\tpending\t")
	for _, c := range cov {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", c.Arch, c.Rows, c.Typed, c.RawOnly, c.Unimplemented, c.Pending)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if verbose {
		for _, c := range cov {
			fmt.Fprintf(w, "\n%s:\n", c.Arch)
			for _, call := range c.Calls {
				switch call.Status {
				case "raw_only", "pending":
					fmt.Fprintf(w, "  %-26s %-9s %s\n", call.Name, call.Status, call.Reason)
				}
			}
		}
	}
	return nil
}
