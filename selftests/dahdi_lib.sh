# SPDX-License-Identifier: GPL-2.0
#
# dahdi_lib.sh - DAHDI in the test VM: load DAHDI's modules, configure
# spans with dahdi_cfg, take it all down again.  Source it (after lib.sh in
# a test; on its own in other scripts); it prints nothing by itself.
#
# DAHDI's modules are those scripts/build-modules.sh builds with the tree:
# $TAPI_KMOD_DIR/dahdi/{dahdi,dahdi_dynamic,dahdi_dynamic_loc}.ko, and the
# bridge $TAPI_KMOD_DIR/tsp/dahdi/dahdi_dynamic_tapi.ko.  The tools
# (dahdi_cfg) are Debian's package "dahdi".
#
# What DAHDI needs here, and what it does:
# - dahdi.ko with auto_assign_spans=1: Debian's DAHDI leaves new spans
#   unassigned (no channel numbers) until dahdi_span_assignments, which
#   wants udev; with it, spans get numbers as they come.
# - /dev/dahdi/{ctl,channel,pseudo,timer} (major 196) and a node a channel,
#   /dev/dahdi/chan/SSS/CCC, come from devtmpfs: no udev needed.
# - dahdi_cfg 3.1 uses a POSIX semaphore: /dev/shm must be a tmpfs.
# - A tone zone (loadzone/defaultzone) must be loaded for DAHDI_RING: the
#   ring cadence comes from the zone.
# - Dynamic spans: "dynamic=DRIVER,ADDRESS,CHANNELS,TIMING"; TIMING 0 (a
#   loc span cannot be a timing source: DAHDI's core timer drives them).
#   loc addresses are KEY:ID, one hex digit each; two spans of one key are
#   looped to each other.  Keep a span at 168 channels or fewer.
# - dahdi_cfg -s destroys the dynamic spans (and exits 1 all the same);
#   the modules then unload in reverse order.
# - Signalling on looped fxoks/fxsks channels (robbed bits across the
#   loop): an fxsks channel ignores ringing for 2 s after it went on hook
#   (RING_DEBOUNCE_TIME) and the far end's hang-up for 600 ms after it
#   went off hook (debouncetime); an fxoks channel reports the far end's
#   on-hook after 1.25 s (rxflashtime: shorter is a flash), and rings on
#   (the zone's cadence) after the far end answered until it goes off hook
#   itself, as chan_dahdi does on RINGOFFHOOK.  Its own hang-up is a
#   500 ms kewl pulse (HOOKCOMPLETE when over), which the fxsks end sees
#   as ONHOOK.

DAHDI_KO=${TAPI_KMOD_DIR:-}/dahdi
DAHDI_TAPI_KO=${TAPI_KMOD_DIR:-}/tsp/dahdi/dahdi_dynamic_tapi.ko
DAHDI_PBX=${DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}/dahdi_pbx
DAHDI_SPANS=/sys/bus/dahdi_spans/devices
# The most channels a span may have here (see above).
DAHDI_MAX_SPAN_CHANS=168

_dahdi_loaded=()
_dahdi_tmp=

# dahdi_missing: why DAHDI cannot be used here (empty if it can).
dahdi_missing()
{
	local m

	[ "$(id -u)" -eq 0 ] || { echo "needs root"; return; }
	[ -n "${TAPI_KMOD_DIR:-}" ] || { echo "TAPI_KMOD_DIR not set"; return; }
	for m in dahdi dahdi_dynamic dahdi_dynamic_loc; do
		[ -r "$DAHDI_KO/$m.ko" ] ||
			{ echo "no $DAHDI_KO/$m.ko (dahdi-source)"; return; }
	done
	command -v dahdi_cfg >/dev/null || { echo "no dahdi_cfg (dahdi)"; return; }
	[ -x "$DAHDI_PBX" ] || { echo "no $DAHDI_PBX (make -C selftests)"; return; }
}

_dahdi_insmod()
{
	local name=$1

	shift
	[ -d "/sys/module/$name" ] && return 0
	insmod "$@" || { echo "dahdi_lib: insmod $1 failed" >&2; return 1; }
	_dahdi_loaded=("$name" "${_dahdi_loaded[@]}")
}

# dahdi_load [tapi]: DAHDI's core, dynamic spans and the loc driver, and
# the tapi bridge too with "tapi"; what was already loaded stays.
dahdi_load()
{
	local i

	_dahdi_insmod dahdi "$DAHDI_KO/dahdi.ko" auto_assign_spans=1 &&
	_dahdi_insmod dahdi_dynamic "$DAHDI_KO/dahdi_dynamic.ko" &&
	_dahdi_insmod dahdi_dynamic_loc "$DAHDI_KO/dahdi_dynamic_loc.ko" ||
		return 1
	if [ "${1:-}" = tapi ]; then
		_dahdi_insmod dahdi_dynamic_tapi "$DAHDI_TAPI_KO" || return 1
	fi
	[ "$(cat /sys/module/dahdi/parameters/auto_assign_spans)" = 1 ] || {
		echo "dahdi_lib: dahdi was loaded without auto_assign_spans=1" >&2
		return 1
	}
	for ((i = 0; i < 100; i++)); do
		[ -c /dev/dahdi/ctl ] && [ -c /dev/dahdi/channel ] && return 0
		sleep 0.05
	done
	echo "dahdi_lib: no /dev/dahdi/ctl" >&2
	return 1
}

# dahdi_cfg_file: the system.conf dahdi_config writes.
dahdi_cfg_file()
{
	[ -n "$_dahdi_tmp" ] || _dahdi_tmp=$(mktemp -d)
	echo "$_dahdi_tmp/system.conf"
}

# dahdi_config < SYSTEM.CONF: configure DAHDI with these lines (the
# us tone zone added), and wait for the channels' device nodes.
dahdi_config()
{
	local conf out i n

	conf=$(dahdi_cfg_file)
	{
		cat
		echo "loadzone=us"
		echo "defaultzone=us"
	} >"$conf"
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" != tmpfs ]; then
		mkdir -p /dev/shm
		mount -t tmpfs -o mode=1777 tmpfs /dev/shm || return 1
	fi
	for n in $(sed -n 's/^dynamic=[^,]*,[^,]*,\([0-9]*\),.*/\1/p' "$conf"); do
		if [ "$n" -gt "$DAHDI_MAX_SPAN_CHANS" ]; then
			echo "dahdi_lib: a span of $n channels (at most $DAHDI_MAX_SPAN_CHANS)" >&2
			return 1
		fi
	done
	if ! out=$(dahdi_cfg -c "$conf" 2>&1); then
		echo "dahdi_lib: dahdi_cfg -c failed:" >&2
		echo "$out" >&2
		return 1
	fi
	# The channels' nodes: one per configured channel number.
	n=$(cat /proc/dahdi/* 2>/dev/null | grep -c '^[[:space:]]*[0-9]')
	for ((i = 0; i < 100; i++)); do
		[ "$(find /dev/dahdi/chan -type c 2>/dev/null | wc -l)" -ge "$n" ] &&
			return 0
		sleep 0.05
	done
	echo "dahdi_lib: $n channels, not all in /dev/dahdi/chan" >&2
	return 1
}

# dahdi_loc_pair N [SIG_A SIG_B]: two loc spans of N channels looped to
# each other (key 1, ids 0 and 1), span A's channels SIG_A (default fxoks,
# the exchange side: it rings), span B's SIG_B (default fxsks, the phone
# side).  Sets DAHDI_A and DAHDI_B to the first channel number of each.
dahdi_loc_pair()
{
	local n=$1 sa=${2:-fxoks} sb=${3:-fxsks}

	dahdi_config <<-EOF || return 1
	dynamic=loc,1:0,$n,0
	dynamic=loc,1:1,$n,0
	$sa=1-$n
	$sb=$((n + 1))-$((2 * n))
	EOF
	DAHDI_A=1
	DAHDI_B=$((n + 1))
}

# dahdi_spans: the number of spans DAHDI has.
dahdi_spans()
{
	find "$DAHDI_SPANS" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

# dahdi_unconfig: destroy the dynamic spans (dahdi_cfg -s), and check they
# are gone.
dahdi_unconfig()
{
	local conf i

	conf=$(dahdi_cfg_file)
	[ -r "$conf" ] || return 0
	# dahdi_cfg -s exits 1 even when it destroyed every span.
	dahdi_cfg -s -c "$conf" >/dev/null 2>&1
	for ((i = 0; i < 100; i++)); do
		[ "$(dahdi_spans)" = 0 ] && return 0
		sleep 0.05
	done
	echo "dahdi_lib: spans left after dahdi_cfg -s: $(dahdi_spans)" >&2
	return 1
}

# dahdi_unload: destroy the spans, unload what dahdi_load loaded (in
# reverse order), remove the temporary files.  Status 1 if something
# stayed.
dahdi_unload()
{
	local m rc=0

	dahdi_unconfig || rc=1
	for m in "${_dahdi_loaded[@]}"; do
		rmmod "$m" || { echo "dahdi_lib: rmmod $m failed" >&2; rc=1; }
	done
	_dahdi_loaded=()
	[ -z "$_dahdi_tmp" ] || rm -rf "$_dahdi_tmp"
	_dahdi_tmp=
	return $rc
}
