#!/usr/bin/env bash
# kernel.sh: print the directory holding the pinned kernel material, preparing it first:
#   $cache/kernel/linux-source-7.2/...   the parts of the kernel tree the generators read
#   $cache/kernel/include/...            linux-libc-dev's UAPI headers (all 13 Go arches)
#   $cache/kernel/man/...                manpages-dev's man2 pages
# Everything comes from the packages pinned in deps.lock (see fetch.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RAWLINUX_CACHE:-$HOME/.cache/rawlinux}
"$here/fetch.sh" linux-source-7.2 linux-libc-dev manpages-dev >&2
stamp=$(sha256sum "$here/deps.lock" "$0" | sha256sum | cut -c1-16)
out=$cache/kernel
if [ ! -f "$out/.done-$stamp" ]; then
  rm -rf "$out"; mkdir -p "$out"
  src=$cache/pkg/linux-source-7.2-7.2.13-1/usr/src/linux-source-7.2.tar.xz
  tar -xJf "$src" -C "$out" --wildcards \
    'linux-source-7.2/arch/*/entry/syscalls/*.tbl' \
    'linux-source-7.2/arch/*/kernel/syscalls/*.tbl' \
    'linux-source-7.2/arch/*/tools/syscall.tbl' \
    'linux-source-7.2/scripts/syscall.tbl' \
    'linux-source-7.2/scripts/Makefile.asm-headers' \
    'linux-source-7.2/arch/*/kernel/Makefile.syscalls' \
    'linux-source-7.2/include/uapi' \
    'linux-source-7.2/arch/*/include/uapi' \
    'linux-source-7.2/include/linux/syscalls.h' \
    'linux-source-7.2/include/linux/compat.h' \
    'linux-source-7.2/arch/*vdso*.lds.S' \
    'linux-source-7.2/Documentation/ABI/stable/vdso' \
    'linux-source-7.2/Makefile'
  ln -s "$cache/pkg/linux-libc-dev-7.2.13-1/usr/include" "$out/include"
  ln -s "$cache/pkg/manpages-dev-6.20-2/usr/share/man" "$out/man"
  touch "$out/.done-$stamp"
fi
echo "$out"
