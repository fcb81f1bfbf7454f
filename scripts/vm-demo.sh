#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-demo.sh - run inside the test VM by run-demo.sh: what a person would
# type on a real machine to bring up a simulated card, look at it, and
# make calls on it with tapictl:
#
#  1. two applications: "A" (tapictl call on line 0) calls 2002; "B"
#     (tapictl answer on line 1) answers; A hangs up after 2 s; each prints
#     every event of its call.
#  2. an inbound call from the outside (the sim card's network attribute)
#     to 2001, offered to the owner of line 0 ("owner", tapictl answer),
#     which answers and hangs up after 2 s, while "monitor" (tapictl
#     monitor) watches the line.
#  3. media: "ivr" (tapi-play on line 0) calls 2002 and plays a spoken
#     prompt (espeak-ng, made 8 kHz by sox) while it gathers digits;
#     "phone" (tapi-record on line 1) answers, records the prompt, then
#     keys in 4711# (DTMF the card generates).  Each prints what it did:
#     the samples played and the digits gathered, the samples recorded and
#     the digits sent; then the recording is compared with the prompt.
#  4. a consultation transfer: A (tapictl call) calls B (tapictl answer);
#     B, with tapictl transfer --consult, holds A, calls C (tapictl answer
#     on line 2), and once C answered hands A over to C.  B's calls are
#     gone; A's call and C's now name each other as connected party, B as
#     the redirecting party, and TRANSFER as the reason; A hangs up.
#  5. a three-way conference: A (tapi-play) calls B, B adds C with tapictl
#     conference (C answers with tapi-play).  Each of A and C plays a file
#     made with sox: silence with one DTMF digit in it, C's 6 first, then
#     A's 1.  Three tone checkers (tapi-tonecheck --monitor, monitors of
#     the calls the others own) listen to each party's call: B, holding
#     the conference, hears 6 and 1; A hears C's 6, C hears A's 1, nobody
#     their own.
#
# Steps 4 and 5 check their outcome: the demo exits 1 if it is wrong.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tapictl=$top/libtapi/tapictl
msp=$top/msp
sim=/sys/kernel/config/tapi-sim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n$ %s\n' "$*"; "$@"; }

# Run a command in the background, each line of its output tagged, and
# kept in $work/TAG.out; $! is then the command's own pid.
bg()
{
	local tag=$1 cmd=$2

	shift 2
	printf '\n$ %s &    # [%s]\n' "${cmd##*/} $*" "$tag"
	rm -f "$work/$tag.out"
	"$cmd" "$@" > >(tee "$work/$tag.out" | sed -u "s/^/[$tag] /") 2>&1 &
}

# tapictl in the background.
app()
{
	local tag=$1

	shift
	bg "$tag" "$tapictl" "$@"
}

# Wait until line $1 of the card has $2 openers (the apps are ready).
wait_opens()
{
	local i

	for ((i = 0; i < 200; i++)); do
		[ "$(cat "/sys/class/tapi/$dev/line$1/num_opens")" -ge "$2" ] &&
			return 0
		sleep 0.05
	done
	echo "line $1 never got $2 openers" >&2
	return 1
}

# Print a command as typed, run it, keep its output in $work/$1.
step_out()
{
	local out=$1

	shift
	printf '\n$ %s\n' "$*"
	"$@" | tee "$work/$out"
}

# The id of the call in the table "tapictl calls" printed in $work/$1, as
# a person reads it there: the first call's.
call_id()
{
	awk 'NR == 2 { print $1 }' "$work/$1"
}

# The calls of line $1 as tapictl calls --json gives them, reduced to the
# fields a transfer sets: the party connected, the party that redirected
# the call, and the reason it is here.  In $work/parties too.
parties()
{
	printf '\n$ tapictl calls %s --json    # connected, redirecting, reason:\n' \
		"$1"
	"$tapictl" calls "$1" --json | python3 -c 'import json, sys
for c in json.load(sys.stdin)["calls"]:
	print("call %d: %s, connected party %s, redirecting party %s, "
	      "reason %s" % (c["call_id"], c["state"],
	      c["connected"]["number"] or "-",
	      c["redirecting"]["number"] or "-", c["reason"]))' |
		tee "$work/parties"
}

# expect WHAT EXPECTED GOT: an outcome the demo checks.
bad=0
expect()
{
	if [ "$2" = "$3" ]; then
		echo "=> $1"
	else
		echo "=> WRONG: $1: expected '$2', got '$3'"
		bad=1
	fi
}

# Wait up to ~10 s until the output of background command $1 has a line
# matching $2: a state it reaches, or its last line (the tagging pipe may
# lag behind the command).
wait_out()
{
	local i

	for ((i = 0; i < 200; i++)); do
		grep -q "$2" "$work/$1.out" 2>/dev/null && return
		sleep 0.05
	done
}

step insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
step insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"

# A card "office" with three lines; the third has two numbers and takes fax.
step mkdir "$sim/office"
for n in 0 1 2; do
	step mkdir "$sim/office/line$n"
done
echo "reception" > "$sim/office/line0/name"
echo "2001" > "$sim/office/line0/numbers"
echo "sales" > "$sim/office/line1/name"
echo "2002" > "$sim/office/line1/numbers"
echo "fax" > "$sim/office/line2/name"
echo "2003 2004" > "$sim/office/line2/numbers"
echo 0x17 > "$sim/office/line2/media_modes"
step grep . "$sim"/office/line*/name "$sim"/office/line*/numbers \
	"$sim"/office/line*/media_modes
step sh -c "echo 1 > $sim/office/live"
step cat "$sim/office/dev_name"
dev=$(cat "$sim/office/dev_name")
step ls -l "/dev/$dev" "/sys/class/tapi/$dev/"

step "$tapictl" list
step "$tapictl" caps "$dev:2"
step "$tapictl" caps office:0 --json

printf '\n### 1. Two applications: A calls B, B answers, A hangs up\n'
app B answer office:1 --wait 30
b=$!
wait_opens 1 1
app A call office:0 2002 --hangup-after 2
a=$!
wait "$a" "$b"

printf '\n### 2. An inbound call from outside, answered while a monitor watches\n'
app monitor monitor office:0
mon=$!
app owner answer office:0 --wait 30 --hangup-after 2
owner=$!
wait_opens 0 2
step sh -c "echo 'offer 5551234 name=Alice' > $sim/office/line0/network"
wait "$owner"
sleep 0.5		# the monitor's last events
kill -INT "$mon"
wait "$mon"
step "$tapictl" calls office:0

printf '\n### 3. A spoken prompt one way, a PIN keyed in the other\n'
step espeak-ng -w "$work/voice.wav" \
	"Welcome to the tapi demo. Please key in your PIN, then the hash key."
step sox "$work/voice.wav" -r 8000 -c 1 -b 16 "$work/prompt.wav"
bg phone "$msp/tapi-record" office:1 --seconds 8 --send-digits 4711# \
	"$work/heard.wav"
phone=$!
wait_opens 1 1
bg ivr "$msp/tapi-play" --call 2002 --gather 8 office:0 "$work/prompt.wav"
ivr=$!
wait "$phone" "$ivr"
# Where the prompt starts in the recording, and how far any sample is off.
step "$msp/tests/wavtool" match "$work/prompt.wav" "$work/heard.wav" linear16

printf '\n### 4. A consultation transfer: B consults C, then hands A over to C\n'
app C answer office:2 --wait 30
c=$!
app B answer office:1 --wait 30
b=$!
wait_opens 2 1
wait_opens 1 1
app A call office:0 2002
a=$!
wait_out B 'callstate connected'
step_out calls "$tapictl" calls office:1
id=$(call_id calls)
# B holds A, calls 2003 (C), talks to C, and connects A and C.
step "$tapictl" transfer office:1 "$id" --consult 2003
wait "$b"		# B's tapictl answer: its call is gone
# Who each now talks to, who transferred them, and why.
parties office:0
expect "A talks to C (2003), transferred by B (2002)" \
	"connected, connected party 2003, redirecting party 2002, reason transfer" \
	"$(sed 's/^call [0-9]*: //' "$work/parties")"
parties office:2
expect "C talks to A (2001), transferred by B (2002)" \
	"connected, connected party 2001, redirecting party 2002, reason transfer" \
	"$(sed 's/^call [0-9]*: //' "$work/parties")"
step_out bcalls "$tapictl" calls office:1 --json
expect "B has no call left" "[]" "$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["calls"])' "$work/bcalls")"
printf '\n$ kill -INT %%A    # A hangs up (Ctrl-C)\n'
kill -INT "$a"
wait "$a" "$c"

printf '\n### 5. A three-way conference: each party hears the two others\n'
# What A's and C's phones will play: silence, with one DTMF digit in it.
step sox -n -r 8000 -c 1 -b 16 "$work/a.wav" synth 0.3 sine 697 sine 1209 \
	pad 13 3
step sox -n -r 8000 -c 1 -b 16 "$work/c.wav" synth 0.3 sine 770 sine 1477 \
	pad 6 10
app B answer office:1 --wait 30
b=$!
bg C "$msp/tapi-play" office:2 "$work/c.wav"
c=$!
wait_opens 1 1
wait_opens 2 1
bg A "$msp/tapi-play" --call 2002 office:0 "$work/a.wav"
a=$!
wait_out B 'callstate connected'
step_out calls "$tapictl" calls office:1
id=$(call_id calls)
# B adds C to its call with A: a conference until the last party leaves.
app "B conference" conference office:1 "$id" 2003 --hangup-after 60
bconf=$!
wait_out "B conference" 'reply addtoconference: ok$'
step_out conf "$tapictl" conference office:1 "$id"
conf=$(sed -n 's/^conference \([0-9]*\):.*/\1/p' "$work/conf")
# The calls of A and of C, to listen to.
step_out calls "$tapictl" calls office:0
a_id=$(call_id calls)
step_out calls "$tapictl" calls office:2
c_id=$(call_id calls)
# Listen to each party's call, as a monitor of the line of the call's
# owner, until the call ends.
bg "B hears" "$msp/tapi-tonecheck" --monitor "$conf" --seconds 60 office:1
bh=$!
bg "A hears" "$msp/tapi-tonecheck" --monitor "$a_id" --seconds 60 office:0
ah=$!
bg "C hears" "$msp/tapi-tonecheck" --monitor "$c_id" --seconds 60 office:2
ch=$!
wait "$a" "$c" "$bconf" "$b" "$bh" "$ah" "$ch"
for who in B A C; do
	wait_out "$who hears" '^tones:'
done
heard() { sed -n 's/^digits: *//p' "$work/$1 hears.out"; }
expect "B, holding the conference, heard 770+1477 Hz (6) from C, then 697+1209 Hz (1) from A" \
	61 "$(heard B)"
expect "A heard C's 6, not its own 1" 6 "$(heard A)"
expect "C heard A's 1, not its own 6" 1 "$(heard C)"

# Take the card down again and unload, as on a real machine.
step sh -c "echo 0 > $sim/office/live"
step sh -c "rmdir $sim/office/line* $sim/office"
step rmmod tapi_sim
step rmmod tapi
if [ "$bad" != 0 ]; then
	echo "the demo went wrong: see WRONG above" >&2
	exit 1
fi
