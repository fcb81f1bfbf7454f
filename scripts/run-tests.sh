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
# The lanes' kernels and modules are built first, one after the other; then
# the VMs run, TAPI_JOBS of them side by side: one per lane, except that
# the debug lane's tests, five to ten times slower there, are split over
# two VMs (debug_groups below), and four tests of user-space workflows
# (debug_skip) run on the stock kernel only.  Each VM's kernel log and TAP
# output are kept in build/<job>/ (stock, debug-1, ...), and printed as
# it ends.
#
# Environment:
#   TAPI_LANES  lanes to run, default "stock debug"
#   TAPI_TESTS  run only these selftests (names as in selftests/Makefile),
#               one VM per lane
#   FUZZ_SEED   the seed fuzz_abi uses on every lane; by default one is
#               drawn for the run and printed, so a run's fuzzing reruns
#               with FUZZ_SEED=that
#   TAPI_JOBS   VMs run side by side, default one per two CPUs (each VM
#               has two; two VMs on two CPUs ran each test 1.9 to 2.3
#               times slower than one VM alone, a loss)
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

# Each lane: its kernel and its modules, built one after the other.
declare -A lane_kernel=() lane_ok=()
for lane in $lanes; do
	echo "== lane $lane: kernel and modules"
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
	lane_kernel[$lane]=$KERNEL
	lane_ok[$lane]=1
	if ! scripts/build-modules.sh "$KDIR" "$top/build/$lane"; then
		lane_ok[$lane]=0
		failed=$((failed + 1))
		status=1
	fi
done

# The VM jobs: a lane's tests in one VM, or the debug lane's split over
# several VMs (it runs the tests five to ten times slower), at most
# TAPI_JOBS VMs side by side.  A group lists tests that share a VM; the
# last VM of the debug lane takes every test no group names, so a new
# test runs there until it is given a place.  The groups are balanced by
# the tests' times on the debug kernel (seconds, one VM alone on a 2-core
# host): leak.sh 290 (its 20 cycles there), fuzz_abi 210 (its budget,
# 180, and its checks), stress_test 145 (its budget, 60, 20 setting up,
# 45 for a kmemleak scan), load_test 150 (scaled down there), fault_test
# 70, abi_test 220, sim_configfs.sh 215, call_leak.sh 170, dahdi_bridge.sh
# 150, trace_test.sh 150, udev_rules.sh 110, the small C tests 10-25 each.
#
# debug_skip: tests the debug lane leaves to the stock lane, to keep the
# whole run well inside CI's time.  tapictl.sh (530 s there) and
# msp_test.sh (345 s) are workflows of user-space tools; the kernel paths
# they take (ioctls, netlink, media rings, conferences) are the C tests'
# too, and those run on the debug kernel.  udev_rules.sh (110 s) tests the
# rules file under systemd-udevd (the uevents themselves are uevent_test's,
# which runs there), and dahdi_loc_test.sh (90 s) DAHDI's own loc driver
# with our user-space PBX client: no tapi kernel code.  TAPI_TESTS still
# runs them there.
debug_groups=(
	"leak.sh call_leak.sh sim_configfs.sh modules.sh uevent_test sysfs_abi.sh fuzz_abi stress_test"
)
debug_skip="tapictl.sh msp_test.sh udev_rules.sh dahdi_loc_test.sh"
all_tests=$(selftests/run_tests.sh --list)
jobs=()
declare -A job_lane=() job_tests=()
add_job()
{
	jobs+=("$1")
	job_lane[$1]=$2
	job_tests[$1]=$3
}
# The debug lane's jobs, the longest, go first.
for lane in $(printf '%s\n' $lanes | sort); do
	[ "${lane_ok[$lane]}" = 1 ] || continue
	if [ "$lane" != debug ] || [ -n "${TAPI_TESTS:-}" ]; then
		add_job "$lane" "$lane" "${TAPI_TESTS:-$all_tests}"
		continue
	fi
	rest=" $all_tests "
	i=1
	for t in $debug_skip; do
		rest=${rest/ $t / }
	done
	for group in "${debug_groups[@]}"; do
		add_job "debug-$i" debug "$group"
		for t in $group; do
			rest=${rest/ $t / }
		done
		i=$((i + 1))
	done
	add_job "debug-$i" debug "$(echo $rest)"
done

# run_job NAME: boot the job's VM, its TAP in build/NAME/results.tap,
# the VM's exit status in build/NAME/status.
run_job()
{
	local job=$1 lane=${job_lane[$1]} out=$top/build/$1 rc=0

	mkdir -p "$out"
	TAPI_KMOD_DIR=$top/build/$lane scripts/vm-run.sh \
		--kernel "${lane_kernel[$lane]}" --log "$out/kernel.log" \
		--timeout 2700 --env TAPI_KMOD_DIR --env FUZZ_SEED -- \
		scripts/vm-selftests.sh ${job_tests[$job]} \
		>"$out/results.tap" 2>"$out/vm-run.err" || rc=$?
	echo "$rc" >"$out/status"
}

# report_job NAME: print the job's TAP and count it.
report_job()
{
	local job=$1 out=$top/build/$1 rc p f

	rc=$(cat "$out/status")
	echo "== job $job (lane ${job_lane[$job]}): ${job_tests[$job]}"
	cat "$out/results.tap" "$out/vm-run.err"
	read -r p f < <(scripts/tap-count.sh "$out/results.tap")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# The VM, module unload or kernel log check failed.
		f=1
	fi
	echo "== job $job: $p passed, $f failed (exit $rc, kernel log $out/kernel.log, $((SECONDS - job_start[$job])) s)"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" -eq 0 ] || status=1
}

# One fuzzing seed for the run, every lane's (fuzz_abi prints it too).
FUZZ_SEED=${FUZZ_SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
export FUZZ_SEED
echo "== fuzz_abi seed $FUZZ_SEED (rerun: FUZZ_SEED=$FUZZ_SEED $0)"

max_jobs=${TAPI_JOBS:-$(($(nproc) / 2))}
[ "$max_jobs" -ge 1 ] || max_jobs=1
declare -A pid_job=() job_start=()
next=0
while [ "$next" -lt "${#jobs[@]}" ] || [ "${#pid_job[@]}" -gt 0 ]; do
	if [ "$next" -lt "${#jobs[@]}" ] && [ "${#pid_job[@]}" -lt "$max_jobs" ]; then
		job=${jobs[$next]}
		next=$((next + 1))
		echo "== job $job started: ${job_tests[$job]}"
		job_start[$job]=$SECONDS
		run_job "$job" &
		pid_job[$!]=$job
		continue
	fi
	pid=
	wait -n -p pid || true
	[ -n "$pid" ] || continue
	job=${pid_job[$pid]}
	unset "pid_job[$pid]"
	report_job "$job"
done

echo "== lanes: $lanes; wall time $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
