#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10,000 calls in a row (CALL_LEAK_COUNT; 2,000 on a kernel with kmemleak,
# which is slow and finds single objects anyway) between two lines of a
# sim card: make, answer, drop at both ends, deallocate.  Kernel memory
# must not grow with them (memcheck.sh: no slab cache grown by one object
# per call, Slab and VmallocUsed within bounds, kmemleak clean).

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/memcheck.sh"
require_sim

LOOP=$DIR/tapi_callloop
[ -x "$LOOP" ] || skip_all "no $LOOP (make -C selftests)"
[ -r /proc/slabinfo ] || skip_all "no /proc/slabinfo"
if [ -e "$KMEMLEAK" ]; then
	count=${CALL_LEAK_COUNT:-2000}
else
	count=${CALL_LEAK_COUNT:-10000}
fi

card=$(card_name leak)
tmp=$(mktemp -d)
trap 'card_remove "$card"; rm -rf "$tmp"' EXIT

card_make "$card" 2 || { fail "making card $card"; finish; }
echo 1 >"$SIM/$card/live" || { fail "card $card live"; finish; }
dev=/dev/$(rd "$SIM/$card/dev_name")
number=$(rd "$SIM/$card/line1/numbers")

# First-time allocations (caches, ids) are not leaks.
out=$("$LOOP" "$dev" "$number" 200 sync 2>&1)
check "warm-up: 200 calls" 0 $?
echo "# $out"

mem_begin
out=$("$LOOP" "$dev" "$number" "$count" sync 2>&1)
check "$count calls in a row" 0 $?
echo "# $out"
check "no call left on the card" "" "$(cat "$SIM/$card/calls")"
mem_end "$count" "call"
finish
