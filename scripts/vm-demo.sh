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

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tapictl=$top/libtapi/tapictl
msp=$top/msp
sim=/sys/kernel/config/tapi-sim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n$ %s\n' "$*"; "$@"; }

# Run a command in the background, each line of its output tagged; $! is
# then the command's own pid.
bg()
{
	local tag=$1 cmd=$2

	shift 2
	printf '\n$ %s &    # [%s]\n' "${cmd##*/} $*" "$tag"
	"$cmd" "$@" > >(sed -u "s/^/[$tag] /") 2>&1 &
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

# Take the card down again and unload, as on a real machine.
step sh -c "echo 0 > $sim/office/live"
step sh -c "rmdir $sim/office/line* $sim/office"
step rmmod tapi_sim
step rmmod tapi
