#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-kernel-log.sh - fail on any kernel splat in a kernel log.
#
# Usage: scripts/check-kernel-log.sh [--allow ERE]... LOGFILE
#
# Looks for oopses, BUG/WARNING splats, KASAN/UBSAN reports, lockdep and
# RCU complaints, kmemleak leaks, list and refcount corruption, hung tasks,
# RCU stalls, panics and stray call traces. Each hit is printed with a few
# lines of context. Carriage returns (serial consoles) are ignored.
#
# --allow ERE drops log lines matching the extended regex before checking.
# It is for a test that provokes a splat on purpose; never use it to hide
# boot noise (narrow the pattern below instead, with a comment why).
#
# Exit status: 0 clean, 1 splat found, 2 usage error or unreadable log.

set -euo pipefail

# One extended regex per line; a line of the log matching any of them is a
# hit. Stock Debian 6.1 and the debug kernel boot with zero hits.
PATTERNS=(
	'\bOops\b'
	'general protection fault'
	'BUG:'
	'kernel BUG'
	'BUG [^ ]+ \((Not t|T)ainted'	# SLUB object corruption
	'WARNING:'
	'KASAN'
	'UBSAN'
	'possible circular locking'
	'inconsistent lock state'
	'possible recursive locking'
	'suspicious RCU usage'
	'detected stalls? on CPU'
	'unreferenced object'
	'new suspected memory leaks'
	'Call Trace:'
	'hung_task'
	'blocked for more than'
	'list_add corruption'
	'list_del corruption'
	'refcount_t:'
	'ODEBUG:'
	'Kernel panic'
)

usage()
{
	sed -n 's/^# Usage: //p' "$0" >&2
	exit 2
}

allow=()
while [ $# -gt 0 ]; do
	case "$1" in
	--allow) [ $# -ge 2 ] || usage; allow+=(-e "$2"); shift ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
log=$1
[ -r "$log" ] || { echo "check-kernel-log: cannot read $log" >&2; exit 2; }

pat=()
for p in "${PATTERNS[@]}"; do
	pat+=(-e "$p")
done

clean=$(mktemp)
trap 'rm -f "$clean"' EXIT
if [ ${#allow[@]} -gt 0 ]; then
	tr -d '\r' <"$log" | { grep -Ev "${allow[@]}" || true; } >"$clean"
else
	tr -d '\r' <"$log" >"$clean"
fi

hits=$(grep -cE "${pat[@]}" "$clean" || true)
if [ "$hits" -eq 0 ]; then
	exit 0
fi

echo "check-kernel-log: $hits suspicious line(s) in $log:"
grep -nE -B 3 -A 12 "${pat[@]}" "$clean" | head -n 300
exit 1
