#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-demo.sh - run inside the test VM by run-demo.sh: what a person would
# type on a real machine to bring up a simulated card and look at it.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tapictl=$top/libtapi/tapictl
sim=/sys/kernel/config/tapi-sim

step() { printf '\n$ %s\n' "$*"; "$@"; }

step insmod "$TAPI_KMOD_DIR/kmod/tapi.ko"
step insmod "$TAPI_KMOD_DIR/tsp/sim/tapi_sim.ko"

# A card "office" with three lines; the third has two numbers and takes fax.
step mkdir "$sim/office"
for n in 0 1 2; do
	step mkdir "$sim/office/line$n"
done
echo "reception" > "$sim/office/line0/name"
echo "2001" > "$sim/office/line0/numbers"
echo "sales" > "$sim/office/line1/name"
echo "2002" > "$sim/office/line1/numbers"
echo "fax" > "$sim/office/line2/name"
echo "2003 2004" > "$sim/office/line2/numbers"
echo 0x17 > "$sim/office/line2/media_modes"
step grep . "$sim"/office/line*/name "$sim"/office/line*/numbers \
	"$sim"/office/line*/media_modes
step sh -c "echo 1 > $sim/office/live"
step cat "$sim/office/dev_name"
dev=$(cat "$sim/office/dev_name")
step ls -l "/dev/$dev" "/sys/class/tapi/$dev/"

step "$tapictl" list
step "$tapictl" caps "$dev:2"
step "$tapictl" caps office:0 --json

# Take the card down again and unload, as on a real machine.
step sh -c "echo 0 > $sim/office/live"
step sh -c "rmdir $sim/office/line* $sim/office"
step rmmod tapi_sim
step rmmod tapi
