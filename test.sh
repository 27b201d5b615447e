#!/usr/bin/env bash
# test.sh: the project's whole test, as CI runs it (.ci/run calls exactly this).
#
#   ./test.sh            everything: deps, gofmt, go vet x 13 arches and for darwin,
#                        generation is fresh (the only regeneration),
#                        host tests (-race and plain), fuzzing, benchmarks smoke, then the
#                        suite under qemu-user 11 for the 12 other arches; a summary at the end
#   ./test.sh quick      host only: vet for the host, host tests, no qemu, no regeneration
#   ARCHES="arm64 mips" ./test.sh     restrict the qemu part
#
# Installs what it needs when missing: clang-19 (apt) and the pinned Debian packages
# (kernel source, UAPI headers, qemu-user 11) into $RAWLINUX_CACHE (default ~/.cache/rawlinux).
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
mode=${1:-full}
cache=${RAWLINUX_CACHE:-$HOME/.cache/rawlinux}
export RAWLINUX_CACHE=$cache
out=$(mktemp -d "${TMPDIR:-/tmp}/rawlinux-test.XXXXXX")
failed=()
step() { printf '\n== %s\n' "$*"; }
fail() { failed+=("$1"); printf 'FAILED: %s\n' "$1"; }

# The arches and their qemu binaries: internal/gen/arches, the generators' own list.
declare -A qemu=()
all_arches=
while read -r a q; do all_arches+="${all_arches:+ }$a"; qemu[$a]=$q; done < <(go run ./internal/gen/arches/list)
[ -n "$all_arches" ] || { echo "cannot list the arches (go run ./internal/gen/arches/list)"; exit 1; }

step "dependencies"
if ! command -v clang-19 >/dev/null; then
  echo "installing clang-19"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-19) >"$out/apt.log" 2>&1 \
    || { cat "$out/apt.log"; echo "cannot install clang-19"; exit 1; }
fi
kernel=$(internal/gen/kernel.sh 2>"$out/fetch.log") || { cat "$out/fetch.log"; echo "cannot fetch the kernel packages"; exit 1; }
qbin=$(internal/gen/fetch.sh -p qemu-user 2>>"$out/fetch.log")/usr/bin || { cat "$out/fetch.log"; echo "cannot fetch qemu-user"; exit 1; }
export RAWLINUX_KERNEL=$kernel
echo "go: $(go version | cut -d' ' -f3-)  clang: $(clang-19 --version | head -1)"
echo "kernel material: $kernel   qemu: $($qbin/qemu-aarch64 --version | head -1)"

step "gofmt"
bad=$(gofmt -l $(git ls-files '*.go'; git ls-files -o --exclude-standard '*.go'))
[ -z "$bad" ] || { echo "$bad"; fail gofmt; }

step "go vet (13 arches)"
vet_arches=$all_arches; [ "$mode" = quick ] && vet_arches=amd64
for a in $vet_arches; do
  if GOARCH=$a go vet ./... >"$out/vet-$a.log" 2>&1; then echo "vet $a: ok"; else cat "$out/vet-$a.log"; fail "vet $a"; fi
done
# Linux-only packages drop out on other systems, portable ones (systab, vdso, the command's
# tables) build and vet there.
mkdir -p "$out/darwin-bin" && if GOOS=darwin go build -o "$out/darwin-bin/" ./... >"$out/darwin.log" 2>&1 && GOOS=darwin go vet ./... >>"$out/darwin.log" 2>&1; then echo "build and vet for darwin: ok"; else cat "$out/darwin.log"; fail "darwin build/vet"; fi
if [ -f bench/go.mod ]; then
  if (cd bench && go vet ./...) >"$out/vet-bench.log" 2>&1; then echo "vet bench module: ok"; else cat "$out/vet-bench.log"; fail "vet bench"; fi
fi
if [ -f cmd/kernelcheck/go.mod ]; then
  if (cd cmd/kernelcheck && go vet ./...) >"$out/vet-kernelcheck.log" 2>&1; then echo "vet kernelcheck module: ok"; else cat "$out/vet-kernelcheck.log"; fail "vet kernelcheck"; fi
fi

if [ "$mode" != quick ]; then
  step "generated files are fresh"
  gen=$(mktemp -d "${TMPDIR:-/tmp}/rawlinux-gen.XXXXXX")
  (git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$gen") &&
  if (cd "$gen" && bash internal/gen/generate.sh) >"$out/gen.log" 2>&1; then
    # Every file the generators wrote or removed (.go and the assembler's .h).
    changed=$( { (cd "$gen" && find . -type f \( -name '*.go' -o -name '*.h' \) ! -path './bench/*'); git ls-files '*.go' '*.h' ':!bench/*' | sed 's|^|./|'; } | sort -u |
      while read -r f; do cmp -s "$gen/$f" "$root/$f" || echo "${f#./}"; done)
    if [ -n "$changed" ]; then echo "regeneration changes:"; echo "$changed"; fail "generation is stale (run go generate ./...)"; else echo "regeneration reproduces every committed file"; fi
  else cat "$out/gen.log"; fail "generate"; fi
  rm -rf "$gen"
fi

step "host tests (amd64, -race: checkptr on)"
RAWLINUX_REQUIRE_KERNEL=1 go test -race -json -count=1 ./... >"$out/amd64-race.json" 2>"$out/amd64-race.err"
sums=("amd64-race=$out/amd64-race.json:$?")
step "host tests (amd64, no race: the non-cgo runtime paths)"
RAWLINUX_REQUIRE_KERNEL=1 go test -json -count=1 ./... >"$out/amd64.json" 2>"$out/amd64.err"
rc=$?
# The kernelcheck module (its own go.mod: golang.org/x/tools): the analysistest corpus.
kc=0; [ ! -f cmd/kernelcheck/go.mod ] || (cd cmd/kernelcheck && go test -json -count=1 ./...) >>"$out/amd64.json" 2>>"$out/amd64.err" || kc=$?
sums+=("amd64=$out/amd64.json:$((rc ? rc : kc))")

if [ "$mode" != quick ]; then
  step "fuzzing (bounded)"
  for target in $(grep -l '^func Fuzz' --include='*_test.go' -r . | xargs -r grep -ho '^func Fuzz[A-Za-z0-9_]*' | sed 's/^func //' | sort -u); do
    pkg=$(dirname "$(grep -l "^func $target(" -r --include='*_test.go' . | head -1)")
    if go test -run XXX -fuzz "^$target\$" -fuzztime 15s "$pkg" >"$out/fuzz-$target.log" 2>&1; then echo "fuzz $target ($pkg, 15s): ok"; else tail -30 "$out/fuzz-$target.log"; fail "fuzz $target"; fi
  done
  step "mutation check (host amd64: each mutation must fail a named test)"
  go run ./internal/mutate 2>&1 | tee "$out/mutate.log" || fail "mutation check"

  step "benchmarks run (1 iteration each, numbers are not checked here)"
  if go test -run XXX -bench . -benchtime 1x ./... >"$out/bench.log" 2>&1 && { [ ! -f bench/go.mod ] || (cd bench && go test -run XXX -bench . -benchtime 1x ./...) >>"$out/bench.log" 2>&1; }
  then echo "benchmarks: ok"; else tail -30 "$out/bench.log"; fail benchmarks; fi

  step "the suite under qemu-user 11"
  for a in ${ARCHES:-${all_arches#amd64 }}; do
    RAWLINUX_QEMU="$qbin/${qemu[$a]}" GOARCH=$a go test -json -count=1 -exec "$qbin/${qemu[$a]}" ./... >"$out/$a.json" 2>"$out/$a.err"
    rc=$?
    echo "$a: done"
    sums+=("$a=$out/$a.json:$rc")
  done
fi

step "summary"
go run ./internal/testsum -v -skips internal/testsum/expected-skips.txt "${sums[@]}" || fail "tests"
for f in "$out"/*.err; do [ -s "$f" ] && { echo "--- $(basename "$f")"; head -20 "$f"; }; done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'test.sh: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "test.sh: all checks passed (logs in $out)"
