#!/usr/bin/env bash
# fetch.sh: download the pinned Debian packages named in deps.lock into the cache
# ($RAWLINUX_CACHE, default ~/.cache/rawlinux), check their sha256, and unpack them.
#
#   internal/gen/fetch.sh [-p] [package[@suite] ...]     # default: every package in deps.lock
#
# A package pinned for several suites (linux-libc-dev: the UAPI headers of sid and the header
# snapshots of older suites) is named package@suite; a bare name is its first line.
# Prints nothing on success; with -p, the directory each package is unpacked into (one a
# line, in the order asked), which is how the other scripts find them.
# Uses a private apt configuration: the machine's /etc/apt is left alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RAWLINUX_CACHE:-$HOME/.cache/rawlinux}
lock=$here/deps.lock
D=$cache/apt
mkdir -p "$D/lists/partial" "$D/archives/partial" "$cache/pkg"
: > "$D/status.tmp"; mv "$D/status.tmp" "$D/status"

print=
if [ "${1:-}" = -p ]; then print=1; shift; fi
want=("$@")
if [ ${#want[@]} -eq 0 ]; then
  mapfile -t want < <(awk '!/^#/ && NF {print $1 "@" $2}' "$lock")
fi

apt_opts() {
  echo -o Dir::Etc::SourceList="$D/sources.list" -o Dir::Etc::SourceParts=/dev/null \
       -o Dir::State::Lists="$D/lists" -o Dir::Cache::Archives="$D/archives" \
       -o Dir::State::Status="$D/status" -o APT::Architecture=amd64 \
       -o Debug::NoLocking=1 -o APT::Sandbox::User=root
}

updated=
for name in "${want[@]}"; do
  want_suite=; case $name in *@*) want_suite=${name#*@}; name=${name%@*} ;; esac
  sha=
  read -r _ suite version sha < <(awk -v n="$name" -v s="$want_suite" '!/^#/ && $1==n && (s=="" || $2==s) {print; exit}' "$lock")
  [ -n "${sha:-}" ] || { echo "fetch.sh: $name${want_suite:+@$want_suite} is not in $lock" >&2; exit 2; }
  deb=$cache/pkg/${name}_${version//:/%3a}_$sha.deb
  out=$cache/pkg/$name-${version//:/_}
  if [ -f "$out/.done" ]; then [ -z "$print" ] || echo "$out"; continue; fi
  if [ ! -f "$deb" ] || [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$sha" ]; then
    if [ "$updated" != "$suite" ]; then
      mirror=$(grep -hm1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}')
      mirror=${mirror:-http://deb.debian.org/debian}
      printf 'deb %s %s main\n' "$mirror" "$suite" > "$D/sources.list"
      # shellcheck disable=SC2046
      apt-get $(apt_opts) -qq update >&2
      updated=$suite
    fi
    tmp=$(mktemp -d "$cache/dl.XXXXXX")
    # shellcheck disable=SC2046
    (cd "$tmp" && apt-get $(apt_opts) -qq download "$name=$version" >&2)
    got=$(ls "$tmp"/*.deb)
    have=$(sha256sum "$got" | cut -d' ' -f1)
    if [ "$have" != "$sha" ]; then
      echo "fetch.sh: $name $version: sha256 $have, deps.lock pins $sha" >&2
      rm -rf "$tmp"; exit 1
    fi
    mv "$got" "$deb"; rm -rf "$tmp"
  fi
  rm -rf "$out"; mkdir -p "$out"
  dpkg -x "$deb" "$out"
  touch "$out/.done"
  [ -z "$print" ] || echo "$out"
done
