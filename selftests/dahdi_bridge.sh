#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The DAHDI bridge (tsp/dahdi, dahdi_dynamic_tapi.ko) against real DAHDI:
# loads DAHDI (dahdi_lib.sh) and the bridge, writes the system.conf of
# span DYN/tapi/kstbridge and runs dahdi_bridge_test, which configures the
# span with dahdi_cfg for each of its cases and plays both the PBX on the
# DAHDI channels and the tapi application on the card's lines.  Then the
# bridge's log lines, and everything unloads.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dahdi_lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
why=$(dahdi_missing)
[ -z "$why" ] || skip_all "$why"
[ -r "$DAHDI_TAPI_KO" ] || skip_all "no $DAHDI_TAPI_KO"
[ -x "$DIR/dahdi_bridge_test" ] || skip_all "no $DIR/dahdi_bridge_test"

trap 'dahdi_unload >/dev/null 2>&1' EXIT

if dahdi_load tapi; then
	ok "DAHDI and the bridge load"
else
	fail "DAHDI and the bridge load"
	finish
fi
# DAHDI's us zone rings 2 s on, 4 s off: an offered call outlives a pause
# of 5 s only while DAHDI rings.
echo 5000 >/sys/module/dahdi_dynamic_tapi/parameters/ring_gap_ms

conf=$(dahdi_cfg_file)
cat >"$conf" <<-CONF
	dynamic=tapi,kstbridge,6,0
	fxoks=1-2
	fxsks=3-4
	e&m=5
	loadzone=us
	defaultzone=us
CONF

# dahdi_cfg configures the channels before it loads the tone zones, so
# on a DAHDI that has none yet the channels get no ring cadence (DAHDI
# then rings for 0 ms).  Load them with a first configuration; the tests'
# own configurations then find them, as on a system configured at boot.
dahdi_cfg -c "$conf" >/dev/null 2>&1
dahdi_unconfig

k0=$(dmesg | wc -l)
DAHDI_BRIDGE_CONF=$conf DAHDI_TAPI_KO=$DAHDI_TAPI_KO \
	"$DIR/dahdi_bridge_test" 2>&1 | sed 's/^/# /'
check "dahdi_bridge_test passes" 0 "${PIPESTATUS[0]}"

log=$(dmesg | tail -n +$((k0 + 1)))
check "the bridge names the refused signalling" 1 \
	"$(grep -c 'DYN/tapi/kstbridge/5: e&m signalling is not supported' \
		<<<"$log" | sed 's/^[1-9][0-9]*$/1/')"
check "the bridge names each line's role" 1 \
	"$(grep -c 'DYN/tapi/kstbridge/3: fxsks signalling: the line is the exchange' \
		<<<"$log" | sed 's/^[1-9][0-9]*$/1/')"

if dahdi_unload; then
	ok "DAHDI and the bridge unload"
else
	fail "DAHDI and the bridge unload"
fi
trap - EXIT
finish
