module example.com/corpus

go 1.26.0

require github.com/rawlinux/linux v0.0.0-00010101000000-000000000000

replace github.com/rawlinux/linux => ../../..
