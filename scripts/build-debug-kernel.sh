#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-debug-kernel.sh - build (or reuse) the debug kernel that kernel CI
# boots: Debian's linux-source-6.1 with KASAN, lockdep, UBSAN, kmemleak,
# list debugging and fault injection, everything needed to boot built in.
#
# Usage: scripts/build-debug-kernel.sh [--force] [--keep-build] [-j N]
#
#   --force       rebuild even if the cache entry exists
#   --keep-build  keep the full build tree (several GB) after success
#   -j N          parallel jobs (default: nproc)
#
# The result is cached outside the repo in
#   ${TAPI_CACHE:-/var/cache/tapi}/debug-kernel/<key>/
#	bzImage    the kernel (release <version>-tapi-debug)
#	kit/       trimmed build tree: make -C kit M=/path/to/module modules
#	config     the kernel .config
#	build.log  the full build log
# where <key> hashes this script, the linux-source-6.1 package version and
# the first line of "gcc --version": a new compiler means a new kernel.
# The entry appears by rename only, so a finished entry is always complete.
# A failed build leaves .build-<key>/ and build-<key>.log next to it for a
# look; the next run starts over. Old keys are never pruned.
#
# The last two lines of stdout are KERNEL=<path> and KDIR=<path>:
#   eval "$(scripts/build-debug-kernel.sh | tail -n 2)"
#
# Exit status: 0 success, 1 failure (see the log), 2 usage error.

set -euo pipefail

SRC_PKG=linux-source-6.1
SRC_TAR=/usr/src/linux-source-6.1.tar.xz
LOCALVERSION=-tapi-debug

# Options we rely on; all must end up =y after olddefconfig.
WANT_Y=(
	KASAN KASAN_GENERIC KASAN_INLINE KASAN_VMALLOC
	PROVE_LOCKING DEBUG_ATOMIC_SLEEP
	DEBUG_KMEMLEAK
	UBSAN UBSAN_BOUNDS UBSAN_SHIFT UBSAN_SANITIZE_ALL
	DEBUG_LIST
	KPROBES FAULT_INJECTION FAILSLAB FUNCTION_ERROR_INJECTION
	FAIL_FUNCTION FAULT_INJECTION_DEBUG_FS
	DETECT_HUNG_TASK
	IO_URING CONFIGFS_FS DEBUG_FS
	MODULES MODULE_UNLOAD
	VIRTIO VIRTIO_PCI NET_9P NET_9P_VIRTIO 9P_FS 9P_FS_POSIX_ACL
	OVERLAY_FS DEVTMPFS DEVTMPFS_MOUNT TMPFS TMPFS_POSIX_ACL
	SERIAL_8250 SERIAL_8250_CONSOLE
	MAGIC_SYSRQ
	DEBUG_INFO_NONE
)

# Big subsystems a headless test guest never uses (off to save build time),
# and choices that would hide or change what the tests must see.
WANT_N=(
	DRM FB SOUND WIRELESS WLAN CFG80211 MAC80211 RFKILL BT
	USB_SUPPORT MEDIA_SUPPORT INPUT_JOYSTICK INPUT_TABLET
	INPUT_TOUCHSCREEN NETFILTER NFS_FS NFSD ETHERNET AGP
	HAMRADIO SECURITY_SELINUX
	DEBUG_KMEMLEAK_AUTO_SCAN DEBUG_KMEMLEAK_DEFAULT_OFF
	KASAN_OUTLINE UBSAN_TRAP
	DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT DEBUG_INFO_DWARF4
	DEBUG_INFO_DWARF5 DEBUG_INFO_BTF
	MODULE_SIG MODVERSIONS LOCALVERSION_AUTO
	PANIC_ON_OOPS WERROR
)

usage()
{
	sed -n 's/^# Usage: //p' "$0" >&2
	exit 2
}

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'build-debug-kernel: %s\n' "$*" >&2; exit 1; }

print_result()
{
	echo "KERNEL=$out/bzImage"
	echo "KDIR=$out/kit"
}

cached() { [ -f "$out/bzImage" ] && [ -f "$out/kit/Makefile" ]; }

# Run a step with its output in the log; show the log tail on failure.
step()
{
	local what=$1

	shift
	log "$what"
	if ! "$@" >>"$buildlog" 2>&1; then
		tail -n 40 "$buildlog" >&2
		die "$what failed, full log in $buildlog"
	fi
}

kmake() { make -C "$build" -j"$jobs" "$@"; }

configure()
{
	local cfg=("$build/scripts/config" --file "$build/.config")
	local missing=() o

	step "x86_64_defconfig + kvm_guest.config" \
		kmake x86_64_defconfig kvm_guest.config

	for o in "${WANT_Y[@]}"; do cfg+=(--enable "$o"); done
	for o in "${WANT_N[@]}"; do cfg+=(--disable "$o"); done
	cfg+=(--set-val DEBUG_KMEMLEAK_MEM_POOL_SIZE 16000)
	cfg+=(--set-str LOCALVERSION "$LOCALVERSION")
	step "applying debug options" "${cfg[@]}"
	step "olddefconfig" kmake olddefconfig

	for o in "${WANT_Y[@]}"; do
		grep -qx "CONFIG_$o=y" "$build/.config" || missing+=("$o")
	done
	[ ${#missing[@]} -eq 0 ] ||
		die "not =y after olddefconfig: ${missing[*]}"
	log "config ready: $(grep -c '=m$' "$build/.config" || true) options =m"
}

compile()
{
	local start=$SECONDS pid tick=0

	# "modules" as well: it writes Module.symvers, which the kit needs.
	log "building bzImage + modules with -j$jobs (takes a while)"
	kmake bzImage modules >>"$buildlog" 2>&1 &
	pid=$!
	# A heartbeat for CI logs without a tty: one line a minute.
	while sleep 5 && kill -0 "$pid" 2>/dev/null; do
		((++tick % 12 == 0)) || continue
		log "  ... $(((SECONDS - start) / 60)) min," \
			"$(grep -c '^  CC' "$buildlog" || true) objects compiled"
	done
	if ! wait "$pid"; then
		tail -n 40 "$buildlog" >&2
		die "kernel build failed, full log in $buildlog"
	fi
	log "kernel built in $(((SECONDS - start) / 60)) min" \
		"$(((SECONDS - start) % 60)) s"
}

# The kit holds what "make -C kit M=dir modules" reads and nothing else:
# no objects, no .cmd files, no sources the external build never touches.
make_kit()
{
	local kit=$1

	log "assembling kit"
	mkdir -p "$kit"
	(
		cd "$build"
		printf '%s\n' Makefile .config Module.symvers System.map
		find arch/x86 -maxdepth 1 -name 'Makefile*'
		find arch/x86 -name module.lds
		find include arch/x86/include scripts \
			\( -name '*.o' -o -name '.*.cmd' -o -name '*.a' \) -prune \
			-o \( -type f -o -type l \) -print
		if grep -qx 'CONFIG_OBJTOOL=y' .config; then
			echo tools/objtool/objtool
		fi
	) | tar -C "$build" -cf - --no-recursion -T - | tar -C "$kit" -xf -
}

# Prove the kit works: build a trivial external module against it.
test_kit()
{
	local kit=$1 dir=$2

	mkdir -p "$dir"
	cat >"$dir/kit_test.c" <<-'EOF'
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	#include <linux/slab.h>

	static int __init kit_test_init(void)
	{
		kfree(kzalloc(16, GFP_KERNEL));
		return 0;
	}
	module_init(kit_test_init);

	static void __exit kit_test_exit(void)
	{
	}
	module_exit(kit_test_exit);

	MODULE_DESCRIPTION("debug kernel kit self-test");
	MODULE_LICENSE("GPL");
	EOF
	echo 'obj-m := kit_test.o' >"$dir/Kbuild"
	step "building a test module against the kit" \
		make -C "$kit" M="$dir" modules
	[ -f "$dir/kit_test.ko" ] || die "kit self-test produced no module"
}

main()
{
	local force=0 keep_build=0 src_ver gcc_ver key top tmp

	jobs=$(nproc)
	while [ $# -gt 0 ]; do
		case "$1" in
		--force) force=1 ;;
		--keep-build) keep_build=1 ;;
		-j) [ $# -ge 2 ] || usage; jobs=$2; shift ;;
		-j[0-9]*) jobs=${1#-j} ;;
		*) usage ;;
		esac
		shift
	done

	[ -r "$SRC_TAR" ] || die "$SRC_TAR missing (run scripts/install-deps.sh)"
	src_ver=$(dpkg-query -W -f='${Version}' "$SRC_PKG" 2>/dev/null) ||
		die "package $SRC_PKG is not installed"
	gcc_ver=$(gcc --version | head -n 1)
	key=$({ cat "$0"; echo "$src_ver"; echo "$gcc_ver"; } |
		sha256sum | cut -c1-16)

	top=${TAPI_CACHE:-/var/cache/tapi}/debug-kernel
	out=$top/$key

	if [ "$force" = 0 ] && cached; then
		print_result
		return 0
	fi

	mkdir -p "$top"
	# One build at a time; a waiter then takes the fast path.
	exec 9>"$top/.lock"
	if ! flock -n 9; then
		log "another build holds $top/.lock, waiting"
		flock 9
	fi
	if [ "$force" = 0 ] && cached; then
		print_result
		return 0
	fi

	build=$top/.build-$key
	tmp=$top/.tmp-$key.$$
	buildlog=$top/build-$key.log
	trap 'rm -rf "'"$tmp"'"' EXIT
	rm -rf "$build" "$tmp"
	mkdir -p "$build" "$tmp"
	: >"$buildlog"
	log "key $key ($SRC_PKG $src_ver, $gcc_ver)"
	log "full log: $buildlog"

	step "extracting $SRC_TAR" \
		tar -xJf "$SRC_TAR" -C "$build" --strip-components=1
	configure
	compile
	make_kit "$tmp/kit"
	test_kit "$tmp/kit" "$top/.kit-test-$key.$$"
	rm -rf "$top/.kit-test-$key.$$"

	cp "$build/arch/x86/boot/bzImage" "$tmp/bzImage"
	cp "$build/.config" "$tmp/config"
	mv "$buildlog" "$tmp/build.log"
	rm -rf "$out"
	mv "$tmp" "$out"
	[ "$keep_build" = 1 ] || rm -rf "$build"
	log "cached in $out (kit $(du -sh "$out/kit" | cut -f1))"
	print_result
}

# Everything runs from inside main(), so bash has parsed the whole script
# before the first step: editing it during a long build is safe.
main "$@"
exit
