# SPDX-License-Identifier: GPL-2.0
#
# Shared by the tapi selftest scripts: numbered TAP cases and sim card
# helpers.  Source it; it sets $DIR (where the scripts and helpers are).

DIR=${OUTPUT:-$(cd "$(dirname "$0")" && pwd)}
TOOL=$DIR/tapi_tool
SIM=/sys/kernel/config/tapi-sim
KSFT_SKIP=4

_case=0
_failed=0

echo "TAP version 13"

# ok DESCRIPTION / fail DESCRIPTION [WHY]
ok()
{
	_case=$((_case + 1))
	echo "ok $_case $1"
}

fail()
{
	_case=$((_case + 1))
	_failed=$((_failed + 1))
	echo "not ok $_case $1${2:+ # $2}"
}

# check DESCRIPTION EXPECTED GOT: one case, passed when GOT equals EXPECTED.
check()
{
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

# check_ne DESCRIPTION UNEXPECTED GOT
check_ne()
{
	if [ "$2" != "$3" ]; then
		ok "$1"
	else
		fail "$1" "got '$3'"
	fi
}

# End of the script: the plan, and the exit status.
finish()
{
	echo "1..$_case"
	[ "$_failed" -eq 0 ] || { echo "# $_failed of $_case failed"; exit 1; }
	exit 0
}

skip_all()
{
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

# Preconditions of every script: root, configfs, the sim module, the tool.
require_sim()
{
	[ "$(id -u)" -eq 0 ] || skip_all "needs root"
	[ -x "$TOOL" ] || skip_all "no $TOOL (make -C selftests)"
	if [ ! -d "$SIM" ] && [ -d /sys/kernel/config ] &&
	   ! mountpoint -q /sys/kernel/config; then
		mount -t configfs configfs /sys/kernel/config 2>/dev/null
	fi
	[ -d "$SIM" ] || skip_all "tapi_sim not loaded (no $SIM)"
}

# What writing VALUE to PATH does: "0" or an errno name.
wr()
{
	"$TOOL" write "$1" "$2"
}

# Contents of an attribute (first line).  A builtin, not head(1): the
# tests read hundreds of attributes, and under emulation every exec counts.
rd()
{
	local l=

	IFS= read -r l 2>/dev/null <"$1"
	printf '%s\n' "$l"
}

# A card name unique to this run: kstTAG-PID-N.
_cards=0
card_name()
{
	_cards=$((_cards + 1))
	echo "kst$1-$$-$_cards"
}

# card_make NAME NLINES: card NAME with lines line0.. each with a number;
# not live.
card_make()
{
	local c=$SIM/$1 i

	mkdir "$c" || return 1
	for ((i = 0; i < $2; i++)); do
		mkdir "$c/line$i" && echo "$((7000 + i))" >"$c/line$i/numbers" ||
			return 1
	done
}

# card_remove NAME: take it down and remove its directories, if it exists.
card_remove()
{
	local c=$SIM/$1

	[ -d "$c" ] || return 0
	echo 0 >"$c/live" 2>/dev/null
	rmdir "$c"/line* 2>/dev/null
	rmdir "$c"
}

# wait_no_calls [NAME]: wait up to ~10 s until card NAME (default $card)
# has no call left in its calls attribute.
wait_no_calls()
{
	local calls=$SIM/${1:-$card}/calls i

	for ((i = 0; i < 200; i++)); do
		[ -z "$(cat "$calls")" ] && return 0
		sleep 0.05
	done
	return 1
}

# call_of NAME LINE STATE: the id of the newest call on line LINE of card
# NAME in state STATE, as the calls attribute shows it ("ID line=N
# state=0xS far=WHO"; 0x20 RINGBACK, 0x100 CONNECTED, 0x400 ONHOLD),
# waiting up to ~10 s for one; empty if none came.
call_of()
{
	local i id

	for ((i = 0; i < 200; i++)); do
		id=$(sed -n "s/^\([0-9]*\) line=$2 state=$3 .*/\1/p" \
			"$SIM/$1/calls" | tail -n 1)
		[ -n "$id" ] && break
		sleep 0.05
	done
	echo "$id"
}

# conf_of LINE ID N: wait up to ~10 s until call ID of LINE (CARD:N) is
# in a conference of N members, all conferenced, as "$TAPICTL conference
# --json" shows it; print the conference call's id, nothing if it never
# was.
conf_of()
{
	local out i

	out=$(mktemp)
	for ((i = 0; i < 200; i++)); do
		if "$TAPICTL" conference "$1" "$2" --json >"$out" 2>/dev/null &&
		   [ "$(grep -c '"conferenced"' "$out")" = "$3" ]; then
			sed -n 's/^ *"conf_call_id": \([0-9]*\).*/\1/p' "$out"
			break
		fi
		sleep 0.05
	done
	rm -f "$out"
}

# The loaded state of a module: "1" or "0".
loaded()
{
	[ -d "/sys/module/$1" ] && echo 1 || echo 0
}

# Wait up to ~5 s for FILE to contain a line matching ERE.
wait_for_line()
{
	local i

	for ((i = 0; i < 100; i++)); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# Wait up to ~10 s for line $1 of card $dev (tapiN) to have $2 openers.
wait_opens()
{
	local i

	for ((i = 0; i < 200; i++)); do
		[ "$(rd "/sys/class/tapi/$dev/line$1/num_opens")" = "$2" ] &&
			return 0
		sleep 0.05
	done
	return 1
}

# Put tapi and tapi_sim back as they were when $had_tapi and $had_sim were
# read (1: loaded); KO_TAPI and KO_SIM name the modules' files.
modules_restore()
{
	if [ "$had_tapi" = 1 ] && [ "$(loaded tapi)" = 0 ]; then
		insmod "$KO_TAPI"
	fi
	if [ "$had_sim" = 1 ] && [ "$(loaded tapi_sim)" = 0 ]; then
		insmod "$KO_SIM"
	fi
	if [ "$had_sim" = 0 ] && [ "$(loaded tapi_sim)" = 1 ]; then
		rmmod tapi_sim
	fi
	if [ "$had_tapi" = 0 ] && [ "$(loaded tapi)" = 1 ]; then
		rmmod tapi
	fi
}
