#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-dahdi.sh - build DAHDI's core and dynamic span modules (dahdi.ko,
# dahdi_dynamic.ko, dahdi_dynamic_loc.ko) from Debian's dahdi-source for
# one kernel, for the DAHDI bridge TSP (tsp/dahdi/) and its tests.
#
# Usage: scripts/build-dahdi.sh KDIR OUTDIR
#
# The tarball (DAHDI_TARBALL, default /usr/src/dahdi.tar.bz2, package
# dahdi-source) is extracted into OUTDIR/src, scripts/dahdi-leaks.patch
# (two memory leaks of DAHDI's own, which kmemleak reports on the debug
# lane) applied, and only DAHDI's drivers/dahdi is built there, with
# "make -C KDIR M=OUTDIR/src/drivers/dahdi".  OUTDIR then holds:
#
#	*.ko            the three modules, to insmod in this order:
#	                dahdi.ko, dahdi_dynamic.ko, dahdi_dynamic_loc.ko
#	Module.symvers  their exported symbols: KBUILD_EXTRA_SYMBOLS for
#	                modules that use them
#	include/        DAHDI's include directory (dahdi/kernel.h, dahdi/user.h):
#	                the -I of modules and programs that use DAHDI
#	build.log       the build log
#
# A build is skipped when OUTDIR/stamp says OUTDIR was built from the same
# tarball, for the same KDIR, by the same version of this script.  DAHDI's
# own code draws compiler warnings; they are DAHDI's and do not fail the
# build, only errors do.
#
# Exit status: 0 built (or up to date), 1 build failure (errors printed),
# 2 usage error.

set -euo pipefail

[ $# -eq 2 ] || { sed -n 's/^# Usage: //p' "$0" >&2; exit 2; }
kdir=$1
out=$2
tarball=${DAHDI_TARBALL:-/usr/src/dahdi.tar.bz2}
patchfile=$(cd "$(dirname "$0")" && pwd)/dahdi-leaks.patch
# The modules, in load order, and the kbuild switches that select them.
MODULES=(dahdi dahdi_dynamic dahdi_dynamic_loc)
KCONFIG=(CONFIG_DAHDI=m CONFIG_DAHDI_DYNAMIC=m CONFIG_DAHDI_DYNAMIC_LOC=m)

die() { printf 'build-dahdi: %s\n' "$*" >&2; exit 1; }

[ -r "$tarball" ] || die "no $tarball (install dahdi-source)"
[ -d "$kdir" ] || die "no kernel build tree $kdir"
kdir=$(cd "$kdir" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# What the result depends on: this script, the tarball, the kernel tree
# (its path, release, configuration and exported symbols).
stamp=$({
	sha256sum "$0" "$patchfile"
	stat -c '%n %s %Y' "$tarball"
	echo "$kdir"
	stat -c '%n %s %Y' "$kdir/include/generated/utsrelease.h" \
		"$kdir/.config" "$kdir/Module.symvers" 2>/dev/null || true
} | sha256sum | cut -c1-16)

uptodate()
{
	local m

	[ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ] || return 1
	[ -r "$out/Module.symvers" ] && [ -r "$out/include/dahdi/kernel.h" ] ||
		return 1
	for m in "${MODULES[@]}"; do
		[ -r "$out/$m.ko" ] || return 1
	done
}

if uptodate; then
	echo "build-dahdi: $out up to date for $kdir"
	exit 0
fi

rm -rf "$out/src" "$out/include" "$out/stamp" "$out"/*.ko \
	"$out/Module.symvers"
mkdir -p "$out/src"
log=$out/build.log
start=$SECONDS
{
	echo "build-dahdi: $tarball for $kdir"
	tar -xjf "$tarball" -C "$out/src" --strip-components=2 \
		modules/dahdi/drivers/dahdi modules/dahdi/include
	# Two memory leaks of DAHDI's own, fixed (see the patch).
	patch -d "$out/src/drivers/dahdi" -p1 <"$patchfile"
} >"$log" 2>&1 || { cat "$log" >&2; die "cannot extract and patch $tarball"; }

# Only drivers/dahdi: with drivers/staging/echo next to it DAHDI's Kbuild
# would add the OSLEC echo canceller too.  DAHDI_BUILD_ALL empty: only the
# modules KCONFIG selects.
src=$out/src/drivers/dahdi
if ! make -C "$kdir" M="$src" DAHDI_INCLUDE="$out/src/include" \
	"${KCONFIG[@]}" DAHDI_BUILD_ALL= -j"$(nproc)" modules >>"$log" 2>&1; then
	grep -E '(error|Error|undefined)' "$log" | head -n 50 >&2 ||
		tail -n 30 "$log" >&2
	die "build against $kdir failed (log: $log)"
fi

for m in "${MODULES[@]}"; do
	[ -r "$src/$m.ko" ] || die "$m.ko not built (log: $log)"
	cp "$src/$m.ko" "$out/"
done
cp "$src/Module.symvers" "$out/Module.symvers"
cp -r "$out/src/include" "$out/include"
echo "$stamp" >"$out/stamp"
echo "build-dahdi: built ${MODULES[*]} for $kdir in $((SECONDS - start)) s" |
	tee -a "$log"
