#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh - run the tapi selftests, TAP 13 on stdout, the way the
# kernel's kselftest runner does: each test's output indented with "# ",
# then "ok N selftests: tapi: NAME" (or "not ok", "# SKIP", "# TIMEOUT").
#
# Usage: [TAPI_KMOD_DIR=DIR] selftests/run_tests.sh [TEST...]
#        selftests/run_tests.sh --list
#
# TESTs default to $TAPI_TESTS, else every test in the order below
# (--list prints them).  A TEST named PROG@uring runs PROG with
# TAPI_TRANSPORT=uring: its commands go through io_uring instead of ioctl
# (selftests/transport.h).  The per-test timeout comes from the "settings"
# file, four times that on a kernel with kmemleak.  As root with
# TAPI_KMOD_DIR set, modules not yet loaded are loaded first (tapi.ko,
# then tapi_sim.ko) and unloaded at the end.  A test also fails when the
# kernel log gains a splat while it runs, or when it leaves a sim card
# behind.
# Exit status: 0 when no test failed, 1 otherwise.

set -u

here=$(cd "$(dirname "$0")" && pwd)
out=${OUTPUT:-$here}
ALL="abi_test card_test line_test removal_test libtapi_test call_test call_errors_test call_async_test uring_test libtapi_ring_test media_test mctl_test libtapi_media_test g711_test supp_test card_test@uring line_test@uring removal_test@uring call_test@uring call_errors_test@uring call_async_test@uring mctl_test@uring supp_test@uring services_test services_test@uring netlink_test privilege_test misbehave_test sim_configfs.sh tapictl.sh modules.sh leak.sh call_leak.sh msp_test.sh uevent_test sysfs_abi.sh udev_rules.sh trace_test.sh dahdi_loc_test.sh dahdi_bridge.sh fuzz_abi fault_test fault_test@uring stress_test load_test"
if [ "${1:-}" = --list ]; then
	echo "$ALL"
	exit 0
fi
tests=${*:-${TAPI_TESTS:-$ALL}}
SIM=/sys/kernel/config/tapi-sim
SPLAT='Oops|general protection fault|BUG:|kernel BUG|WARNING:|KASAN|UBSAN|possible circular locking|inconsistent lock state|possible recursive locking|suspicious RCU usage|unreferenced object|Call Trace:|blocked for more than|list_(add|del) corruption|refcount_t:|ODEBUG:'

timeout=45
if [ -r "$here/settings" ]; then
	t=$(sed -n 's/^timeout=\([0-9]\+\)$/\1/p' "$here/settings")
	timeout=${t:-$timeout}
fi
# A kernel with kmemleak (and so KASAN and lockdep: the debug lane) runs
# the tests five to ten times slower under emulation, slower still while
# another VM shares the host's cores.
if [ -e /sys/kernel/debug/kmemleak ]; then
	timeout=$((timeout * 4))
fi

root=0
[ "$(id -u)" -eq 0 ] && root=1

# Load what is missing, remember to unload it.
loaded_here=()
load()
{
	[ -d "/sys/module/$1" ] && return 0
	[ $root = 1 ] && [ -n "${TAPI_KMOD_DIR:-}" ] && [ -r "$2" ] || return 0
	if insmod "$2"; then
		loaded_here=("$1" "${loaded_here[@]}")
	else
		echo "# could not load $2"
	fi
}
load tapi "${TAPI_KMOD_DIR:-}/kmod/tapi.ko"
load tapi_sim "${TAPI_KMOD_DIR:-}/tsp/sim/tapi_sim.ko"
if [ $root = 1 ] && [ -d /sys/kernel/config ] &&
   ! mountpoint -q /sys/kernel/config; then
	mount -t configfs configfs /sys/kernel/config 2>/dev/null
fi

klog_lines()
{
	[ $root = 1 ] && dmesg 2>/dev/null | wc -l || echo 0
}

# Remove the sim cards a test left behind; print their names.
leftovers()
{
	local c

	for c in "$SIM"/kst*; do
		[ -d "$c" ] || continue
		echo 0 >"$c/live" 2>/dev/null
		rmdir "$c"/line* "$c" 2>/dev/null
		echo "${c##*/}"
	done
}

set -- $tests
echo "TAP version 13"
echo "1..$#"
n=0
pass=0
fail=0
skip=0
for t in "$@"; do
	n=$((n + 1))
	echo "# selftests: tapi: $t"
	name=${t%@uring}
	transport=ioctl
	[ "$name" = "$t" ] || transport=uring
	if [ ! -x "$out/$name" ] && [ ! -x "$here/$name" ]; then
		echo "not ok $n selftests: tapi: $t # missing (make -C selftests)"
		fail=$((fail + 1))
		continue
	fi
	prog=$out/$name
	[ -x "$prog" ] || prog=$here/$name
	k0=$(klog_lines)
	t0=$SECONDS
	(cd "$(dirname "$prog")" && OUTPUT=$out TAPI_TRANSPORT=$transport \
		timeout -k 10 "$timeout" "$prog" 2>&1) |
		sed 's/^/# /'
	rc=${PIPESTATUS[0]}
	echo "# $t took $((SECONDS - t0)) s"
	reason=
	if [ $root = 1 ]; then
		splat=$(dmesg 2>/dev/null | tail -n +$((k0 + 1)) | grep -E "$SPLAT")
		if [ -n "$splat" ]; then
			echo "$splat" | head -n 20 | sed 's/^/# kernel log: /'
			reason="kernel log splat"
		fi
	fi
	left=$(leftovers)
	if [ -n "$left" ]; then
		echo "# left behind: $left"
		reason=${reason:-"left sim cards behind"}
	fi
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "not ok $n selftests: tapi: $t # TIMEOUT $timeout seconds"
		fail=$((fail + 1))
	elif [ -n "$reason" ]; then
		echo "not ok $n selftests: tapi: $t # $reason (exit=$rc)"
		fail=$((fail + 1))
	elif [ $rc -eq 0 ]; then
		echo "ok $n selftests: tapi: $t"
		pass=$((pass + 1))
	elif [ $rc -eq 4 ]; then
		echo "ok $n selftests: tapi: $t # SKIP"
		skip=$((skip + 1))
	else
		echo "not ok $n selftests: tapi: $t # exit=$rc"
		fail=$((fail + 1))
	fi
done

for m in "${loaded_here[@]}"; do
	rmmod "$m" || { echo "# could not unload $m"; fail=$((fail + 1)); }
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ $fail -eq 0 ]
