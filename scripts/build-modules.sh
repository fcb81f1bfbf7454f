#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-modules.sh - build every module of the tree against one kernel, in a
# build directory of its own, with W=1 and sparse, and fail on any warning.
#
# Usage: scripts/build-modules.sh KDIR OUTDIR
#
# The module sources (Kbuild, kmod/, tsp/, uapi/) are mirrored into OUTDIR
# and built there with "make -C KDIR M=OUTDIR W=1 C=1", so the stock and the
# debug kernel each get their own objects.  The build log is OUTDIR/build.log.
# When DAHDI's source is installed (DAHDI_TARBALL, default
# /usr/src/dahdi.tar.bz2, package dahdi-source), DAHDI's modules are built
# first into OUTDIR/dahdi (scripts/build-dahdi.sh: dahdi.ko, dahdi_dynamic.ko,
# dahdi_dynamic_loc.ko, its Module.symvers and include directory; DAHDI's
# own warnings do not count), and the tree's modules with DAHDI_INCLUDE and
# KBUILD_EXTRA_SYMBOLS pointing there, so that tsp/dahdi/ is built with the
# rest.  Without it tsp/dahdi/ is left out.
#
# Exit status: 0 clean build, 1 build failure or any compiler/sparse warning.

set -euo pipefail

[ $# -eq 2 ] || { sed -n 's/^# Usage: //p' "$0" >&2; exit 2; }
kdir=$1
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$out"
out=$(cd "$out" && pwd)
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	--exclude='*.mod*' --exclude='modules.order' --exclude='Module.symvers' \
	"$top/Kbuild" "$top/kmod" "$top/tsp" "$top/uapi" "$out/"

dahdi=()
if [ -r "${DAHDI_TARBALL:-/usr/src/dahdi.tar.bz2}" ]; then
	"$top/scripts/build-dahdi.sh" "$kdir" "$out/dahdi" >/dev/null
	dahdi=(KBUILD_EXTRA_SYMBOLS="$out/dahdi/Module.symvers"
	       DAHDI_INCLUDE="$out/dahdi/include")
else
	echo "build-modules: no DAHDI source, tsp/dahdi/ not built" >&2
fi

log=$out/build.log
if ! make -C "$kdir" M="$out" W=1 C=1 -j"$(nproc)" "${dahdi[@]}" modules \
	>"$log" 2>&1; then
	grep -E 'error|warning' "$log" | head -n 50 >&2 || tail -n 30 "$log" >&2
	echo "build-modules: build against $kdir failed (log: $log)" >&2
	exit 1
fi
# W=1 and sparse report through "file:line:col: warning|error:" lines.
if grep -E ':[0-9]+:([0-9]+:)? (warning|error):' "$log" >&2; then
	echo "build-modules: warnings building against $kdir (log: $log)" >&2
	exit 1
fi
find "$out" -path "$out/dahdi" -prune -o -name '*.ko' \
	-printf 'build-modules: %P\n'
[ ${#dahdi[@]} -eq 0 ] || find "$out/dahdi" -maxdepth 1 -name '*.ko' \
	-printf 'build-modules: dahdi/%P\n'
