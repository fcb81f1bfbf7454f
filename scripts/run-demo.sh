#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-demo.sh - the demo, from a fresh Debian 12 machine (root): build
# everything, boot the stock Debian kernel in qemu, create a simulated card
# with a few lines through configfs, show it with tapictl, make calls with
# tapictl, play, record and key digits into a call with the MSP tools,
# transfer a call, and hear every party of a three-way conference.
#
# Usage: scripts/run-demo.sh

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh --demo
make -s -C libtapi
make -s -C msp
eval "$(scripts/kernel-env.sh)"
scripts/build-modules.sh "$KDIR" build/stock >/dev/null
TAPI_KMOD_DIR=$top/build/stock scripts/vm-run.sh --kernel "$KERNEL" \
	--log build/stock/demo-kernel.log --timeout 600 \
	--env TAPI_KMOD_DIR -- scripts/vm-demo.sh
