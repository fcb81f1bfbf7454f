#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tapictl on real cards: what "tapictl list" and "tapictl caps" print, in
# text and in JSON, must be what the sim card was configured with and what
# sysfs says; lookups by tapiN, /dev/tapiN and card name agree; a missing
# card or line is an error (exit 1) with a message, bad usage exit 2; a
# card taken down disappears from the list.

. "$(dirname "$0")/lib.sh"
require_sim

TAPICTL=${TAPICTL:-$DIR/../libtapi/tapictl}
[ -x "$TAPICTL" ] || skip_all "no $TAPICTL (make -C libtapi)"
command -v python3 >/dev/null || skip_all "no python3 to read JSON"

card=$(card_name ctl)
C=$SIM/$card
OUT=$(mktemp)
ERR=$(mktemp)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; card_remove "$card"; rm -rf "$OUT" "$ERR" "$WORK"' EXIT

# run EXPECTED_STATUS ARGS...: tapictl's status, stdout in $OUT.
run()
{
	local want=$1 got

	shift
	"$TAPICTL" "$@" >"$OUT" 2>"$ERR"
	got=$?
	check "tapictl $* exits $want" "$want" "$got"
}

# json EXPR WHAT: evaluate a Python expression over d = the JSON in $OUT.
json()
{
	local got

	got=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$OUT" "$1" 2>&1)
	check "$2" "$3" "$got"
}

mkdir "$C" "$C/line0" "$C/line1" "$C/line2" ||
	{ fail "making card $card"; finish; }
echo "reception" >"$C/line0/name"
echo "5100 5101" >"$C/line0/numbers"
echo 5200 >"$C/line1/numbers"
echo 0x18 >"$C/line1/media_modes"	# datamodem | g3fax
echo 2 >"$C/line1/max_calls"
echo 5300 >"$C/line2/numbers"
echo 1 >"$C/live"
dev=$(rd "$C/dev_name")
check_ne "card is live" none "$dev"
idx=${dev#tapi}

# --- list ------------------------------------------------------------------
run 0 list
if grep -q "^$dev: $card (driver tapi_sim, 3 lines)" "$OUT"; then
	ok "list names the card, driver and line count"
else
	fail "list names the card, driver and line count" "$(head -n 3 "$OUT")"
fi
if grep -qE "^  1 +line1 +5200 +datamodem\|g3fax " "$OUT"; then
	ok "list shows line 1 as configured"
else
	fail "list shows line 1 as configured" "$(grep -A3 "^$dev:" "$OUT")"
fi

run 0 list --json
sel="[c for c in d['cards'] if c['index'] == $idx][0]"
json "$sel['name']" "json: card name" "$card"
json "$sel['path']" "json: card path" "/dev/$dev"
json "$sel['driver']" "json: driver" tapi_sim
json "$sel['num_lines']" "json: num_lines" 3
json "len($sel['lines'])" "json: one entry per line" 3
json "$sel['lines'][0]['name']" "json: line 0 name" reception
json "[a['address'] for a in $sel['lines'][0]['addresses']]" \
	"json: line 0 addresses" "['5100', '5101']"
json "$sel['lines'][1]['media_modes']" "json: line 1 media modes" \
	"['datamodem', 'g3fax']"
json "$sel['lines'][1]['max_active_calls']" "json: line 1 max calls" 2
json "len(d['cards']) == len([n for n in __import__('os').listdir('/sys/class/tapi')])" \
	"json: every card in sysfs is listed" True

# --- caps, three ways to name the card -------------------------------------
for name in "$dev" "/dev/$dev" "$card"; do
	run 0 caps "$name:0" --json
	json "d['card']['index']" "caps $name:0 finds the card" "$idx"
	json "d['line']['name']" "caps $name:0: line name" reception
done
json "d['line']['media_modes']" "caps: default media modes" \
	"['unknown', 'interactivevoice', 'automatedvoice']"
json "d['line']['max_active_calls']" "caps: max calls as in sysfs" \
	"$(rd "/sys/class/tapi/$dev/line0/max_active_calls")"
json "d['line']['permanent_line_id']" "caps: permanent id as in sysfs" \
	"$(rd "/sys/class/tapi/$dev/line0/permanent_line_id")"
run 0 caps "$dev:1"
if grep -qE "^  media modes +datamodem\|g3fax$" "$OUT"; then
	ok "caps text shows line 1's media modes"
else
	fail "caps text shows line 1's media modes" "$(grep media "$OUT")"
fi

# --- errors ----------------------------------------------------------------
run 1 caps "$dev:3"
check_ne "missing line: a message" "" "$(cat "$ERR")"
run 1 caps "kst-no-such-card:0"
check_ne "missing card: a message" "" "$(cat "$ERR")"
run 2 caps "$dev"
run 2 list --bogus

# --- calls --------------------------------------------------------------------
# jsonl FILE EXPR WHAT EXPECTED: EXPR over the list r of JSON lines in FILE.
jsonl()
{
	local got

	got=$(python3 -c 'import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(eval(sys.argv[2]))' "$1" "$2" 2>&1)
	check "$3" "$4" "$got"
}

# Line 2 answers whatever comes; line 0 calls it and hangs up after 1 s.
"$TAPICTL" answer "$card:2" --wait 20 --json >"$WORK/answer" 2>&1 &
ans=$!
wait_opens 2 1
check "answer: waits with line 2 open" 0 $?
"$TAPICTL" call "$card:0" 5300 --hangup-after 1 --json >"$WORK/call" 2>&1
check "call 5300 exits 0 once the call is over" 0 $?
wait "$ans"
check "answer exits 0 once the call is over" 0 $?
jsonl "$WORK/call" "r[0]['type'], r[0]['request'], r[0]['result']" \
	"call: the make-call reply comes first, ok" "('reply', 'makecall', 0)"
jsonl "$WORK/call" "[e.get('state') for e in r if e['type'] == 'callstate'][-3:]" \
	"call: connected, then dropped to idle" "['ringback', 'connected', 'idle']"
jsonl "$WORK/call" "len(set(e['call_id'] for e in r if 'call_id' in e))" \
	"call: one call id throughout" 1
jsonl "$WORK/answer" "[e.get('state') for e in r if e['type'] == 'callstate']" \
	"answer: offered, connected, disconnected by the far end, idle" \
	"['offering', 'connected', 'disconnected', 'idle']"
jsonl "$WORK/answer" "[e.get('mode') for e in r if e.get('state') == 'disconnected']" \
	"answer: the far end hung up normally" "['normal']"
check "no call left on the card" "" "$(cat "$C/calls")"

# An inbound call, answered by one tapictl, watched by another, listed,
# and dropped by call id from a third.
"$TAPICTL" monitor "$card:0" --count 2 --json >"$WORK/monitor" 2>&1 &
mon=$!
"$TAPICTL" answer "$card:0" --wait 20 --json >"$WORK/answer0" 2>&1 &
ans=$!
wait_opens 0 2
check "monitor and answer wait with line 0 open" 0 $?
echo "offer 5551212 name=Bob" >"$C/line0/network"
for ((i = 0; i < 200; i++)); do
	grep -q "line=0 state=0x100 " "$C/calls" && break
	sleep 0.05
done
id=$(sed -n 's/^\([0-9]*\) line=0 .*/\1/p' "$C/calls")
check_ne "the offered call is on the card, answered" "" "$id"
run 0 calls "$card:0" --json
json "[c['call_id'] for c in d['calls']]" "calls: lists the call by id" "[$id]"
json "d['calls'][0]['state']" "calls: it is connected" connected
json "d['calls'][0]['caller']['number'], d['calls'][0]['caller']['name']" \
	"calls: the caller" "('5551212', 'Bob')"
wait "$mon"
check "monitor --count 2 exits 0" 0 $?
jsonl "$WORK/monitor" "[(e['type'], e.get('call_id'), e.get('state')) for e in r]" \
	"monitor: a new call, then its state" \
	"[('newcall', $id, None), ('callstate', $id, 'offering')]"
run 0 drop "$card:0" "$id"
wait "$ans"
check "answer exits 0 once the call was dropped" 0 $?
check "drop: the call is gone from the card" "" "$(cat "$C/calls")"
run 1 drop "$card:0" "$id"
check_ne "drop of a call that is gone: a message" "" "$(cat "$ERR")"
run 2 call "$card:0"
run 2 drop "$card:0" notanumber

# --- a card taken down ------------------------------------------------------
echo 0 >"$C/live"
run 1 caps "$card:0"
run 0 list --json
json "[c for c in d['cards'] if c['name'] == '$card']" \
	"json: a dead card is not listed" "[]"

finish
