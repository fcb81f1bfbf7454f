#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-bench-calls.sh - run inside the test VM by bench-calls.sh: load the
# modules, make a sim card of 2 x BENCH_PAIRS lines, run the call loop
# synchronously, asynchronously (reply events) and through io_uring (one
# pair, then BENCH_PAIRS pairs at once) in alternate rounds, print each
# round and a summary.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
loop=$top/selftests/tapi_callloop
ringloop=$top/selftests/tapi_ringloop
sim=/sys/kernel/config/tapi-sim
calls=${BENCH_CALLS:-2000}
rounds=${BENCH_ROUNDS:-3}
pairs=${BENCH_PAIRS:-8}

insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"
mkdir "$sim/bench"
for ((l = 0; l < 2 * pairs; l++)); do
	mkdir "$sim/bench/line$l"
	echo $((100 + l)) >"$sim/bench/line$l/numbers"
done
echo 1 >"$sim/bench/live"
dev=/dev/$(cat "$sim/bench/dev_name")

echo "make -> answer -> drop (both ends) -> deallocate, $calls calls a round"
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG"
echo "sync: ioctls with TAPI_REQUEST_SYNC + read() of events, one call at a time"
echo "async: ioctls + read() of each reply event, one call at a time"
echo "uring1: io_uring only (replies as CQEs, events by READ_EVENTS), one pair"
echo "uring: the same with $pairs pairs of lines in flight, one io_uring_enter a round"
"$loop" "$dev" 101 200 sync >/dev/null		# warm-up
"$ringloop" "$dev" 100 "$pairs" 200 >/dev/null
rm -f /tmp/bench-rates
for ((r = 1; r <= rounds; r++)); do
	for mode in sync async uring1 uring; do
		case $mode in
		sync|async) out=$("$loop" "$dev" 101 "$calls" "$mode") ;;
		uring1) out=$("$ringloop" "$dev" 100 1 "$calls") ;;
		uring) out=$("$ringloop" "$dev" 100 "$pairs" "$calls") ;;
		esac
		echo "round $r: $mode: $out"
		rate=${out#*calls_per_s=}
		sys=${out#*syscalls_per_call=}
		echo "$mode ${rate%% *} ${sys%% *}" >>/tmp/bench-rates
	done
done
awk '{ sum[$1] += $2; sc[$1] = $3; n[$1]++ }
     END {
	s = sum["sync"] / n["sync"]
	split("sync async uring1 uring", m, " ")
	for (i = 1; i <= 4; i++) {
		r = sum[m[i]] / n[m[i]]
		printf "mean %-6s %7.0f calls/s  %5.1f syscalls/call  %.2fx sync\n",
		       m[i], r, sc[m[i]], r / s
	}
     }' /tmp/bench-rates

echo 0 >"$sim/bench/live"
rmdir "$sim"/bench/line* "$sim/bench"
rmmod tapi_sim
rmmod tapi
