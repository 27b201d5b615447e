package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/rawlinux/linux"
	"github.com/rawlinux/linux/systab"
	"github.com/rawlinux/linux/vdso"
)

// summary -json: what the summary prints, without the report's measurements and probes.

type summaryOut struct {
	Kernel      reportKernel `json:"kernel"`
	Rows        int          `json:"rows"`        // this build's table
	Implemented int          `json:"implemented"` // rows with an entry point
	VDSO        summaryVDSO  `json:"vdso"`
}

type summaryVDSO struct {
	Present   bool          `json:"present"`
	Error     string        `json:"error,omitempty"`
	Base      string        `json:"base,omitempty"`
	Mode      string        `json:"mode"`
	Functions []summaryFunc `json:"functions"`
}

type summaryFunc struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Addr    string `json:"addr"`
	Size    uint64 `json:"size"`
	// Outside: not in the range the Go runtime's signal handler takes for the vDSO (the
	// image's first PT_LOAD), as in qemu-user's images.
	Outside bool `json:"outside,omitempty"`
}

func summaryJSON(w io.Writer) error {
	k, _, err := kernelReport()
	if err != nil {
		return err
	}
	out := summaryOut{Kernel: k, VDSO: summaryVDSO{Present: vdso.Present(), Mode: linux.VDSOMode(), Functions: []summaryFunc{}}}
	for _, e := range systab.Table(systab.Arch(runtime.GOARCH)) {
		out.Rows++
		if e.Implemented {
			out.Implemented++
		}
	}
	if err := vdso.Err(); err != nil {
		out.VDSO.Error = err.Error()
	}
	if out.VDSO.Present {
		out.VDSO.Base = fmt.Sprintf("%#x", vdso.Base())
		im := vdso.Loaded()
		for _, s := range vdso.Symbols() {
			out.VDSO.Functions = append(out.VDSO.Functions, summaryFunc{Name: s.Name, Version: s.Version, Addr: fmt.Sprintf("%#x", s.Addr), Size: s.Size,
				Outside: s.Size > 0 && !im.InFirstLoad(s)})
		}
	}
	return writeJSON(w, out)
}
