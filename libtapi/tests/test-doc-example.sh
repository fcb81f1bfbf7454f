#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the example program of Documentation/libtapi.rst and run it against
# fake-tapi.so, so that the documentation stays in step with the API.
# TAP output.
#
# Usage: tests/test-doc-example.sh RST CC CFLAGS...

RST=$1
CC=$2
shift 2
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

echo "TAP version 13"
echo "1..3"

# The literal block starting at "/* watch-line.c", indented four spaces.
awk '/^    \/\* watch-line\.c/ { on = 1 }
     on && /^[^ ]/ { exit }
     on { sub(/^    /, ""); print }' "$RST" >"$DIR/watch-line.c"

if grep -q '^int main' "$DIR/watch-line.c"; then
	echo "ok 1 - example found in $RST"
else
	echo "not ok 1 - example found in $RST"
	exit 1
fi

if "$CC" "$@" -o "$DIR/watch-line" "$DIR/watch-line.c" -L. -ltapi \
	>"$DIR/cc.log" 2>&1; then
	echo "ok 2 - example builds with -Werror"
else
	echo "not ok 2 - example builds with -Werror"
	sed 's/^/# /' "$DIR/cc.log"
	exit 1
fi

LD_LIBRARY_PATH=. LD_PRELOAD=./tests/fake-tapi.so FAKE_TAPI_REMOVED=1 \
	timeout 10 "$DIR/watch-line" tapi0 >"$DIR/out" 2>&1
status=$?
if [ $status = 0 ] && grep -q '^line 0: Line 0 "front desk" \[interactivevoice|automatedvoice\]$' "$DIR/out" &&
   grep -q ' #3 callstate call 7 param0 2$' "$DIR/out" &&
   grep -q ' #4 removed call 0 param0 0$' "$DIR/out"; then
	echo "ok 3 - example lists lines and prints events until removal"
else
	echo "not ok 3 - example lists lines and prints events until removal (status $status)"
	sed 's/^/# /' "$DIR/out"
	exit 1
fi
