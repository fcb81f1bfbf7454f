#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the example programs of Documentation/libtapi.rst and run them
# against fake-tapi.so, so that the documentation stays in step with the
# API.  TAP output.
#
# Usage: tests/test-doc-example.sh RST CC CFLAGS...

RST=$1
CC=$2
shift 2
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

num=0
failed=0

ok() {
	num=$((num + 1))
	if [ "$1" = 0 ]; then
		echo "ok $num - $2"
	else
		echo "not ok $num - $2"
		failed=$((failed + 1))
		[ -n "$3" ] && sed 's/^/# /' "$3"
	fi
}

# build NAME CFLAGS...: extract the literal block starting at "/* NAME",
# indented four spaces, into $DIR/NAME and build it.
build() {
	name=$1
	shift
	awk -v name="$name" 'index($0, "    /* " name) == 1 { on = 1 }
	     on && /^[^ ]/ { exit }
	     on { sub(/^    /, ""); print }' "$RST" >"$DIR/$name"
	grep -q '^int main' "$DIR/$name"
	ok $? "example $name found in $RST"
	"$CC" "$@" -o "$DIR/${name%.c}" "$DIR/$name" -L. -ltapi \
		>"$DIR/cc.log" 2>&1
	ok $? "example $name builds with -Werror" "$DIR/cc.log"
}

# run EXAMPLE ARGS...: run it against the fake; output in $DIR/out.
run() {
	prog=$1
	shift
	LD_LIBRARY_PATH=. LD_PRELOAD=./tests/fake-tapi.so \
		timeout 10 "$DIR/$prog" "$@" >"$DIR/out" 2>&1
	status=$?
}

echo "TAP version 13"

build watch-line.c "$@"
FAKE_TAPI_REMOVED=1 run watch-line tapi0
[ $status = 0 ] &&
	grep -q '^line 0: Line 0 "front desk" \[interactivevoice|automatedvoice\]$' "$DIR/out" &&
	grep -q ' #3 callstate call 7 param0 2$' "$DIR/out" &&
	grep -q ' #4 removed call 0 param0 0$' "$DIR/out"
ok $? "watch-line lists lines and prints events until removal (status $status)" \
	"$DIR/out"

build place-call.c "$@"
run place-call tapi0 1001
[ $status = 0 ] &&
	grep -q '^call state proceeding$' "$DIR/out" &&
	tail -n 2 "$DIR/out" | head -n 1 | grep -q '^call state connected (active)$' &&
	tail -n 1 "$DIR/out" | grep -q '^hung up$'
ok $? "place-call follows a call until connected, then hangs up (status $status)" \
	"$DIR/out"
run place-call tapi0 noanswer
[ $status = 0 ] &&
	grep -q '^call state disconnected (noanswer)$' "$DIR/out" &&
	tail -n 1 "$DIR/out" | grep -q '^hung up$'
ok $? "place-call: a call nobody answers (status $status)" "$DIR/out"
run place-call tapi0 fail
[ $status = 1 ] &&
	grep -q '^the call failed: Input/output error$' "$DIR/out"
ok $? "place-call: a request that fails (status $status)" "$DIR/out"
run place-call tapi0 full
[ $status = 1 ] &&
	grep -q '^make call: Device or resource busy$' "$DIR/out"
ok $? "place-call: a request refused at once (status $status)" "$DIR/out"

# The io_uring example: the double's line fds are pipes, on which every
# command fails with EOPNOTSUPP, which the example reports and exits 1.
build ring-call.c "$@"
run ring-call tapi0 1001
[ $status = 1 ] &&
	grep -Eq '^(readevents|makecall): Operation not supported$' "$DIR/out"
ok $? "ring-call reports a command that failed (status $status)" "$DIR/out"

echo "1..$num"
exit $((failed != 0))
