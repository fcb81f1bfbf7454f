#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kmod/60-tapi.rules under a real udev: with the rules in /run/udev/rules.d
# and a group "tapi" (in a copy of /etc/group bound over it: the root file
# system is read-only), systemd-udevd gives a card that goes live, and one
# that was live before it started ("udevadm trigger"), root:tapi and 0660.
# Then the access that gives: a user outside the group cannot open
# /dev/tapiN (EACCES), nor tapictl use it; the same user in group tapi
# opens it and reads every line's capabilities with tapictl.
#
# systemd-udevd runs only while this script does and is stopped through
# its control socket (udevadm control --exit).

. "$(dirname "$0")/lib.sh"
require_sim

TOP=$(cd "$(dirname "$0")/.." && pwd)
RULES=$TOP/kmod/60-tapi.rules
TAPICTL=${TAPICTL:-$TOP/libtapi/tapictl}
UDEVD=/lib/systemd/systemd-udevd
NOBODY=65534

[ -r "$RULES" ] || skip_all "no $RULES"
[ -x "$TAPICTL" ] || skip_all "no $TAPICTL (make -C libtapi)"
command -v udevadm >/dev/null || skip_all "no udevadm"
[ -x "$UDEVD" ] || skip_all "no $UDEVD"
command -v setpriv >/dev/null || skip_all "no setpriv"
mountpoint -q /run || skip_all "/run is no tmpfs of its own"
# Not on a machine with a udev of its own: this test starts one.  (The
# control socket may outlive a udevd that exited: ask it.)
udevadm control --ping -t 2 2>/dev/null && skip_all "a udevd runs already"

card=$(card_name udev)
early=$(card_name udevearly)
tmp=$(mktemp -d /run/tapi-udev.XXXXXX)
udevd_up=0
group_bound=0

cleanup()
{
	card_remove "$card"
	card_remove "$early"
	if [ $udevd_up = 1 ]; then
		udevadm control --exit 2>/dev/null
	fi
	rm -f /run/udev/rules.d/60-tapi.rules
	[ $group_bound = 0 ] || umount /etc/group
	rm -rf "$tmp"
}
trap cleanup EXIT

# owner_mode DEV: "USER:GROUP MODE" of /dev/DEV, once udev has set it
# (up to ~20 s), else as it is.
owner_mode()
{
	local i

	for ((i = 0; i < 100; i++)); do
		[ "$(stat -c %G "/dev/$1")" = tapi ] && break
		sleep 0.2
	done
	udevadm settle -t 20 2>/dev/null
	stat -c '%U:%G %a' "/dev/$1"
}

# --- group "tapi" ----------------------------------------------------------
gid=$(getent group tapi | cut -d: -f3)
if [ -z "$gid" ]; then
	for ((gid = 999; gid > 100; gid--)); do
		getent group "$gid" >/dev/null || break
	done
	cp /etc/group "$tmp/group"
	echo "tapi:x:$gid:" >>"$tmp/group"
	mount --bind "$tmp/group" /etc/group && group_bound=1
fi
check "group tapi exists" "$gid" "$(getent group tapi | cut -d: -f3)"

# --- a card live before udevd runs -----------------------------------------
card_make "$early" 1 && echo 1 >"$SIM/$early/live" ||
	{ fail "card $early live"; finish; }
edev=$(rd "$SIM/$early/dev_name")
check "without udev, /dev/$edev is root:root 600" "root:root 600" \
	"$(stat -c '%U:%G %a' "/dev/$edev")"

# --- udevd with the rules --------------------------------------------------
mkdir -p /run/udev/rules.d
cp "$RULES" /run/udev/rules.d/60-tapi.rules
if "$UDEVD" --daemon >"$tmp/udevd.log" 2>&1; then
	udevd_up=1
	ok "systemd-udevd started"
else
	fail "systemd-udevd started" "$(tail -n 3 "$tmp/udevd.log")"
	finish
fi
for ((i = 0; i < 100; i++)); do
	[ -S /run/udev/control ] && break
	sleep 0.1
done
udevadm control --ping -t 20 ||
	{ fail "udevd answers" "no control socket"; finish; }

# A card that goes live: its add uevent does it.
card_make "$card" 3 && echo 1 >"$SIM/$card/live" ||
	{ fail "card $card live"; finish; }
dev=$(rd "$SIM/$card/dev_name")
check "add uevent: /dev/$dev is root:tapi 660" "root:tapi 660" \
	"$(owner_mode "$dev")"

# The card from before: what "udevadm trigger" at boot does.
udevadm trigger --subsystem-match=tapi --action=add
check "udevadm trigger: /dev/$edev is root:tapi 660" "root:tapi 660" \
	"$(owner_mode "$edev")"

# --- who may open it ---------------------------------------------------------
outsider=(setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups)
member=(setpriv --reuid=$NOBODY --regid=$NOBODY --groups="$gid")

# open_as WHO...: what opening /dev/$dev read-write says ("ok" or why not).
open_as()
{
	"$@" bash -c "exec 3<>/dev/$dev && echo ok" 2>&1 |
		sed 's/.*: //' | tail -n 1
}
check "outside group tapi: open /dev/$dev" "Permission denied" \
	"$(open_as "${outsider[@]}")"
out=$("${outsider[@]}" "$TAPICTL" caps "$dev:0" 2>&1)
rc=$?
check "outside group tapi: tapictl caps $dev:0 fails" 1 "$rc"
if grep -q "Permission denied" <<<"$out"; then
	ok "outside group tapi: tapictl says Permission denied"
else
	fail "outside group tapi: tapictl says Permission denied" "$out"
fi

check "in group tapi: open /dev/$dev" ok "$(open_as "${member[@]}")"
for i in 0 1 2; do
	out=$("${member[@]}" "$TAPICTL" caps "$dev:$i" --json 2>&1)
	rc=$?
	check "in group tapi: tapictl caps $dev:$i" 0 "$rc"
	if grep -q "\"$((7000 + i))\"" <<<"$out"; then
		ok "in group tapi: line $i's number $((7000 + i)) shown"
	else
		fail "in group tapi: line $i's number $((7000 + i)) shown" \
			"$(head -c 300 <<<"$out")"
	fi
done

finish
