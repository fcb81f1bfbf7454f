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

log=$out/build.log
if ! make -C "$kdir" M="$out" W=1 C=1 -j"$(nproc)" modules >"$log" 2>&1; then
	grep -E 'error|warning' "$log" | head -n 50 >&2 || tail -n 30 "$log" >&2
	echo "build-modules: build against $kdir failed (log: $log)" >&2
	exit 1
fi
# W=1 and sparse report through "file:line:col: warning|error:" lines.
if grep -E ':[0-9]+:([0-9]+:)? (warning|error):' "$log" >&2; then
	echo "build-modules: warnings building against $kdir (log: $log)" >&2
	exit 1
fi
find "$out" -name '*.ko' -printf 'build-modules: %P\n'
