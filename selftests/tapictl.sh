#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tapictl on real cards: what "tapictl list" and "tapictl caps" print, in
# text and in JSON, must be what the sim card was configured with and what
# sysfs says; lookups by tapiN, /dev/tapiN and card name agree; a missing
# card or line is an error (exit 1) with a message, bad usage exit 2; a
# card taken down disappears from the list.
#
# hold, unhold, transfer (--to, --consult, --consult --conference) and
# conference (add numbers, show, --remove) on a call of the sim card's
# switch that another tapictl owns: what each does to the calls, as the
# card and tapictl calls show them, and the refusals a user meets: the
# wrong state, an unknown call id, a busy or unknown number, a full
# conference.  park (where the switch picks, and --at) and unpark, pickup
# (by number, by pickup group, the line's own group), forward (shown,
# followed by a call, cancelled) and swap the same way.

. "$(dirname "$0")/lib.sh"
require_sim

TAPICTL=${TAPICTL:-$DIR/../libtapi/tapictl}
[ -x "$TAPICTL" ] || skip_all "no $TAPICTL (make -C libtapi)"
command -v python3 >/dev/null || skip_all "no python3 to read JSON"

card=$(card_name ctl)
C=$SIM/$card
# The card of hold, transfer and conference.
S=$(card_name supp)
SC=$SIM/$S
OUT=$(mktemp)
ERR=$(mktemp)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; card_remove "$card"; card_remove "$S"; rm -rf "$OUT" "$ERR" "$WORK"' EXIT

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

# The monitor of every card (generic netlink) watches what follows: it is
# listening once it saw line 0 opened and closed by another tapictl.
"$TAPICTL" monitor --json >"$WORK/nlmon" 2>"$WORK/nlmon.err" &
nlmon=$!
for ((i = 0; i < 50; i++)); do
	"$TAPICTL" answer "$card:0" --wait 0 >/dev/null 2>&1
	[ "$(grep -c "\"type\": \"line_state\", \"card\": $idx, \"line\": 0," \
		"$WORK/nlmon")" -ge 3 ] && break
	sleep 0.1
done
jsonl "$WORK/nlmon" "(lambda o: 1 in o and 0 in o[o.index(1):])([x['status']['num_opens'] for x in r if x['type'] == 'line_state' and x['card'] == $idx and x['line'] == 0])" \
	"monitor of every card: line 0 opened by another process, closed" \
	True

# Line 2 answers whatever comes; line 0 calls it and hangs up after 1 s.
"$TAPICTL" answer "$card:2" --wait 20 --json >"$WORK/answer" 2>&1 &
ans=$!
wait_opens 2 1
check "answer: waits with line 2 open" 0 $?
run 0 list --json
json "$sel['lines'][2]['status']['num_opens'], $sel['lines'][2]['status']['num_owners']" \
	"list --json: line 2's status, one owner waiting" "(1, 1)"
json "[a['num_calls'] for a in $sel['lines'][2]['addresses']]" \
	"list --json: no call on line 2's address yet" "[0]"
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
# What the monitor of every card saw of those calls, made by others.
kill -INT "$nlmon"
wait "$nlmon"
check "monitor of every card: SIGINT ends it, exit 0" 0 $?
check "monitor of every card: as root, calls too, no note" "" \
	"$(cat "$WORK/nlmon.err")"
nlcalls="[e for e in r if e['type'].startswith('call_') and e['card'] == $idx]"
jsonl "$WORK/nlmon" "sorted(set((e['line'], e['type']) for e in $nlcalls if e['type'] == 'call_new'))" \
	"monitor of every card: a new call on lines 0 and 2" \
	"[(0, 'call_new'), (2, 'call_new')]"
jsonl "$WORK/nlmon" "[(e['old_state'], e['state']) for e in $nlcalls if e['type'] == 'call_state' and e['line'] == 2][-3:]" \
	"monitor of every card: line 2's call answered, hung up by the far end" \
	"[('offering', 'connected'), ('connected', 'disconnected'), ('disconnected', 'idle')]"
jsonl "$WORK/nlmon" "sorted(set(e['called']['number'] for e in $nlcalls if e['line'] == 0 and e['called']['number']))" \
	"monitor of every card: the call placed to 5300" "['5300']"
jsonl "$WORK/nlmon" "len([e for e in $nlcalls if e['type'] == 'call_info' and e['fields']]) > 0" \
	"monitor of every card: the calls' information changes" True
# Unprivileged, the monitor of every card shows cards and lines, and says
# that calls are not shown.
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-all "$TAPICTL" monitor --json --count 1 \
		>"$WORK/unmon" 2>"$WORK/unmon.err" &
	unmon=$!
	for ((i = 0; i < 50; i++)); do
		"$TAPICTL" answer "$card:0" --wait 0 >/dev/null 2>&1
		[ -s "$WORK/unmon" ] && break
		sleep 0.1
	done
	[ -s "$WORK/unmon" ] || kill "$unmon"
	wait "$unmon"
	check "monitor of every card, unprivileged: exits 0 after --count 1" \
		0 $?
	check "monitor of every card, unprivileged: says calls are not shown" \
		"tapictl: calls are not shown: watching them needs CAP_NET_ADMIN; cards and lines only" \
		"$(cat "$WORK/unmon.err")"
	jsonl "$WORK/unmon" "r[0]['type'], r[0]['card']" \
		"monitor of every card, unprivileged: a line's status" \
		"('line_state', $idx)"
fi

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
run 0 calls --json
json "[(c['card'], c['line'], c['state']) for c in d['calls'] if c['call_id'] == $id and c['card'] == $idx]" \
	"calls of every card: the call, where it is" "[($idx, 0, 'connected')]"
run 0 calls "$card" --json
json "[c['call_id'] for c in d['calls']]" "calls CARD: the card's call" "[$id]"
run 0 calls
if grep -qE "^$id +$dev:0 +0 +connected \(active\) +external +5551212 \"Bob\" " "$OUT"; then
	ok "calls of every card: a row with the line"
else
	fail "calls of every card: a row with the line" "$(cat "$OUT")"
fi
run 1 calls "$card:7"
check "calls of a line that is not there" "tapictl: $card: no line 7" \
	"$(cat "$ERR")"
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

# --- hold, transfer, conference ---------------------------------------------
# A card of four voice lines: A (line 0, 7000), B (line 1, 7001), C (line
# 2, 7002) and D (line 3, 7003, one call at most).  A calls B, whose
# tapictl answer owns the call; hold, transfer and conference act on it
# by its call id, from line 1, as B's user would.
card_make "$S" 4 && echo 1 >"$SC/line3/max_calls" &&
	echo "7070 7071" >"$SC/park_numbers" &&
	echo sales >"$SC/line2/pickup_group" &&
	echo sales >"$SC/line3/pickup_group" && echo 1 >"$SC/live"
check "supp: card $S is live" 0 $?
sdev=$(rd "$SC/dev_name")

# s_opens LINE N: wait_opens on card $S.
s_opens()
{
	dev=$sdev wait_opens "$@"
}

# has ERE FILE WHAT: one case, passed when a line of FILE matches ERE.
has()
{
	if grep -qE -- "$1" "$2"; then
		ok "$3"
	else
		fail "$3" "$(head -n 3 "$2")"
	fi
}

# refused WHAT MESSAGE ARGS...: tapictl ARGS exits 1 saying MESSAGE.
refused()
{
	local what=$1 msg=$2

	shift 2
	run 1 "$@"
	check "$what" "tapictl: $msg" "$(cat "$ERR")"
}

# The state of call ID on card $S, as its calls attribute shows it.
state_of()
{
	sed -n "s/^$1 line=[0-9]* state=\(0x[0-9a-f]*\) .*/\1/p" "$SC/calls"
}

# answerer LINE FILE: tapictl answer waits on line LINE of $S, its output
# in $WORK/FILE; $! is its pid.
answerer()
{
	"$TAPICTL" answer "$S:$1" --wait 60 >"$WORK/$2" 2>&1 &
	s_opens "$1" 1
}

# A calls B, B answers: $a and $b their tapictl, $id B's call once it is
# connected.
talk()
{
	answerer 1 B
	b=$!
	"$TAPICTL" call "$S:0" 7001 >"$WORK/A" 2>&1 &
	a=$!
	id=$(call_of "$S" 1 0x100)
}

# A hangs up (tapictl call drops its call on SIGINT): wait for it, for the
# pids given, and until the card has no call left.
hangup()
{
	kill -INT "$a" 2>/dev/null
	wait "$a" "$@"
	wait_no_calls "$S"
}

# hold, unhold.
talk
check_ne "supp: A calls B, B answers" "" "$id"
run 0 hold "$S:1" "$id"
check "hold: says so" "call $id: held, onhold" "$(cat "$OUT")"
check "hold: the switch holds B's call" 0x400 "$(state_of "$id")"
wait_for_line "$WORK/A" 'callstate connected \(activeheld\)$'
check "hold: A is told it is held" 0 $?
refused "hold a held call: refused, saying its state" \
	"call $id: cannot hold: File descriptor in bad state (it is onhold)" \
	hold "$S:1" "$id"
run 0 unhold "$S:1" "$id" --json
json "d" "unhold --json" "{'call_id': $id, 'unheld': True, 'state': 'connected'}"
check "unhold: the switch has B's call connected again" 0x100 \
	"$(state_of "$id")"
refused "unhold a connected call: refused, saying its state" \
	"call $id: cannot take off hold: File descriptor in bad state (it is connected)" \
	unhold "$S:1" "$id"
refused "hold an unknown call id: says so" \
	"$S:1: no call 99999" \
	hold "$S:1" 99999
run 1 unhold "$S:1" 99999
run 0 calls "$S:1" --json
json "[(c['call_id'], c['state'], c['num_owners']) for c in d['calls']]" \
	"hold, unhold: B's call stays B's alone" "[($id, 'connected', 1)]"

# transfer --to: A goes to C, B's call ends.
answerer 2 C
c=$!
run 0 transfer "$S:1" "$id" --to 7002
check "transfer --to: says so" "call $id: transferred to 7002, idle" \
	"$(cat "$OUT")"
wait "$b"
check "transfer --to: B's tapictl answer exits 0, its call gone" 0 $?
check_ne "transfer --to: C answers" "" "$(call_of "$S" 2 0x100)"
run 0 calls "$S:2" --json
json "[(c['caller']['number'], c['redirecting']['number'], c['reason']) for c in d['calls']]" \
	"transfer --to: C's call comes from A, transferred by B" \
	"[('7000', '7001', 'transfer')]"
run 0 calls "$S:0" --json
json "[(c['state'], c['redirecting']['number'], c['reason']) for c in d['calls']]" \
	"transfer --to: A's call: connected, transferred by B" \
	"[('connected', '7001', 'transfer')]"
hangup "$c"
check "transfer --to: no call left once A hung up" 0 $?

# Refused transfers leave B's call as it was: a number nobody has, a
# station that is busy (D, one call at most, in a call from the network),
# an unknown call id, a held call.
talk
answerer 3 D
d=$!
echo "offer 5550000" >"$SC/line3/network"
check_ne "supp: D is in a call" "" "$(call_of "$S" 3 0x100)"
refused "transfer --to a number nobody has: refused" \
	"call $id: cannot transfer to '7999': No such device or address" \
	transfer "$S:1" "$id" --to 7999
refused "transfer --to a busy station: refused" \
	"call $id: cannot transfer to '7003': Device or resource busy" \
	transfer "$S:1" "$id" --to 7003
run 1 transfer "$S:1" "$id" --consult 7003
has '^tapictl: call [0-9]+: 7003 did not answer: busy' "$ERR" \
	"transfer --consult a busy station: refused"
check "... B's call is connected again" 0x100 "$(state_of "$id")"
run 1 transfer "$S:1" "$id" --consult 7999
has '^tapictl: call [0-9]+: 7999 did not answer: disconnected \(badaddress\)$' \
	"$ERR" "transfer --consult a number nobody has: refused"
check "... B's call is connected again" 0x100 "$(state_of "$id")"
refused "transfer an unknown call id: says so" \
	"$S:1: no call 99999" \
	transfer "$S:1" 99999 --consult 7002
run 0 hold "$S:1" "$id"
refused "transfer --consult a held call: refused, saying its state" \
	"call $id: cannot set up a transfer: File descriptor in bad state (it is onhold)" \
	transfer "$S:1" "$id" --consult 7002
refused "transfer --to a held call: refused, saying its state" \
	"call $id: cannot transfer to '7002': File descriptor in bad state (it is onhold)" \
	transfer "$S:1" "$id" --to 7002
run 0 unhold "$S:1" "$id"
run 0 calls "$S:1" --json
json "[(c['call_id'], c['state'], c['num_owners']) for c in d['calls']]" \
	"refused transfers: B's call is B's alone, connected" \
	"[($id, 'connected', 1)]"
echo hangup >"$SC/line3/network"
wait "$d"
check "supp: D's tapictl answer exits 0 once the network hung up" 0 $?
hangup "$b"

# transfer --consult: B holds A, calls C, C answers, A and C are joined.
talk
answerer 2 C
c=$!
run 0 transfer "$S:1" "$id" --consult 7002
has "^call $id: callstate onholdpendtransfer$" "$OUT" \
	"transfer --consult: A held pending the transfer"
has '^call [0-9]+: callstate connected \(active\)$' "$OUT" \
	"transfer --consult: C answers"
has "^call $id: reply completetransfer: ok$" "$OUT" \
	"transfer --consult: completed"
has "^call $id: callstate idle$" "$OUT" "transfer --consult: B's call ends"
wait "$b"
check "transfer --consult: B's tapictl answer exits 0" 0 $?
run 0 calls "$S:1" --json
json "d['calls']" "transfer --consult: B has no call left" "[]"
run 0 calls "$S:0" --json
json "[(c['connected']['number'], c['redirecting']['number'], c['reason']) for c in d['calls']]" \
	"transfer --consult: A talks to C, transferred by B" \
	"[('7002', '7001', 'transfer')]"
run 0 calls "$S:2" --json
json "[(c['connected']['number'], c['redirecting']['number'], c['reason']) for c in d['calls']]" \
	"transfer --consult: C talks to A, transferred by B" \
	"[('7000', '7001', 'transfer')]"
hangup "$c"
check "transfer --consult: no call left once A hung up" 0 $?

# transfer --consult --conference: C joins A and B; shown by any member's
# id and by the conference's; a member removed is held, and unheld talks
# again; SIGINT ends the conference.
talk
answerer 2 C
c=$!
"$TAPICTL" transfer "$S:1" "$id" --consult 7002 --conference \
	>"$WORK/T" 2>&1 &
t=$!
cf=$(conf_of "$S:1" "$id" 2)
check_ne "transfer --conference: B's call and C's are conferenced" "" "$cf"
run 0 conference "$S:1" "$id" --json
json "d['state'], $id in [m['call_id'] for m in d['members']]" \
	"conference ID --json: the conference is connected, B's call a member" \
	"('connected', True)"
run 0 conference "$S:1" "$id"
has "^conference $cf: connected$" "$OUT" "conference ID: the conference"
has "^  member $id: conferenced$" "$OUT" "conference ID: its members"
check "conference ID: two members" 2 \
	"$(grep -c '^  member [0-9]*: conferenced$' "$OUT")"
run 0 conference "$S:1" "$cf"
has "^conference $cf: connected$" "$OUT" "conference CONF: the same"
run 0 conference --remove "$S:1" "$id"
check "conference --remove: B's call leaves, held" \
	"call $id: removed from conference $cf, onhold" "$(cat "$OUT")"
run 1 conference --remove "$S:1" "$id"
has "^tapictl: call $id: cannot remove from its conference: " "$ERR" \
	"conference --remove of a call in none: refused"
refused "conference ID of a call in none: says so" \
	"call $id is in no conference" \
	conference "$S:1" "$id"
run 0 unhold "$S:1" "$id"
check "unhold: A and B talk again" 0x100 "$(state_of "$id")"
kill -INT "$t"
wait "$t"
check "transfer --conference: SIGINT ends the conference, exit 0" 0 $?
wait "$c"
check "... C's call ends with it" 0 $?
check "... A and B still talk" 0x100 "$(state_of "$id")"
hangup "$b"
check "no call left once A hung up" 0 $?

# conference ID NUMBER: A, B and C; D added by the conference's id; a
# fourth member does not fit (3 at most on the sim card's lines).  Each
# tapictl that added a party follows the conference until it ends.
talk
answerer 2 C
c=$!
answerer 3 D
d=$!
"$TAPICTL" conference "$S:1" "$id" 7002 >"$WORK/F" 2>&1 &
f=$!
cf=$(conf_of "$S:1" "$id" 2)
check_ne "conference ID 7002: B's call and C's are conferenced" "" "$cf"
"$TAPICTL" conference "$S:1" "$cf" 7003 >"$WORK/G" 2>&1 &
g=$!
check "conference CONF 7003: D joins" "$cf" "$(conf_of "$S:1" "$id" 3)"
run 0 conference "$S:1" "$cf" --json
json "d['conf_call_id'], d['state'], sorted(set(m['state'] for m in d['members']))" \
	"conference --json: three members, conferenced" \
	"($cf, 'connected', ['conferenced'])"
refused "conference of an unknown call id: says so" \
	"$S:1: no call 99999" \
	conference "$S:1" 99999
# A conference tapictl adds to is followed until it ends, even when the
# add failed: --hangup-after 0 ends it then.
run 1 conference "$S:1" "$cf" 7999 --hangup-after 0
has "^tapictl: call $cf: cannot prepare adding a party: No space left on device$" \
	"$ERR" "conference: a fourth member does not fit"
wait "$f"
check "conference: the tapictl that made it exits 0 when it ends" 0 $?
wait "$g"
check "... the tapictl that added D too" 0 $?
wait "$a" "$b" "$c" "$d"
wait_no_calls "$S"
check "conference: every call ended with it" 0 $?

# Conferences refused: more members than a conference may have, a number
# nobody has.
talk
refused "conference of four members: refused" \
	"call $id: cannot set up a conference of 4 members: Invalid argument" \
	conference "$S:1" "$id" 7002 7003 7004
check "... B's call as it was" 0x100 "$(state_of "$id")"
run 1 conference "$S:1" "$id" 7999 --hangup-after 1
has '^tapictl: call [0-9]+: 7999 did not answer: disconnected \(badaddress\)$' \
	"$ERR" "conference with a number nobody has: refused"
hangup "$b"
check "no call left on card $S" "" "$(cat "$SC/calls")"

# --- park, unpark, pickup, forward, swap ------------------------------------
# park: B parks the call A made (the switch picks where); unpark: C takes
# it from there.
talk
run 0 park "$S:1" "$id"
check "park: says where" "call $id: parked at 7070, idle" "$(cat "$OUT")"
wait "$b"
check "park: B's tapictl answer exits 0, its call gone" 0 $?
wait_for_line "$WORK/A" 'callstate connected \(activeheld\)$'
check "park: A waits, held" 0 $?
refused "unpark where nothing waits: refused" \
	"cannot unpark the call at '7071': No such process" \
	unpark "$S:2" 7071
refused "unpark of a number that is no park address: refused" \
	"cannot unpark the call at '7001': No such device or address" \
	unpark "$S:2" 7001
"$TAPICTL" unpark "$S:2" 7070 >"$WORK/U" 2>&1 &
u=$!
check_ne "unpark: C has A's call" "" "$(call_of "$S" 2 0x100)"
wait_for_line "$WORK/A" 'callstate connected \(active\)$'
check "unpark: A talks again" 0 $?
run 0 calls "$S:2" --json
json "[(c['connected']['number'], c['reason']) for c in d['calls']]" \
	"unpark: C talks to A, the call unparked" "[('7000', 'unpark')]"
hangup "$u"
check "no call left after park and unpark" 0 $?
talk
run 0 park "$S:1" "$id" --at 7071 --json
json "d['park_address']" "park --at --json: where it waits" 7071
wait "$b"
refused "park a call that is gone: refused" "$S:1: no call $id" \
	park "$S:1" "$id"
hangup
check "A hangs up while parked: no call left" 0 $?

# pickup: A calls D, whose line rings on (an owner that never answers);
# C takes the call, by D's number, then by its pickup group.
"$TOOL" own "/dev/$sdev" 3 >/dev/null &
o=$!
s_opens 3 1
for how in "7003" "--group sales" ""; do
	"$TAPICTL" call "$S:0" 7003 >"$WORK/A" 2>&1 &
	a=$!
	check_ne "pickup $how: D rings" "" "$(call_of "$S" 3 0x2)"
	"$TAPICTL" pickup "$S:2" $how >"$WORK/P" 2>&1 &
	p=$!
	check_ne "pickup $how: C has the call" "" "$(call_of "$S" 2 0x100)"
	wait_for_line "$WORK/A" 'callstate connected \(active\)$'
	check "pickup $how: A talks to C" 0 $?
	kill -INT "$a"
	wait "$a" "$p"
	check "pickup $how: C's tapictl exits 0 when A hangs up" 0 $?
done
# D's owner closes: its picked-up calls, disconnected, go with it.
kill "$o"
wait "$o" 2>/dev/null
wait_no_calls "$S"
check "pickup: no call left" 0 $?
refused "pickup where nothing rings: refused" \
	"cannot pick up the call alerting at '7003': No such process" \
	pickup "$S:2" 7003
run 2 pickup "$S:2" 7003 --group sales

# forward: B's calls go to C; shown, then cancelled.
run 0 forward "$S:1" --uncond 7002
run 0 forward "$S:1"
check "forward: shown" "address 0 (7001): uncond 7002" "$(cat "$OUT")"
answerer 2 C
c=$!
"$TAPICTL" call "$S:0" 7001 >"$WORK/A" 2>&1 &
a=$!
check_ne "forward: A's call to B rings at C, C answers" "" \
	"$(call_of "$S" 2 0x100)"
run 0 calls "$S:2" --json
json "[(c['redirecting']['number'], c['reason']) for c in d['calls']]" \
	"forward: C's call was forwarded by B" "[('7001', 'fwduncond')]"
hangup "$c"
run 0 forward "$S:1" --cancel
run 0 forward "$S:1" --json
json "d['addresses'][0]['num_forward']" "forward --cancel: none left" 0
refused "forward to itself: refused" \
	"$S:1: cannot forward address 0: Invalid argument" \
	forward "$S:1" --uncond 7001
refused "forward to nowhere: refused" \
	"$S:1: cannot forward address 0: No such device or address" \
	forward "$S:1" --busy 7999
run 2 forward "$S:1" --after 100

# swap: B holds A's call, takes C's, and swaps between them.
talk
run 0 hold "$S:1" "$id"
"$TAPICTL" call "$S:2" 7001 >"$WORK/C" 2>&1 &
c=$!
id2=$(call_of "$S" 1 0x2)
check_ne "swap: C's call rings at B" "" "$id2"
"$TAPICTL" answer "$S:1" --call "$id2" >"$WORK/B2" 2>&1 &
b2=$!
check "swap: B answers C" "$id2" "$(call_of "$S" 1 0x100)"
run 0 swap "$S:1" "$id2" "$id"
has "^call $id2: swapped, onhold" "$OUT" "swap: C's call goes on hold"
has "^call $id: swapped, connected" "$OUT" "swap: A's call comes back"
check "swap: the switch agrees" "0x100 0x400" \
	"$(state_of "$id") $(state_of "$id2")"
refused "swap with a call that is not held: refused" \
	"call $id2: cannot swap hold with call $id: File descriptor in bad state (it is onhold)" \
	swap "$S:1" "$id2" "$id"
run 2 swap "$S:1" "$id"
kill -INT "$c"
wait "$c" "$b2"
hangup "$b"
check "no call left after the swap" 0 $?

# --- a card taken down ------------------------------------------------------
echo 0 >"$C/live"
run 1 caps "$card:0"
run 0 list --json
json "[c for c in d['cards'] if c['name'] == '$card']" \
	"json: a dead card is not listed" "[]"

finish
