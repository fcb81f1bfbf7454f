#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DAHDI on dahdi_dynamic_loc looped spans, driven by dahdi_pbx the way a
# PBX drives DAHDI: span A (channels 1-4, fxoks: the exchange side) looped
# to span B (channels 5-8, fxsks: the phone side).  The device nodes; a
# call from A: ringing seen on B, B's answer seen on A, the byte ramp
# (every mu-law code) both ways for 3 s, bit-exact, DTMF dialled on each
# side and detected on the other, B's hang-up seen on A; a second call on
# the same channels, hung up by A.  DAHDI's modules come from
# $TAPI_KMOD_DIR/dahdi (scripts/build-modules.sh) and are unloaded at the
# end.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dahdi_lib.sh"

why=$(dahdi_missing)
[ -z "$why" ] || skip_all "$why"

tmp=$(mktemp -d)
pids=()

cleanup()
{
	local p

	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	dahdi_unload || echo "# DAHDI not taken down"
	rm -rf "$tmp"
}
trap cleanup EXIT

# Bytes of ramp each way: 3 s, every byte value 93 times.
RAMP=24000
DIGITS_A='1234567890*#'
DIGITS_B='ABCD'

# steps NAME FILE: one case per step line "STEP: RESULT" of dahdi_pbx run.
steps()
{
	local line

	while IFS= read -r line; do
		case "$line" in
		*": FAIL"*) fail "$1 ${line%%: FAIL*}" "${line#*: FAIL }" ;;
		*:*) ok "$1 $line" ;;
		*) echo "# $1: $line" ;;
		esac
	done <"$2"
}

dahdi_load || { fail "load DAHDI's modules"; finish; }
ok "load dahdi (auto_assign_spans=1), dahdi_dynamic, dahdi_dynamic_loc"
check "control nodes from devtmpfs" "ctl channel pseudo timer" \
	"$(for n in ctl channel pseudo timer; do
		[ -c /dev/dahdi/$n ] && echo $n; done | paste -sd' ')"

dahdi_loc_pair 4 || { fail "dahdi_cfg: two looped loc spans"; finish; }
ok "dahdi_cfg: two looped loc spans, fxoks and fxsks"
check "two spans" 2 "$(dahdi_spans)"
check "span names" "DYN/loc/1:0 DYN/loc/1:1" \
	"$(sed -n 's/^Span [0-9]*: \([^ ]*\) .*/\1/p' /proc/dahdi/* | paste -sd' ')"
check "a node a channel" 8 "$(find /dev/dahdi/chan -type c | wc -l)"
check "node of span 2 channel 4" yes \
	"$([ -c /dev/dahdi/chan/002/004 ] && echo yes)"
check "channel $DAHDI_A: FXOKS, far end on hook" "sig=0x1020 offhook=0" \
	"$("$DAHDI_PBX" params "$DAHDI_A")"
check "channel $DAHDI_B: FXSKS, far end on hook" "sig=0x2004 offhook=0" \
	"$("$DAHDI_PBX" params "$DAHDI_B")"

# Call 1.  B waits for a ring burst to end (RINGOFFHOOK, on an FXS
# channel: the ring is over), answers; A sees the answer and goes off hook
# itself, which stops the ring cadence (what chan_dahdi does: DAHDI keeps
# ringing until then).  Both move the ramp; A dials, B listens, then the
# other way (B waits: A reads only once its own dial string is done); B
# hangs up, A sees it 1.25 s later.
"$DAHDI_PBX" run "$DAHDI_B" numbufs=32 expect=RINGBEGIN,15000 \
	expect=RINGOFFHOOK,10000 off "ramp=$RAMP" \
	"detect=$DIGITS_A,10000" sleep=500 "dial=$DIGITS_B" on \
	>"$tmp/b1" 2>&1 &
pids+=($!)
sleep 0.5
t0=$SECONDS
"$DAHDI_PBX" run "$DAHDI_A" numbufs=32 ring expect=RINGOFFHOOK,15000 off \
	offhook=1 "ramp=$RAMP" "dial=$DIGITS_A" "detect=$DIGITS_B,10000" \
	expect=ONHOOK,10000 offhook=0 >"$tmp/a1" 2>&1
rc_a=$?
wait "${pids[0]}"
rc_b=$?
pids=()
echo "# call 1 took $((SECONDS - t0)) s"
steps "call 1 A:" "$tmp/a1"
steps "call 1 B:" "$tmp/b1"
check "call 1: A's steps" 0 "$rc_a"
check "call 1: B's steps" 0 "$rc_b"

# Call 2 on the same channels, A hangs up.  An fxsks channel ignores
# ringing for 2 s after its own hang-up, and the far end's hang-up for
# 600 ms after its own off-hook (debounce): A waits both out.  A's hang-up
# is a 500 ms kewl pulse (HOOKCOMPLETE on A when it is over); B sees
# ONHOOK as it begins and the line idle (rxisoffhook 0) after it.
"$DAHDI_PBX" run "$DAHDI_B" expect=RINGBEGIN,15000 expect=RINGOFFHOOK,10000 \
	off expect=ONHOOK,10000 sleep=1000 offhook=0 >"$tmp/b2" 2>&1 &
pids+=($!)
"$DAHDI_PBX" run "$DAHDI_A" sleep=2500 ring expect=RINGOFFHOOK,15000 off \
	sleep=1500 on expect=HOOKCOMPLETE,3000 quiet=500 >"$tmp/a2" 2>&1
rc_a=$?
wait "${pids[0]}"
rc_b=$?
pids=()
steps "call 2 A:" "$tmp/a2"
steps "call 2 B:" "$tmp/b2"
check "call 2: A's steps" 0 "$rc_a"
check "call 2: B's steps" 0 "$rc_b"

dahdi_unload
check "spans destroyed, modules unloaded" "0 0 0" \
	"$(dahdi_spans) $(loaded dahdi_dynamic_loc) $(loaded dahdi)"
finish
