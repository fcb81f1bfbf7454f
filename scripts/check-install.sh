#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-install.sh - "make install" into staging directories, on the host.
#
# Usage: scripts/check-install.sh
#
# "make install DESTDIR=dir PREFIX=/usr" must install the modules (built
# against KDIR), libtapi (shared, static, header, pkg-config file), tapictl
# and the MSP commands, both uapi headers, the udev rules into UDEVDIR and
# the man pages, and must neither run depmod nor touch the machine's groups;
# "make install-user" leaves the modules out and honours UDEVDIR.  The
# staged library is then used as a program would: the example of
# libtapi(3) is built with the staged pkg-config file and run far enough to
# load the staged library.  The man pages render without a warning.
#
# Output: TAP on stdout; exit status 0 when every case passed.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1${2:+ # $2}"; }
# has DESCRIPTION TEST...: one case, passed when TEST succeeds.
has() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

echo "TAP version 13"
eval "$(scripts/kernel-env.sh)"

groups_before=$(sha256sum /etc/group)
D=$tmp/stage
if make -s install DESTDIR="$D" PREFIX=/usr >"$tmp/install.log" 2>&1; then
	ok "make install DESTDIR PREFIX=/usr"
else
	fail "make install DESTDIR PREFIX=/usr" "$(tail -n 5 "$tmp/install.log" |
		tr '\n' ' ')"
fi

M=$D/lib/modules/$KREL/extra
for f in "$M/kmod/tapi.ko" "$M/tsp/sim/tapi_sim.ko" \
	 "$D/usr/lib/libtapi.a" "$D/usr/lib/libtapi.so.0.1.0" \
	 "$D/usr/include/libtapi.h" "$D/usr/include/linux/tapi.h" \
	 "$D/usr/include/linux/tapi_netlink.h" \
	 "$D/usr/lib/pkgconfig/libtapi.pc" \
	 "$D/lib/udev/rules.d/60-tapi.rules" \
	 "$D/usr/share/man/man1/tapictl.1" "$D/usr/share/man/man3/libtapi.3"; do
	has "installed ${f#"$D"}" test -f "$f"
done
for f in tapictl tapi-play tapi-record tapi-tonecheck; do
	has "installed /usr/bin/$f" test -x "$D/usr/bin/$f"
done
for f in libtapi.so.0 libtapi.so; do
	has "/usr/lib/$f links to libtapi.so.0.1.0" \
		test "$(readlink "$D/usr/lib/$f")" = libtapi.so.0.1.0
done
has "the installed rules are kmod/60-tapi.rules" \
	cmp -s kmod/60-tapi.rules "$D/lib/udev/rules.d/60-tapi.rules"
has "the rules give /dev/tapi* to group tapi, mode 0660" \
	grep -q '^SUBSYSTEM=="tapi", KERNEL=="tapi\[0-9\]\*", GROUP="tapi", MODE="0660"$' \
	"$D/lib/udev/rules.d/60-tapi.rules"
for f in tapi.h tapi_netlink.h; do
	has "installed <linux/$f> is uapi/linux/$f" \
		cmp -s "uapi/linux/$f" "$D/usr/include/linux/$f"
done
has "tapi.ko is the module for $KREL" \
	test "$(modinfo -F vermagic "$M/kmod/tapi.ko" | cut -d' ' -f1)" = "$KREL"
has "libtapi.pc names prefix /usr" \
	grep -qx 'prefix=/usr' "$D/usr/lib/pkgconfig/libtapi.pc"
has "with DESTDIR, no depmod" test ! -e "$D/lib/modules/$KREL/modules.dep"
has "with DESTDIR, /etc/group untouched" \
	test "$(sha256sum /etc/group)" = "$groups_before"
has "nothing installed outside DESTDIR's /usr and /lib" \
	test "$(ls "$D" | tr '\n' ' ')" = "lib usr "

# The library as a program uses it: libtapi(3)'s example, built with the
# staged pkg-config file, linked to the staged shared library.
sed -n '/^\.EX$/,/^\.EE$/p' "$D/usr/share/man/man3/libtapi.3" |
	sed -n '/^#include <stdio.h>/,/^}$/p' |
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' >"$tmp/example.c"
flags=$(PKG_CONFIG_SYSROOT_DIR=$D PKG_CONFIG_PATH=$D/usr/lib/pkgconfig \
	pkg-config --cflags --libs libtapi 2>&1)
if cc -std=gnu11 -Wall -Wextra -Werror -o "$tmp/example" "$tmp/example.c" \
	$flags >"$tmp/cc.log" 2>&1; then
	ok "libtapi(3)'s example builds against the staged library"
else
	fail "libtapi(3)'s example builds against the staged library" \
		"$(head -n 3 "$tmp/cc.log" | tr '\n' ' ')"
fi
# No card on the host: it must get as far as failing to open tapi0.
if [ -x "$tmp/example" ]; then
	LD_LIBRARY_PATH=$D/usr/lib "$tmp/example" >/dev/null 2>&1
	has "the example runs on the staged libtapi.so.0 (exit 1, no card)" \
		test $? = 1
	has "the example needs libtapi.so.0" \
		grep -q 'libtapi\.so\.0' < <(LD_LIBRARY_PATH=$D/usr/lib ldd "$tmp/example")
fi

# install-user: no modules; UDEVDIR and PREFIX honoured.
U=$tmp/user
if make -s install-user DESTDIR="$U" PREFIX=/opt/tapi \
	UDEVDIR=/usr/lib/udev/rules.d >"$tmp/user.log" 2>&1; then
	ok "make install-user DESTDIR PREFIX UDEVDIR"
else
	fail "make install-user DESTDIR PREFIX UDEVDIR" \
		"$(tail -n 5 "$tmp/user.log" | tr '\n' ' ')"
fi
has "install-user: no modules" test ! -e "$U/lib/modules"
has "install-user: rules in UDEVDIR" \
	test -f "$U/usr/lib/udev/rules.d/60-tapi.rules"
has "install-user: tapictl in PREFIX" test -x "$U/opt/tapi/bin/tapictl"
has "install-user: man pages in PREFIX" \
	test -f "$U/opt/tapi/share/man/man1/tapictl.1"

# The man pages render without a warning.
for p in libtapi/man/tapictl.1 libtapi/man/libtapi.3; do
	out=$(groff -man -Tutf8 -ww -z "$p" 2>&1)
	if [ -z "$out" ]; then
		ok "$p: groff -ww quiet"
	else
		fail "$p: groff -ww quiet" "$(head -n 2 <<<"$out" | tr '\n' ' ')"
	fi
	if command -v mandoc >/dev/null; then
		out=$(mandoc -Tlint -Wall "$p" 2>&1)
		if [ -z "$out" ]; then
			ok "$p: mandoc -Tlint quiet"
		else
			fail "$p: mandoc -Tlint quiet" "$(head -n 2 <<<"$out" |
				tr '\n' ' ')"
		fi
	fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
