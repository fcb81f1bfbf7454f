#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-bench-media.sh - run inside the test VM by bench-media.sh: load the
# modules; for each number of pairs in BENCH_PAIRS make sim cards of at
# most PER_CARD pairs, run tapi-mediabench on them in each mode of
# BENCH_MODES for BENCH_SECONDS, remove them; print a table at the end.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/msp/tapi-mediabench
sim=/sys/kernel/config/tapi-sim
seconds=${BENCH_SECONDS:-10}
modes=${BENCH_MODES:-wake clock}
# Pairs a card: 1,000 lines, under the core's 1,024 lines a card.
PER_CARD=500

# make_card NAME FIRST_NUMBER PAIRS
make_card()
{
	local l

	mkdir "$sim/$1"
	for ((l = 0; l < 2 * $3; l++)); do
		mkdir "$sim/$1/line$l"
		echo $(($2 + l)) >"$sim/$1/line$l/numbers"
	done
	echo 1 >"$sim/$1/live"
}

remove_card()
{
	echo 0 >"$sim/$1/live"
	rmdir "$sim/$1"/line* "$sim/$1"
}

insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG; $seconds s a measurement"
echo "a channel is one call end: a media fd with 20 ms frames both ways"
rm -f /tmp/bench-media
for n in $BENCH_PAIRS; do
	cards=$(((n + PER_CARD - 1) / PER_CARD))
	specs=()
	for ((c = 0; c < cards; c++)); do
		p=$((n / cards + (c < n % cards ? 1 : 0)))
		first=$((100000 * (c + 1)))
		make_card "mb$c" "$first" "$p"
		specs+=("$(cat "$sim/mb$c/dev_name"):$first:$p")
	done
	for mode in $modes; do
		opt=
		[ "$mode" = clock ] && opt=--clock
		out=$("$bench" $opt --seconds "$seconds" "${specs[@]}")
		echo "pairs=$n $out"
		echo "pairs=$n $out" >>/tmp/bench-media
	done
	for ((c = 0; c < cards; c++)); do
		remove_card "mb$c"
	done
done
rmmod tapi_sim
rmmod tapi

echo
awk '
function val(k,   i, a) {
	for (i = 1; i <= NF; i++) {
		split($i, a, "=")
		if (a[1] == k)
			return a[2]
	}
	return "?"
}
BEGIN {
	printf "%6s %5s %8s %12s %12s %12s %10s %9s %9s\n", "pairs", "mode",
	       "channels", "msp us/ch-s", "vm us/ch-s", "syscalls/ch-s",
	       "frames/ch-s", "overruns", "underruns"
}
{
	printf "%6s %5s %8s %12s %12s %12s %10s %9s %9s\n", val("pairs"), $2,
	       val("channels"), val("cpu_us_per_chan_s"),
	       val("machine_us_per_chan_s"), val("syscalls_per_chan_s"),
	       val("rx_frames_per_chan_s"), val("rx_overruns"),
	       val("tx_underruns")
}' /tmp/bench-media
