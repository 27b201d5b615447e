#!/usr/bin/env bash
# kernel.sh: print the directory holding the pinned kernel material, preparing it first:
#   DIR/linux/...     the parts of the kernel source tree the generators and tests read
#   DIR/include/...   linux-libc-dev's UAPI headers (all 13 Go arches)
#   DIR/man/...       manpages-dev's man2 pages
#   DIR/since/...     what dates calls and flags (internal/gen/since): the UAPI header snapshots
#                     of older suites (since/headers/<version>), manpages' man7 pages and
#                     liburing's io_uring pages
# DIR is $RAWLINUX_CACHE/kernel-<hash> (default cache ~/.cache/rawlinux). Everything comes
# from the packages pinned in deps.lock (see fetch.sh), the only place that names the
# kernel's version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${RAWLINUX_CACHE:-$HOME/.cache/rawlinux}
src_pkg=$(awk '!/^#/ && $1 ~ /^linux-source-/ {print $1; exit}' "$here/deps.lock")
[ -n "$src_pkg" ] || { echo "kernel.sh: no linux-source-* package in deps.lock" >&2; exit 1; }
mapfile -t dirs < <("$here/fetch.sh" -p "$src_pkg" linux-libc-dev manpages-dev)
# The directory is named by the hash of the pin and of this script, so a change to either
# prepares a new one beside the old (which a running generator may still be reading).
stamp=$(cat "$here/deps.lock" "$here/kernel.sh" | sha256sum | cut -c1-12)
out=$cache/kernel-$stamp
if [ ! -f "$out/.done" ]; then
  tmp=$(mktemp -d "$cache/kernel-tmp.XXXXXX")
  top=$src_pkg   # the tarball's top directory
  # What is read: the syscall tables and the build files that select their ABIs
  # (internal/gen/systab), syscalls.h (systab, abi), the socket constants outside UAPI
  # (abi), the vDSO linker scripts and the version macros they use (vdsosym), the Makefile
  # (the version); compat.h and asm/syscalls*.h for the typed wrappers; x86's ptrace
  # register sets (struct user_regs_struct of asm/user_64.h and user_32.h: abi).
  mkdir "$tmp/linux"
  tar -xJf "${dirs[0]}/usr/src/$src_pkg.tar.xz" -C "$tmp/linux" --strip-components=1 --wildcards \
    "$top/arch/*/entry/syscalls/*.tbl" \
    "$top/arch/*/kernel/syscalls/*.tbl" \
    "$top/arch/*/tools/syscall.tbl" \
    "$top/arch/arm64/tools/syscall_*.tbl" \
    "$top/scripts/syscall.tbl" \
    "$top/scripts/Makefile.asm-headers" \
    "$top/arch/*/kernel/Makefile.syscalls" \
    "$top/arch/x86/entry/syscalls/Makefile" \
    "$top/arch/arm/tools/Makefile" \
    "$top/arch/*/kernel/syscalls/Makefile" \
    "$top/arch/*/include/uapi/asm/Kbuild" \
    "$top/arch/*/include/uapi/asm/unistd.h" \
    "$top/include/linux/syscalls.h" \
    "$top/include/linux/compat.h" \
    "$top/arch/*/include/asm/syscalls.h" \
    "$top/arch/*/include/asm/syscalls_32.h" \
    "$top/include/linux/socket.h" \
    "$top/include/linux/net.h" \
    "$top/arch/mips/include/asm/socket.h" \
    "$top/include/linux/splice.h" \
    "$top/include/linux/stat.h" \
    "$top/include/linux/exportfs.h" \
    "$top/include/linux/fs_dirent.h" \
    "$top/include/linux/syslog.h" \
    "$top/include/linux/swap.h" \
    "$top/include/linux/fs.h" \
    "$top/arch/x86/include/asm/user_64.h" \
    "$top/arch/x86/include/asm/user_32.h" \
    "$top/arch/*vdso*.lds.S" \
    "$top/arch/*/include/asm/vdso.h" \
    "$top/Makefile"
  # The per-arch prototypes (internal/gen/systab/archprotos.go): the Kconfig and kbuild
  # files and asm/unistd.h of the 8 kernel arch dirs (and the generic arch/Kconfig,
  # init/Kconfig), their C files that define syscalls (the others are removed again), the
  # .S files of the alias table (asmalias.go), the save_static_function macro,
  # kernel/fork.c (sys_clone), BITS_PER_LONG.
  pats=()
  for k in x86 arm arm64 riscv loongarch powerpc s390 mips; do
    pats+=("$top/arch/$k/*Kconfig*" "$top/arch/$k/*Makefile" "$top/arch/$k/Kbuild"
      "$top/arch/$k/*.c" "$top/arch/$k/include/asm/unistd.h")
  done
  tar -xJf "${dirs[0]}/usr/src/$src_pkg.tar.xz" -C "$tmp/linux" --strip-components=1 --wildcards "${pats[@]}" \
    "$top/arch/Kconfig" "$top/init/Kconfig" \
    "$top/include/asm-generic/bitsperlong.h" \
    "$top/kernel/fork.c" \
    "$top/arch/arm/kernel/entry-common.S" \
    "$top/arch/mips/kernel/scall32-o32.S" \
    "$top/arch/mips/include/asm/sim.h"
  { find "$tmp/linux/arch" -name '*.c' -type f -exec \
    grep -LE '^\s*[A-Z][A-Z0-9_]*DEFINE[0-6]\s*\(|^asmlinkage\b.*\b_*sys(m|32|n32)?_\w+\s*\(|^save_static_function\s*\(' {} + || true; } |
    xargs -r rm -f
  # arm's private calls outside the table (__ARM_NR_*): the switch of arm_syscall that runs
  # them (internal/gen/systab/armprivate.go).
  tar -xJf "${dirs[0]}/usr/src/$src_pkg.tar.xz" -C "$tmp/linux" --strip-components=1 \
    "$top/arch/arm/kernel/traps.c"
  ln -s "${dirs[1]}/usr/include" "$tmp/include"
  ln -s "${dirs[2]}/usr/share/man" "$tmp/man"
  # Kernel versions (internal/gen/since): every other linux-libc-dev of deps.lock is a header
  # snapshot, named by its version; manpages' man7 and liburing-dev's io_uring pages.
  mkdir -p "$tmp/since/headers"
  while read -r suite version; do
    snap=$("$here/fetch.sh" -p "linux-libc-dev@$suite")
    ln -s "$snap/usr/include" "$tmp/since/headers/$version"
  done < <(awk '!/^#/ && $1=="linux-libc-dev" {n++; if (n>1) print $2, $3}' "$here/deps.lock")
  ln -s "$("$here/fetch.sh" -p manpages)/usr/share/man" "$tmp/since/manpages"
  ln -s "$("$here/fetch.sh" -p liburing-dev)/usr/share/man" "$tmp/since/liburing"
  touch "$tmp/.done"
  rm -rf "$out"; mv "$tmp" "$out"
fi
echo "$out"
