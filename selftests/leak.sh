#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Leaks over many card lives: LEAK_CYCLES times (default 100; 20 on a
# kernel with kmemleak, which is slow and finds single objects anyway) load
# tapi_sim, make a card with 4 lines, go live, open card and line fds, take
# the card down with fds open, read them, close them, remove the card and
# unload tapi_sim (tapi_cycle does the card part).
#
# Kernel memory is compared before and after by memcheck.sh: a slab cache
# that grew by LEAK_CYCLES objects (one per cycle) and by more than a
# slab's worth fails, as does Slab growth past LEAK_SLAB_KB or VmallocUsed
# growth past LEAK_VMALLOC_KB.  Smaller leaks are kmemleak's: with it, a
# scan afterwards must report nothing of tapi.  tapi_sim is left loaded or
# not as found.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/memcheck.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
KO_TAPI=${TAPI_KMOD_DIR:-}/kmod/tapi.ko
KO_SIM=${TAPI_KMOD_DIR:-}/tsp/sim/tapi_sim.ko
[ -n "${TAPI_KMOD_DIR:-}" ] || skip_all "TAPI_KMOD_DIR not set"
[ -r "$KO_TAPI" ] && [ -r "$KO_SIM" ] || skip_all "no modules in $TAPI_KMOD_DIR"
CYCLE=$DIR/tapi_cycle
[ -x "$CYCLE" ] || skip_all "no $CYCLE"
[ -r /proc/slabinfo ] || skip_all "no /proc/slabinfo"

# A debug kernel (kmemleak, KASAN) is several times slower, and kmemleak
# finds a single leaked object anyway: fewer cycles there.
if [ -e "$KMEMLEAK" ]; then
	cycles=${LEAK_CYCLES:-20}
else
	cycles=${LEAK_CYCLES:-100}
fi
MEM_SLAB_KB=${LEAK_SLAB_KB:-1024}
MEM_VMALLOC_KB=${LEAK_VMALLOC_KB:-512}

had_tapi=$(loaded tapi)
had_sim=$(loaded tapi_sim)
tmp=$(mktemp -d)
name=kstleak-$$

cleanup()
{
	[ "$(loaded tapi_sim)" = 0 ] || card_remove "$name"
	modules_restore
	rm -rf "$tmp"
}
trap cleanup EXIT

[ "$(loaded tapi)" = 1 ] || insmod "$KO_TAPI" || skip_all "cannot load tapi"
if [ "$had_sim" = 1 ]; then
	rmmod tapi_sim 2>/dev/null || skip_all "tapi_sim busy (cards left?)"
fi

# One life; prints nothing on success.
cycle()
{
	local how=down

	[ $(($1 % 2)) -eq 0 ] || how=rmdir
	insmod "$KO_SIM" || { echo "insmod tapi_sim failed"; return 1; }
	if [ ! -d "$SIM" ]; then
		mountpoint -q /sys/kernel/config ||
			mount -t configfs configfs /sys/kernel/config
	fi
	"$CYCLE" "$name" 4 "$how" 2>&1 || { card_remove "$name"; rmmod tapi_sim; return 1; }
	rmmod tapi_sim || { echo "rmmod tapi_sim failed"; return 1; }
}

# Warm up: first-time allocations (caches, sysfs, ida) are not leaks.
for i in 1 2 3; do
	out=$(cycle "$i") || { fail "warm-up cycle $i" "$out"; finish; }
done
ok "warm-up cycles"

mem_begin

start=$SECONDS
failed_at=
for ((i = 1; i <= cycles; i++)); do
	if ! out=$(cycle "$i"); then
		failed_at="cycle $i: $out"
		break
	fi
done
check "$cycles cycles of load/card/live/fds/remove/unload" "" "$failed_at"
echo "# $cycles cycles in $((SECONDS - start)) s"

mem_end "$cycles" "cycle"

finish
