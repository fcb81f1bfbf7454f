#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The MSP commands' options, no device needed: --monitor ID (listen to a
# call another application owns) is offered by the tools that only
# listen, tapi-record and tapi-tonecheck, and not by tapi-play; it is
# refused with the options that would make the call or send into it, and
# with --file; a bad ID is refused.  Each refusal is a usage error (exit
# 2, with a message) before any device is opened: a line on a card that
# does not exist is only reached, and fails (exit 1), when the options
# are right.  TAP output; exit 0 when every case passed.
#
# Usage: tests/test-options.sh [MSP_DIR]

MSP=${1:-.}
PLAY=$MSP/tapi-play
RECORD=$MSP/tapi-record
CHECK=$MSP/tapi-tonecheck
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A line no machine has: reaching it is exit 1.
LINE=kst-no-such-card:0

. "$(dirname "$0")/tap.sh"

# status COMMAND...: its exit status; its stderr in $WORK/err.
status()
{
	"$@" >"$WORK/out" 2>"$WORK/err"
	echo $?
}

# said PATTERN: 1 if stderr of the last command matches PATTERN.
said()
{
	grep -c -- "$1" "$WORK/err"
}

for tool in "$RECORD" "$CHECK"; do
	"$tool" --help >"$WORK/out"
	check "${tool##*/} --help offers --monitor ID" 1 \
		"$(grep -c '^      --monitor ID  ' "$WORK/out")"
done
"$PLAY" --help >"$WORK/out"
check "tapi-play --help does not (a monitor cannot send)" 0 \
	"$(grep -c -- '--monitor' "$WORK/out")"
check "tapi-play --monitor is bad usage" 2 \
	"$(status "$PLAY" --monitor 5 "$LINE" "$WORK/f.wav")"

check "tapi-tonecheck --monitor with --call is bad usage" 2 \
	"$(status "$CHECK" --monitor 5 --call 2002 "$LINE")"
check "... saying why" 1 "$(said '--monitor and --call exclude each other')"
check "tapi-record --monitor with --send-digits is bad usage" 2 \
	"$(status "$RECORD" --monitor 5 --send-digits 1 "$LINE" "$WORK/f.wav")"
check "... saying why" 1 \
	"$(said '--monitor and --send-digits exclude each other')"
check "tapi-tonecheck --monitor with --file is bad usage" 2 \
	"$(status "$CHECK" --monitor 5 --file "$WORK/f.wav")"
check "... saying why" 1 "$(said '--file and --monitor exclude each other')"
check "--monitor 0 is bad usage (call ids start at 1)" 2 \
	"$(status "$CHECK" --monitor 0 "$LINE")"
check "--monitor x is bad usage" 2 "$(status "$CHECK" --monitor x "$LINE")"
check "... saying which" 1 "$(said "invalid argument 'x'")"

check "tapi-tonecheck --monitor ID LINE goes for the line (exit 1)" 1 \
	"$(status "$CHECK" --monitor 5 --seconds 2 "$LINE")"
check "... and says it cannot open it" 1 \
	"$(said "cannot open line kst-no-such-card:0")"
check "tapi-record --monitor takes --gather (a monitor may gather)" 1 \
	"$(status "$RECORD" --monitor 5 --gather 4 "$LINE" "$WORK/f.wav")"

finish
