#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-media.sh - what call audio costs, on the sim card in the test VM:
# N connected call pairs (lines of one card call each other by number), an
# MSP (msp/tapi-mediabench, one msp loop in one process) keeping every
# call end's TX ring full and draining its RX ring, for a fixed time, with
# the loop woken by the kernel (wake) and pacing itself with no syscall a
# frame (clock).  For N = 10, 100 and 1000 it prints, per channel-second
# (a channel is one call end: 50 frames a second each way), the MSP's CPU
# time (getrusage), the whole VM's busy CPU time (all but idle, from
# /proc/uptime: with the card's timer that moves the audio), the MSP's
# syscalls, the frames moved and the overruns and underruns of the media
# fds.  A card has at most
# 1,000 lines here (the core takes 1,024), so 1,000 pairs use two cards.
# The VM is emulated (TCG) on a shared host: compare figures of one run.
#
# Usage: scripts/bench-media.sh [SECONDS]      (default 10 a measurement)
#
# Environment: KERNEL/KDIR as for the tests (default: the stock kernel);
# BENCH_PAIRS (default "10 100 1000"), BENCH_MODES (default "wake clock").

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh >/dev/null
make -s -C libtapi
make -s -C msp
eval "$(scripts/kernel-env.sh)"
scripts/build-modules.sh "$KDIR" build/bench >/dev/null
TAPI_KMOD_DIR=$top/build/bench BENCH_SECONDS=${1:-10} \
	BENCH_PAIRS=${BENCH_PAIRS:-10 100 1000} \
	BENCH_MODES=${BENCH_MODES:-wake clock} \
	scripts/vm-run.sh --kernel "$KERNEL" --log build/bench/kernel.log \
	--timeout 3000 --env TAPI_KMOD_DIR --env BENCH_SECONDS \
	--env BENCH_PAIRS --env BENCH_MODES -- scripts/vm-bench-media.sh
