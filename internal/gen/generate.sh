#!/usr/bin/env bash
# generate.sh: regenerate every generated file of the module from the pinned kernel
# packages (deps.lock). Run it as `go generate ./...` from the module root, or directly.
# Needs clang-19 (apt-get install clang-19); downloads into $RAWLINUX_CACHE.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v "${RAWLINUX_CLANG:-clang-19}" >/dev/null || { echo "generate.sh: clang-19 is needed (apt-get install clang-19)" >&2; exit 1; }
kernel=$(internal/gen/kernel.sh)
# The order matters where a generator imports what another writes: since and wrap import
# package systab (the tables systab writes), and each writes into it what the other reads
# (since's releases go into the wrappers' docs; since dates the flag sets of the wrappers'
# calls). So systab comes first, and since and wrap run again until neither changes
# package systab: one run of this script reaches the fixed point after any change.
first="systab"
order="$first"
for g in internal/gen/*/; do
  g=$(basename "$g")
  [ -f "internal/gen/$g/main.go" ] || continue   # libraries (arches, cc) are not generators
  [ "$g" = "$first" ] || order="$order $g"
done
for g in $order; do
  go run "./internal/gen/$g" -kernel "$kernel" -out "$root"
done
sum() { cat systab/*.go zsyscall_linux*.go | cksum; }
for pass in 2 3 4; do
  before=$(sum)
  go run ./internal/gen/since -kernel "$kernel" -out "$root"
  go run ./internal/gen/wrap -kernel "$kernel" -out "$root"
  [ "$(sum)" != "$before" ] || break
  [ "$pass" != 4 ] || { echo "generate.sh: since and wrap do not settle after 4 passes" >&2; exit 1; }
done
gofmt -l . | (grep -v '^bench/' || true) | while read -r f; do echo "generate.sh: $f is not gofmt-clean" >&2; exit 1; done
