#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-bench-calls.sh - run inside the test VM by bench-calls.sh: load the
# modules, make a two-line sim card, run the call loop synchronously and
# asynchronously in alternate rounds, print each round and a summary.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
loop=$top/selftests/tapi_callloop
sim=/sys/kernel/config/tapi-sim
calls=${BENCH_CALLS:-2000}
rounds=${BENCH_ROUNDS:-3}

insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"
mkdir "$sim/bench" "$sim/bench/line0" "$sim/bench/line1"
echo 100 >"$sim/bench/line0/numbers"
echo 101 >"$sim/bench/line1/numbers"
echo 1 >"$sim/bench/live"
dev=/dev/$(cat "$sim/bench/dev_name")

echo "make -> answer -> drop (both ends) -> deallocate, $calls calls a round"
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG"
"$loop" "$dev" 101 200 sync >/dev/null		# warm-up
for ((r = 1; r <= rounds; r++)); do
	for mode in sync async; do
		out=$("$loop" "$dev" 101 "$calls" "$mode")
		echo "round $r: $out"
		rate=${out#*calls_per_s=}
		echo "${mode} ${rate%% *}" >>/tmp/bench-rates
	done
done
awk '{ sum[$1] += $2; n[$1]++ }
     END {
	s = sum["sync"] / n["sync"]; a = sum["async"] / n["async"]
	printf "mean calls/s: sync %.0f, async %.0f, async/sync %.2f\n", s, a, a / s
     }' /tmp/bench-rates

echo 0 >"$sim/bench/live"
rmdir "$sim/bench/line0" "$sim/bench/line1" "$sim/bench"
rmmod tapi_sim
rmmod tapi
