#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module lifetime: tapi cannot go while tapi_sim (its user) is loaded;
# tapi_sim cannot go while it has configfs directories; once its card is
# down and its directories gone it unloads even though user space still
# holds card and line fds, which are then orphans (ENODEV, the removal
# records still readable); tapi cannot go while those fds are open, and
# goes once they are closed.  Both modules are reloaded at the end, leaving
# them as they were found.

. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
KO_TAPI=${TAPI_KMOD_DIR:-}/kmod/tapi.ko
KO_SIM=${TAPI_KMOD_DIR:-}/tsp/sim/tapi_sim.ko
[ -n "${TAPI_KMOD_DIR:-}" ] || skip_all "TAPI_KMOD_DIR not set"
[ -r "$KO_TAPI" ] && [ -r "$KO_SIM" ] || skip_all "no modules in $TAPI_KMOD_DIR"
[ -x "$TOOL" ] || skip_all "no $TOOL"

had_tapi=$(loaded tapi)
had_sim=$(loaded tapi_sim)
tmp=$(mktemp -d)
pids=()
card=

cleanup()
{
	local p

	for p in "${pids[@]}"; do
		kill -CONT "$p" 2>/dev/null
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -z "$card" ] || [ "$(loaded tapi_sim)" = 0 ] || card_remove "$card"
	# Leave the modules as they were found.
	modules_restore
	rm -rf "$tmp"
}
trap cleanup EXIT

[ "$(loaded tapi)" = 1 ] || insmod "$KO_TAPI" || skip_all "cannot load tapi"
[ "$(loaded tapi_sim)" = 1 ] || insmod "$KO_SIM" ||
	skip_all "cannot load tapi_sim"
require_sim

# 1: the core stays while a TSP uses it.
rmmod tapi 2>/dev/null
check "rmmod tapi refused while tapi_sim is loaded" 1 "$(loaded tapi)"
check "tapi_sim still loaded" 1 "$(loaded tapi_sim)"

# 2: a live card; a card fd blocked in poll(); two line fds (their card
# fds closed) blocked in read().
card=$(card_name mod)
card_make "$card" 2 && echo 1 >"$SIM/$card/live"
dev=/dev/$(rd "$SIM/$card/dev_name")
check "card is live" yes "$([ -c "$dev" ] && echo yes)"

"$TOOL" hold "$dev" >"$tmp/card" 2>&1 &
pids+=($!)
"$TOOL" hold "$dev" 0 >"$tmp/line0" 2>&1 &
pids+=($!)
"$TOOL" hold "$dev" 1 >"$tmp/line1" 2>&1 &
stopped=$!
pids+=($stopped)
ok_ready=yes
for f in card line0 line1; do
	wait_for_line "$tmp/$f" '^ready' || ok_ready="$f: $(cat "$tmp/$f")"
done
check "holders have their fds" yes "$ok_ready"
check "open_lines with two line fds" 2 "$(rd "$SIM/$card/open_lines")"
# The line1 holder sleeps through the removal and the unload: it reads
# what its orphaned fd kept only once tapi_sim is gone.
kill -STOP "$stopped"

# 3: the sim stays while it has directories.
rmmod tapi_sim 2>/dev/null
check "rmmod tapi_sim refused while its card is configured" 1 \
	"$(loaded tapi_sim)"
check "the card still works" "name=$card driver=tapi_sim lines=2" \
	"$("$TOOL" info "$dev")"
check "nothing reached the blocked reader" ready "$(cat "$tmp/line0")"
check "nothing reached the blocked poller" ready "$(cat "$tmp/card")"

# 4: take the card down: the blocked reader sees the removal.
echo 0 >"$SIM/$card/live"
wait_for_line "$tmp/line0" '^done'
check "reader woken with the removal records" \
	"ready|event 14 seq 1 line 0|event 15 seq 2 line 0|read ENODEV|line_ioctl ENODEV|done" \
	"$(paste -sd'|' "$tmp/line0")"
wait_for_line "$tmp/card" '^done'
check "poller woken with the card gone" \
	"ready|card_poll hup err|card_ioctl ENODEV|done" \
	"$(paste -sd'|' "$tmp/card")"
card_remove "$card"
check "card directories removed" no "$([ -d "$SIM/$card" ] && echo yes || echo no)"

# 5: the sim unloads under open (orphaned) fds.
check "rmmod tapi_sim with orphaned fds open" 0 \
	"$(rmmod tapi_sim 2>&1 >/dev/null; loaded tapi_sim)"
check "tapi-sim configfs directory gone" no "$([ -d "$SIM" ] && echo yes || echo no)"
kill -CONT "$stopped"
wait_for_line "$tmp/line1" '^done'
check "an orphaned fd read after the unload" \
	"ready|event 14 seq 1 line 1|event 15 seq 2 line 1|read ENODEV|line_ioctl ENODEV|done" \
	"$(paste -sd'|' "$tmp/line1")"

# 6: the core stays while user space holds its fds, and goes after;
# a lone line fd is enough to hold it.
check "the card fd and two line fds hold tapi" yes \
	"$([ "$(cat /sys/module/tapi/refcnt)" -ge 3 ] && echo yes)"
rmmod tapi 2>/dev/null
check "rmmod tapi refused while fds are open" 1 "$(loaded tapi)"
kill "${pids[0]}" "${pids[1]}"
wait "${pids[0]}" "${pids[1]}" 2>/dev/null
pids=("$stopped")
check "the lone line fd holds tapi" yes \
	"$([ "$(cat /sys/module/tapi/refcnt)" -ge 1 ] && echo yes)"
rmmod tapi 2>/dev/null
check "rmmod tapi refused while one line fd is open" 1 "$(loaded tapi)"
kill "$stopped"
wait "$stopped" 2>/dev/null
pids=()
check "refcount back to zero once closed" 0 "$(cat /sys/module/tapi/refcnt)"
check "rmmod tapi once the fds are closed" 0 \
	"$(rmmod tapi 2>&1 >/dev/null; loaded tapi)"

# 7: and both come back, working.
insmod "$KO_TAPI"
check "tapi reloaded" 1 "$(loaded tapi)"
insmod "$KO_SIM"
check "tapi_sim reloaded" 1 "$(loaded tapi_sim)"
check "configfs directory back" yes "$([ -d "$SIM" ] && echo yes)"
card=$(card_name mod2)
card_make "$card" 1 && echo 1 >"$SIM/$card/live"
dev=/dev/$(rd "$SIM/$card/dev_name")
check "a card after the reload" "name=$card driver=tapi_sim lines=1" \
	"$("$TOOL" info "$dev")"
card_remove "$card"
card=

# 8: with no card at all the sim unloads and reloads at once.
check "rmmod tapi_sim with no card" 0 "$(rmmod tapi_sim; loaded tapi_sim)"
check "insmod tapi_sim again" 1 "$(insmod "$KO_SIM"; loaded tapi_sim)"

finish
