#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-calls.sh - calls per second through the whole stack, on the sim
# card in the test VM: line 0 calls line 1, line 1 answers, both drop, both
# deallocate (tapi_callloop).  The same loop runs with synchronous requests
# and with asynchronous ones (waiting for each reply event, as an
# event-driven application does), alternately, several rounds in one boot,
# and the figures are printed side by side with their ratio: the VM is
# emulated (TCG) and the host shared, so only figures from one run compare.
#
# Usage: scripts/bench-calls.sh [CALLS_PER_ROUND [ROUNDS]]   (defaults 2000 3)
#
# Environment: KERNEL/KDIR as for the tests (default: the stock kernel).

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
	scripts/vm-run.sh --kernel "$KERNEL" --log build/bench/kernel.log \
	--timeout 1800 --env TAPI_KMOD_DIR --env BENCH_CALLS \
	--env BENCH_ROUNDS -- scripts/vm-bench-calls.sh
