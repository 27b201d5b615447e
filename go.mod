module github.com/rawlinux/linux

go 1.24
