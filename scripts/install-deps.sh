#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# install-deps.sh - install every Debian package the build and tests need.
#
# Usage: scripts/install-deps.sh [--demo]
#
# --demo adds what only the demo uses: espeak-ng and sox, which speak and
# resample its prompt.
#
# Idempotent and non-interactive. When everything is already installed it
# does nothing (no "apt-get update"); otherwise it runs "apt-get update"
# once and installs what is missing. Must run as root.
#
# Exit status: 0 all installed, 1 apt failed or not root.

set -euo pipefail

# One list for the whole project: append here, one package per line.
PACKAGES=(
	build-essential
	linux-headers-amd64
	linux-image-amd64
	linux-source-6.1
	qemu-system-x86
	busybox-static
	cpio
	gzip
	xz-utils
	zstd
	liburing-dev
	libsndfile1-dev
	libspandsp-dev
	libnl-3-dev
	libnl-genl-3-dev
	pkg-config
	python3
	python3-yaml
	sparse
	bc
	bison
	flex
	libssl-dev
	libelf-dev
	dwarves
	kmod
	rsync
	util-linux
	linux-perf
	coreutils
	patch
	# DAHDI, for the DAHDI bridge TSP (tsp/dahdi/) and its tests: the
	# source the tests build DAHDI's modules from (build-dahdi.sh), the
	# tools (dahdi_cfg, dahdi_scan, dahdi_test), and the modules built by
	# DKMS for a real machine.  dahdi-dkms installs on Debian 12: its
	# DKMS build for linux-headers-6.1.0-57-amd64 succeeds (2.5 minutes
	# on 2 cores); the tests do not use its modules.
	dahdi-source
	dahdi
	dahdi-dkms
)

# The demo's spoken prompt: a voice and a resampler.
if [ "${1:-}" = --demo ]; then
	PACKAGES+=(espeak-ng sox)
fi

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#PACKAGES[@]} packages installed"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: need root to install: ${missing[*]}" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null
apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
