// Command kernelcheck reports the uses of rawlinux (github.com/rawlinux/linux) that need a
// newer kernel than the oldest one a program must run on:
//
//	go run github.com/rawlinux/linux/cmd/kernelcheck@latest -min 5.4 ./...
//	go install github.com/rawlinux/linux/cmd/kernelcheck@latest
//	kernelcheck -min 5.4 [-arch arm64] [-strict] ./...
//	go vet -vettool=$(which kernelcheck) -min=5.4 ./...   (go vet wants -flag=value)
//
// It finds the wrappers of package linux (calls and function values), the SYS_* numbers
// and the flag-set constants (also combined with |, in composite literals and behind named
// constants, across packages), looks each up in systab's since-tables for the arch -arch
// (default GOARCH: a call can be newer on one arch), and reports those newer than -min,
// with the release and the position:
//
//	main.go:12:9: openat2 needs Linux 5.6 (linux.Openat2 on amd64; -min 5.4)
//	main.go:13:40: RESOLVE_CACHED needs Linux 5.12 (-min 5.10)
//
// It is silent when everything is old enough and exits non-zero when it reports. A
// release the sources date only as a range is reported when its earliest possible release
// is newer than -min; -strict also reports the ranges that reach past -min.
//
// kernelcheck is its own module (it needs golang.org/x/tools), so that rawlinux's own
// go.mod has no dependencies. From a clone of rawlinux: cd cmd/kernelcheck && go build.
package main

import "golang.org/x/tools/go/analysis/singlechecker"

func main() { singlechecker.Main(Analyzer) }
