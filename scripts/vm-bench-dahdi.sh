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
# Part b: the same audio through TAPI's media rings (see bench_part_b).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../selftests/dahdi_lib.sh
. "$top/selftests/dahdi_lib.sh"
seconds=${BENCH_SECONDS:-10}
channels=${BENCH_CHANNELS:-10 100}
parts=${BENCH_PARTS:-a}
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

# Part b, N: the same measurement through TAPI media rings, for comparison
# with part a on the same VM: N channels each side (a) on the tapi bridge
# (dahdi_dynamic_tapi.ko: "dynamic=tapi,ADDRESS,N,0" spans, their lines'
# calls' media fds), and (b) on the sim card (N connected call pairs, as
# scripts/vm-bench-media.sh makes them), each moved by
# msp/tapi-mediabench (one msp loop over every media fd: see
# scripts/bench-media.sh).  Lines "part=b path=tapi-bridge n=N ..." and
# "part=b path=tapi-sim n=N ...", with the name=value pairs of part a
# where they exist (cpu_us_per_chan_s, machine_us_per_chan_s, ...), go to
# $results; the table below prints them with part a's.
bench_part_b()
{
	echo "# part b (TAPI media rings, tapi bridge and sim card), n=$1: not written yet"
}

cleanup()
{
	dahdi_unload || echo "# DAHDI not taken down"
}
trap cleanup EXIT

dahdi_load
echo "kernel $(uname -r), $(nproc) vCPUs under qemu TCG; $seconds s a measurement"
echo "a channel-second: one channel's 20 ms frames both ways for a second"
rm -f "$results"
for n in $channels; do
	for part in $parts; do
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
