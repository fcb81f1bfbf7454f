#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-env.sh - pick the kernel to build against and to boot.
#
# Usage: . scripts/kernel-env.sh      (sets and exports KDIR KREL KERNEL)
#        scripts/kernel-env.sh        (prints KDIR=... KREL=... KERNEL=...)
#
# KDIR    kernel build tree; default /lib/modules/$(uname -r)/build when it
#         exists, else the newest /usr/src/linux-headers-*-amd64
# KREL    release of KDIR: UTS_RELEASE from include/generated/utsrelease.h
#         (Debian's headers put the upstream "6.1.192" in
#         include/config/kernel.release, not "6.1.0-56-amd64"), falling
#         back to include/config/kernel.release
# KERNEL  image to boot; default /boot/vmlinuz-$KREL
#
# KDIR and KERNEL already set in the environment are respected; KREL is
# always derived from KDIR. Sourced, it returns 1 (and prints why) if no
# build tree is found; run, it exits 1.

_kenv_main()
{
	if [ -z "${KDIR:-}" ]; then
		if [ -d "/lib/modules/$(uname -r)/build" ]; then
			KDIR=/lib/modules/$(uname -r)/build
		else
			# Highest version, not the last one by name.
			KDIR=$(printf '%s\n' /usr/src/linux-headers-*-amd64 |
				sort -V | tail -n 1)
			[ -d "$KDIR" ] || KDIR=
		fi
	fi
	if [ -z "${KDIR:-}" ] || [ ! -d "$KDIR" ]; then
		echo "kernel-env: no kernel build tree (KDIR='${KDIR:-}')" >&2
		return 1
	fi
	KREL=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
		"$KDIR/include/generated/utsrelease.h" 2>/dev/null || true)
	if [ -z "$KREL" ] && [ -r "$KDIR/include/config/kernel.release" ]; then
		KREL=$(cat "$KDIR/include/config/kernel.release")
	fi
	if [ -z "$KREL" ]; then
		echo "kernel-env: cannot tell the release of $KDIR" >&2
		return 1
	fi
	KERNEL=${KERNEL:-/boot/vmlinuz-$KREL}
	export KDIR KREL KERNEL
}

# Strict mode only when run: sourced, it must not change the caller.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	_kenv_main || exit 1
	printf 'KDIR=%s\nKREL=%s\nKERNEL=%s\n' "$KDIR" "$KREL" "$KERNEL"
else
	_kenv_main
	_kenv_rc=$?
	unset -f _kenv_main
	return "$_kenv_rc"
fi
