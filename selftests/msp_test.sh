#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The MSP tools on a sim card, as a user runs them:
#
# - tapi-play on line 0 calls line 1, where tapi-record answers; the
#   recording holds every sample played, bit-exact in linear16 (found at
#   whatever offset the call's start gave it), within the G.711 error in
#   ulaw and alaw; again with both tools on their own clock (--clock);
# - DTMF played into a call is heard by tapi-tonecheck on the other end,
#   all sixteen digits in order; so is DTMF the card generates
#   (--send-digits);
# - the demo's exchange: tapi-play plays a prompt and gathers digits
#   (--gather), tapi-record records the prompt and sends digits back;
# - a monitor (--monitor ID) records a call two other programs own: a
#   piece of what was played, bit-exact, and the call is left up; it is
#   refused a call that is not there or not connected within --wait;
# - a three-way conference (tapictl conference) mixes: tone checkers
#   monitoring each party's call hear the other two parties' digits,
#   played from files, and not their own;
# - tapi-tonecheck placing calls hears the card's call-progress tones:
#   ringback from a number that rings (the simulated network, which never
#   answers), the special information tone (us and cept) from a number
#   nobody has, and busy from a line with no call to spare.
#
# The signals are made by msp/tests/wavtool (pseudo-random PCM, spandsp's
# DTMF generator).

. "$(dirname "$0")/lib.sh"
require_sim

MSP=${MSP:-$DIR/../msp}
TAPICTL=${TAPICTL:-$DIR/../libtapi/tapictl}
PLAY=$MSP/tapi-play
RECORD=$MSP/tapi-record
TONECHECK=$MSP/tapi-tonecheck
WAVTOOL=$MSP/tests/wavtool
for t in "$PLAY" "$RECORD" "$TONECHECK" "$WAVTOOL" "$TAPICTL"; do
	[ -x "$t" ] || skip_all "no $t (make -C msp, make -C libtapi)"
done

card=$(card_name msp)
C=$SIM/$card
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; card_remove "$card"; rm -rf "$WORK"' EXIT

# Lines 0, 1, 2: numbers 7000, 7001, 7002; line 2 takes one call at most.
card_make "$card" 3 || { fail "making card $card"; finish; }
echo 1 >"$C/line2/max_calls"
echo 1 >"$C/live" || { fail "card $card live"; finish; }
dev=$(cat "$C/dev_name")

# play_record NAME FORMAT [OPTIONS...]: 3 s of noise from line 0 to line 1.
play_record()
{
	local name=$1 fmt=$2 rec

	shift 2
	"$WAVTOOL" noise "$WORK/in.wav" 3 $((RANDOM + 1))
	"$RECORD" --format "$fmt" "$@" "$card:1" "$WORK/out.wav" \
		>"$WORK/rec.out" 2>&1 &
	rec=$!
	wait_opens 1 1
	check "$name: tapi-record waits on line 1" 0 $?
	"$PLAY" --format "$fmt" "$@" --call 7001 "$card:0" "$WORK/in.wav" \
		>"$WORK/play.out" 2>&1
	check "$name: tapi-play exits 0" 0 $?
	check "$name: all of it played" "played 24000 samples (3.00 s)" \
		"$(cat "$WORK/play.out")"
	wait "$rec"
	check "$name: tapi-record exits 0 when the caller hangs up" 0 $?
	check "$name: it says the call ended" 1 \
		"$(grep -c "then the call ended" "$WORK/rec.out")"
	"$WAVTOOL" match "$WORK/in.wav" "$WORK/out.wav" "$fmt" \
		>"$WORK/match.out" 2>&1
	check "$name: the recording holds what was played" 0 $?
	echo "# $name: $(cat "$WORK/match.out")"
	wait_no_calls
	check "$name: no call left" 0 $?
}

play_record linear16 linear16
play_record ulaw ulaw
play_record alaw alaw --frame-ms 10
play_record "linear16, own clock" linear16 --clock=40

# DTMF through a call.
digits='123A456B789C*0#D'
"$WAVTOOL" dtmf "$WORK/dtmf.wav" "$digits"
"$TONECHECK" --seconds 20 "$card:1" >"$WORK/tc.out" 2>&1 &
tc=$!
wait_opens 1 1
"$PLAY" --call 7001 "$card:0" "$WORK/dtmf.wav" >/dev/null 2>&1
check "dtmf: tapi-play exits 0" 0 $?
wait "$tc"
check "dtmf: tapi-tonecheck exits 0" 0 $?
check "dtmf: the sixteen digits, in order" "digits: $digits" \
	"$(grep '^digits:' "$WORK/tc.out")"
wait_no_calls

# DTMF the card generates (--send-digits on the caller, after 1 s of
# recording), heard by spandsp's detector on the other end.
"$TONECHECK" --seconds 20 "$card:1" >"$WORK/tc.out" 2>&1 &
tc=$!
wait_opens 1 1
"$RECORD" --call 7001 --seconds 1 --send-digits "$digits" "$card:0" \
	"$WORK/quiet.wav" >"$WORK/send.out" 2>&1
check "card dtmf: the sender exits 0" 0 $?
check "card dtmf: it says they went out" "sent digits $digits" \
	"$(grep '^sent' "$WORK/send.out")"
wait "$tc"
check "card dtmf: tapi-tonecheck exits 0" 0 $?
check "card dtmf: spandsp hears the sixteen digits, in order" \
	"digits: $digits" "$(grep '^digits:' "$WORK/tc.out")"
wait_no_calls

# The demo's exchange: the caller plays a prompt and gathers digits; the
# callee records the prompt, then answers with digits the card sends.
"$WAVTOOL" noise "$WORK/prompt.wav" 1 $((RANDOM + 1))
# (4 s: room for a caller that a slow kernel makes late to start playing.)
"$RECORD" --seconds 4 --send-digits 4711# "$card:1" "$WORK/heard.wav" \
	>"$WORK/rec.out" 2>&1 &
rec=$!
wait_opens 1 1
"$PLAY" --call 7001 --gather 8 "$card:0" "$WORK/prompt.wav" \
	>"$WORK/play.out" 2>&1
check "ivr: tapi-play exits 0" 0 $?
wait "$rec"
check "ivr: tapi-record exits 0" 0 $?
sed 's/^/# caller: /' "$WORK/play.out"
sed 's/^/# callee: /' "$WORK/rec.out"
check "ivr: the callee sent its digits" "sent digits 4711#" \
	"$(grep '^sent' "$WORK/rec.out")"
check "ivr: the caller gathered them, '#' last" \
	"gathered 4711# (termination digit)" \
	"$(grep '^gathered' "$WORK/play.out")"
"$WAVTOOL" match "$WORK/prompt.wav" "$WORK/heard.wav" linear16 \
	>"$WORK/match.out" 2>&1
check "ivr: the callee recorded the whole prompt" 0 $?
echo "# ivr: $(cat "$WORK/match.out")"
wait_no_calls

# Gathering that runs out: nobody sends a digit within --wait.
"$RECORD" --seconds 4 "$card:1" "$WORK/heard.wav" >/dev/null 2>&1 &
rec=$!
wait_opens 1 1
"$PLAY" --call 7001 --wait 2 --gather 4 "$card:0" "$WORK/prompt.wav" \
	>"$WORK/play.out" 2>&1
check "ivr timeout: tapi-play exits 0" 0 $?
check "ivr timeout: nothing gathered" "gathered nothing (no digit came)" \
	"$(grep '^gathered' "$WORK/play.out")"
wait "$rec"
wait_no_calls

# --monitor: a third program records a call two others own.  The caller
# plays 15 s of noise to line 1, where tapi-record answers; a monitor of
# line 1 records 2 s of the call from when it starts (it took over 5 s
# to start on the debug kernel: 15 s leaves room).
"$WAVTOOL" noise "$WORK/in.wav" 15 $((RANDOM + 1))
# The owner records until the caller hangs up: a player that starts late
# on a busy machine still ends up in the recording whole.
"$RECORD" "$card:1" "$WORK/out.wav" >"$WORK/rec.out" 2>&1 &
rec=$!
wait_opens 1 1
"$PLAY" --call 7001 "$card:0" "$WORK/in.wav" >"$WORK/play.out" 2>&1 &
play=$!
id=$(call_of "$card" 1 0x100)
check_ne "monitor: the call is up on line 1" "" "$id"
"$RECORD" --monitor "$id" --seconds 2 "$card:1" "$WORK/mon.wav" \
	>"$WORK/mon.out" 2>&1
check "monitor: tapi-record --monitor exits 0" 0 $?
check "monitor: it recorded 2 s" "recorded 16000 samples (2.00 s)" \
	"$(cat "$WORK/mon.out")"
"$WAVTOOL" match "$WORK/mon.wav" "$WORK/in.wav" linear16 >"$WORK/match.out" 2>&1
check "monitor: what it recorded is a piece of what was played, bit-exact" \
	0 $?
echo "# monitor: $(cat "$WORK/match.out")"
# The monitor left the call up: the caller played all of it and the owner
# recorded all of it.  (Whether the call is still up right now depends on
# how long the monitor took to start on a slow machine.)
wait "$play"
check "monitor: the caller played all of it" "played 120000 samples (15.00 s)" \
	"$(cat "$WORK/play.out")"
wait "$rec"
check "monitor: the owner recorded all of it too" 0 \
	"$("$WAVTOOL" match "$WORK/in.wav" "$WORK/out.wav" linear16 \
	   >/dev/null 2>&1; echo $?)"
wait_no_calls

# --monitor refusals: a call that is not there; a call that is not
# connected within --wait (a network number that rings for ever).
"$TONECHECK" --monitor 99999 "$card:1" >/dev/null 2>"$WORK/err"
check "monitor of no call: exit 1" 1 $?
check "... saying so" "tapi-tonecheck: $card:1: no call 99999" \
	"$(cat "$WORK/err")"
"$TAPICTL" call "$card:0" 9555 >/dev/null 2>&1 &
call=$!
id=$(call_of "$card" 0 0x20)
check_ne "a call rings on line 0" "" "$id"
"$TONECHECK" --monitor "$id" --wait 1 "$card:0" >/dev/null 2>"$WORK/err"
check "monitor of a call still ringing after --wait 1: exit 1" 1 $?
check "... saying so" \
	"tapi-tonecheck: call $id not connected after 1 s (it is ringback)" \
	"$(cat "$WORK/err")"
kill -INT "$call"
wait "$call"
wait_no_calls

# A three-way conference mixes: A (line 0, tapi-play) calls B (line 1,
# tapictl answer), B adds C (line 2, tapi-play) with tapictl conference.
# A's file has the digit 1 40 s in, C's the digit 6 28 s in (C answers
# after A): three tone checkers, monitors of the three lines, listen to
# the conference call and to A's and C's calls until each ends.  The
# margins are wide: a debug kernel under emulation takes seconds to set
# the conference up and start the checkers (over 20 s once, with the 6
# at 14 s, which they missed).
"$WAVTOOL" dtmf "$WORK/a.wav" 1 40000 2000
"$WAVTOOL" dtmf "$WORK/c.wav" 6 28000 14000
"$TAPICTL" answer "$card:1" --wait 20 >/dev/null 2>&1 &
b=$!
"$PLAY" "$card:2" "$WORK/c.wav" >/dev/null 2>&1 &
c=$!
wait_opens 1 1 && wait_opens 2 1
check "conference: B and C wait" 0 $?
"$PLAY" --call 7001 "$card:0" "$WORK/a.wav" >/dev/null 2>&1 &
a=$!
id=$(call_of "$card" 1 0x100)
check_ne "conference: A and B talk" "" "$id"
"$TAPICTL" conference "$card:1" "$id" 7002 --hangup-after 70 \
	>"$WORK/conf.out" 2>&1 &
conf=$!
a_id=$(call_of "$card" 0 0x100)
c_id=$(call_of "$card" 2 0x100)
check_ne "conference: C answered" "" "$c_id"
cf_id=$(conf_of "$card:1" "$id" 2)
check_ne "conference: B's call and C's are its members" "" "$cf_id"
"$TONECHECK" --monitor "$cf_id" --seconds 70 "$card:1" >"$WORK/B.tc" 2>&1 &
bh=$!
"$TONECHECK" --monitor "$a_id" --seconds 70 "$card:0" >"$WORK/A.tc" 2>&1 &
ah=$!
"$TONECHECK" --monitor "$c_id" --seconds 70 "$card:2" >"$WORK/C.tc" 2>&1 &
ch=$!
wait_opens 0 2 && wait_opens 1 3 && wait_opens 2 2
check "conference: the checkers listen" 0 $?
wait "$a"
check "conference: A played its file" 0 $?
wait "$c"
check "conference: C played its file" 0 $?
wait "$conf"
check "conference: tapictl conference exits 0 once the parties left" 0 $?
wait "$b"
for who in "B $bh" "A $ah" "C $ch"; do
	wait "${who#* }"
	check "conference: ${who%% *}'s checker exits 0 when its call ends" 0 $?
	grep '^digit ' "$WORK/${who%% *}.tc" | sed "s/^/# ${who%% *} hears: /"
done
check "conference: B, holding it, hears C's 6, then A's 1" "digits: 61" \
	"$(grep '^digits:' "$WORK/B.tc")"
check "conference: A hears C's 6, not its own 1" "digits: 6" \
	"$(grep '^digits:' "$WORK/A.tc")"
check "conference: C hears A's 1, not its own 6" "digits: 1" \
	"$(grep '^digits:' "$WORK/C.tc")"
wait_no_calls
check "conference: no call left" 0 $?

# Bad digits are refused before any call is made.
"$PLAY" --call 7001 --send-digits 12X "$card:0" "$WORK/prompt.wav" \
	>/dev/null 2>&1
check "bad --send-digits: usage error" 2 $?
"$PLAY" --call 7001 --gather 25 "$card:0" "$WORK/prompt.wav" \
	>/dev/null 2>&1
check "bad --gather: usage error" 2 $?
check "no call was made" "" "$(cat "$C/calls")"

# Ringback: the network never answers 9555 (remote_answer_ms is 0).
"$TONECHECK" --seconds 7 --call 9555 "$card:0" >"$WORK/tc.out" 2>&1
check "ringback: tapi-tonecheck exits 0" 0 $?
check "ringback: heard" "tones: ringback" "$(grep '^tones:' "$WORK/tc.out")"
grep '^tone ' "$WORK/tc.out" | sed 's/^/# /'
wait_no_calls

# The special information tone: a number nobody has, with unknown_number
# specialinfo; in both tone zones (card settings: taken down to change).
relive()
{
	echo 0 >"$C/live" && echo "$1" >"$C/unknown_number" &&
		echo "$2" >"$C/tone_zone" && echo 1 >"$C/live"
}
for zone in us cept; do
	relive specialinfo "$zone"
	check "sit ($zone): card live again" 0 $?
	"$TONECHECK" --seconds 4 --call 3333 "$card:0" >"$WORK/tc.out" 2>&1
	check "sit ($zone): tapi-tonecheck exits 0" 0 $?
	check "sit ($zone): heard" "tone sit ($zone," \
		"$(grep -o "^tone sit ($zone," "$WORK/tc.out" | head -n 1)"
	grep '^tone ' "$WORK/tc.out" | sed 's/^/# /'
	wait_no_calls
done
relive badaddress us
check "card live again, as it was" 0 $?

# Busy: line 2 (one call at most) is in a call with line 1.
"$TAPICTL" answer "$card:2" --wait 20 >/dev/null 2>&1 &
ans=$!
wait_opens 2 1
"$TAPICTL" call "$card:1" 7002 --hangup-after 5 >/dev/null 2>&1 &
call=$!
# The calls attribute: "ID line=N state=0xS far=WHO"; 0x100 is CONNECTED.
for ((i = 0; i < 100; i++)); do
	[ "$(grep -c 'line=2 state=0x100 ' "$C/calls")" = 1 ] && break
	sleep 0.05
done
check "busy: line 2 is in a call" 1 "$(grep -c 'line=2 state=0x100 ' "$C/calls")"
"$TONECHECK" --seconds 3 --call 7002 "$card:0" >"$WORK/tc.out" 2>&1
check "busy: tapi-tonecheck exits 0" 0 $?
check "busy: heard" "tones: busy" "$(grep '^tones:' "$WORK/tc.out")"
grep '^tone ' "$WORK/tc.out" | sed 's/^/# /'
wait "$call" "$ans"
wait_no_calls
check "no call left on the card" 0 $?

finish
