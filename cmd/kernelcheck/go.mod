module github.com/rawlinux/linux/cmd/kernelcheck

go 1.26.0

require github.com/rawlinux/linux v0.0.0-00010101000000-000000000000

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0
)

replace github.com/rawlinux/linux => ../..
