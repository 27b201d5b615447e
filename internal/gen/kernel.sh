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
# The directory is named by the hash of the pin and of this script, so a change to either
# prepares a new one beside the old (which a running generator may still be reading).
stamp=$(cat "$here/deps.lock" "$here/kernel.sh" | sha256sum | cut -c1-12)
out=$cache/kernel-$stamp
if [ ! -f "$out/.done" ]; then
  tmp=$(mktemp -d "$cache/kernel-tmp.XXXXXX")
  src=$cache/pkg/linux-source-7.2-7.2.13-1/usr/src/linux-source-7.2.tar.xz
  tar -xJf "$src" -C "$tmp" --wildcards \
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
    'linux-source-7.2/arch/*/include/asm/syscalls.h' \
    'linux-source-7.2/arch/*/include/asm/syscalls_32.h' \
    'linux-source-7.2/arch/x86/entry/syscalls/Makefile' \
    'linux-source-7.2/arch/arm/tools/Makefile' \
    'linux-source-7.2/arch/*/kernel/syscalls/Makefile' \
    'linux-source-7.2/arch/arm64/tools/syscall_*.tbl' \
    'linux-source-7.2/arch/*vdso*.lds.S' \
    'linux-source-7.2/Documentation/ABI/stable/vdso' \
    'linux-source-7.2/Makefile'
  # The per-arch prototypes (internal/gen/systab/archprotos.go): the Kconfig and kbuild
  # files and asm/unistd.h of the 8 kernel arch dirs (and the generic arch/Kconfig,
  # init/Kconfig), their C files that define syscalls
  # (the others are removed again), the .S files of the alias table (asmalias.go), the
  # save_static_function macro, kernel/fork.c (sys_clone), BITS_PER_LONG.
  pats=()
  for k in x86 arm arm64 riscv loongarch powerpc s390 mips; do
    pats+=("linux-source-7.2/arch/$k/*Kconfig*" "linux-source-7.2/arch/$k/*Makefile" "linux-source-7.2/arch/$k/Kbuild"
      "linux-source-7.2/arch/$k/*.c" "linux-source-7.2/arch/$k/include/asm/unistd.h")
  done
  tar -xJf "$src" -C "$tmp" --wildcards "${pats[@]}" \
    'linux-source-7.2/arch/Kconfig' 'linux-source-7.2/init/Kconfig' \
    'linux-source-7.2/include/asm-generic/bitsperlong.h' \
    'linux-source-7.2/kernel/fork.c' \
    'linux-source-7.2/arch/arm/kernel/entry-common.S' \
    'linux-source-7.2/arch/mips/kernel/scall32-o32.S' \
    'linux-source-7.2/arch/mips/include/asm/sim.h'
  { find "$tmp/linux-source-7.2/arch" -name '*.c' -type f -exec \
    grep -LE '^\s*[A-Z][A-Z0-9_]*DEFINE[0-6]\s*\(|^asmlinkage\b.*\b_*sys(m|32|n32)?_\w+\s*\(|^save_static_function\s*\(' {} + || true; } |
    xargs -r rm -f
  ln -s "$cache/pkg/linux-libc-dev-7.2.13-1/usr/include" "$tmp/include"
  ln -s "$cache/pkg/manpages-dev-6.20-2/usr/share/man" "$tmp/man"
  touch "$tmp/.done"
  rm -rf "$out"; mv "$tmp" "$out"
fi
echo "$out"
