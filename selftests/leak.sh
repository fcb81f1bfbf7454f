#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Leaks over many card lives: LEAK_CYCLES times (default 100; 40 on a
# kernel with kmemleak, which is slow and finds single objects anyway) load
# tapi_sim, make a card with 4 lines, go live, open card and line fds, take
# the card down with fds open, read them, close them, remove the card and
# unload tapi_sim (tapi_cycle does the card part).
#
# Slab objects per cache, Slab and VmallocUsed are compared before and
# after (page cache dropped, caches shrunk; the lowest of three readings
# after against the highest of three before): a cache that grew by
# LEAK_CYCLES objects (one per cycle) and by more than a slab's worth
# fails, as does Slab growth past LEAK_SLAB_KB or VmallocUsed growth past
# LEAK_VMALLOC_KB.  Smaller leaks are kmemleak's: with it, a scan afterwards
# must report nothing of tapi.  tapi_sim is left loaded or not as found.

. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
KO_TAPI=${TAPI_KMOD_DIR:-}/kmod/tapi.ko
KO_SIM=${TAPI_KMOD_DIR:-}/tsp/sim/tapi_sim.ko
[ -n "${TAPI_KMOD_DIR:-}" ] || skip_all "TAPI_KMOD_DIR not set"
[ -r "$KO_TAPI" ] && [ -r "$KO_SIM" ] || skip_all "no modules in $TAPI_KMOD_DIR"
CYCLE=$DIR/tapi_cycle
[ -x "$CYCLE" ] || skip_all "no $CYCLE"
[ -r /proc/slabinfo ] || skip_all "no /proc/slabinfo"

KMEMLEAK=/sys/kernel/debug/kmemleak
# A debug kernel (kmemleak, KASAN) is several times slower, and kmemleak
# finds a single leaked object anyway: fewer cycles there.
if [ -e "$KMEMLEAK" ]; then
	cycles=${LEAK_CYCLES:-40}
else
	cycles=${LEAK_CYCLES:-100}
fi
slab_tol=${LEAK_SLAB_KB:-1024}
vmalloc_tol=${LEAK_VMALLOC_KB:-512}
# Caches whose objects the kernel frees lazily, whatever we do.
ignore='^(vmap_area|kmemleak_object|kernfs_iattrs_cache|radix_tree_node|xfs_.*|ext4_.*)$'

had_tapi=$(loaded tapi)
had_sim=$(loaded tapi_sim)
tmp=$(mktemp -d)
name=kstleak-$$

cleanup()
{
	[ "$(loaded tapi_sim)" = 0 ] || card_remove "$name"
	if [ "$had_sim" = 1 ] && [ "$(loaded tapi_sim)" = 0 ]; then
		insmod "$KO_SIM"
	fi
	if [ "$had_sim" = 0 ] && [ "$(loaded tapi_sim)" = 1 ]; then
		rmmod tapi_sim
	fi
	if [ "$had_tapi" = 0 ] && [ "$(loaded tapi)" = 1 ]; then
		rmmod tapi
	fi
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

# Settle the allocator and write "cache active_objects objperslab" lines
# to $1.
snapshot()
{
	local f

	sync
	echo 3 >/proc/sys/vm/drop_caches
	# Let RCU-deferred frees (files, tasks) happen, then empty the
	# per-cpu slabs so the counts are what is really allocated.
	sleep 1
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 >"$f" 2>/dev/null
	done
	awk 'NR > 2 { print $1, $2, $5 }' /proc/slabinfo | LC_ALL=C sort >"$1"
}

# Counts still move by about a slab between two snapshots of an idle
# system: take three, keep each cache's lowest ("min") or highest ("max").
snapshots()
{
	local i

	for i in 1 2 3; do
		snapshot "$tmp/$1.$i"
	done
	cat "$tmp/$1".[123] | awk -v want="$2" '
		!($1 in v) || (want == "max" ? $2 > v[$1] : $2 < v[$1]) {
			v[$1] = $2; per[$1] = $3
		}
		END { for (c in v) print c, v[c], per[c] }' |
		LC_ALL=C sort >"$tmp/$1"
}

meminfo()
{
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# Warm up: first-time allocations (caches, sysfs, ida) are not leaks.
for i in 1 2 3; do
	out=$(cycle "$i") || { fail "warm-up cycle $i" "$out"; finish; }
done
ok "warm-up cycles"

snapshots before max
slab0=$(meminfo Slab)
vm0=$(meminfo VmallocUsed)
avail0=$(meminfo MemAvailable)
[ -w "$KMEMLEAK" ] && echo clear >"$KMEMLEAK"

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

snapshots after min
slab1=$(meminfo Slab)
vm1=$(meminfo VmallocUsed)
avail1=$(meminfo MemAvailable)
echo "# Slab: $slab0 kB -> $slab1 kB ($((slab1 - slab0)) kB)"
echo "# VmallocUsed: $vm0 kB -> $vm1 kB ($((vm1 - vm0)) kB)"
echo "# MemAvailable: $avail0 kB -> $avail1 kB ($((avail1 - avail0)) kB)"

# Per cache: growth of at least one object per cycle, and of more than the
# slab's worth of objects the counts wander by, is a leak.
LC_ALL=C join -a 2 -e 0 -o 0,1.2,2.2,2.3 "$tmp/before" "$tmp/after" |
	awk -v min="$cycles" -v ign="$ignore" '
		{ d = $3 - $2 }
		d > 0 { printf "%s %d %d %+d\n", $1, $2, $3, d >"/dev/stderr" }
		d >= min && d > $4 && $1 !~ ign {
			print $1 ": " $2 " -> " $3 " (+" d ")"
		}' >"$tmp/grown" 2>"$tmp/changed"
echo "# slab caches that grew (lowest after vs highest before):"
sort -k4 -n -r "$tmp/changed" | head -n 15 | sed 's/^/#   /'
check "no slab cache grew by $cycles objects and a slab or more" "" \
	"$(paste -sd';' "$tmp/grown")"
check "Slab growth within $slab_tol kB" yes \
	"$([ $((slab1 - slab0)) -le "$slab_tol" ] && echo yes)"
check "VmallocUsed growth within $vmalloc_tol kB (modules freed)" yes \
	"$([ $((vm1 - vm0)) -le "$vmalloc_tol" ] && echo yes)"

if [ -w "$KMEMLEAK" ]; then
	# Objects younger than 5 s are never reported.
	sleep 6
	echo scan >"$KMEMLEAK"
	# one record per reported object; keep those tapi is part of
	awk 'BEGIN { RS = "unreferenced object" }
	     NR > 1 && /tapi/ { printf "unreferenced object%s", $0 }' \
		"$KMEMLEAK" >"$tmp/kmemleak"
	head -n 60 "$tmp/kmemleak" | sed 's/^/# /'
	check "kmemleak: nothing of tapi leaked" 0 \
		"$(grep -c '^unreferenced object' "$tmp/kmemleak")"
else
	echo "# no kmemleak in this kernel"
fi

finish
