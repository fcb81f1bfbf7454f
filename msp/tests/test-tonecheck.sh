#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tapi-tonecheck on sound files, no device needed: all sixteen DTMF digits
# in order (made with spandsp's dtmf_tx), a digit when it comes after
# silence, each call-progress tone of both tone zones (made with spandsp's
# tone_gen), nothing in noise, and a file that is not 8 kHz refused with
# a reason.  TAP output; exit 0 when every case passed.
#
# Usage: tests/test-tonecheck.sh [TAPI_TONECHECK [WAVTOOL]]

CHECK=${1:-./tapi-tonecheck}
WAVTOOL=${2:-./tests/wavtool}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

. "$(dirname "$0")/tap.sh"

# summary FILE WHICH: the "digits:" or "tones:" line of a check of FILE
summary()
{
	"$CHECK" --file "$1" | sed -n "s/^$2: *//p"
}

digits='123A456B789C*0#D'
"$WAVTOOL" dtmf "$WORK/dtmf.wav" "$digits"
check "the sixteen DTMF digits, in order" "$digits" \
	"$(summary "$WORK/dtmf.wav" digits)"
check "no tone in DTMF" "" "$(summary "$WORK/dtmf.wav" tones)"

"$WAVTOOL" dtmf "$WORK/d2.wav" 0011
check "repeated digits each count" "0011" "$(summary "$WORK/d2.wav" digits)"

"$WAVTOOL" dtmf "$WORK/late.wav" 5 3000 1000
check "a digit after 3 s of silence is told at 3 s" "digit 5 at 3.0" \
	"$("$CHECK" --file "$WORK/late.wav" | grep '^digit ' | cut -c1-14)"

for zone in us cept; do
	for tone in dial ringback busy congestion; do
		"$WAVTOOL" tone "$WORK/t.wav" $zone $tone 8
		check "$zone $tone" "$tone" "$(summary "$WORK/t.wav" tones)"
	done
done
"$WAVTOOL" tone "$WORK/t.wav" us ringback 8
check "the zone is told" "tone ringback (us, 440+480 Hz," \
	"$("$CHECK" --file "$WORK/t.wav" | grep '^tone ' | cut -c1-30)"
check "ringback cut short (--seconds 3) is not told yet" "" \
	"$("$CHECK" --seconds 3 --file "$WORK/t.wav" | sed -n 's/^tones: *//p')"

"$WAVTOOL" noise "$WORK/noise.wav" 5
check "nothing in noise" "|" \
	"$(summary "$WORK/noise.wav" digits)|$(summary "$WORK/noise.wav" tones)"

python3 -c 'import wave, sys
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(bytes(3200))' "$WORK/16k.wav"
"$CHECK" --file "$WORK/16k.wav" >/dev/null 2>"$WORK/err"
check "a 16 kHz file is refused (exit 1)" 1 $?
check "... saying why" 1 "$(grep -c 'not sampled at 8000 Hz' "$WORK/err")"
"$CHECK" --file "$WORK/none.wav" >/dev/null 2>&1
check "a missing file is an error" 1 $?
"$CHECK" >/dev/null 2>&1
check "no LINE nor --file is bad usage (exit 2)" 2 $?

finish
