#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-bench-calls.sh - run inside the test VM by bench-calls.sh: load the
# modules and, on two sim cards of 2 x BENCH_PAIRS lines, run the call loop
# synchronously, asynchronously (reply events) and through io_uring (one
# pair, then BENCH_PAIRS pairs at once) in alternate rounds; print each
# round and a summary a card.
#
# Card "bench" replies at once, inside the submitting syscall: the loops
# are bound by the CPU.  Card "slow" replies reply_delay_ms = 1 later (at
# least a jiffy), from its work item, as a card waiting for its hardware:
# a loop with one call at a time is bound by that latency, one with many
# calls in flight is not.  It runs a tenth of the calls.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
loop=$top/selftests/tapi_callloop
ringloop=$top/selftests/tapi_ringloop
sim=/sys/kernel/config/tapi-sim
calls=${BENCH_CALLS:-2000}
rounds=${BENCH_ROUNDS:-3}
pairs=${BENCH_PAIRS:-8}

# make_card NAME FIRST_NUMBER REPLY_DELAY_MS: prints the card's device
make_card()
{
	local l

	mkdir "$sim/$1"
	for ((l = 0; l < 2 * pairs; l++)); do
		mkdir "$sim/$1/line$l"
		echo $(($2 + l)) >"$sim/$1/line$l/numbers"
	done
	echo "$3" >"$sim/$1/reply_delay_ms"
	echo 1 >"$sim/$1/live"
	echo "/dev/$(cat "$sim/$1/dev_name")"
}

remove_card()
{
	echo 0 >"$sim/$1/live"
	rmdir "$sim/$1"/line* "$sim/$1"
}

# bench_card DEV FIRST_NUMBER CALLS: rounds of the four loops, and the means
# (in /tmp/bench-means: MODE CALLS_PER_S SYSCALLS_PER_CALL)
bench_card()
{
	local dev=$1 first=$2 n=$3 r mode out rate sys

	rm -f /tmp/bench-rates
	for ((r = 1; r <= rounds; r++)); do
		for mode in sync async uring1 uring; do
			case $mode in
			sync|async) out=$("$loop" "$dev" $((first + 1)) "$n" "$mode") ;;
			uring1) out=$("$ringloop" "$dev" "$first" 1 "$n") ;;
			uring) out=$("$ringloop" "$dev" "$first" "$pairs" "$n") ;;
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
			print m[i], r, sc[m[i]] >"/tmp/bench-means"
		}
	     }' /tmp/bench-rates
}

insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"
fast=$(make_card bench 100 0)
slow=$(make_card slow 300 1)

echo "make -> answer -> drop (both ends) -> deallocate"
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG"
echo "sync: ioctls with TAPI_REQUEST_SYNC + read() of events, one call at a time"
echo "async: ioctls + read() of each reply event, one call at a time"
echo "uring1: io_uring only (replies as CQEs, events by READ_EVENTS), one pair"
echo "uring: the same with $pairs pairs of lines in flight, one io_uring_enter a round"
"$loop" "$fast" 101 200 sync >/dev/null		# warm-up
"$ringloop" "$fast" 100 "$pairs" 200 >/dev/null

echo
echo "card replies at once (CPU-bound), $calls calls a round:"
bench_card "$fast" 100 "$calls"
# What the syscalls themselves weigh in the synchronous loop.
null=$("$loop" "$fast" 101 100000 null)
echo "$null"
us=${null#*us_per_syscall=}
awk -v us="$us" '$1 == "sync" {
	printf "a sync call takes %.0f us, of which its %.0f syscalls %.1f us (%.1f%%)\n",
	       1e6 / $2, $3, $3 * us, 100 * $3 * us * $2 / 1e6
}' /tmp/bench-means
echo
echo "card replies after 1 ms (latency-bound), $((calls / 10)) calls a round:"
bench_card "$slow" 300 $((calls / 10))

remove_card bench
remove_card slow
rmmod tapi_sim
rmmod tapi
