#!/usr/bin/env bash
# generate.sh: regenerate every generated file of the module from the pinned kernel
# packages (deps.lock). Run it as `go generate ./...` from the module root, or directly.
# Needs clang-19 (apt-get install clang-19); downloads into $RAWLINUX_CACHE.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v "${RAWLINUX_CLANG:-clang-19}" >/dev/null || { echo "generate.sh: clang-19 is needed (apt-get install clang-19)" >&2; exit 1; }
kernel=$(internal/gen/kernel.sh)
for g in internal/gen/*/; do
  g=${g%/}
  [ -f "$g/main.go" ] || continue      # libraries (arches, cc) are not generators
  go run "./$g" -kernel "$kernel" -out "$root"
done
gofmt -l . | (grep -v '^bench/' || true) | while read -r f; do echo "generate.sh: $f is not gofmt-clean" >&2; exit 1; done
