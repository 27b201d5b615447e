// This file makes the package's body-less declarations (the runtime's fork and exec hooks,
// proc_exec_linux.go, reached by linkname) legal on the arches that have no other assembly
// in this package.
