#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-tests.sh - the whole test suite, from a fresh Debian 12 machine (root).
#
# Usage: scripts/run-tests.sh
#
# Installs what it needs, builds user space (-Werror) and, for each kernel
# lane, the modules (W=1 and sparse, warnings fail the build), boots the
# lane's kernel in qemu and runs every selftest there.  The lanes are the
# stock Debian kernel (what users run) and the debug kernel (KASAN, lockdep,
# UBSAN, kmemleak: what kernel CI runs; built once and cached).  A lane fails
# on any failed test and on any oops, WARN, BUG, KASAN, UBSAN, lockdep or
# kmemleak report in the VM's kernel log.
#
# Environment:
#   TAPI_LANES  lanes to run, default "stock debug"
#   TAPI_TESTS  run only these selftests (names as in selftests/Makefile)
#
# libtapi's and the MSP tools' own unit tests run on the host first, then
# scripts/check-install.sh ("make install" into staging directories) and
# the check that the netlink family's YAML spec matches its uapi header.
#
# Output: TAP from each lane, then "N passed, N failed" over every test case
# of every lane.  Exit status 0 only if everything passed.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
lanes=${TAPI_LANES:-stock debug}
start=$SECONDS

scripts/install-deps.sh

echo "== building user space"
make -s -C libtapi
make -s -C msp
make -s -C selftests

passed=0
failed=0
status=0

# host_check WHAT TAP CMD...: run a check on the host that prints TAP to
# the file TAP, and count its cases; its failing exit status fails the run.
host_check()
{
	local what=$1 tap=$2 rc=0 p f

	shift 2
	echo "== $what"
	"$@" >"$tap" 2>&1 || rc=$?
	read -r p f < <(scripts/tap-count.sh "$tap")
	if [ "$rc" -ne 0 ]; then
		[ "$f" -gt 0 ] || f=1
		status=1
		grep -v '^ok' "$tap" | tail -n 20
	fi
	echo "== $what: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

# User-space unit tests on the host: libtapi and tapictl, then the MSP
# tools (the tone checker on files); "make install" into staging
# directories; the netlink spec against its header.
mkdir -p build
for dir in libtapi msp; do
	host_check "$dir unit tests" "build/$dir-check.tap" make -s -C "$dir" check
done
host_check "make install (staged)" build/install-check.tap \
	scripts/check-install.sh
host_check "netlink spec" build/netlink-spec.tap scripts/check-netlink-spec.py
host_check "syzkaller descriptions" build/syzkaller-check.tap selftests/syzkaller/check.py

for lane in $lanes; do
	echo "== lane $lane"
	case $lane in
	stock)
		eval "$(scripts/kernel-env.sh)"
		;;
	debug)
		mkdir -p build
		scripts/build-debug-kernel.sh | tee build/debug-kernel.out
		eval "$(tail -n 2 build/debug-kernel.out)"
		;;
	*)
		echo "run-tests: unknown lane $lane" >&2
		exit 2
		;;
	esac
	out=$top/build/$lane
	if ! scripts/build-modules.sh "$KDIR" "$out"; then
		failed=$((failed + 1))
		status=1
		continue
	fi
	lane_status=0
	TAPI_KMOD_DIR=$out scripts/vm-run.sh --kernel "$KERNEL" \
		--log "$out/kernel.log" --timeout 2700 \
		--env TAPI_KMOD_DIR -- scripts/vm-selftests.sh ${TAPI_TESTS:-} |
		tee "$out/results.tap" || lane_status=$?
	read -r p f < <(scripts/tap-count.sh "$out/results.tap")
	if [ "$lane_status" -ne 0 ] && [ "$f" -eq 0 ]; then
		# The VM, module unload or kernel log check failed.
		f=1
	fi
	echo "== lane $lane: $p passed, $f failed (exit $lane_status, kernel log $out/kernel.log)"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$lane_status" -eq 0 ] || status=1
done

echo "== lanes: $lanes; wall time $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
