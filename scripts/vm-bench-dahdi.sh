#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-bench-dahdi.sh - run inside the test VM by bench-dahdi.sh: what moving
# call audio costs through DAHDI, for each channel count of BENCH_CHANNELS,
# in each part of BENCH_PARTS, for BENCH_SECONDS a measurement; a table at
# the end.  Every line of results is "part=P path=WHAT n=N" and the
# name=value pairs of "dahdi_pbx bench" (selftests/dahdi_pbx_cli.c).
#
# Part a: DAHDI's own per-channel read()/write() path.  Two
# dahdi_dynamic_loc spans of N channels looped to each other (fxoks and
# fxsks, on hook: DAHDI moves audio whatever the hook state); one process
# (dahdi_pbx bench) keeps every one of the 2 N channels' 20 ms (160-byte)
# blocks written and read, non-blocking, through one poll() loop.
#
# Part b: the same audio through TAPI's media rings, on the tapi bridge
# and on the sim card (see bench_part_b); its lines carry the name=value
# pairs of msp/tapi-mediabench, whose cpu_us_per_chan_s and
# machine_us_per_chan_s mean what part a's do.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../selftests/dahdi_lib.sh
. "$top/selftests/dahdi_lib.sh"
seconds=${BENCH_SECONDS:-10}
channels=${BENCH_CHANNELS:-10 100}
parts=${BENCH_PARTS:-a b}
results=/tmp/bench-dahdi
status=0

bench_part_a()
{
	local n=$1 out

	dahdi_loc_pair "$n"
	# A failed check (bad bytes, a timeout) still prints its figures.
	out=$("$DAHDI_PBX" bench "$seconds" "$n" "$DAHDI_A" "$DAHDI_B") ||
		status=1
	echo "part=a path=dahdi-loc n=$n $out" | tee -a "$results"
	dahdi_unconfig
}

# Part b, N: the same audio through TAPI media rings, on the same VM:
# (1) N lines of the tapi bridge (a "dynamic=tapi,bench,N,0" span, fxoks:
# each line a phone taken off hook by a call left at dial tone, so DAHDI
# moves its audio every millisecond), (2) N call ends on the sim card (N/2
# connected pairs).  tapi-mediabench moves 20 ms frames both ways on every
# call end's media fd with one msp loop and prints the same per
# channel-second figures.
card_of()
{
	local f

	for f in /sys/class/tapi/tapi*/name; do
		[ "$(cat "$f")" = "$1" ] && { basename "$(dirname "$f")"; return; }
	done
	return 1
}

bench_part_b()
{
	local n=$1 out card sim=/sys/kernel/config/tapi-sim l

	dahdi_config <<-EOF
	dynamic=tapi,bench,$n,0
	fxoks=1-$n
	EOF
	card=$(card_of DYN/tapi/bench)
	out=$("$MEDIABENCH" --seconds "$seconds" "$card@$n") || status=1
	echo "part=b path=tapi-bridge n=$n $out" | tee -a "$results"
	dahdi_unconfig

	mkdir "$sim/bench"
	for ((l = 0; l < n; l++)); do
		mkdir "$sim/bench/line$l"
		echo $((7000 + l)) >"$sim/bench/line$l/numbers"
	done
	echo 1 >"$sim/bench/live"
	out=$("$MEDIABENCH" --seconds "$seconds" \
		"$(cat "$sim/bench/dev_name"):7000:$((n / 2))") || status=1
	echo "part=b path=tapi-sim n=$n $out" | tee -a "$results"
	echo 0 >"$sim/bench/live"
	rmdir "$sim/bench"/line* "$sim/bench"
}

MEDIABENCH=$top/msp/tapi-mediabench

cleanup()
{
	dahdi_unload || echo "# DAHDI not taken down"
	[ -d /sys/module/tapi_sim ] && rmmod tapi_sim
	[ -d /sys/module/tapi ] && rmmod tapi
}
trap cleanup EXIT

if [[ " $parts " == *" b "* ]]; then
	insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
	insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"
	dahdi_load tapi
else
	dahdi_load
fi
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG; $seconds s a measurement"
echo "a channel-second: one channel's 20 ms frames both ways for a second"
rm -f "$results"
# Part b first: its "fxoks=1-N" needs its span to be DAHDI's first, and
# DAHDI numbers new channels after those of the loc spans part a made.
for part in b a; do
	[[ " $parts " == *" $part "* ]] || continue
	for n in $channels; do
		"bench_part_$part" "$n"
	done
done

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
	printf "%4s %-11s %5s %8s %11s %11s %11s %11s %10s %5s\n", "part",
	       "path", "n", "channels", "cpu us/ch-s", "usr us/ch-s",
	       "sys us/ch-s", "vm us/ch-s", "bytes/ch-s", "bad"
}
{
	printf "%4s %-11s %5s %8s %11s %11s %11s %11s %10s %5s\n",
	       val("part"), val("path"), val("n"), val("channels"),
	       val("cpu_us_per_chan_s"), val("user_us_per_chan_s"),
	       val("sys_us_per_chan_s"), val("machine_us_per_chan_s"),
	       val("rx_bytes_per_chan_s"), val("bad")
}' "$results"
exit $status
