// Package abitest verifies what the generators made of the kernel's headers and tables:
// package linux's structs, constants and SYS_* numbers, and package raw's errnos, against
// what clang-19 and the kernel's own tables say (the generated zlayout_linux*_test.go and
// zsysnum_linux*_test.go), on the arch the tests run on (natively or under qemu-user) and,
// with go/types, for all 13 arches on the host. It has only tests; this file names it.
//
// It lives outside package linux so that `go test` of the API package compiles only the
// API's own tests.
package abitest
