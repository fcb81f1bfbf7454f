#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-selftests.sh - run inside the test VM: load the modules built for this
# kernel, run the selftests, unload the modules.
#
# Usage: TAPI_KMOD_DIR=DIR scripts/vm-selftests.sh [TEST...]
#
# DIR holds kmod/tapi.ko and tsp/sim/tapi_sim.ko built for the running
# kernel.  TESTs restrict the run to those selftests (names as in
# selftests/Makefile).  Prints TAP; the exit status is 0 only if the modules
# loaded, every test passed or skipped, and both modules unloaded again
# (a module that cannot be unloaded at the end has leaked a reference).

set -u

top=$(cd "$(dirname "$0")/.." && pwd)
: "${TAPI_KMOD_DIR:?TAPI_KMOD_DIR must name the module build directory}"
export TAPI_KMOD_DIR

fail=0
insmod "$TAPI_KMOD_DIR/kmod/tapi.ko" || exit 1
insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko" || exit 1

TAPI_TESTS="$*" "$top/selftests/run_tests.sh" || fail=1

# Remove any sim card a failed test left behind, then the modules.
for card in /sys/kernel/config/tapi-sim/*/; do
	[ -d "$card" ] || continue
	echo 0 > "$card/live" 2>/dev/null
	rmdir "$card"/line* "$card" 2>/dev/null
	echo "# leftover sim card removed: $card"
done
if ! rmmod tapi_sim || ! rmmod tapi; then
	echo "# could not unload the modules at the end of the run"
	fail=1
fi
exit $fail
