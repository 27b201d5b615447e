package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/rawlinux/linux/systab"
)

// -json for the table reports: table [ARCH], arches, lookup NAME.

type tableRow struct {
	Number      int    `json:"number"`
	Name        string `json:"name"`
	ABI         string `json:"abi"`
	EntryPoint  string `json:"entryPoint"`
	Compat      string `json:"compat,omitempty"`
	Implemented bool   `json:"implemented"`
	Since       string `json:"since,omitempty"`
}

type archRow struct {
	Arch        string `json:"arch"`
	Rows        int    `json:"rows"`
	Implemented int    `json:"implemented"`
	Lowest      int    `json:"lowest"`
	Highest     int    `json:"highest"`
	Table       string `json:"table"`
	ABIs        string `json:"abis"`
	Offset      int    `json:"offset"`
}

type lookupRow struct {
	Arch        string `json:"arch"`
	Present     bool   `json:"present"`
	Number      int    `json:"number,omitempty"`
	EntryPoint  string `json:"entryPoint,omitempty"`
	Implemented bool   `json:"implemented,omitempty"`
	Since       string `json:"since,omitempty"`
}

// withJSON reports whether args has -json, and args without it.
func withJSON(args []string) (bool, []string) {
	i := slices.Index(args, "-json")
	if i < 0 {
		return false, args
	}
	return true, slices.Delete(slices.Clone(args), i, i+1)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// tableJSON answers table, arches, lookup and summary with -json.
func tableJSON(w io.Writer, cmd string, args []string) error {
	switch cmd {
	case "summary":
		return summaryJSON(w)
	case "table":
		arch := systab.Arch(runtime.GOARCH)
		if len(args) > 0 {
			arch = systab.Arch(args[0])
		}
		tab := systab.Table(arch)
		if tab == nil {
			return fmt.Errorf("no arch %q (rawlinux arches lists them)", arch)
		}
		rows := make([]tableRow, 0, len(tab))
		for _, e := range tab {
			r := tableRow{Number: e.Number, Name: e.Name, ABI: e.ABI, EntryPoint: e.EntryPoint, Compat: e.Compat, Implemented: e.Implemented}
			if s, ok := systab.SyscallSince(arch, e.Name); ok {
				r.Since = s.String()
			}
			rows = append(rows, r)
		}
		return writeJSON(w, rows)
	case "arches":
		var rows []archRow
		for _, a := range systab.Arches() {
			tab := systab.Table(a)
			r := archRow{Arch: string(a), Rows: len(tab), Lowest: tab[0].Number, Highest: tab[len(tab)-1].Number}
			for _, e := range tab {
				if e.Implemented {
					r.Implemented++
				}
			}
			r.Table, r.ABIs, r.Offset, _ = systab.Source(a)
			rows = append(rows, r)
		}
		return writeJSON(w, rows)
	case "lookup":
		if len(args) != 1 {
			return fmt.Errorf("usage: rawlinux lookup NAME [-json]")
		}
		var rows []lookupRow
		found := false
		for _, a := range systab.Arches() {
			r := lookupRow{Arch: string(a)}
			if e, ok := systab.Lookup(a, args[0]); ok {
				found = true
				r.Present, r.Number, r.EntryPoint, r.Implemented = true, e.Number, e.EntryPoint, e.Implemented
				if s, ok := systab.SyscallSince(a, e.Name); ok {
					r.Since = s.String()
				}
			}
			rows = append(rows, r)
		}
		if !found {
			return fmt.Errorf("no arch has a system call named %q", args[0])
		}
		return writeJSON(w, rows)
	}
	return fmt.Errorf("no JSON form for %s", cmd)
}
