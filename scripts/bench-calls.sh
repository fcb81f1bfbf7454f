#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-calls.sh - calls per second through the whole stack, on the sim
# card in the test VM: a line calls another, which answers, both drop, both
# deallocate.  Four ways, alternately, several rounds in one boot:
# synchronous ioctls and read() of events, one call at a time
# (tapi_callloop sync); asynchronous ioctls waiting for each reply event
# (tapi_callloop async); io_uring alone, replies as CQEs and events from
# READ_EVENTS commands, with one pair of lines and with BENCH_PAIRS pairs
# in flight, everything ready submitted in one io_uring_enter
# (tapi_ringloop).  All four run on a card that replies at once and on one
# that replies 1 ms late, as hardware does (a tenth of the calls there);
# the cost of one bare syscall into a line fd is timed too.  The figures
# are printed side by side with their ratios to the synchronous loop and
# their syscalls per call: the VM is emulated (TCG) and the host shared,
# so only figures from one run compare.
#
# Usage: scripts/bench-calls.sh [CALLS_PER_ROUND [ROUNDS]]   (defaults 2000 3)
#
# Environment: KERNEL/KDIR as for the tests (default: the stock kernel);
# BENCH_PAIRS, the pairs of lines of the io_uring loop (default 8).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
calls=${1:-2000}
rounds=${2:-3}

scripts/install-deps.sh >/dev/null
make -s -C libtapi
make -s -C selftests
eval "$(scripts/kernel-env.sh)"
scripts/build-modules.sh "$KDIR" build/bench >/dev/null
TAPI_KMOD_DIR=$top/build/bench BENCH_CALLS=$calls BENCH_ROUNDS=$rounds \
	BENCH_PAIRS=${BENCH_PAIRS:-8} \
	scripts/vm-run.sh --kernel "$KERNEL" --log build/bench/kernel.log \
	--timeout 1800 --env TAPI_KMOD_DIR --env BENCH_CALLS \
	--env BENCH_ROUNDS --env BENCH_PAIRS -- scripts/vm-bench-calls.sh
