#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation of sysfs and configfs cannot drift: the attributes a
# live sim card and its lines have in /sys/class/tapi/tapiN/ and in
# /sys/kernel/config/tapi-sim/CARD/ are exactly the "What:" entries of
# Documentation/ABI/testing/sysfs-class-tapi and configfs-tapi-sim, each
# with the access the entry's "(RO)", "(RW)" or "(WO)" says, and every
# entry has the fields of the kernel's ABI format.  The driver core's own
# links (subsystem, device) and power/ directory are not ours to document.

. "$(dirname "$0")/lib.sh"
require_sim

ABI=$(cd "$(dirname "$0")/.." && pwd)/Documentation/ABI/testing
[ -r "$ABI/sysfs-class-tapi" ] && [ -r "$ABI/configfs-tapi-sim" ] ||
	skip_all "no $ABI (run from the source tree)"

card=$(card_name abi)
C=$SIM/$card
tmp=$(mktemp -d)
trap 'card_remove "$card"; rm -rf "$tmp"' EXIT

# --- the ABI files' format -----------------------------------------------
# Every entry: What, Date, KernelVersion, Contact, Description, in order.
for f in sysfs-class-tapi configfs-tapi-sim; do
	bad=$(awk '
		/^What:/ { if (w && seq != "DKCX") print w; w = $2; seq = ""; next }
		/^Date:/ { seq = seq "D"; next }
		/^KernelVersion:/ { seq = seq "K"; next }
		/^Contact:/ { seq = seq "C"; next }
		/^Description:/ { seq = seq "X"; next }
		/^[A-Za-z]+:/ { seq = seq "?" }
		END { if (w && seq != "DKCX") print w }' "$ABI/$f")
	check "$f: every entry has Date, KernelVersion, Contact, Description" \
		"" "$bad"
done

# documented FILE: "PATH ACCESS" per entry; ACCESS is RO, RW, WO or "dir".
documented()
{
	awk '
		function out() { if (w != "") print w, (w ~ /\/$/ ? "dir" : a) }
		/^What:/ { out(); w = $2; a = "?"; next }
		a == "?" && match($0, /\((RO|RW|WO)\)/) {
			a = substr($0, RSTART + 1, 2)
		}
		END { out() }' "$1" | sort
}

# present DIR DOCDIR: "DOCPATH ACCESS" for DIR and everything under it,
# named as the documentation names it (DOCDIR for DIR; lineK for lineN);
# ACCESS from the owner's permission bits.  One stat(1) a directory: under
# emulation every exec counts.
present()
{
	local dir=$1 doc=$2 mode name

	echo "$doc dir"
	while read -r mode name; do
		name=${name##*/}
		case $mode in
		l*) ;;
		d*)
			[ "$name" = power ] && continue
			case $name in
			line[0-9]*) present "$dir/$name" "${doc}lineK/" ;;
			*) present "$dir/$name" "$doc$name/" ;;
			esac
			;;
		?rw*) echo "$doc$name RW" ;;
		?r-*) echo "$doc$name RO" ;;
		?-w*) echo "$doc$name WO" ;;
		*) echo "$doc$name ${mode:1:2}" ;;
		esac
	done < <(stat -c '%A %n' "$dir"/*)
}

# compare WHAT DOCUMENTED PRESENT: one case per entry of either.
compare()
{
	local -A doc=() now=()
	local path acc

	while read -r path acc; do
		doc[$path]=$acc
	done <"$2"
	while read -r path acc; do
		now[$path]=$acc
	done <"$3"
	while read -r path acc; do
		if [ -z "${now[$path]:-}" ]; then
			fail "$1: $path" "documented, not present"
		elif [ "${now[$path]}" != "$acc" ]; then
			fail "$1: $path" "documented $acc, is ${now[$path]}"
		else
			ok "$1: $path ($acc)"
		fi
	done <"$2"
	while read -r path acc; do
		[ -n "${doc[$path]:-}" ] ||
			fail "$1: $path ($acc)" "present, not documented"
	done <"$3"
}

# --- a live card with two lines ------------------------------------------
card_make "$card" 2 || { fail "make card $card"; finish; }
echo 1 >"$C/live" || { fail "card $card live"; finish; }
dev=$(rd "$C/dev_name")

documented "$ABI/sysfs-class-tapi" >"$tmp/sysfs.doc"
{
	echo "/sys/class/tapi/ dir"
	present "/sys/class/tapi/$dev" /sys/class/tapi/tapiN/
} | sort -u >"$tmp/sysfs.now"
compare sysfs "$tmp/sysfs.doc" "$tmp/sysfs.now"

documented "$ABI/configfs-tapi-sim" >"$tmp/configfs.doc"
{
	echo "$SIM/ dir"
	present "$C" "$SIM/CARD/"
} | sort -u >"$tmp/configfs.now"
compare configfs "$tmp/configfs.doc" "$tmp/configfs.now"

finish
