#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-init.sh - stage two of the test VM started by scripts/vm-run.sh.
#
# Runs as PID 1 on the host's root (9p, read-only) after stage one has
# mounted /dev, /proc, /sys, /run and /tmp and copied the run description
# to /run/tapi/run.sh (TAPI_CWD, exported --env variables, TAPI_CMD array).
# Not meant to be run by hand.
#
# Output: this script talks on the console (ttyS0, the --log file); the
# command's stdout and stderr go to ttyS1, which is vm-run.sh's stdout.
# The last line it prints is "TAPI-VM-EXIT: <status>", then it powers off.
#
# No "set -e" here: PID 1 must never exit, or the kernel panics. Every
# failure is caught and reported through the exit marker instead.

set -uo pipefail

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp
export TERM=dumb
export LANG=C.UTF-8
umask 022
echo tapi-vm >/proc/sys/kernel/hostname

# The links udev makes on a real system (bash's process substitution
# needs /dev/fd).
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr

KMEMLEAK=/sys/kernel/debug/kmemleak
OUT=/dev/ttyS1

say() { echo "vm-init: $*"; }

power_off()
{
	sync
	# Synchronous: reboot(2) from busybox. sysrq as a fallback.
	/bin/busybox poweroff -f 2>/dev/null
	echo o >/proc/sysrq-trigger
	while :; do sleep 60; done
}

run_command()
{
	local status

	# shellcheck source=/dev/null
	. /run/tapi/run.sh || { say "bad run description"; return 125; }
	cd "$TAPI_CWD" || { say "cannot cd to $TAPI_CWD"; return 125; }
	say "running:$(printf ' %q' "${TAPI_CMD[@]}") in $TAPI_CWD"
	# Raw mode: the command's bytes reach the host unchanged (no CRLF).
	stty -F "$OUT" raw -echo 2>/dev/null
	"${TAPI_CMD[@]}" </dev/null >"$OUT" 2>&1
	status=$?
	say "command exited with $status"
	return "$status"
}

if [ -w "$KMEMLEAK" ]; then
	# Only objects leaked from now on should count.
	echo scan=off >"$KMEMLEAK"
	echo clear >"$KMEMLEAK"
fi

# A kernel that has splatted while booting (the debug kernel under TCG,
# rarely, in early interrupt handling) would judge the command wrongly:
# the first KASAN report turns lockdep off.  Do not run on it.
dmesg >/run/tapi/boot.log 2>/dev/null
if ! "$(dirname "$0")/check-kernel-log.sh" /run/tapi/boot.log >/dev/null; then
	echo "TAPI-VM-BOOT-SPLAT"
	power_off
fi

echo "TAPI-VM-CMD-BEGIN"
run_command
status=$?
echo "TAPI-VM-CMD-END"

if [ -w "$KMEMLEAK" ]; then
	# Two scans: kmemleak reports an object only once it is old enough
	# and was unreferenced in consecutive scans.
	echo scan >"$KMEMLEAK"
	sleep 6
	echo scan >"$KMEMLEAK"
	echo "TAPI-VM-KMEMLEAK-BEGIN"
	cat "$KMEMLEAK"
	echo "TAPI-VM-KMEMLEAK-END"
fi

echo "TAPI-VM-EXIT: $status"
power_off
