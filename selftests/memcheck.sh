# SPDX-License-Identifier: GPL-2.0
#
# Kernel memory before and after a repeated operation, for the leak tests.
# Source it after lib.sh; it needs $tmp (a scratch directory) and root.
#
#   mem_begin            settle the allocator, snapshot slab caches and
#                        /proc/meminfo, clear kmemleak's old reports
#   mem_end N WHAT       snapshot again and report, as TAP cases: no slab
#                        cache grew by N objects (one per repetition) and a
#                        slab or more, Slab grew less than $MEM_SLAB_KB,
#                        VmallocUsed less than $MEM_VMALLOC_KB, and with
#                        kmemleak, nothing of tapi is unreferenced.
#
# Snapshots drop the page cache, wait for RCU-deferred frees and shrink
# every cache first; three are taken, and the lowest count after is
# compared with the highest before, since counts wander by about a slab on
# an idle system.  MEM_IGNORE is a regex of caches the kernel frees lazily.

KMEMLEAK=/sys/kernel/debug/kmemleak
MEM_SLAB_KB=${MEM_SLAB_KB:-1024}
MEM_VMALLOC_KB=${MEM_VMALLOC_KB:-512}
MEM_IGNORE=${MEM_IGNORE:-'^(vmap_area|kmemleak_object|kernfs_iattrs_cache|radix_tree_node|xfs_.*|ext4_.*)$'}

# Write "cache active_objects objperslab" lines to $1.
_mem_snapshot()
{
	local f

	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 >"$f" 2>/dev/null
	done
	awk 'NR > 2 { print $1, $2, $5 }' /proc/slabinfo | LC_ALL=C sort >"$1"
}

# Three snapshots into $tmp/$1, each cache's lowest ("min") or highest.
_mem_snapshots()
{
	local i

	for i in 1 2 3; do
		_mem_snapshot "$tmp/$1.$i"
	done
	cat "$tmp/$1".[123] | awk -v want="$2" '
		!($1 in v) || (want == "max" ? $2 > v[$1] : $2 < v[$1]) {
			v[$1] = $2; per[$1] = $3
		}
		END { for (c in v) print c, v[c], per[c] }' |
		LC_ALL=C sort >"$tmp/$1"
}

_mem_info()
{
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

mem_begin()
{
	_mem_snapshots before max
	_mem_slab0=$(_mem_info Slab)
	_mem_vm0=$(_mem_info VmallocUsed)
	_mem_avail0=$(_mem_info MemAvailable)
	[ -w "$KMEMLEAK" ] && echo clear >"$KMEMLEAK"
}

mem_end()
{
	local n=$1 what=$2 slab1 vm1 avail1

	_mem_snapshots after min
	slab1=$(_mem_info Slab)
	vm1=$(_mem_info VmallocUsed)
	avail1=$(_mem_info MemAvailable)
	echo "# Slab: $_mem_slab0 kB -> $slab1 kB ($((slab1 - _mem_slab0)) kB)"
	echo "# VmallocUsed: $_mem_vm0 kB -> $vm1 kB ($((vm1 - _mem_vm0)) kB)"
	echo "# MemAvailable: $_mem_avail0 kB -> $avail1 kB ($((avail1 - _mem_avail0)) kB)"

	LC_ALL=C join -a 2 -e 0 -o 0,1.2,2.2,2.3 "$tmp/before" "$tmp/after" |
		awk -v min="$n" -v ign="$MEM_IGNORE" '
			{ d = $3 - $2 }
			d > 0 { printf "%s %d %d %+d\n", $1, $2, $3, d >"/dev/stderr" }
			d >= min && d > $4 && $1 !~ ign {
				print $1 ": " $2 " -> " $3 " (+" d ")"
			}' >"$tmp/grown" 2>"$tmp/changed"
	echo "# slab caches that grew (lowest after vs highest before):"
	sort -k4 -n -r "$tmp/changed" | head -n 15 | sed 's/^/#   /'
	check "no slab cache grew by one object per $what and a slab or more" \
		"" "$(paste -sd';' "$tmp/grown")"
	check "Slab growth within $MEM_SLAB_KB kB" yes \
		"$([ $((slab1 - _mem_slab0)) -le "$MEM_SLAB_KB" ] && echo yes)"
	check "VmallocUsed growth within $MEM_VMALLOC_KB kB" yes \
		"$([ $((vm1 - _mem_vm0)) -le "$MEM_VMALLOC_KB" ] && echo yes)"

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
}
