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
else
	json() {
		num=$((num + 1))
		echo "ok $num - $2 # SKIP no python3"
	}
fi

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
has '^  0     Line 0 "front desk"  1000,1001  *interactivevoice|automatedvoice  voice|speech  4      makecall$' \
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
awk 'length($0) > 79 { exit 1 }' "$OUT"
ok $? "caps: no line longer than 79 columns"

run 0 "$FAKE" -- caps /dev/tapi0:1 --json
json 'd["card"]["name"] == "sim0" and d["line"]["line"] == 1' \
	"caps --json: card and line"
json 'd["line"]["string_format"] == "utf8" and d["line"]["monitor_digit_modes"] == ["dtmf", "dtmfend"]' \
	"caps --json: line fields"
json 'd["line"]["addresses"][0] == {"address_id": 0, "address": "+33 1 23 45 67 89", "max_calls": 1, "address_features": [], "call_features": []}' \
	"caps --json: address object"
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

echo "1..$num"
exit $((failed != 0))
