#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tracepoints (events/tapi in tracefs) and the debugfs state file, as
# someone chasing a bug uses them:
#
# - every event of Documentation/tracing.rst is there, with a format user
#   space tools can read (the states and ops as numbers, not enum names);
# - one call from line 0 to line 1 of a sim card, answered, hung up by the
#   caller (tapi_tool call): each call's creation, its states in order,
#   the make-call, answer and drop requests submitted and completed with
#   result 0, a state the card reports that the call model refuses, the monitor whose queue of two records overflows, the media
#   fd nobody serves overrunning and underrunning, both calls freed at the
#   end; nothing that looks like a kernel pointer;
# - perf counts the same state changes;
# - /sys/kernel/debug/tapi/state shows the card, its lines, the open fds
#   and the live calls with their states and holders, and no pointer and
#   no party number; reading it while the card goes (a line fd still
#   open) works, and the card is gone from it once removed.

. "$(dirname "$0")/lib.sh"
require_sim
command -v python3 >/dev/null || skip_all "no python3 to read the trace"

TR=/sys/kernel/tracing
if [ ! -d "$TR/events" ]; then
	mount -t tracefs nodev "$TR" 2>/dev/null
fi
[ -d "$TR/events" ] || skip_all "no tracefs"
[ -d "$TR/events/tapi" ] || skip_all "no events/tapi (tapi.ko without tracepoints?)"
DBG=/sys/kernel/debug
if [ ! -d "$DBG/tapi" ] && ! mountpoint -q "$DBG"; then
	mount -t debugfs debugfs "$DBG" 2>/dev/null
fi
STATE=$DBG/tapi/state

card=$(card_name trace)
C=$SIM/$card
WORK=$(mktemp -d)
tool=
# Tracing off and events disabled again, whatever happened.
cleanup()
{
	[ -z "$tool" ] || kill "$tool" 2>/dev/null
	exec 3>&- 2>/dev/null
	wait 2>/dev/null
	echo 0 >"$TR/events/tapi/enable"
	echo >"$TR/trace"
	card_remove "$card"
	rm -rf "$WORK"
}
trap cleanup EXIT

EVENTS="tapi_call_create tapi_call_state tapi_call_state_refused tapi_call_free tapi_request_submit tapi_request_complete tapi_event_overflow tapi_media_xrun"

# --- the events and their formats ------------------------------------------
for e in $EVENTS; do
	if [ -r "$TR/events/tapi/$e/format" ]; then
		ok "event $e exists"
	else
		fail "event $e exists"
	fi
done
fmt=$(cat "$TR/events/tapi/tapi_call_state/format" 2>/dev/null)
if [[ $fmt == *'{ 256, "CONNECTED" }'* && $fmt != *TAPI_CALLSTATE* ]]; then
	ok "tapi_call_state format: states as numbers with their names"
else
	fail "tapi_call_state format: states as numbers with their names" \
		"$(grep 'print fmt' <<<"$fmt" | cut -c1-200)"
fi
fmt=$(cat "$TR/events/tapi/tapi_request_complete/format" 2>/dev/null)
if [[ $fmt == *'{ 4, "drop" }'* && $fmt != *TAPI_OP_* ]]; then
	ok "tapi_request_complete format: ops as numbers with their names"
else
	fail "tapi_request_complete format: ops as numbers with their names" \
		"$(grep 'print fmt' <<<"$fmt" | cut -c1-200)"
fi

# --- a sim card with two lines ---------------------------------------------
mkdir "$C" "$C/line0" "$C/line1" || { fail "making card $card"; finish; }
# Numbers that occur nowhere else: the state file must not show them.
echo 86420 >"$C/line0/numbers"
echo 86421 >"$C/line1/numbers"
echo 1 >"$C/live" || { fail "card $card live"; finish; }
dev=$(rd "$C/dev_name")
idx=${dev#tapi}

echo 0 >"$TR/tracing_on"
echo >"$TR/trace"
echo 1 >"$TR/events/tapi/enable"
echo 1 >"$TR/tracing_on"

# call_start OUT [CMD...]: tapi_tool places a call from line 0 to line 1
# of the card (run under CMD... if given), its output in OUT; wait until it
# is connected (up to ~15 s under emulation) and holds it there.
call_start()
{
	local out=$1 i

	shift
	mkfifo "$out.go"
	"$@" "$TOOL" call "/dev/$dev" 0 1 86421 <"$out.go" >"$out" 2>&1 &
	tool=$!
	exec 3>"$out.go"
	for ((i = 0; i < 300; i++)); do
		grep -qE '^(connected|error)' "$out" && break
		sleep 0.05
	done
}

# call_end NAME: let the call of call_start hang up; check it exits 0.
call_end()
{
	echo go >&3
	exec 3>&-
	wait "$tool"
	check "$1: exits 0" 0 $?
	tool=
}

# --- one call, traced; the state file while it is up -----------------------
call_start "$WORK/tool"
check "tapi_tool call: connected" connected \
	"$(grep -E '^(connected|error)' "$WORK/tool")"
read -r _ ida idb < <(grep '^calls ' "$WORK/tool")
ida=${ida:-none}
idb=${idb:-none}

if [ -r "$STATE" ]; then
	cp "$STATE" "$WORK/state"
	ok "debugfs: $STATE readable"
	grep -A8 "^card $idx " "$WORK/state" | sed 's/^/# /'
	grep -q "^card $idx name=$card driver=tapi_sim lines=2$" "$WORK/state"
	check "debugfs: the card, its driver and lines" 0 $?
	grep -qE "^  line 0 name=.* addresses=1 opens=2$" "$WORK/state"
	check "debugfs: line 0 with its two opens" 0 $?
	grep -qE "^    open app=tool-overflow privileges=monitor .* queued=2/2 .* lost=[1-9]" \
		"$WORK/state"
	check "debugfs: the monitor, its queue full, records lost" 0 $?
	grep -qE "^    call $ida address=0 state=connected .* owners=1 monitors=1 .* holders=tool-a:owner,tool-overflow:monitor$" \
		"$WORK/state"
	check "debugfs: the caller's call, connected, its holders" 0 $?
	grep -qE "^    call $idb address=0 state=connected .* owners=1 monitors=0 requests=0 .* holders=tool-b:owner$" \
		"$WORK/state"
	check "debugfs: the called call, connected, its holder" 0 $?
	check "debugfs: no pointer-like value" "" \
		"$(grep -oiE '(0x)?ffff[0-9a-f]{12}' "$WORK/state" | head -n 1)"
	check "debugfs: no party number" "" \
		"$(grep -oE '8642[01]' "$WORK/state" | head -n 1)"
else
	fail "debugfs: $STATE readable"
fi

# The card reports a state the call model refuses.
check "network: CONNECTED -> OFFERING is refused" EINVAL \
	"$(wr "$C/line0/network" "state offering call=$ida")"

call_end "tapi_tool call"
check "tapi_tool call: both calls idle, all closed" "idle done" \
	"$(grep -E '^(idle|done|error)' "$WORK/tool" | xargs)"
# The calls' last references go once the fds are closed.
wait_no_calls
for ((i = 0; i < 100; i++)); do
	[ "$(grep -c "tapi_call_free: card=$idx " "$TR/trace")" -ge 2 ] && break
	sleep 0.05
done
echo 0 >"$TR/tracing_on"
grep ' tapi_' "$TR/trace" | grep -E "card=$idx " |
	grep -v tapi_media_xrun >"$WORK/trace"
grep ' tapi_media_xrun: ' "$TR/trace" | grep -E "card=$idx " >"$WORK/xrun"
echo 0 >"$TR/events/tapi/enable"
sed -E 's/^.*: (tapi_[a-z_]+: )/# \1/' "$WORK/trace" "$WORK/xrun" |
	head -n 40

# --- what the trace says --------------------------------------------------
# py EXPR WHAT EXPECTED: EXPR over ev, the list of (name, {field: value})
# of the card's events in order (media xruns apart, in xr).
py()
{
	local got

	got=$(python3 -c 'import re, sys
def parse(path):
    out = []
    for l in open(path):
        m = re.search(r" (tapi_\w+): (.*)$", l)
        if not m:
            continue
        f = dict(re.findall(r"(\w+)=(\S+)", m.group(2)))
        t = re.search(r" (\w+) -> (\w+) ", m.group(2) + " ")
        if t:
            f["old"], f["new"] = t.group(1), t.group(2)
        out.append((m.group(1), f))
    return out
ev = parse(sys.argv[1])
xr = parse(sys.argv[2])
a, b = sys.argv[3], sys.argv[4]
def states(c):
    return [f["old"] + ">" + f["new"] for n, f in ev
            if n == "tapi_call_state" and f["call"] == c]
def reqs(n, op):
    return [(f["line"], f["call"], f.get("result")) for e, f in ev
            if e == n and f["op"] == op]
print(eval(sys.argv[5]))' "$WORK/trace" "$WORK/xrun" "$ida" "$idb" "$1" 2>&1)
	check "$2" "$3" "$got"
}

py "[(f['line'], f['address'], f['state']) for n, f in ev if n == 'tapi_call_create' and f['call'] in (a, b)]" \
	"call_create: the caller's call in UNKNOWN, then the called one offered" \
	"[('0', '0', 'UNKNOWN'), ('1', '0', 'OFFERING')]"
py "states(a)" "call_state: the caller's call, in order" \
	"['UNKNOWN>PROCEEDING', 'PROCEEDING>RINGBACK', 'RINGBACK>CONNECTED', 'CONNECTED>IDLE']"
py "states(b)" "call_state: the called call, in order" \
	"['OFFERING>CONNECTED', 'CONNECTED>DISCONNECTED', 'DISCONNECTED>IDLE']"
py "[f['mode'] for n, f in ev if n == 'tapi_call_state' and f['call'] == b and f['new'] == 'DISCONNECTED']" \
	"call_state: the far end hung up normally (mode NORMAL)" "['0x1']"
py "[(f['line'], f['call'], f['old'], f['new']) for n, f in ev if n == 'tapi_call_state_refused']" \
	"call_state_refused: the card's report, once" \
	"[('0', '$ida', 'CONNECTED', 'OFFERING')]"
py "reqs('tapi_request_submit', 'makecall'), reqs('tapi_request_complete', 'makecall')" \
	"request: make call submitted and completed, result 0" \
	"([('0', '$ida', None)], [('0', '$ida', '0')])"
py "reqs('tapi_request_submit', 'answer'), reqs('tapi_request_complete', 'answer')" \
	"request: answer submitted and completed, result 0" \
	"([('1', '$idb', None)], [('1', '$idb', '0')])"
py "reqs('tapi_request_complete', 'drop')" \
	"request: both drops completed, result 0" \
	"[('0', '$ida', '0'), ('1', '$idb', '0')]"
py "sorted((f['line'], f['request']) for n, f in ev if n == 'tapi_request_submit') == sorted((f['line'], f['request']) for n, f in ev if n == 'tapi_request_complete')" \
	"request: each request submitted is completed once" True
py "sorted(set((f['line'], f['app']) for n, f in ev if n == 'tapi_event_overflow'))" \
	"event_overflow: on line 0, the monitor's fd only" "[('0', 'tool-overflow')]"
py "[int(f['lost']) for n, f in ev if n == 'tapi_event_overflow'][:3]" \
	"event_overflow: lost counts up from 1" "[1, 2, 3]"
py "sorted(set((f['line'], f['call'], f['what']) for n, f in xr))" \
	"media_xrun: the caller's media fd, RX overruns and TX underruns" \
	"[('0', '$ida', 'rx_overrun'), ('0', '$ida', 'tx_underrun')]"
py "max(int(f['rx_overruns']) for n, f in xr) > 0 and max(int(f['tx_underruns']) for n, f in xr) > 0" \
	"media_xrun: the counts grow" True
py "sorted(f['call'] for n, f in ev if n == 'tapi_call_free' and f['call'] in (a, b)) == sorted([a, b])" \
	"call_free: both calls freed" True
py "[f['state'] for n, f in ev if n == 'tapi_call_free' and f['call'] in (a, b)]" \
	"call_free: both idle then" "['IDLE', 'IDLE']"
check "trace: no pointer-like value" "" \
	"$(cat "$WORK/trace" "$WORK/xrun" | grep -oiE '(0x)?ffff[0-9a-f]{12}' | head -n 1)"

# --- perf --------------------------------------------------------------------
if command -v perf >/dev/null && perf list 'tapi:*' 2>/dev/null | grep -q 'tapi:tapi_call_state '; then
	call_start "$WORK/tool-perf" perf stat -x, -a \
		-e tapi:tapi_call_state -e tapi:tapi_call_create \
		-o "$WORK/perf" --
	call_end "perf stat: tapi_tool call"
	check "perf stat: 7 state changes, 2 calls created" "7 2" \
		"$(sed -n 's/^\([0-9]*\),,tapi:tapi_call_\(state\|create\),.*/\1/p' "$WORK/perf" | xargs)"
else
	ok "perf stat counts the state changes # SKIP no perf, or it lists no tapi events"
fi

# --- the state file while the card goes, and after ---------------------------
wait_no_calls
if [ -r "$STATE" ]; then
	# Readers race the removal (KASAN and lockdep watch on the debug lane).
	"$TOOL" hold "/dev/$dev" 0 >/dev/null 2>&1 &
	holder=$!
	wait_opens 0 1
	( while :; do cat "$STATE" >/dev/null || exit 1; done ) &
	reader=$!
	sleep 0.3
	card_remove "$card"
	sleep 0.3
	kill -0 "$reader" 2>/dev/null
	check "debugfs: read while the card is removed, without error" 0 $?
	kill "$reader" "$holder" 2>/dev/null
	wait "$reader" "$holder" 2>/dev/null
	grep -q "^card $idx " "$STATE"
	check "debugfs: the removed card is gone" 1 $?
else
	card_remove "$card"
fi

finish
