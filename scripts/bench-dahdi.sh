#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-dahdi.sh - what call audio costs through DAHDI, in the test VM:
# for N channels a side (default 10 and 100), the CPU time per
# channel-second (a channel's 20 ms frames both ways for a second) of
# moving audio (part a) through DAHDI's per-channel read()/write() on two
# looped dahdi_dynamic_loc spans, one process polling all 2 N channels;
# (part b, to come) through TAPI's media rings on the tapi bridge and on
# the sim card.  It prints the process's CPU time (getrusage: user and
# system) and the whole VM's busy time (/proc/uptime: DAHDI's timer work
# included) per channel-second.  The VM is emulated (TCG) on a shared
# host: compare figures of one run.
#
# Usage: scripts/bench-dahdi.sh [SECONDS]      (default 10 a measurement)
#
# Environment: KERNEL/KDIR as for the tests (default: the stock kernel);
# BENCH_CHANNELS (default "10 100"), BENCH_PARTS (default "a b"; "a" for
# DAHDI alone; scripts/vm-bench-dahdi.sh says what each part measures).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh >/dev/null
make -s -C libtapi
make -s -C msp
make -s -C selftests
eval "$(scripts/kernel-env.sh)"
scripts/build-modules.sh "$KDIR" build/bench-dahdi >/dev/null
TAPI_KMOD_DIR=$top/build/bench-dahdi BENCH_SECONDS=${1:-10} \
	BENCH_CHANNELS=${BENCH_CHANNELS:-10 100} \
	BENCH_PARTS=${BENCH_PARTS:-a b} \
	scripts/vm-run.sh --kernel "$KERNEL" \
	--log build/bench-dahdi/kernel.log --timeout 1800 \
	--env TAPI_KMOD_DIR --env BENCH_SECONDS --env BENCH_CHANNELS \
	--env BENCH_PARTS -- scripts/vm-bench-dahdi.sh
