#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tapictl end to end, against fake-tapi.so (three fake cards) and against
# this machine's real /dev.  TAP output; exit 0 when every test passed.
#
# Usage: tests/test-tapictl.sh [TAPICTL [FAKE_SO]]

TAPICTL=${1:-./tapictl}
FAKE=${2:-./tests/fake-tapi.so}
OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT

num=0
failed=0

ok() {
	num=$((num + 1))
	if [ "$1" = 0 ]; then
		echo "ok $num - $2"
	else
		echo "not ok $num - $2"
		failed=$((failed + 1))
		sed 's/^/# out: /' "$OUT"
		sed 's/^/# err: /' "$ERR"
	fi
}

# run EXPECTED_STATUS [LD_PRELOAD] -- ARGS: run tapictl, check the status.
run() {
	want=$1
	pre=$2
	shift 3
	LD_PRELOAD=$pre "$TAPICTL" "$@" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" = "$want" ]
	ok $? "tapictl $* exits $want (got $got)"
}

# has PATTERN FILE WHAT: check that FILE has a line matching PATTERN.
has() {
	grep -q -e "$1" "$2"
	ok $? "$3"
}

# json PYTHON_EXPR WHAT: load stdout as JSON into d, check the expression.
if command -v python3 >/dev/null; then
	json() {
		python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$OUT" "$1"
		ok $? "$2"
	}
	# jsonl PYTHON_EXPR WHAT: stdout as JSON lines, a list in d.
	jsonl() {
		python3 -c 'import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$OUT" "$1"
		ok $? "$2"
	}
else
	json() {
		num=$((num + 1))
		echo "ok $num - $2 # SKIP no python3"
	}
	jsonl() {
		json "$@"
	}
fi

# with NAME=VALUE COMMAND...: run COMMAND (a function too) with NAME set
# in the environment, and only for it.
with() {
	export "$1"
	with_name=${1%%=*}
	shift
	"$@"
	with_status=$?
	unset "$with_name"
	return $with_status
}

# not_has PATTERN FILE WHAT: check that no line of FILE matches PATTERN.
not_has() {
	! grep -q -e "$1" "$2"
	ok $? "$3"
}

# bg_signal SIGNAL PATTERN [LD_PRELOAD] -- ARGS: run tapictl in the
# background, send it SIGNAL once its stdout matches PATTERN; its exit
# status is left in $got.
bg_signal() {
	sig=$1
	pat=$2
	pre=$3
	shift 4
	# Empty first: the last command's output must not match PATTERN.
	: >"$OUT"
	LD_PRELOAD=$pre "$TAPICTL" "$@" >"$OUT" 2>"$ERR" &
	pid=$!
	tries=0
	while ! grep -q -e "$pat" "$OUT" && [ $tries -lt 50 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	kill -"$sig" $pid
	wait $pid
	got=$?
}

echo "TAP version 13"

# ---- usage ----
run 0 "" -- --help
has '^Usage: tapictl' "$OUT" "--help prints usage"
run 0 "" -- --version
has '^tapictl (libtapi) [0-9]' "$OUT" "--version prints the version"
run 2 "" --
has 'missing command' "$ERR" "no command: says so"
run 2 "" -- frobnicate
has "unknown command 'frobnicate'" "$ERR" "unknown command: says so"
run 2 "" -- list --frob
run 2 "" -- list extra
run 2 "" -- caps
run 2 "" -- caps tapi0
has "use CARD:N" "$ERR" "bad LINE: shows the syntax"
run 2 "" -- caps tapi0:x
run 2 "" -- caps tapi0:0 tapi0:1
run 0 "" -- caps --help
has '^LINE is CARD:N' "$OUT" "caps --help documents LINE"

# ---- usage of the call commands ----
for cmd in call answer drop hold unhold transfer conference \
	   swap park unpark pickup forward; do
	run 0 "" -- $cmd --help
	has "^Usage: tapictl $cmd LINE" "$OUT" "$cmd --help: usage"
	has '^LINE is CARD:N' "$OUT" "$cmd --help documents LINE"
	run 2 "" -- $cmd
	has 'missing LINE' "$ERR" "$cmd without LINE: says so"
	run 2 "" -- $cmd --frob tapi0:0
	run 2 "" -- $cmd tapi0 1
done
# monitor and calls take LINE or nothing (every card, through netlink);
# calls takes a CARD too.
for cmd in monitor calls; do
	run 0 "" -- $cmd --help
	has "^Usage: tapictl $cmd \\[" "$OUT" "$cmd --help: usage"
	has '^LINE is CARD:N' "$OUT" "$cmd --help documents LINE"
	has 'generic netlink family "tapi"' "$OUT" "$cmd --help: netlink"
	run 2 "" -- $cmd --frob tapi0:0
	run 2 "" -- $cmd tapi0:0 1
	has "unexpected argument '1'" "$ERR" "$cmd: two arguments"
done
run 0 "" -- --help
has '^  answer  *Answer an offered call' "$OUT" "--help lists answer"
has '^  monitor  *Print every event' "$OUT" "--help lists monitor"
has '^  conference Make or show a conference' "$OUT" "--help lists conference"
awk 'length($0) > 79 { exit 1 }' "$OUT"
ok $? "--help: no line longer than 79 columns"
for cmd in hold unhold transfer conference swap park unpark pickup \
	   forward; do
	run 0 "" -- $cmd --help
	awk 'length($0) > 79 { exit 1 }' "$OUT"
	ok $? "$cmd --help: no line longer than 79 columns"
done
run 0 "" -- transfer --help
has '^      --consult NUMBER  ' "$OUT" "transfer --help: --consult"
run 0 "" -- conference --help
has '^  -r, --remove  ' "$OUT" "conference --help: --remove"
run 0 "" -- call --help
has '^      --hangup-after SECONDS$' "$OUT" "call --help: --hangup-after"
awk 'length($0) > 79 { exit 1 }' "$OUT"
ok $? "call --help: no line longer than 79 columns"
run 0 "" -- answer --help
has '^  -w, --wait SECONDS' "$OUT" "answer --help: --wait"
run 0 "" -- monitor --help
has '^  -n, --count N' "$OUT" "monitor --help: --count"

run 2 "" -- call tapi0:0
has 'missing NUMBER' "$ERR" "call without NUMBER: says so"
run 2 "" -- call tapi0:0 1 2
has "unexpected argument '2'" "$ERR" "call with too many arguments"
run 2 "" -- call tapi0:0 ""
has 'NUMBER is empty' "$ERR" "call to an empty number"
run 2 "" -- call tapi0:0 1234567890123456789012345678901234567890123456789012345678901234
has 'NUMBER is longer than 63 bytes' "$ERR" "call to a number too long"
run 2 "" -- call --address x tapi0:0 1
has "invalid argument 'x' of '--address'" "$ERR" "bad --address"
run 2 "" -- call --address
has "option '--address' needs an argument" "$ERR" "--address without value"
run 2 "" -- call -a
has "option '-a' needs an argument" "$ERR" "-a without value"
run 2 "" -- call --media fax tapi0:0 1
has "'fax' is not one media mode" "$ERR" "unknown media mode"
run 2 "" -- call --media 'interactivevoice|g3fax' tapi0:0 1
has "is not one media mode" "$ERR" "two media modes"
run 2 "" -- call --timeout -1 tapi0:0 1
run 2 "" -- call --timeout 4294968 tapi0:0 1
has "invalid argument '4294968' of '--timeout'" "$ERR" "--timeout too long"
run 2 "" -- call --hangup-after 1.5 tapi0:0 1
has "of '--hangup-after'" "$ERR" "bad --hangup-after"
run 2 "" -- answer tapi0:0 extra
run 2 "" -- answer --call 0 tapi0:0
has "invalid argument '0' of '--call'" "$ERR" "call id 0"
run 2 "" -- answer --call x tapi0:0
run 2 "" -- answer --wait soon tapi0:0
has "of '--wait'" "$ERR" "bad --wait"
run 2 "" -- drop tapi0:0
has 'missing ID' "$ERR" "drop without ID: says so"
run 2 "" -- drop tapi0:0 x
has "'x' is not a call id" "$ERR" "drop: bad ID"
run 2 "" -- drop tapi0:0 0
run 2 "" -- drop tapi0:0 1 2
run 2 "" -- hold tapi0:0
has 'missing ID' "$ERR" "hold without ID: says so"
run 2 "" -- unhold tapi0:0 x
has "'x' is not a call id" "$ERR" "unhold: bad ID"
run 2 "" -- hold tapi0:0 1 2
run 2 "" -- transfer tapi0:0 67
has 'give one of --to and --consult' "$ERR" "transfer: needs --to or --consult"
run 2 "" -- transfer tapi0:0 67 --to 1 --consult 2
has 'give one of --to and --consult' "$ERR" "transfer: not both"
run 2 "" -- transfer tapi0:0 67 --to ""
has 'NUMBER is empty' "$ERR" "transfer to an empty number"
run 2 "" -- transfer tapi0:0 67 --to 1 --conference
has '\-\-to takes no other option' "$ERR" "transfer --to --conference"
run 2 "" -- transfer tapi0:0 67 --consult 1 --hangup-after 1
has 'needs --conference' "$ERR" "transfer: --hangup-after alone"
run 2 "" -- transfer tapi0:0 67 --consult 1 --timeout x
has "invalid argument 'x' of '--timeout'" "$ERR" "transfer: bad --timeout"
run 2 "" -- conference tapi0:0
has 'missing ID' "$ERR" "conference without ID: says so"
run 2 "" -- conference --remove tapi0:0 67 2002
has "unexpected argument '2002'" "$ERR" "conference --remove with a NUMBER"
run 2 "" -- conference tapi0:0 67 --hangup-after 1
has 'need a NUMBER' "$ERR" "conference --hangup-after without NUMBER"
run 2 "" -- conference tapi0:0 67 2002 ""
has 'NUMBER is empty' "$ERR" "conference: an empty number"
run 0 "" -- pickup --help
has '^      --group GROUP  ' "$OUT" "pickup --help: --group"
run 0 "" -- forward --help
has '^      --noanswer NUMBER  ' "$OUT" "forward --help: --noanswer"
run 0 "" -- --help
has '^  forward  *Forward the calls' "$OUT" "--help lists forward"
run 2 "" -- park tapi0:0 x
has "'x' is not a call id" "$ERR" "park: bad ID"
run 2 "" -- park tapi0:0 67 --at ""
has 'NUMBER is empty' "$ERR" "park at an empty number"
run 2 "" -- park tapi0:0 67 68
has "unexpected argument '68'" "$ERR" "park: two calls"
run 2 "" -- swap tapi0:0 67
has 'missing HELD_ID' "$ERR" "swap: one call"
run 2 "" -- swap tapi0:0 67 67
has 'ACTIVE_ID and HELD_ID are the same call' "$ERR" "swap a call with itself"
run 2 "" -- swap tapi0:0 67 x
has "'x' is not a call id" "$ERR" "swap: bad ID"
run 2 "" -- pickup tapi0:0 2002 --group 1
has 'give NUMBER or --group, not both' "$ERR" "pickup: NUMBER and --group"
run 2 "" -- pickup tapi0:0 2002 2003
has "unexpected argument '2003'" "$ERR" "pickup: two numbers"
run 2 "" -- pickup tapi0:0 --group 1234567890123456789012345678901234567890123456789012345678901234
has 'GROUP is longer than 63 bytes' "$ERR" "pickup: group too long"
run 2 "" -- pickup --address x tapi0:0 2002
has "invalid argument 'x' of '--address'" "$ERR" "pickup: bad --address"
run 2 "" -- unpark tapi0:0
has 'missing NUMBER' "$ERR" "unpark without NUMBER: says so"
run 2 "" -- unpark tapi0:0 ""
has 'NUMBER is empty' "$ERR" "unpark: an empty number"
run 2 "" -- unpark tapi0:0 71 --group 1
has "invalid option '--group'" "$ERR" "unpark takes no group"
run 2 "" -- forward tapi0:0 --after 1000
has '\-\-after needs \-\-noanswer' "$ERR" "forward: --after alone"
run 2 "" -- forward tapi0:0 --noanswer 2003 --after 600001
has "invalid argument '600001' of '--after'" "$ERR" "forward: --after too long"
run 2 "" -- forward tapi0:0 --cancel --busy 2002
has '\-\-cancel takes no number' "$ERR" "forward: --cancel with a number"
run 2 "" -- forward tapi0:0 -a 1 --all-addresses --cancel
has 'not both' "$ERR" "forward: --address and --all-addresses"
run 2 "" -- forward tapi0:0 --uncond ""
has 'NUMBER is empty' "$ERR" "forward to an empty number"
run 2 "" -- monitor --count 0 tapi0:0
has "invalid argument '0' of '--count'" "$ERR" "monitor: count 0"
run 2 "" -- monitor -n x tapi0:0
run 2 "" -- monitor tapi0:0 extra
run 2 "" -- calls tapi0:0 extra

# ---- this machine, when it has no cards ----
if ! ls /dev/tapi[0-9]* >/dev/null 2>&1; then
	run 0 "" -- list
	has 'no tapi cards found' "$ERR" "no cards: says so"
	[ ! -s "$OUT" ]
	ok $? "no cards: nothing on stdout"
	run 0 "" -- list --json
	json 'd == {"cards": []}' "no cards: empty JSON list"
	run 1 "" -- caps tapi0:0
	has '^tapictl: /dev/tapi0: No such file or directory$' "$ERR" \
		"missing card: device named with strerror"
	run 1 "" -- caps nosuchcard:0
	has "no tapi card named 'nosuchcard'" "$ERR" "unknown card name"
	run 1 "" -- caps /dev/null:0
	has '/dev/null: not a tapi card' "$ERR" "not a tapi card"
	run 1 "" -- call tapi0:0 123
	has '^tapictl: /dev/tapi0: No such file or directory$' "$ERR" \
		"call: missing card"
	run 1 "" -- monitor tapi0:0
	run 1 "" -- calls nosuchcard:0
	has "no tapi card named 'nosuchcard'" "$ERR" "calls: unknown card"
fi
if [ ! -d /sys/module/tapi ]; then
	run 1 "" -- monitor
	has "^tapictl: no generic netlink family 'tapi' (is tapi.ko loaded?)" \
		"$ERR" "monitor of every card without tapi.ko: says so"
fi

# ---- fake cards ----
if [ ! -e "$FAKE" ]; then
	echo "1..$num"
	echo "# $FAKE missing: fake card tests skipped"
	exit $((failed != 0))
fi

run 0 "$FAKE" -- list
has '^tapi0: sim0 (driver tapi_sim, 2 lines)$' "$OUT" "card header"
has '^  LINE  NAME  *ADDRESSES  *MEDIA MODES' "$OUT" "table header"
has '^  0     Line 0 "front desk"  1000,1001  *interactivevoice|automatedvoice  voice|speech  4      makecall|forward$' \
	"$OUT" "line 0 row"
has '^  1     Ligne café           +33 1 23 45 67 89  datamodem|g3fax  *data|0x1000   1      -$' \
	"$OUT" "line 1 row aligned under a UTF-8 name"
has '^tapi10: span1 (driver tapi_dahdi, 0 lines)$' "$OUT" \
	"cards sorted by index"
has '^  (no lines)$' "$OUT" "card without lines"
[ ! -s "$ERR" ]
ok $? "list: nothing on stderr"

run 0 "$FAKE" -- list --json
json 'len(d["cards"]) == 3' "list --json: three cards"
json '[c["index"] for c in d["cards"]] == [0, 2, 10]' \
	"list --json: sorted by index"
json 'd["cards"][0]["lines"][0]["name"] == "Line 0 \"front desk\""' \
	"list --json: quotes escaped"
json 'd["cards"][0]["lines"][1]["name"] == "Ligne caf\u00e9"' \
	"list --json: UTF-8 kept"
json 'd["cards"][0]["lines"][0]["media_modes"] == ["interactivevoice", "automatedvoice"]' \
	"list --json: media modes as names"
json 'd["cards"][0]["lines"][1]["bearer_modes"] == ["data", "0x1000"]' \
	"list --json: unknown bits as hex"
json '[a["address"] for a in d["cards"][0]["lines"][0]["addresses"]] == ["1000", "1001"]' \
	"list --json: addresses"
json 'd["cards"][2]["lines"] == []' "list --json: card without lines"

run 0 "$FAKE" -- caps tapi0:0
has '^line tapi0:0: Line 0 "front desk"$' "$OUT" "caps header"
has '^  card                  sim0 (/dev/tapi0, driver tapi_sim)$' "$OUT" \
	"caps card"
has '^  media modes           interactivevoice|automatedvoice$' "$OUT" \
	"caps media modes"
has '^  devcaps flags         closedrop|dialdialtone$' "$OUT" \
	"caps devcaps flags"
has '^address 1: 1001$' "$OUT" "caps second address"
has '^  call features         accept|answer|dial|drop|hold|unhold|' "$OUT" \
	"caps call features"
has '^  transfer modes        transfer|conference$' "$OUT" \
	"caps transfer modes"
has '^  conference members    3$' "$OUT" "caps conference members"
has '^  park modes            directed|nondirected$' "$OUT" "caps park modes"
has '^  forward modes         uncond|busy|noanswer$' "$OUT" \
	"caps forward modes"
has '^  completion modes      campon|callback$' "$OUT" "caps completion modes"
has '^  user-user bytes       32$' "$OUT" "caps user-user bytes"
has '^  completion modes      -$' "$OUT" "caps: no completion on address 1"
awk 'length($0) > 79 { exit 1 }' "$OUT"
ok $? "caps: no line longer than 79 columns"

run 0 "$FAKE" -- caps /dev/tapi0:1 --json
json 'd["card"]["name"] == "sim0" and d["line"]["line"] == 1' \
	"caps --json: card and line"
json 'd["line"]["string_format"] == "utf8" and d["line"]["monitor_digit_modes"] == ["dtmf", "dtmfend"]' \
	"caps --json: line fields"
json 'd["line"]["addresses"][0] == {"address_id": 0, "address": "+33 1 23 45 67 89", "max_calls": 1, "address_features": [], "call_features": [], "transfer_modes": [], "max_conf_members": 0, "park_modes": [], "forward_modes": [], "completion_modes": [], "max_user_user": 0}' \
	"caps --json: address object"
run 0 "$FAKE" -- caps --json tapi0:0
json 'd["line"]["addresses"][1]["transfer_modes"] == ["transfer"] and d["line"]["addresses"][1]["max_conf_members"] == 2' \
	"caps --json: transfer modes and conference members"
json 'd["line"]["addresses"][0]["park_modes"] == ["directed", "nondirected"] and d["line"]["addresses"][0]["forward_modes"] == ["uncond", "busy", "noanswer"] and d["line"]["addresses"][0]["completion_modes"] == ["campon", "callback"] and d["line"]["addresses"][0]["max_user_user"] == 32' \
	"caps --json: park, forward, completion modes, user-user size"
json 'd["line"]["addresses"][1]["park_modes"] == ["directed"] and d["line"]["addresses"][1]["completion_modes"] == []' \
	"caps --json: address 1 parks directed only"
run 0 "$FAKE" -- caps -j sim0:1
json 'd["line"]["name"] == "Ligne caf\u00e9"' "caps by card name"

run 1 "$FAKE" -- caps span1:0
has "more than one card is named 'span1'" "$ERR" "ambiguous card name"
run 1 "$FAKE" -- caps tapi0:9
has '^tapictl: /dev/tapi0: no line 9 (the card has 2 lines)$' "$ERR" \
	"line out of range"
run 1 "$FAKE" -- caps tapi10:0
has '^tapictl: /dev/tapi10: no line 0 (the card has 0 lines)$' "$ERR" \
	"card without lines"

# ---- calls, against the fake (see tests/fake-tapi.c) ----
run 0 "$FAKE" -- call tapi0:0 1001 --hangup-after 0
has '^call 100: reply makecall: ok$' "$OUT" "call: the reply, by call id"
has '^call 100: callstate proceeding \[owner\]$' "$OUT" \
	"call: first state with the privilege"
has '^call 100: callstate connected (active)$' "$OUT" \
	"call: connected (active)"
has '^call 100: reply drop: ok$' "$OUT" "call: hung up after 0 s"
tail -n 1 "$OUT" | grep -q '^call 100: callstate idle$'
ok $? "call: ends idle"
not_has 'call 66' "$OUT" "call: other calls not printed"
[ ! -s "$ERR" ]
ok $? "call: nothing on stderr"

run 0 "$FAKE" -- call tapi0:0 busy
has '^call 100: callstate disconnected (busy)$' "$OUT" \
	"call: disconnected (busy), then dropped"
tail -n 1 "$OUT" | grep -q '^call 100: callstate idle$'
ok $? "busy call: ends idle"
run 0 "$FAKE" -- call tapi0:0 noanswer --timeout 30
has '^call 100: callstate disconnected (noanswer)$' "$OUT" \
	"call: disconnected (noanswer)"

run 0 "$FAKE" -- call --json tapi0:0 busy
jsonl 'all(e["call_id"] == 100 and e["line"] == 0 for e in d)' \
	"call --json: one object per line, with the call id"
jsonl '[e.get("state") for e in d if e["type"] == "callstate"] == ["proceeding", "disconnected", "idle"]' \
	"call --json: the states"
jsonl '[e for e in d if e.get("state") == "disconnected"][0]["mode"] == "busy"' \
	"call --json: the disconnect mode"
jsonl '[(e["request"], e["result"]) for e in d if e["type"] == "reply"] == [("makecall", 0), ("drop", 0)]' \
	"call --json: the replies"

run 1 "$FAKE" -- call tapi0:0 fail
has '^reply makecall: Input/output error (EIO)$' "$OUT" \
	"failed request: its reply"
has '^tapictl: cannot place the call: Input/output error$' "$ERR" \
	"failed request: says so"
run 1 "$FAKE" -- call tapi0:0 full
has "^tapictl: tapi0:0: cannot place a call to 'full': Device or resource busy$" \
	"$ERR" "refused request: the core's errno"
run 1 "$FAKE" -- call tapi0:0 1001 --address 5
has 'No such file or directory' "$ERR" "no address 5"
run 1 "$FAKE" -- call tapi0:1 1001
has '^tapictl: /dev/tapi0: cannot open line 1: Operation not supported$' \
	"$ERR" "line without voice: cannot own voice calls"
run 1 "$FAKE" -- call tapi0:5 1001
has 'no line 5 (the card has 2 lines)' "$ERR" "call: no such line"

bg_signal INT 'connected' "$FAKE" -- call tapi0:0 1001
[ "$got" = 0 ]
ok $? "call: SIGINT drops the call, exit 0 (got $got)"
has '^call 100: reply drop: ok$' "$OUT" "SIGINT: dropped"
tail -n 1 "$OUT" | grep -q '^call 100: callstate idle$'
ok $? "SIGINT: ends idle"
bg_signal TERM 'connected' "$FAKE" -- call tapi0:0 1001
[ "$got" = 0 ]
ok $? "call: SIGTERM drops the call, exit 0 (got $got)"

run 0 "$FAKE" -- answer tapi0:0 --hangup-after 0
has '^call 66: callstate offering (active) \[owner\]$' "$OUT" \
	"answer: the new call as it arrives"
has '^call 66: reply answer: ok$' "$OUT" "answer: answered"
has '^call 66: callstate connected (active)$' "$OUT" "answer: connected"
tail -n 1 "$OUT" | grep -q '^call 66: callstate idle$'
ok $? "answer: hung up, ends idle"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- answer tapi0:0 --call 66 \
	--hangup-after 0 --json
jsonl 'd[0]["type"] == "callinfo" and d[0]["fields"] == ["numowners", "nummonitors"]' \
	"answer an existing call: privilege raised (callinfo)"
jsonl 'd[1]["type"] == "callstate" and d[1]["privilege"] == "owner" and d[1]["state"] == "offering"' \
	"answer an existing call: now owner"
jsonl '[e["request"] for e in d if e["type"] == "reply"] == ["answer", "drop"]' \
	"answer --json: answer, then drop"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- answer tapi0:0 --call 67
has '^tapictl: call 67 is connected (active), not offered$' "$ERR" \
	"answer a connected call: refused"
run 1 "$FAKE" -- answer tapi2:0 --wait 0
has '^tapictl: no call was offered in 0 s$' "$ERR" "answer: --wait expires"

with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- calls tapi0:0
has '^CALL  ADDRESS  STATE  *ORIGIN  *CALLER  *CALLED  *CONNECTED  *OWNERS  MONITORS$' \
	"$OUT" "calls: header"
has '^66    0        offering (active)   external  555 "Bob"  1000  *unknown  *0       0$' \
	"$OUT" "calls: the offered call"
has '^67    1        connected (active)  internal  1001       2000 "Carol"  2000 "Carol"  1       0$' \
	"$OUT" "calls: the connected call"
tail -n 1 "$OUT" | grep -q '^call 67: secure, user-user info "hello"$'
ok $? "calls: after the table, what it leaves out"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- calls tapi0:0 --json
json '[c["call_id"] for c in d["calls"]] == [66, 67]' "calls --json: by call id"
json 'd["calls"][0]["caller"] == {"number": "555", "name": "Bob", "flags": ["name", "address"]}' \
	"calls --json: a party"
json 'd["calls"][1]["state"] == "connected" and d["calls"][1]["mode"] == "active" and d["calls"][1]["origin"] == "internal"' \
	"calls --json: state, mode, origin"
json 'd["calls"][1]["num_owners"] == 1 and d["calls"][1]["num_monitors"] == 0' \
	"calls --json: counts without tapictl's handle"
json 'd["calls"][1]["param_flags"] == ["secure"] and d["calls"][1]["user_user_info"] == "68656c6c6f" and d["calls"][1]["completion_id"] == 0' \
	"calls --json: secure, user-user info as hex"
json 'd["calls"][0]["param_flags"] == [] and d["calls"][0]["user_user_info"] == ""' \
	"calls --json: the other call, neither"
run 0 "$FAKE" -- calls tapi2:0
has '^no calls on tapi2:0$' "$ERR" "calls: none, says so"
[ ! -s "$OUT" ]
ok $? "calls: none, nothing on stdout"
run 0 "$FAKE" -- calls tapi2:0 --json
json 'd == {"calls": []}' "calls --json: none"
# Without the netlink family, every card's calls come from /dev.
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- calls
has '^CALL  LINE     ADDRESS  STATE' "$OUT" "calls of every card: a LINE column"
has '^67    tapi0:0  1        connected (active)  internal' "$OUT" \
	"calls of every card: the line of each call"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- calls sim0 --json
json '[(c["call_id"], c["card"], c["line"]) for c in d["calls"]] == [(66, 0, 0), (67, 0, 0)]' \
	"calls CARD --json: the card's calls, with card and line"
run 1 "$FAKE" -- calls nosuchcard
has "no tapi card named 'nosuchcard'" "$ERR" "calls CARD: unknown card"
run 0 "$FAKE" -- calls tapi2
has '^no calls on tapi2$' "$ERR" "calls CARD: none, says so"

with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- drop tapi0:0 67
has '^call 67: dropped, idle$' "$OUT" "drop a call by its id"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- drop --json tapi0:0 66
json 'd == {"call_id": 66, "dropped": True, "state": "idle"}' "drop --json"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- drop tapi0:0 68
has '^tapictl: tapi0:0: no call 68$' "$ERR" "drop: no such call"

# ---- hold, transfer, conference, against the fake ----
run 0 "$FAKE" -- hold tapi0:0 67
has '^call 67: held, onhold$' "$OUT" "hold a call by its id"
[ "$(wc -l <"$OUT")" = 1 ]
ok $? "hold: one line, no events"
run 0 "$FAKE" -- hold --json tapi0:0 67
json 'd == {"call_id": 67, "held": True, "state": "onhold"}' "hold --json"
run 1 "$FAKE" -- unhold tapi0:0 67
has '^tapictl: call 67: cannot take off hold: File descriptor in bad state (it is connected)$' \
	"$ERR" "unhold a connected call: the error and the state"
run 1 "$FAKE" -- hold tapi0:0 68
has '^tapictl: tapi0:0: no call 68$' "$ERR" "hold: no such call"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- hold tapi0:0 66
has '^tapictl: call 66 has no owner' "$ERR" \
	"hold: a call nobody else owns is left alone"

run 0 "$FAKE" -- transfer tapi0:0 67 --to 2003
has '^call 67: transferred to 2003, idle$' "$OUT" "blind transfer"
run 0 "$FAKE" -- transfer --json tapi0:0 67 --to 2003
json 'd == {"call_id": 67, "transferred": True, "to": "2003", "state": "idle"}' \
	"blind transfer --json"
run 1 "$FAKE" -- transfer tapi0:0 67 --to busy
has "^tapictl: call 67: cannot transfer to 'busy': Device or resource busy$" \
	"$ERR" "blind transfer to a busy number"
run 1 "$FAKE" -- transfer tapi0:0 67 --to nowhere
has "^tapictl: call 67: cannot transfer to 'nowhere': No such device or address$" \
	"$ERR" "blind transfer to a number out of reach"

run 0 "$FAKE" -- transfer tapi0:0 67 --consult 2002
has '^call 67: reply setuptransfer: ok$' "$OUT" "consultation: set up"
has '^call 67: callstate onholdpendtransfer$' "$OUT" \
	"consultation: the call held pending transfer"
has '^call 100: callstate dialtone (internal) \[owner\]$' "$OUT" \
	"consultation: the new call's first state"
has '^call 100: callstate connected (active)$' "$OUT" \
	"consultation: the party answers"
has '^call 67: reply completetransfer: ok$' "$OUT" "consultation: completed"
tail -n 2 "$OUT" | tr '\n' ' ' | grep -q '^call 67: callstate idle call 100: callstate idle $'
ok $? "consultation transfer: both calls end idle"
run 1 "$FAKE" -- transfer tapi0:0 67 --consult busy
has '^tapictl: call 100: busy did not answer: busy (station)$' "$ERR" \
	"consultation: a busy party"
tail -n 1 "$OUT" | grep -q '^call 67: callstate connected (active)$'
ok $? "consultation: the call comes back"
run 1 "$FAKE" -- transfer tapi0:0 67 --consult 2002 --conference
has '^tapictl: call 67: cannot complete the transfer as a conference: Operation not supported$' \
	"$ERR" "as a conference where the address has none"
tail -n 1 "$OUT" | grep -q '^call 67: callstate connected (active)$'
ok $? "failed completion: the call comes back"
run 0 "$FAKE" -- transfer --json tapi0:0 67 --consult 2002
jsonl '[e["request"] for e in d if e["type"] == "reply"] == ["setuptransfer", "dial", "completetransfer"]' \
	"consultation --json: the requests"

run 0 "$FAKE" -- conference tapi0:0 67 2002 --hangup-after 0
has '^call 67: reply setupconference: ok$' "$OUT" "conference: set up"
has '^call 67: callstate conferenced (conference 100)$' "$OUT" \
	"conference: the call a member, its conference named"
has '^call 100: callstate onholdpendconf \[owner\]$' "$OUT" \
	"conference: the conference call"
has '^call 100: reply addtoconference: ok$' "$OUT" "conference: party added"
has '^call 101: callstate conferenced (conference 100)$' "$OUT" \
	"conference: the party a member"
has '^call 100: reply drop: ok$' "$OUT" "conference: hung up after 0 s"
tail -n 3 "$OUT" | grep -c 'callstate idle$' | grep -q '^3$'
ok $? "conference: every call ends idle"
run 0 "$FAKE" -- conference --json tapi0:0 67 2002 --hangup-after 0
jsonl '[e["conf_call_id"] for e in d if e.get("state") == "conferenced"] == [100, 100]' \
	"conference --json: conf_call_id of the members"
run 1 "$FAKE" -- conference tapi0:0 67 2002 2003
has '^tapictl: call 67: cannot set up a conference of 3 members: Invalid argument$' \
	"$ERR" "conference: more members than the address allows"
run 1 "$FAKE" -- conference tapi0:0 67
has '^tapictl: call 67 is in no conference$' "$ERR" \
	"conference: show, not in one"
run 1 "$FAKE" -- conference --remove tapi0:0 67
has '^tapictl: call 67: cannot remove from its conference: ' "$ERR" \
	"conference --remove: not a member"
bg_signal INT 'conferenced' "$FAKE" -- conference tapi0:0 67 2002
[ "$got" = 0 ]
ok $? "conference: SIGINT drops the conference, exit 0 (got $got)"
has '^call 100: reply drop: ok$' "$OUT" "SIGINT: the conference call dropped"

with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- conference tapi0:0 81
has '^conference 80: connected$' "$OUT" "conference: show"
has '^  member 82: conferenced$' "$OUT" "conference: show the members"
with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- conference --json tapi0:0 80
json 'd == {"conf_call_id": 80, "state": "connected", "members": [{"call_id": 81, "state": "conferenced"}, {"call_id": 82, "state": "conferenced"}]}' \
	"conference --json: show"
with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- conference --remove tapi0:0 82
has '^call 82: removed from conference 80, onhold$' "$OUT" \
	"conference --remove"
with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- conference --remove --json tapi0:0 82
json 'd == {"call_id": 82, "removed": True, "conf_call_id": 80, "state": "onhold"}' \
	"conference --remove --json"
with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- conference tapi0:0 80 2002 \
	--hangup-after 0
has '^call 80: reply prepareaddtoconference: ok$' "$OUT" \
	"conference: add to an existing conference"
has '^call 100: callstate conferenced (conference 80)$' "$OUT" \
	"conference: the party joined it"
with FAKE_TAPI_CONF=1 run 1 "$FAKE" -- conference tapi0:0 80 2002 2003 \
	--hangup-after 0
has '^tapictl: call 80: cannot prepare adding a party: No space left on device$' \
	"$ERR" "conference: full"
with FAKE_TAPI_CONF=1 run 0 "$FAKE" -- hold tapi0:0 80
has '^call 80: held, onhold$' "$OUT" "hold a conference call"

# ---- call services, against the fake ----
run 0 "$FAKE" -- park tapi0:0 67 --at 72
has '^call 67: parked at 72, idle$' "$OUT" "directed park"
[ "$(wc -l <"$OUT")" = 1 ]
ok $? "park: one line, no events"
run 0 "$FAKE" -- park --json tapi0:0 67 --at 73
json 'd == {"call_id": 67, "parked": True, "park_address": "73", "state": "idle"}' \
	"park --json"
run 1 "$FAKE" -- park tapi0:0 67
has '^tapictl: call 67: cannot park: Operation not supported$' "$ERR" \
	"non-directed park where the address parks directed only"
run 1 "$FAKE" -- park tapi0:0 67 --at 71
has "^tapictl: call 67: cannot park at '71': Device or resource busy$" \
	"$ERR" "park at a taken park address"
run 1 "$FAKE" -- park tapi0:0 67 --at 999
has "^tapictl: call 67: cannot park at '999': No such device or address$" \
	"$ERR" "park at a number that is no park address"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- park tapi0:0 66
has '^tapictl: call 66 has no owner' "$ERR" "park: a call nobody else owns"

with FAKE_TAPI_HELD=1 run 0 "$FAKE" -- swap tapi0:0 67 68
has '^call 67: swapped, onhold$' "$OUT" "swap: the active call held"
has '^call 68: swapped, connected (active)$' "$OUT" \
	"swap: the held call connected"
with FAKE_TAPI_HELD=1 run 0 "$FAKE" -- swap --json tapi0:0 67 68
json 'd == {"swapped": True, "calls": [{"call_id": 67, "state": "onhold"}, {"call_id": 68, "state": "connected"}]}' \
	"swap --json"
with FAKE_TAPI_HELD=1 run 1 "$FAKE" -- swap tapi0:0 68 67
has '^tapictl: call 68: cannot swap hold with call 67: File descriptor in bad state (it is onhold)$' \
	"$ERR" "swap the wrong way round: the error and the state"
run 1 "$FAKE" -- swap tapi0:0 67 69
has '^tapictl: tapi0:0: no call 69$' "$ERR" "swap: no such call"

with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- pickup tapi0:0 2002 --hangup-after 0
has '^call 100: reply pickup: ok$' "$OUT" "pickup: the reply, by call id"
has '^call 100: callstate connected (active) \[owner\]$' "$OUT" \
	"pickup: connected, owned"
tail -n 1 "$OUT" | grep -q '^call 100: callstate idle$'
ok $? "pickup: hung up, ends idle"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- pickup --json tapi0:0 --group 1 \
	--hangup-after 0
jsonl '[e["request"] for e in d if e["type"] == "reply"] == ["pickup", "drop"]' \
	"group pickup --json: pickup, then drop"
with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- pickup tapi0:0 --hangup-after 0
has '^call 100: reply pickup: ok$' "$OUT" "pickup in the address's own group"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- pickup tapi0:0 2009
has '^reply pickup: No such process (ESRCH)$' "$OUT" \
	"pickup where nothing alerts: the reply"
has "^tapictl: cannot pick up the call alerting at '2009': No such process$" \
	"$ERR" "pickup where nothing alerts: says so"
run 1 "$FAKE" -- pickup tapi0:0 2002 --address 1
has "^tapictl: tapi0:0: cannot pick up the call alerting at '2002': Operation not supported$" \
	"$ERR" "pickup on an address that cannot"
with FAKE_TAPI_HELD=1 run 1 "$FAKE" -- pickup tapi0:0 2002
has "cannot pick up the call alerting at '2002': Device or resource busy$" \
	"$ERR" "pickup with no call to spare: EBUSY"
bg_signal INT 'connected' "$FAKE" -- pickup tapi0:0 2002
[ "$got" = 0 ]
ok $? "pickup: SIGINT drops the call, exit 0 (got $got)"
has '^call 100: reply drop: ok$' "$OUT" "pickup: SIGINT, dropped"

with FAKE_TAPI_QUIET=1 run 0 "$FAKE" -- unpark tapi0:0 71 --hangup-after 0
has '^call 100: reply unpark: ok$' "$OUT" "unpark: the reply"
tail -n 1 "$OUT" | grep -q '^call 100: callstate idle$'
ok $? "unpark: hung up, ends idle"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- unpark tapi0:0 73
has "^tapictl: cannot unpark the call at '73': No such process$" "$ERR" \
	"unpark where nothing is parked"
with FAKE_TAPI_QUIET=1 run 1 "$FAKE" -- unpark tapi0:0 1234
has "^tapictl: cannot unpark the call at '1234': No such device or address$" \
	"$ERR" "unpark a number that is no park address"

run 0 "$FAKE" -- forward tapi0:0
has '^address 0 (1000): not forwarded$' "$OUT" "forward: show, address 0"
has '^address 1 (1001): not forwarded$' "$OUT" "forward: show, address 1"
with FAKE_TAPI_FORWARD=1 run 0 "$FAKE" -- forward tapi0:0
has '^address 0 (1000): busy 2002, noanswer 2003 after 15000 ms$' "$OUT" \
	"forward: show the forwarding in force"
with FAKE_TAPI_FORWARD=1 run 0 "$FAKE" -- forward --json tapi0:0 -a 0
json 'd == {"addresses": [{"address_id": 0, "address": "1000", "num_forward": 2, "forward_no_answer_ms": 15000, "forward": [{"mode": "busy", "dest": "2002"}, {"mode": "noanswer", "dest": "2003"}]}]}' \
	"forward --json: one address"
run 0 "$FAKE" -- forward tapi0:0 --noanswer 2003 --uncond 2002 --busy 2004 \
	--after 20000
has '^address 0 (1000): uncond 2002, busy 2004, noanswer 2003 after 20000 ms$' \
	"$OUT" "forward address 0: what is in force after"
[ "$(wc -l <"$OUT")" = 1 ]
ok $? "forward: only the address changed"
run 0 "$FAKE" -- forward tapi0:0 --all-addresses --uncond 2005
has '^address 1 (1001): uncond 2005$' "$OUT" "forward every address"
with FAKE_TAPI_FORWARD=1 run 0 "$FAKE" -- forward --json tapi0:0 --cancel
json 'd["addresses"][0]["num_forward"] == 0 and d["addresses"][0]["forward"] == []' \
	"forward --cancel"
run 1 "$FAKE" -- forward tapi0:0 -a 1 --busy 2004
has '^tapictl: tapi0:0: cannot forward address 1: Operation not supported$' \
	"$ERR" "forward in a mode the address has not"
run 1 "$FAKE" -- forward tapi0:0 --uncond nowhere
has '^tapictl: tapi0:0: cannot forward address 0: No such device or address$' \
	"$ERR" "forward to a number out of reach"
run 1 "$FAKE" -- forward tapi0:0 --uncond 1000
has 'cannot forward address 0: Invalid argument$' "$ERR" \
	"forward an address to itself"
run 1 "$FAKE" -- forward tapi0:0 -a 5
has '^tapictl: tapi0:0: no address 5 (the line has 2)$' "$ERR" \
	"forward: no such address"
run 1 "$FAKE" -- forward tapi2:0 --all-addresses --uncond 2002
has '^tapictl: tapi2:0: cannot forward the line: Operation not supported$' \
	"$ERR" "forward a line that cannot"
with FAKE_TAPI_FORWARD=1 run 0 "$FAKE" -- monitor tapi0:0 --count 2
has '^addressstate address 0: forward, forwards busy|noanswer$' "$OUT" \
	"monitor: a forwarding event"
with FAKE_TAPI_FORWARD=1 run 0 "$FAKE" -- monitor --json tapi0:0 --count 2
jsonl 'd[1]["fields"] == ["forward"] and d[1]["forward_modes"] == ["busy", "noanswer"] and "num_inuse" not in d[1]' \
	"monitor --json: the forward modes"

run 0 "$FAKE" -- monitor tapi0:0 --count 3
has '^linedevstate connected$' "$OUT" "monitor: line event"
has '^call 66: newcall on address 0 \[monitor\]$' "$OUT" \
	"monitor: new call, by call id"
has '^call 66: callstate offering (active) \[monitor\]$' "$OUT" \
	"monitor: call state"
[ "$(wc -l <"$OUT")" = 3 ]
ok $? "monitor: stops after --count events"
run 0 "$FAKE" -- monitor -j -n 3 tapi0:0
jsonl '[e["type"] for e in d] == ["linedevstate", "newcall", "callstate"]' \
	"monitor --json: one object per event"
jsonl 'd[1]["call_id"] == 66 and d[1]["address_id"] == 0 and d[1]["privilege"] == "monitor" and d[0]["seqno"] == 1' \
	"monitor --json: new call"
with FAKE_TAPI_REMOVED=1 run 1 "$FAKE" -- monitor tapi0:1
tail -n 1 "$OUT" | grep -q '^removed$'
ok $? "monitor: prints until the card is removed"
bg_signal INT 'offering' "$FAKE" -- monitor tapi0:0
[ "$got" = 0 ]
ok $? "monitor: SIGINT ends it, exit 0 (got $got)"

echo "1..$num"
exit $((failed != 0))
