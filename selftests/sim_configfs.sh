#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tapi_sim configfs interface (Documentation/tsp-sim.rst): defaults,
# refused values (EINVAL, old value kept), refused changes while live
# (EBUSY), directory names, the rules for going live, live twice; the
# switch's card attributes and the network attribute's commands.

. "$(dirname "$0")/lib.sh"
require_sim

card=$(card_name cfg)
C=$SIM/$card
L=$C/line0
E=
trap 'card_remove "$card"; [ -z "$E" ] || card_remove "${E##*/}"' EXIT

# --- the card directory --------------------------------------------------
check "mkdir of a card" 0 "$("$TOOL" mkdir "$C")"
check "a new card is not live" 0 "$(rd "$C/live")"
check "dev_name of a dead card" none "$(rd "$C/dev_name")"
check "open_lines of a dead card" 0 "$(rd "$C/open_lines")"
long=kst$(printf '%028d' 0)
check "card name of 31 bytes" 0 "$("$TOOL" mkdir "$SIM/$long")"
rmdir "$SIM/$long" 2>/dev/null
check "card name of 32 bytes" ENAMETOOLONG "$("$TOOL" mkdir "$SIM/${long}x")"
rmdir "$SIM/${long}x" 2>/dev/null

# --- line directories ----------------------------------------------------
for bad in line lineX line-1 line+1 line01 Line0 line0x foo line65536 \
	   line4294967296; do
	check "mkdir $bad refused" EINVAL "$("$TOOL" mkdir "$C/$bad")"
	rmdir "$C/$bad" 2>/dev/null
done
check "mkdir line0" 0 "$("$TOOL" mkdir "$L")"
check "mkdir line65535" 0 "$("$TOOL" mkdir "$C/line65535")"
rmdir "$C/line65535"

# --- defaults ------------------------------------------------------------
check "default name" line0 "$(rd "$L/name")"
check "default numbers" "" "$(rd "$L/numbers")"
check "default media_modes" 7 "$(($(rd "$L/media_modes")))"
check "default bearer_modes" 3 "$(($(rd "$L/bearer_modes")))"
check "default max_calls" 4 "$(($(rd "$L/max_calls")))"
check "default max_conf_members" 3 "$(rd "$L/max_conf_members")"
check "default gen_digit_modes" 2 "$(($(rd "$L/gen_digit_modes")))"
check "default monitor_digit_modes" 6 "$(($(rd "$L/monitor_digit_modes")))"
check "default call_features" $((0x1ffffff)) "$(($(rd "$L/call_features")))"
check "default address_features" 15 "$(($(rd "$L/address_features")))"
check "default pickup_group" "" "$(rd "$L/pickup_group")"
check "default law" linear "$(rd "$L/law")"

# --- refused values keep the old one -------------------------------------
# attribute, a good value to start from, then the bad values
bad_values()
{
	local attr=$1 good=$2 before v
	shift 2

	check "$attr = $good" 0 "$(wr "$L/$attr" "$good")"
	before=$(rd "$L/$attr")
	for v in "$@"; do
		check "$attr = '$v' refused" EINVAL "$(wr "$L/$attr" "$v")"
		check "$attr kept after '$v'" "$before" "$(rd "$L/$attr")"
	done
}

n63=$(printf '%063d' 5)
bad_values name "first line" $'\n' "$(printf 'n%063d' 0)" $'a\x01b' \
	$'tab\there'
bad_values numbers "100, 101 102" $'\n' " " "12x" "1 2 x" "E" "1-2" \
	"1 1" "$(seq -s ' ' 1 17)" "${n63}6"
bad_values media_modes 0x1f abc 0 -1 0x8000 0x10000 4294967296 "1 2" 0x
bad_values bearer_modes 0x9 abc 0 -2 256 0x100
bad_values max_calls 2 abc 0 65 -1 4294967297 1.5
bad_values gen_digit_modes 1 abc 8 -1 0x10
bad_values monitor_digit_modes 0 abc 8 0xff
bad_values gen_tone_max_freqs 0 abc 4 -1
bad_values monitor_tone_max_freqs 1 abc 4 99
bad_values monitor_tone_max 16 abc 17 -1
bad_values max_conf_members 3 abc 0 1 9 -1
bad_values call_features 0xf abc 0 7 0x4000 0x2000008 0x4000008 -1
bad_values address_features 0 abc 16 0x1f -1
bad_values pickup_group sales "a b" "x/y" $'a\tb' "$(printf 'g%031d' 0)"
check "pickup_group of 31 characters" 0 \
	"$(wr "$L/pickup_group" "$(printf 'g%030d' 0)")"
check "pickup_group may be emptied" 0 "$(wr "$L/pickup_group" $'\n')"
check "empty pickup_group reads back" "" "$(rd "$L/pickup_group")"
bad_values law alaw ALAW mulaw 1 "ulaw alaw"
check "law = ulaw" 0 "$(wr "$L/law" ulaw)"
check "law reads back" ulaw "$(rd "$L/law")"
check "law = linear" 0 "$(wr "$L/law" linear)"

# --- the switch's card attributes -----------------------------------------
check "default no_answer_ms" 30000 "$(rd "$C/no_answer_ms")"
check "default remote_answer_ms" 0 "$(rd "$C/remote_answer_ms")"
check "default reply_delay_ms" 0 "$(rd "$C/reply_delay_ms")"
check "default unknown_number" badaddress "$(rd "$C/unknown_number")"
check "default external_prefix" 9 "$(rd "$C/external_prefix")"
check "default forward_no_answer_ms" 15000 "$(rd "$C/forward_no_answer_ms")"
check "default park_numbers" "" "$(rd "$C/park_numbers")"
check "default call_features" 15 "$(($(rd "$L/call_features")))"
check "calls of a dead card" "" "$(cat "$C/calls")"
# card attribute, a good value, then bad ones: EINVAL, old value kept
bad_card_values()
{
	local attr=$1 good=$2 before v
	shift 2

	check "$attr = $good" 0 "$(wr "$C/$attr" "$good")"
	before=$(rd "$C/$attr")
	for v in "$@"; do
		check "$attr = '$v' refused" EINVAL "$(wr "$C/$attr" "$v")"
		check "$attr kept after '$v'" "$before" "$(rd "$C/$attr")"
	done
}
bad_card_values no_answer_ms 1500 0 600001 -1 abc 0x10 "1 2"
bad_card_values remote_answer_ms 0 600001 -5 x
bad_card_values reply_delay_ms 250 600001 1e3
bad_card_values unknown_number specialinfo busy $'\n' "special info"
bad_card_values external_prefix 0 "9 9" "9x" "$(printf '9%064d' 0)"
bad_card_values forward_no_answer_ms 2000 0 600001 x
bad_card_values park_numbers "700 701" "7x" "1 1" "$(seq -s ' ' 1 9)"
check "park_numbers read back" "700 701" "$(rd "$C/park_numbers")"
check "park_numbers may be emptied" 0 "$(wr "$C/park_numbers" $'\n')"
check "eight park numbers" 0 "$(wr "$C/park_numbers" "$(seq -s ' ' 1 8)")"
check "no park numbers again" 0 "$(wr "$C/park_numbers" $'\n')"
check "external_prefix may be empty" 0 "$(wr "$C/external_prefix" $'\n')"
check "empty external_prefix reads back" "" "$(rd "$C/external_prefix")"
check "network of a dead card" ENODEV "$(wr "$L/network" "offer 1")"
check "network is write-only" "" "$(cat "$L/network" 2>/dev/null && echo readable)"

# --- accepted values read back -------------------------------------------
check "numbers, mixed separators" 0 "$(wr "$L/numbers" $'1,2\t3 , *4#')"
check "numbers shown space-separated" "1 2 3 *4#" "$(rd "$L/numbers")"
check "sixteen numbers" 0 "$(wr "$L/numbers" "$(seq -s , 1 16)")"
check "a 63-digit number" 0 "$(wr "$L/numbers" "$n63")"
check "the 63-digit number reads back" "$n63" "$(rd "$L/numbers")"
check "media_modes in octal" 0 "$(wr "$L/media_modes" 06)"
check "media_modes read back" 6 "$(($(rd "$L/media_modes")))"
check "every media mode" 0 "$(wr "$L/media_modes" 0x7fff)"
check "max_calls 64" 0 "$(wr "$L/max_calls" 64)"
check "max_calls read back" 64 "$(rd "$L/max_calls")"
check "max_calls 1" 0 "$(wr "$L/max_calls" 1)"
check "name of 63 bytes" 0 "$(wr "$L/name" "$(printf 'n%062d' 0)")"
check "name with a newline" 0 "$(wr "$L/name" $'reception\n')"
check "name read back without it" reception "$(rd "$L/name")"

# --- going live ------------------------------------------------------------
E=$SIM/$(card_name empty)
mkdir "$E"
check "live with no line refused" EINVAL "$(wr "$E/live" 1)"
check "dev_name after the refusal" none "$(rd "$E/dev_name")"
mkdir "$E/line0" "$E/line2"
echo 1 >"$E/line0/numbers"
echo 3 >"$E/line2/numbers"
check "live with line0 and line2 refused" EINVAL "$(wr "$E/live" 1)"
mkdir "$E/line1"
check "live with line1 lacking numbers refused" EINVAL "$(wr "$E/live" 1)"
check "still not live" 0 "$(rd "$E/live")"
echo 2 >"$E/line1/numbers"
echo "700 2" >"$E/park_numbers"
check "live with a park number that is a line's refused" EINVAL \
	"$(wr "$E/live" 1)"
echo 700 >"$E/park_numbers"
check "live with line0..line2 numbered" 0 "$(wr "$E/live" 1)"
dev=$(rd "$E/dev_name")
check "dev_name names a node" yes "$([[ $dev =~ ^tapi[0-9]+$ ]] && [ -c "/dev/$dev" ] && echo yes)"
check "the node is that card" "name=${E##*/} driver=tapi_sim lines=3" \
	"$("$TOOL" info "/dev/$dev")"
check "live=1 again" 0 "$(wr "$E/live" 1)"
check "same node after live=1 again" "$dev" "$(rd "$E/dev_name")"
check "live = 2 refused" EINVAL "$(wr "$E/live" 2)"
check "live = abc refused" EINVAL "$(wr "$E/live" abc)"
check "live kept" 1 "$(rd "$E/live")"

# --- frozen while live -----------------------------------------------------
for a in name numbers media_modes bearer_modes max_calls gen_digit_modes \
	 monitor_digit_modes gen_tone_max_freqs monitor_tone_max_freqs \
	 monitor_tone_max call_features max_conf_members address_features \
	 pickup_group law; do
	v=$(rd "$E/line1/$a")
	check "$a is busy while live" EBUSY "$(wr "$E/line1/$a" "$v"$'\n')"
	check "$a kept while live" "$v" "$(rd "$E/line1/$a")"
done
for a in no_answer_ms remote_answer_ms reply_delay_ms unknown_number \
	 external_prefix forward_no_answer_ms park_numbers extra_lines; do
	v=$(rd "$E/$a")
	check "$a is busy while live" EBUSY "$(wr "$E/$a" "$v")"
	check "$a kept while live" "$v" "$(rd "$E/$a")"
done
check_ne "calls is read-only" 0 "$(wr "$E/calls" 1)"

# --- the network attribute, live ------------------------------------------
N=$E/line0/network
for bad in $'\n' frobnicate "offer" "offer 1 2" "offer 1 bogus=3" \
	   "offer 1 media=x" "offer 1 call=1" "answer 5" "state" \
	   "state nosuchstate" "state busy mode=internal" "party" \
	   "party nobody" "hangup nosuchmode" "useruser" "useruser 4" \
	   "useruser zz" "useruser $(printf '%0258d' 0)"; do
	check "network: '$bad' refused" EINVAL "$(wr "$N" "$bad")"
done
check "network: no call to answer" ENOENT "$(wr "$N" answer)"
check "network: no call to hang up" ENOENT "$(wr "$N" "hangup call=99")"
check "network: a media mode the line lacks" EINVAL \
	"$(wr "$N" "offer 1 media=0x10")"
check "network: an address the line lacks" EINVAL \
	"$(wr "$N" "offer 1 address=1")"
check "no call came of it" "" "$(cat "$E/calls")"
# Nobody owns the line: the call is offered, and dropped at once.
check "network: an offer" 0 "$(wr "$N" "offer 5551234 name=Ann")"
for ((i = 0; i < 100; i++)); do
	[ -z "$(cat "$E/calls")" ] && break
	sleep 0.05
done
check "with no owner the call is dropped" "" "$(cat "$E/calls")"
check "network: then there is no call" ENOENT "$(wr "$N" "hangup busy")"
check "mkdir line3 while live" EBUSY "$("$TOOL" mkdir "$E/line3")"
rmdir "$E/line3" 2>/dev/null
check "rmdir of the card while live refused" yes \
	"$(rmdir "$E" 2>/dev/null || echo yes)"
check "the card is still there" "name=${E##*/} driver=tapi_sim lines=3" \
	"$("$TOOL" info "/dev/$dev")"
check_ne "dev_name is read-only" 0 "$(wr "$E/dev_name" none)"
check_ne "open_lines is read-only" 0 "$(wr "$E/open_lines" 1)"

# --- and down again ----------------------------------------------------------
check "live=0" 0 "$(wr "$E/live" 0)"
check "dev_name after live=0" none "$(rd "$E/dev_name")"
check "the node is gone" ENOENT "$("$TOOL" info "/dev/$dev")"
check "live=0 again" 0 "$(wr "$E/live" 0)"
check "attributes writable again" 0 "$(wr "$E/line1/max_calls" 9)"

# --- rmdir of a line of a live card takes the card dead first -------------
check "live=1 again" 0 "$(wr "$E/live" 1)"
dev=$(rd "$E/dev_name")
check "rmdir line2 while live" 0 "$(rmdir "$E/line2" && echo 0)"
check "which took the card dead" "0 none" "$(rd "$E/live") $(rd "$E/dev_name")"
check "its node is gone" ENOENT "$("$TOOL" info "/dev/$dev")"

# --- extra_lines: lines without directories --------------------------------
check "extra_lines default" 0 "$(rd "$E/extra_lines")"
for bad in $'\n' x "1" "1 x" "1 -5" "65537 1" "2 3 4" "0 7" "-1 5" \
	   "3 18446744073709551614" "1 18446744073709551616"; do
	check "extra_lines '$bad' refused" EINVAL "$(wr "$E/extra_lines" "$bad")"
done
check "extra_lines kept" 0 "$(rd "$E/extra_lines")"
check "extra_lines 3 500" 0 "$(wr "$E/extra_lines" "3 500"$'\n')"
check "extra_lines reads" "3 500" "$(rd "$E/extra_lines")"
check "live with 2 directories and 3 extra lines" 0 "$(wr "$E/live" 1)"
dev=$(rd "$E/dev_name")
check "the card has 5 lines" "name=${E##*/} driver=tapi_sim lines=5" \
	"$("$TOOL" info "/dev/$dev")"
check "live=0" 0 "$(wr "$E/live" 0)"
wr "$E/extra_lines" "65535 1" >/dev/null
check "65535 extra lines and 2 directories: too many" EINVAL \
	"$(wr "$E/live" 1)"
check "extra_lines 0" 0 "$(wr "$E/extra_lines" 0)"
check "lines removable again" 0 "$(rmdir "$E"/line* && echo 0)"
check "card removable again" 0 "$(rmdir "$E" && echo 0)"

finish
